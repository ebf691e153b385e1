package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Question words and answer cues. A question's word (who, when, how many,
// where, what is, why) says what kind of answer it wants; a sentence's
// cues say what kind it offers. FeatWho … FeatWhy are 1 when the two meet.

// askType is what a question asks for, from its question word.
type askType uint8

const (
	askOther  askType = iota
	askWho            // who did it: a name
	askWhen           // a date
	askCount          // a number or amount
	askWhere          // a place
	askDefine         // what X is: a definition
	askWhy            // a cause
)

// askOf reads the question word in the question's lower-cased words:
// who; when, or what/which year, date…; how many, how much, how long…;
// where, or what/which country, city…; what is X, what does X mean, who is
// X (a definition); why. It also returns the position of a word that only
// frames the question (long in "how long", year in "what year", mean in
// "what does X mean"), which a sentence need not repeat, or −1.
func askOf(words []string) (askType, int) {
	for i, w := range words {
		next, after := "", ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		if i+2 < len(words) {
			after = words[i+2]
		}
		switch w {
		case "who", "whom", "whose":
			if has(copulas, next) && i+4 >= len(words) {
				return askDefine, -1 // who is Rustem Umerov: one or two words after "is"
			}
			return askWho, -1
		case "when":
			return askWhen, -1
		case "where":
			return askWhere, -1
		case "why":
			return askWhy, -1
		case "how":
			if has(howCount, next) {
				return askCount, i + 1
			}
			return askOther, -1
		case "what", "which":
			for j, n := range words[i+1 : min(i+4, len(words))] {
				switch {
				case has(whenNouns, n):
					return askWhen, i + 1 + j
				case has(whereNouns, n):
					return askWhere, -1
				case has(countNouns, n):
					return askCount, -1
				}
			}
			last := len(words) - 1
			switch {
			case next == "does" && (words[last] == "mean" || words[last] == "stand"):
				return askDefine, last
			case has(copulas, next) || (next == "kind" || next == "type") && after == "of":
				return askDefine, -1
			}
			return askOther, -1
		}
	}
	return askOther, -1
}

func has(set map[string]struct{}, w string) bool {
	_, ok := set[w]
	return ok
}

var (
	copulas    = toSet("is are was were")
	howCount   = toSet("many much long old far big tall large high fast often deep heavy wide")
	whenNouns  = toSet("year years date day month century decade time era age season")
	whereNouns = toSet("country countries city cities state states place places town continent region location county province island river capital")
	countNouns = toSet("percentage percent number amount population price cost size height length weight distance")
)

// Answer cues, read from a sentence's own text.
var (
	dateWords   = toSet("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight century decade ago")
	numberWords = toSet("one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion dozen dozens half percent per cent")
	placeWords  = strings.Fields("in at from near outside inside across into throughout to")
	causeWords  = toSet("because due owing cause caused causes result reason reasons")
	defineWords = toSet("refers refer means meaning defined known called")
	articles    = toSet("a an the one")
)

// Cues are what a sentence offers an answer of some kind, read from its
// text once when it is indexed.
const (
	cueDate     uint8 = 1 << iota // a year, month or day: for when
	cueNumber                     // a number that is not a year or a day of the month, a number word or a currency sign: for how many
	cueDefine                     // "is a", "are the", "refers to", "known as"…: for what is
	cueCause                      // "because", "due to", "caused"…: for why
	cueComplete                   // ends with a period, question or exclamation mark
	cueName                       // may name someone: a capital after the first word (see nameCues)
	cuePlace                      // may name a place: a capital right after "in", "at"… (see nameCues)
)

// askCue is the cue that answers each kind of question read from the
// sentence alone; who and where also need the question (see nameCue).
var askCue = [...]uint8{askWhen: cueDate, askCount: cueNumber, askDefine: cueDefine, askWhy: cueCause}

// mayNameCue is the cue without which nameCue is false for a who or where
// question.
var mayNameCue = [...]uint8{askWho: cueName, askWhere: cuePlace}

