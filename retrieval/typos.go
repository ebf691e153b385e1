package retrieval

import "strings"

// A mistyped question word. "Wher did the talks take place?" should be
// asked as "Where did…": otherwise "wher", a word the index never saw,
// weighs as much as the rarest word, matches nothing, and the question is
// refused. Fuzzy matching cannot help, since question words are stop
// words and are not indexed.
//
// Only the word that opens a question is read this way: the first, or
// the second after a stop word ("and wich…", "in wich…"). There a word one
// edit from a question word is almost always that word mistyped; later in
// a question it may be a rare name or a word the articles lack, whose
// absence should count ("What did Wen say?"). A word the index knows is
// never corrected, nor one of fewer than three letters.

// questionWords are the words that open a question and say what it asks.
var questionWords = []string{"what", "when", "where", "which", "who", "whom", "whose", "why", "how"}

// fixQuestionWord corrects a mistyped question word in used, a question's
// lower-cased words (see above). It returns the position of the word read
// as a question word, which is then not searched for, or -1. A word one
// edit from several question words, none of them likeliest ("hwo": who
// or how), is not searched for either, but it is left as it is, so the
// question asks for nothing in particular.
func (ix *Index) fixQuestionWord(used []string) int {
	i := 0
	if len(used) > 1 && isStopWord(used[0]) && !contains(questionWords, used[0]) {
		i = 1
	}
	if i >= len(used) {
		return -1
	}
	w := used[i]
	if len(w) < 3 || len(w) > 7 || !isASCII(w) || !onlyLetters(w) || isStopWord(w) {
		return -1
	}
	var near []string
	for _, qw := range questionWords {
		if editDistanceASCII(w, qw, 1) <= 1 {
			near = append(near, qw)
		}
	}
	if len(near) == 0 || ix.knows(w) { // the lookups last: they cost more
		return -1
	}
	next := ""
	if i+1 < len(used) {
		next = used[i+1]
	}
	if meant, ok := likeliest(w, next, near); ok {
		used[i] = meant
	}
	return i
}

// likeliest returns which of the words one edit from typed, followed by
// next, was meant: the only one; of several, how if next makes "how
// many", "how long" and the like; else the only one that typed begins
// ("wher": where, not when), or else the only one with typed's letters
// ("hwo leads" has both who's and how's, so neither).
func likeliest(typed, next string, near []string) (string, bool) {
	if len(near) == 1 {
		return near[0], true
	}
	if contains(near, "how") && has(howCount, next) {
		return "how", true
	}
	for _, same := range []func(string) bool{
		func(w string) bool { return strings.HasPrefix(w, typed) },
		func(w string) bool { return len(w) == len(typed) && letterSet(w) == letterSet(typed) },
	} {
		found, n := "", 0
		for _, w := range near {
			if same(w) {
				found, n = w, n+1
			}
		}
		if n == 1 {
			return found, true
		}
	}
	return "", false
}

// knows reports whether the index holds lower-cased word w, as it is or
// by its term.
func (ix *Index) knows(w string) bool {
	if _, ok := ix.vocab.lookup(w); ok {
		return true
	}
	_, ok := ix.dict.lookup(stem(w, nil))
	return ok
}

// A stop or light word with two adjacent letters swapped, anywhere in a
// question: "What did teh president say?", "Where are thier negotiators?",
// "What did Rubio sya?". Swapping two letters is the commonest slip in
// typing. Such a word, which the index does not know, weighed as much as
// the rarest word and matched nothing, so the question was refused; fuzzy
// matching cannot reach it, since stop words are not indexed and words
// of fewer than minFuzzyLen letters are not matched fuzzily at all. It is
// now read as the stop word (and left out, as stop words are) or as the
// light word it was meant to be. A swap is read only into these two closed
// lists, never into the vocabulary at large, where a short name the
// articles lack would too often swap into some word ("Ali" into "ail")
// and a question about it be answered about something else.

// swappedWord returns the stop or light word that word, as written in a
// question, is with two adjacent letters swapped: of several, a stop
// word if all of them are stop words (all are left out alike), else the
// only one. It does not ask whether the index knows word: parseInto calls
// it only for words it does not.
func swappedWord(word string) (string, bool) {
	if len(word) < 3 || len(word) > 12 || !isASCII(word) || !onlyLetters(word) {
		return "", false
	}
	var b [12]byte
	w := b[:len(word)]
	for i := range w {
		w[i] = word[i] | 0x20 // ASCII letters to lower case
	}
	meant, n, stops := "", 0, 0
	for i := 0; i+1 < len(w); i++ {
		if w[i] == w[i+1] {
			continue
		}
		w[i], w[i+1] = w[i+1], w[i]
		if _, stop := stopWords[string(w)]; stop || has(lightPlain, string(w)) {
			if c := string(w); c != meant {
				meant, n = c, n+1
				if stop {
					stops++
				}
			}
		}
		w[i], w[i+1] = w[i+1], w[i]
	}
	if n == 0 || n > 1 && stops < n {
		return "", false
	}
	return meant, true
}
