package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// A Token is one analyzed word of a text: its index term and where it came
// from.
type Token struct {
	Term  string // normalized, case-folded, stemmed form used in the index
	Start int    // byte offset of the word in the analyzed text
	End   int    // byte offset just past the word
	Pos   int    // position among the text's words, counting stop words
}

// Analyze splits text into words and returns the tokens that carry meaning:
// each word is Unicode-normalized (NFKC, curly quotes and dashes folded),
// case-folded, stripped of a possessive ending, dropped if it is an English
// stop word, and reduced to its English snowball stem. The same function
// analyzes articles and questions, so "Ukraine’s rates" in a question meets
// "ukraine rate" in the index. Offsets refer to text as given. Analyze never
// fails: empty or symbol-only text gives no tokens. It is safe for
// concurrent use.
func Analyze(text string) []Token {
	return analyze(text, nil, nil)
}

// analyze appends the tokens of text to dst. cache, if not nil, memoizes
// stems across calls; it must not be shared between goroutines.
func analyze(text string, dst []Token, cache map[string]string) []Token {
	pos := 0
	for i := 0; i < len(text); {
		start, end := nextWord(text, i)
		if start < 0 {
			break
		}
		i = end
		word := text[start:end]
		pos++
		term, ok := normalizeWord(word)
		if !ok {
			continue
		}
		dst = append(dst, Token{Term: stem(term, cache), Start: start, End: end, Pos: pos - 1})
	}
	return dst
}

// nextWord returns the byte span of the next word at or after i, or -1.
// A word is a run of letters and digits; an apostrophe between letters
// (won’t, O’Brien), a period between single letters (U.S., a.m.) and a
// period or comma between digits (4.5, 90,000) stay inside the word.
// Marks (accents in decomposed form) stay with their letter.
func nextWord(s string, i int) (int, int) {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf { // ASCII, most text: no decoding
			if isASCIIAlnum(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			break
		}
		i += n
	}
	if i >= len(s) {
		return -1, -1
	}
	start := i
	for i < len(s) {
		if isASCIIAlnum(s[i]) {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) || unicode.IsMark(r) {
			i += n
			continue
		}
		if joinsWord(s, start, i, r, n) {
			i += n
			continue
		}
		break
	}
	return start, i
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// joinsWord reports whether the punctuation rune r at s[i:i+n] sits inside
// a word rather than between two.
func joinsWord(s string, start, i int, r rune, n int) bool {
	if i+n >= len(s) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[start:i])
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	switch r {
	case '\'', '’', 'ʼ':
		return unicode.IsLetter(prev) && unicode.IsLetter(next)
	case '.':
		if unicode.IsDigit(prev) && unicode.IsDigit(next) {
			return true
		}
		// U.S., a.m.: single letters separated by periods.
		return unicode.IsLetter(prev) && unicode.IsLetter(next) &&
			isSingleLetterBefore(s, start, i) && isSingleLetterAfter(s, i+n)
	case ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next) && digitsAfter(s, i+n) == 3
	}
	return false
}

func isSingleLetterBefore(s string, start, i int) bool {
	_, n := utf8.DecodeLastRuneInString(s[start:i])
	if i-n == start {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(s[start : i-n])
	return before == '.'
}

func isSingleLetterAfter(s string, j int) bool {
	_, n := utf8.DecodeRuneInString(s[j:])
	if j+n >= len(s) {
		return true
	}
	after, _ := utf8.DecodeRuneInString(s[j+n:])
	return !isWordRune(after)
}

func digitsAfter(s string, j int) int {
	k := 0
	for j+k < len(s) && '0' <= s[j+k] && s[j+k] <= '9' {
		k++
	}
	return k
}

// normalizeWord folds a raw word to its index form before stemming and
// reports whether it carries meaning (is not a stop word).
func normalizeWord(word string) (string, bool) {
	acronym := isAcronym(word)
	if !isASCII(word) {
		word = norm.NFKC.String(word)
		word = strings.Map(foldRune, word)
	}
	word = strings.ToLower(word)
	if strings.IndexByte(word, '.') >= 0 || strings.IndexByte(word, ',') >= 0 {
		if word[0] >= '0' && word[0] <= '9' {
			word = strings.ReplaceAll(word, ",", "") // 90,000 → 90000; 4.5 stays
		} else {
			word = strings.ReplaceAll(word, ".", "") // u.s → us
		}
	}
	word = stripPossessive(word)
	if word == "" {
		return "", false
	}
	// "US" and "U.S." are a country, not the pronoun "us": an all-capital
	// word is never a stop word.
	if !acronym && isStopWord(word) {
		return "", false
	}
	return word, true
}

// isAcronym reports whether word is written in capitals (US, NATO, U.S.)
// with at least two letters.
func isAcronym(word string) bool {
	letters := 0
	for _, r := range word {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			letters++
		}
	}
	return letters >= 2
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldRune maps typographic variants to their plain ASCII form.
func foldRune(r rune) rune {
	switch r {
	case '’', '‘', 'ʼ', '′', '`', '´':
		return '\''
	case '“', '”', '„', '″':
		return '"'
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return '-'
	}
	return r
}

// stripPossessive removes a possessive or contracted ’s and a plural
// possessive’s apostrophe: ukraine's → ukraine, officials' → officials.
func stripPossessive(w string) string {
	if strings.HasSuffix(w, "'s") {
		return w[:len(w)-2]
	}
	return strings.TrimSuffix(w, "'")
}

// stem returns the English snowball stem of a normalized word. Numbers and
// words with digits are kept as they are.
func stem(w string, cache map[string]string) string {
	if cache != nil {
		if s, ok := cache[w]; ok {
			return s
		}
	}
	s := w
	if base, ok := irregular[w]; ok {
		s = english.Stem(base, true)
	} else if !hasDigit(w) {
		s = english.Stem(w, true)
	}
	if cache != nil {
		cache[w] = s
	}
	return s
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
