package retrieval

// Chat shorthand. On Discord people ask "how many ppl died?" and "what do
// u know about the talks?". A shorthand word the index does not know
// weighed as much as the rarest word and matched nothing, so such
// questions were refused. A word the index does not know that is one of
// these is read as the word it stands for: a stop word is left out, as
// stop words are, and any other word is searched for as itself.
//
// The list is closed and short: shorthand common in chat whose meaning in
// a question is not in doubt. A shorthand word the index knows ("Ur", the
// city; "R", the language) is searched for as it is.
var shorthand = map[string]string{
	"u":    "you",
	"ur":   "your",
	"r":    "are",
	"y":    "why",
	"n":    "and",
	"b4":   "before",
	"bc":   "because",
	"cuz":  "because",
	"coz":  "because",
	"tho":  "though",
	"abt":  "about",
	"wat":  "what",
	"wut":  "what",
	"dat":  "that",
	"pls":  "please",
	"plz":  "please",
	"thx":  "thanks",
	"ppl":  "people",
	"govt": "government",
	"yr":   "year",
	"yrs":  "years",
}

// expandShorthand writes out the shorthand in used, a question's
// lower-cased words, that the index does not know, so that what the
// question asks is read from the words meant: "y did…" asks why, and
// "who r the envoys" asks who they are.
func (ix *Index) expandShorthand(used []string) {
	for i, w := range used {
		if meant, ok := shorthandWord(w); ok && !ix.knows(w) {
			used[i] = meant
		}
	}
}

// shorthandWord returns the word that word, as written in a question,
// stands for in chat, if it is shorthand. It does not ask whether the
// index knows word: its callers do.
func shorthandWord(word string) (string, bool) {
	if len(word) > 4 {
		return "", false
	}
	var b [4]byte
	w := b[:len(word)]
	for i := range w {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		w[i] = c
	}
	meant, ok := shorthand[string(w)]
	return meant, ok
}