// cueWords classifies the words sentenceCues looks for, one lookup a
// word.
var cueWords = func() map[string]uint8 {
	const (
		date = 1 << iota
		number
		copula
		article
		define
		cause
	)
	m := map[string]uint8{}
	for _, set := range []struct {
		words map[string]struct{}
		bit   uint8
	}{{dateWords, date}, {numberWords, number}, {copulas, copula}, {articles, article}, {defineWords, define}, {causeWords, cause}} {
		for w := range set.words {
			m[w] |= set.bit
		}
	}
	return m
}()

const (
	wordDate uint8 = 1 << iota
	wordNumber
	wordCopula
	wordArticle
	wordDefine
	wordCause
)

// sentenceCues returns the cues of a sentence's text. The words it looks
// for are ASCII, so it splits words on bytes: a word is a run of ASCII
// letters and digits, apostrophes and any non-ASCII bytes.
func sentenceCues(text string) uint8 {
	var cues uint8
	if endsSentence(text) {
		cues |= cueComplete
	}
	if strings.IndexByte(text, '$') >= 0 || strings.IndexByte(text, '%') >= 0 ||
		strings.Contains(text, "£") || strings.Contains(text, "€") {
		cues |= cueNumber
	}
	var prevKind uint8 // kind of the word before
	var buf [16]byte
	first := true
	for i := 0; i < len(text); {
		for i < len(text) && !isCueByte(text[i]) {
			i++
		}
		start := i
		for i < len(text) && isCueByte(text[i]) {
			i++
		}
		if start == i {
			break
		}
		w := text[start:i]
		var kind uint8
		if len(w) <= len(buf) {
			kind = cueWords[string(lowerASCII(buf[:0], w))]
		}
		switch {
		case kind&wordDate != 0 || isYear(w):
			cues |= cueDate
		case kind&wordNumber != 0 || '0' <= w[0] && w[0] <= '9' && !isDayAt(w, prevKind, text[i:]):
			cues |= cueNumber
		}
		if prevKind&wordCopula != 0 && kind&wordArticle != 0 || kind&wordDefine != 0 && !first {
			cues |= cueDefine
		}
		if kind&wordCause != 0 {
			cues |= cueCause
		}
		prevKind = kind
		first = false
	}
	return cues
}

func isCueByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '\'' || c >= 0x80
}

// isDayAt reports whether the number w is a day of the month, after a
// word of kind prev and before rest: "31 July", "July 31".
func isDayAt(w string, prev uint8, rest string) bool {
	if len(w) > 2 {
		return false
	}
	if prev&wordDate != 0 {
		return true
	}
	start, end := nextWord(rest, 0)
	return start >= 0 && has(dateWords, strings.ToLower(rest[start:end]))
}

// nameCue reports whether sentence text names someone or somewhere the
// question does not: for who, a capitalized word inside the sentence that
// the question does not use; for where, such a word after "in", "at",
// "from"….
//
// It runs on every candidate of a who or where question, so it lower-cases
// only a capitalized word that could be the answer, not every word to
// compare it with the place words (BBC searches of 3–4 words: median
// −7.8%, benchstat n=6).
func nameCue(ask askType, text string, used []string) bool {
	afterPlace := false
	first := true
	for i := 0; i < len(text); {
		start, end := nextWord(text, i)
		if start < 0 {
			break
		}
		i = end
		w := text[start:end]
		r, _ := utf8.DecodeRuneInString(w)
		if !first && unicode.IsUpper(r) && (ask == askWho || afterPlace) && isNewName(w, used) {
			return true
		}
		if ask == askWhere {
			afterPlace = isPlaceWord(w)
		}
		first = false
	}
	return false
}

