package retrieval

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitArticle returns the quotable sentences of a: those of Text and
// Bullet lines, without list markers or a leading dateline.
func splitArticle(a *Article) []Sentence {
	var out []Sentence
	for i, l := range a.Lines {
		if !l.Kind.Quotable() {
			continue
		}
		start, end := int(l.Start), int(l.End)
		text := a.Body[start:end]
		lead := len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace))
		text = text[lead:]
		skip := bulletMarker(text)
		if skip == 0 {
			skip = datelinePrefix(text)
		}
		start += lead + skip
		for _, span := range SplitSentences(a.Body[start:end]) {
			out = append(out, Sentence{
				Index: int32(len(out)),
				Line:  int32(i + 1),
				Start: int32(start + span[0]),
				End:   int32(start + span[1]),
			})
		}
	}
	// An exact copy: append's spare capacity would stay allocated for as
	// long as the article lives.
	return slices.Clone(out)
}

// SplitSentences splits one paragraph of news English into sentences and
// returns their byte spans [start, end) in text, trimmed of white space.
// It knows abbreviations (Mr., U.S., Jan. 5, a.m.), initials, decimals and
// money ($4.5bn), sentences that end inside closing quotes (“…deal.” He),
// quotes that go on after a comma or a question mark (“Why?” he asked),
// and ellipses. Spans without a letter or digit are dropped.
func SplitSentences(text string) [][2]int {
	var spans [][2]int
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isTerminator(r) {
			i += n
			continue
		}
		end := skipRunes(text, i, isTerminator)
		end = skipRunes(text, end, isCloser)
		next := skipRunes(text, end, unicode.IsSpace)
		if next == end && end < len(text) || next >= len(text) {
			i = end
			continue
		}
		if isBoundary(text, start, i, end, next) {
			spans = appendSpan(spans, text, start, end)
			start = next
		}
		i = next
	}
	return appendSpan(spans, text, start, len(text))
}

func isTerminator(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func skipRunes(s string, i int, f func(rune) bool) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !f(r) {
			break
		}
		i += n
	}
	return i
}

func appendSpan(spans [][2]int, text string, start, end int) [][2]int {
	seg := text[start:end]
	lead := len(seg) - len(strings.TrimLeftFunc(seg, unicode.IsSpace))
	seg = strings.TrimSpace(seg)
	if !hasLetterOrDigit(seg) {
		return spans
	}
	return append(spans, [2]int{start + lead, start + lead + len(seg)})
}

// isBoundary decides whether the terminators at text[dot:end] end the
// sentence that started at start, given that the next one would begin at
// next.
func isBoundary(text string, start, dot, end, next int) bool {
	nr, _ := utf8.DecodeRuneInString(text[next:])
	opens := unicode.IsUpper(nr) || unicode.IsDigit(nr) || isOpener(nr)
	if !opens {
		return false // “Why?” he asked. / … and so on.
	}
	if text[dot] != '.' || end-dot > 1 && text[dot+1] == '.' {
		return true // ! ? … and "..." followed by a capital
	}
	if text[dot+1:end] != "" && strings.Trim(text[dot+1:end], "\"'”’»)]›") == "" {
		return true // deal.” Next
	}
	word := wordBefore(text, start, dot)
	nextWord := strings.ToLower(strings.TrimFunc(firstWord(text[next:]), func(r rune) bool { return !unicode.IsLetter(r) }))
	lw := strings.ToLower(word)
	switch {
	case word == "":
		return true
	case isTitleAbbrev(lw):
		return false // Mr. Smith, Dr. Jones, St. Louis
	case isMonthAbbrev(lw) || isNumberAbbrev(lw):
		return !unicode.IsDigit(nr) // Jan. 5, No. 10
	case isInitial(word) || isDottedAbbrev(word):
		// J. K. Rowling, the U.S. Senate, 9 a.m. Eastern: a boundary only
		// when the next word is one that usually opens a sentence.
		return isSentenceStarter(nextWord)
	case isCompanyAbbrev(lw):
		return isSentenceStarter(nextWord)
	}
	return true
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '(', '[', '‹', '¿', '¡', '$', '£', '€':
		return true
	}
	return false
}

// wordBefore returns the word that ends at the period text[dot], without
// opening punctuation: "U.S" in "the U.S.", "Mr" in "(Mr.".
func wordBefore(text string, start, dot int) string {
	i := dot
	for i > start {
		r, n := utf8.DecodeLastRuneInString(text[start:i])
		if unicode.IsSpace(r) || isOpener(r) || r == '—' || r == '–' {
			break
		}
		i -= n
	}
	return text[i:dot]
}

func firstWord(s string) string {
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// isInitial reports whether w is a single letter: the J in "J. Smith".
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsLetter(r)
}

var (
	titleAbbrevs   = toSet("mr mrs ms mx dr prof st sen rep gov gen lt col maj sgt capt cmdr adm rev hon pres supt det insp fr sr jr mt ft messrs mme mlle")
	monthAbbrevs   = toSet("jan feb mar apr jun jul aug sep sept oct nov dec")
	numberAbbrevs  = toSet("no nos vol vols p pp fig figs art ch sec para")
	companyAbbrevs = toSet("inc corp ltd co bros plc llc etc vs approx est dept univ assn")
	// sentenceStarters are words that commonly open a sentence; after an
	// ambiguous abbreviation they tip the decision to a boundary.
	sentenceStarters = toSet("the a an he she it they we i you but and so yet in on at this that these those his her their its our there here after before when while if as however meanwhile then still also both some many most officials police according")
)

func isTitleAbbrev(w string) bool     { _, ok := titleAbbrevs[w]; return ok }
func isMonthAbbrev(w string) bool     { _, ok := monthAbbrevs[w]; return ok }
func isNumberAbbrev(w string) bool    { _, ok := numberAbbrevs[w]; return ok }
func isCompanyAbbrev(w string) bool   { _, ok := companyAbbrevs[w]; return ok }
func isSentenceStarter(w string) bool { _, ok := sentenceStarters[w]; return ok }

// isDottedAbbrev reports whether w is letters separated by periods, each
// part one or two letters: U.S, a.m, Ph.D, e.g.
func isDottedAbbrev(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		n := utf8.RuneCountInString(part)
		if n == 0 || n > 2 || strings.ContainsFunc(part, func(r rune) bool { return !unicode.IsLetter(r) }) {
			return false
		}
	}
	return true
}
