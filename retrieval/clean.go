package retrieval

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cleaning decides, line by line, what on a scraped page is news. The rules
// are general, written for pages nobody here has seen:
//
//   - the title printed again in the body is a Repeat;
//   - a short line without closing punctuation is a Heading (section
//     titles, bylines, "SHARE NEWS", "like0");
//   - a line of capitals ending in a colon or dash is a Dateline ("MIAMI:");
//   - credits and captions ("Photo: …", "… (EPA Images pic)") are Captions;
//   - counters, subscribe/follow calls and copyright lines are Furniture;
//   - a label that introduces other stories ("Similar news", "Related",
//     "Read more") starts a Teaser block that runs to the end of the file.
//
// classify sets Kind on every line from index first on, and the title.
func classify(a *Article, first int) {
	teaser := false
	title := ""
	if a.Title != "" {
		title = foldKey(a.Title)
	}
	for i := first; i < len(a.Lines); i++ {
		l := &a.Lines[i]
		text := strings.TrimSpace(a.Body[l.Start:l.End])
		switch {
		case text == "":
			l.Kind = Blank
		case a.Title == "":
			a.Title, l.Kind = titleOf(text)
			title = foldKey(a.Title)
		case teaser:
			l.Kind = Teaser
		case foldKey(text) == title:
			l.Kind = Repeat
		case isTeaserLabel(text):
			l.Kind = Teaser
			teaser = true
		default:
			l.Kind = lineKind(text)
		}
	}
}

// titleOf derives the title from the first non-empty line. A short line
// is the title itself. A page without a title line opens with a paragraph:
// its first words become the title and the line stays quotable text.
func titleOf(text string) (string, Kind) {
	if endsSentence(text) && wordCount(text) > headingWords*2 {
		words := strings.Fields(text)
		if spans := SplitSentences(text); len(spans) > 0 {
			words = strings.Fields(text[spans[0][0]:spans[0][1]])
		}
		if len(words) > headingWords {
			return strings.Join(words[:headingWords], " ") + "…", Text
		}
		return strings.Join(words, " "), Text
	}
	return text, Title
}

// lineKind classifies one non-empty body line.
func lineKind(text string) Kind {
	switch {
	case isCaption(text):
		return Caption
	case isFurniture(text):
		return Furniture
	case isDateline(text):
		return Dateline
	case bulletMarker(text) > 0:
		if isHeadingLike(text[bulletMarker(text):]) {
			return Heading
		}
		return Bullet
	case isHeadingLike(text):
		return Heading
	}
	return Text
}

// headingWords is the most words a line without closing punctuation may
// have and still be a heading rather than an unpunctuated paragraph.
const headingWords = 12

// isHeadingLike reports whether text is short and does not end a sentence.
func isHeadingLike(text string) bool {
	return !endsSentence(text) && wordCount(text) <= headingWords
}

// endsSentence reports whether text ends with closing punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(text string) bool {
	text = strings.TrimRightFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || isCloser(r)
	})
	r, _ := utf8.DecodeLastRuneInString(text)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '›':
		return true
	}
	return false
}

func wordCount(s string) int {
	return len(strings.Fields(s))
}

// foldKey reduces a line to lower-case letters and digits, for comparing
// a repeated title that differs only in case, spacing or punctuation.
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// teaserLabels open a block of links to other stories.
var teaserLabels = []string{
	"similar", "related", "read more", "read next", "more from", "more on",
	"more news", "more stories", "more in", "recommended", "you may also",
	"you might also", "also read", "see also", "most read", "most popular",
	"most viewed", "trending", "latest news", "latest stories", "top stories",
	"other news", "popular", "don't miss", "what to read next", "further reading",
	"in other news", "editor's picks", "more like this",
}

// isTeaserLabel reports whether text is a short label such as "Similar news"
// or "Read more:" that introduces a list of other stories.
func isTeaserLabel(text string) bool {
	if endsSentence(text) || wordCount(text) > 5 {
		return false
	}
	return hasLabelPrefix(normalizeLabel(text), teaserLabels)
}

// normalizeLabel lower-cases text, folds curly apostrophes and trims
// trailing colons, dashes and arrows.
func normalizeLabel(text string) string {
	s := strings.ToLower(strings.Map(foldRune, text))
	return strings.TrimRight(s, " :-–—>»›|")
}

func hasLabelPrefix(s string, labels []string) bool {
	for _, l := range labels {
		if s == l || strings.HasPrefix(s, l+" ") || strings.HasPrefix(s, l+":") {
			return true
		}
	}
	return false
}

// captionLabels start a credit or caption line: "Photo: Getty Images".
var captionLabels = []string{"photo", "photos", "image", "images", "picture", "pic", "photograph", "video", "credit", "credits", "illustration", "graphic", "file photo", "photo credit", "image credit", "caption", "watch"}

// creditWords in a closing parenthesis mark a caption: "(EPA Images pic)",
// "(Photo: Reuters)", "(AP Photo/Jane Doe)".
var creditWords = toSet("pic pics photo photos image images picture file credit getty reuters afp ap epa shutterstock bernama xinhua afp/getty reuters/file")

