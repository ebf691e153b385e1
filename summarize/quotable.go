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
// opens with a pronoun or a connective ("He added…", "This comes as…",
// "But…"), with a closing quote, or is a quotation that never says who is
// speaking.
func dependent(text string) bool {
	t := strings.TrimLeftFunc(text, unicode.IsSpace)
	r, _ := utf8.DecodeRuneInString(t)
	if isCloseQuote(r) {
		return true
	}
	quoted := isOpenQuote(r) || strings.HasPrefix(t, "``") || r == '\''
	if quoted {
		return !hasSpeechVerb(t)
	}
	first, second := firstWords(t)
	if leaners[first] {
		return true
	}
	return leanerPairs[first+" "+second]
}

// insideQuote reports whether text, the start of a paragraph up to a
// sentence, leaves a quotation open: the sentence then goes on quoting a
// speaker named before it.
func insideQuote(text string) bool {
	if strings.Count(text, "“") > strings.Count(text, "”") || strings.Count(text, "``") > strings.Count(text, "''") {
		return true
	}
	return strings.Count(text, `"`)%2 == 1
}

// firstWords returns the first two words of t, lower-cased and without
// punctuation.
func firstWords(t string) (string, string) {
	f := strings.Fields(t)
	w := func(i int) string {
		if i >= len(f) {
			return ""
		}
		return strings.ToLower(strings.TrimFunc(f[i], isPunct))
	}
	return w(0), w(1)
}

func hasSpeechVerb(t string) bool {
	for _, w := range strings.Fields(t) {
		if speechVerbs[strings.ToLower(strings.TrimFunc(w, isPunct))] {
			return true
		}
	}
	return false
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

// leaners open a sentence that refers back: pronouns, demonstratives and
// connectives.
var leaners = wordSet(`he she it they him her his hers its their theirs them this that these those
such but and or nor so yet also however meanwhile moreover furthermore nevertheless nonetheless
still instead then thus therefore hence additionally besides likewise similarly otherwise indeed
afterwards later earlier elsewhere there's`)

// leanerPairs are two-word openings that refer back.
var leanerPairs = map[string]bool{
	"in addition": true, "in turn": true, "by contrast": true, "in contrast": true,
	"even so": true, "despite this": true, "because of": true, "for example": true,
	"for instance": true, "the former": true, "the latter": true, "the move": true,
	"the decision": true, "the comments": true, "the remarks": true,
}

// speechVerbs attribute a quotation to its speaker.
var speechVerbs = wordSet(`said says say told tells added adds wrote writes stated states explained
explains asked asks warned warns insisted insists argued argues claimed claims according noted
notes continued replied admitted admits announced declared described`)
