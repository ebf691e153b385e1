package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minWords is the fewest words a quoted sentence may have: shorter ones
// ("Scroll down for video.", "He declined.") say too little on their own.
const minWords = 6

// quotable reports whether a sentence of body text, of words words and
// nterms meaningful terms, can stand in a summary: long enough, not a
// question, not a caption written inline ("Chaos: crowds ran…").
func quotable(text string, words, nterms int) bool {
	switch {
	case words < minWords || nterms < 3:
		return false
	case isQuestion(text):
		return false
	case isInlineCaption(text):
		return false
	}
	return true
}

// isQuestion reports whether text ends with a question mark, possibly
// inside closing quotes: a rhetorical question is not a fact.
func isQuestion(text string) bool {
	t := strings.TrimRightFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || isCloseQuote(r) || r == '\''
	})
	return strings.HasSuffix(t, "?")
}

// isInlineCaption reports whether text opens with a short label and a
// colon, as picture captions run into the text do ("Smoking area: the man
// was…"), rather than with an attribution ("Mr Blair said: …").
func isInlineCaption(text string) bool {
	label, rest, ok := strings.Cut(text, ":")
	if !ok || strings.TrimSpace(rest) == "" {
		return false
	}
	words := strings.Fields(label)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		w = strings.ToLower(strings.TrimFunc(w, isPunct))
		if w == "" || speechVerbs[w] || strings.ContainsAny(w, "0123456789") {
			return false // "said:", "10:30", "1:0"
		}
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(rest))
	return !isOpenQuote(r) && r != '`'
}

// dependent reports whether a sentence leans on the one before it: it
// opens with a pronoun or a demonstrative whose referent came before ("He
// added…", "It said…", "This comes as…") or with a closing quote.
//
// Connectives ("But…", "However…") are not counted: the sentence still
// says something whole. Treating them as leaning cost 0.8 ROUGE-1 on the
// BBC dev half, where the reference extracts take them alone, for no gain
// on CNN/DailyMail.
func dependent(text string) bool {
	t := strings.TrimLeftFunc(text, unicode.IsSpace)
	r, _ := utf8.DecodeRuneInString(t)
	switch {
	case isCloseQuote(r):
		return true
	case isOpenQuote(r) || r == '\'' || r == '`':
		return false // a quotation's first word is the speaker's, not the article's
	}
	first := strings.ToLower(strings.TrimFunc(firstWord(t), isPunct))
	return pronouns[first]
}

// dangling reports whether a sentence opens a quotation that runs on into
// the next sentence without saying who speaks ("“We can’t force Ukraine
// to make a deal."): alone it is half a quote from nobody.
func dangling(text string) bool {
	var q quoteScanner
	q.scan(text)
	return q.open && !hasSpeechVerb(text)
}

func hasSpeechVerb(t string) bool {
	for _, w := range strings.Fields(t) {
		if speechVerbs[strings.ToLower(strings.TrimFunc(w, isPunct))] {
			return true
		}
	}
	return false
}

// showsQuote reports whether text has a double quotation mark. A sentence
// that goes on with a quotation an earlier sentence opened, without one
// ("We can't force Russia to make a deal."), would read alone as the
// article's voice rather than a speaker's: it leans on its predecessor.
func showsQuote(text string) bool {
	return strings.ContainsAny(text, "\"“”„«»") || strings.Contains(text, "``") || strings.Contains(text, "''")
}

// A quoteScanner follows whether a quotation is open through a
// paragraph, fed piece by piece. Curly quotes, guillemets and the doubled
// quotes of tokenized text (a pair of backticks, a pair of apostrophes)
// say which way they face; a straight double quote opens when it follows
// a space, an opening bracket or a colon and comes before a word, and
// closes when no word follows it.
type quoteScanner struct {
	open bool
	prev rune // the last rune scanned; 0 at the start of the paragraph
}

func (q *quoteScanner) scan(text string) {
	for i, r := range text {
		switch r {
		case '“', '«', '„':
			q.open = true
		case '”', '»':
			q.open = false
		case '`':
			if strings.HasPrefix(text[i:], "``") {
				q.open = true
			}
		case '\'':
			if strings.HasPrefix(text[i:], "''") {
				q.open = false
			}
		case '"':
			next, _ := utf8.DecodeRuneInString(text[i+1:])
			word := unicode.IsLetter(next) || unicode.IsDigit(next)
			opener := q.prev == 0 || unicode.IsSpace(q.prev) || q.prev == '(' || q.prev == ':'
			switch {
			case opener && word:
				q.open = true
			case !word:
				q.open = false
			}
		}
		q.prev = r
	}
}

func firstWord(t string) string {
	if i := strings.IndexFunc(t, unicode.IsSpace); i >= 0 {
		return t[:i]
	}
	return t
}

func isPunct(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func isOpenQuote(r rune) bool {
	return r == '"' || r == '“' || r == '‘' || r == '«' || r == '„'
}

func isCloseQuote(r rune) bool { return r == '”' || r == '’' || r == '»' }

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// pronouns open a sentence that refers back: personal and possessive
// pronouns of the third person and demonstratives.
var pronouns = wordSet("he she it they him her his hers its their theirs them this that these those such")

// speechVerbs attribute a quotation to its speaker.
var speechVerbs = wordSet(`said says say told tells added adds wrote writes stated states explained
explains asked asks warned warns insisted insists argued argues claimed claims according noted
notes continued replied admitted admits announced declared described`)