func isCaption(text string) bool {
	label, _, ok := strings.Cut(text, ":")
	if ok && wordCount(label) <= 2 {
		if hasLabelPrefix(strings.ToLower(strings.TrimSpace(label)), captionLabels) {
			return true
		}
	}
	lower := strings.ToLower(text)
	if strings.HasPrefix(lower, "photo by ") || strings.HasPrefix(lower, "image by ") {
		return true
	}
	// A closing parenthesis of a few words naming a picture or an agency.
	t := strings.TrimRight(text, " .")
	if !strings.HasSuffix(t, ")") {
		return false
	}
	open := strings.LastIndexByte(t, '(')
	if open < 0 {
		return false
	}
	inside := strings.ToLower(t[open+1 : len(t)-1])
	words := strings.FieldsFunc(inside, func(r rune) bool { return r == ' ' || r == '/' || r == ':' || r == ',' })
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	for _, w := range words {
		if _, ok := creditWords[w]; ok && hasPictureWord(words) {
			return true
		}
	}
	return false
}

// hasPictureWord reports whether a parenthesis names a picture rather
// than only an agency: "(Reuters)" after a sentence is attribution, while
// "(Reuters pic)" or "(Photo: Reuters)" is a credit.
func hasPictureWord(words []string) bool {
	for _, w := range words {
		switch w {
		case "pic", "pics", "photo", "photos", "image", "images", "picture", "file", "credit":
			return true
		}
	}
	return false
}

// ctaVerbs and ctaChannels mark calls to action: "Subscribe to our
// newsletter", "Follow us on WhatsApp", "Download our app".
var (
	ctaVerbs    = toSet("subscribe subscribed subscribing follow join download sign click tap share like watch listen get stay register install")
	ctaChannels = toSet("newsletter newsletters whatsapp telegram facebook twitter instagram youtube tiktok linkedin threads bluesky x podcast app apps mailbox inbox email e-mail rss channel notifications alerts google")
)

func isFurniture(text string) bool {
	lower := strings.ToLower(text)
	switch {
	case !hasLetterOrDigit(text):
		return true
	case isCounter(lower):
		return true
	case strings.Contains(lower, "©") || strings.Contains(lower, "all rights reserved") || strings.HasPrefix(lower, "copyright "):
		return true
	case isCallToAction(lower):
		return true
	case hasLabelPrefix(normalizeLabel(text), []string{"read more", "related", "see also", "also read", "read also", "recommended", "advertisement", "sponsored"}) && strings.Contains(text, ":"):
		return true
	}
	return false
}

// isCallToAction reports whether a line asks the reader to subscribe,
// follow or download: it opens with (or, in a short line, contains) a
// call verb and names a channel.
func isCallToAction(lower string) bool {
	words := strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	if len(words) == 0 || len(words) > 25 {
		return false
	}
	verb, channel := false, false
	for i, w := range words {
		if _, ok := ctaVerbs[w]; ok && (i == 0 || len(words) <= 15) {
			verb = true
		}
		if _, ok := ctaChannels[w]; ok {
			channel = true
		}
	}
	if words[0] == "subscribe" || words[0] == "advertisement" {
		return true
	}
	return verb && channel
}

// isCounter reports whether a line is a social counter: "like0",
// "12 comments", "Shares: 1.2k", "0".
func isCounter(lower string) bool {
	var words []string
	for _, f := range strings.FieldsFunc(lower, func(r rune) bool { return unicode.IsSpace(r) || r == ':' || r == '|' || r == '·' }) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
		if isCount(f) || w == "" {
			continue
		}
		if strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) {
			return false
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return true // digits and symbols only
	}
	if len(words) > 1 {
		return false
	}
	switch words[0] {
	case "like", "likes", "dislike", "dislikes", "comment", "comments", "share", "shares",
		"view", "views", "reaction", "reactions", "vote", "votes", "reply", "replies":
		return true
	}
	return false
}

// isCount reports whether f is a number as counters print it: 12, 1,024,
// 1.2k, 3M.
func isCount(f string) bool {
	f = strings.TrimRight(f, "kmKM")
	return f != "" && strings.Trim(f, "0123456789.,") == "" && strings.ContainsAny(f, "0123456789")
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isDateline reports whether text is a place name in capitals standing
// alone before a story: "MIAMI:", "NEW YORK (Reuters) —".
func isDateline(text string) bool {
	n := datelinePrefix(text)
	return n > 0 && strings.TrimSpace(text[n:]) == ""
}

// datelineRE matches a dateline opening a line: one to four words in
// capitals, an optional region after a comma, an optional agency in
// parentheses, then a colon or a dash: "MIAMI:", "KYIV, Ukraine (AP) — ".
var datelineRE = regexp.MustCompile(`^\p{Lu}[\p{Lu}\p{M}'’.\-]+(?: \p{Lu}[\p{Lu}\p{M}'’.\-]*){0,3}(?:, \p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)?)?(?: \([^()]{1,30}\))?\s*(?::|—|–|-)(?:\s+|$)`)

// datelinePrefix returns the byte length of a dateline opening text, or 0.
func datelinePrefix(text string) int {
	return len(datelineRE.FindString(text))
}

// bulletMarker returns the byte length of a list marker opening text
// ("- ", "• ", "* ", "1. "), or 0.
func bulletMarker(text string) int {
	for _, m := range []string{"- ", "• ", "* ", "– ", "— ", "· ", "▪ ", "► "} {
		if strings.HasPrefix(text, m) {
			return len(m)
		}
	}
	return 0
}