// isNewName reports whether the capitalized word w, lower-cased, is
// neither a stop word nor one of used. A short ASCII word is lower-cased
// on the stack: most candidates of a who question start with capitals
// that the question uses too.
func isNewName(w string, used []string) bool {
	var buf [32]byte
	if len(w) > len(buf) || !isASCII(w) {
		lw := strings.ToLower(w)
		return !isStopWord(lw) && !contains(used, lw)
	}
	b := lowerASCII(buf[:0], w)
	if _, ok := stopWords[string(b)]; ok {
		return false
	}
	for _, u := range used {
		if u == string(b) {
			return false
		}
	}
	return true
}

// lowerASCII appends w to dst with its ASCII capitals lower-cased: into a
// buffer on the stack, where strings.ToLower would allocate.
func lowerASCII(dst []byte, w string) []byte {
	for k := range len(w) {
		c := w[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// nameCues returns cueName if nameCue may find a name in text for some
// who question, and cuePlace if it may for some where question. They are
// read when a sentence is indexed, so that a who or where question scans
// only the sentences that have them (on the BBC articles, a where
// question's second pass was four times a why question's).
//
// They must never be missing where nameCue would be true; they may be
// set where it is false. So they are read from bytes, not words:
//
//   - cueName: an upper-case ASCII letter or a non-ASCII byte (which may
//     begin an upper-case letter) after the first letter or digit;
//   - cuePlace: a place word, in any case, with no ASCII letter or digit
//     on either side, then, past any other ASCII bytes that are not
//     letters or digits, an upper-case ASCII letter or a non-ASCII byte.
//
// nameCue's words are runs of letters and digits, and more only where
// punctuation joins them; so a word of nameCue that begins with a capital
// has one of the bytes above, and a place word of nameCue is a place
// word here.
func nameCues(text string) uint8 {
	var cues uint8
	i := 0
	for i < len(text) && !isASCIIAlnum(text[i]) && text[i] < utf8.RuneSelf {
		i++
	}
	_, n := utf8.DecodeRuneInString(text[i:])
	for _, c := range []byte(text[i+n:]) {
		if 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf {
			cues |= cueName
			break
		}
	}
	if cues == 0 {
		return 0 // no capital: no name after a place word either
	}
	for i < len(text) {
		for i < len(text) && !isASCIIAlnum(text[i]) {
			i++
		}
		start := i
		for i < len(text) && isASCIIAlnum(text[i]) {
			i++
		}
		if start == i || !mayBePlaceWord[text[start]|0x20] || !isPlaceWord(text[start:i]) {
			continue
		}
		j := i
		for j < len(text) && text[j] < utf8.RuneSelf && !isASCIIAlnum(text[j]) {
			j++
		}
		if j < len(text) && ('A' <= text[j] && text[j] <= 'Z' || text[j] >= utf8.RuneSelf) {
			return cues | cuePlace
		}
	}
	return cues
}

// mayBePlaceWord holds the first letters of placeWords, lower-cased: a
// quick test before isPlaceWord's.
var mayBePlaceWord = func() (m [256]bool) {
	for _, w := range placeWords {
		m[w[0]] = true
	}
	return m
}()

// placeWordsByLen are placeWords by their length in bytes.
var placeWordsByLen = func() [][]string {
	var by [][]string
	for _, w := range placeWords {
		for len(by) <= len(w) {
			by = append(by, nil)
		}
		by[len(w)] = append(by[len(w)], w)
	}
	return by
}()

// isPlaceWord reports whether w is one of placeWords, in any case. Only
// words of the same length in bytes are compared: placeWords are ASCII,
// and so is every case of them but for a long s (ſ), which no modern news
// text writes.
func isPlaceWord(w string) bool {
	if len(w) >= len(placeWordsByLen) {
		return false
	}
	for _, p := range placeWordsByLen[len(w)] {
		if strings.EqualFold(w, p) {
			return true
		}
	}
	return false
}

// isYear reports whether w is a year from 1000 to 2199, or a decade such
// as 1990s.
func isYear(w string) bool {
	w = strings.TrimSuffix(w, "s")
	if len(w) != 4 {
		return false
	}
	for i := range 4 {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w[0] == '1' || w[0] == '2' && w[1] <= '1'
}
