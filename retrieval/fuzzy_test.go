package retrieval

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"
)

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int // with limit 3
	}{
		{"zelenskiy", "zelensky", 1},
		{"zelenskiy", "zelenskyy", 1},
		{"vitkoff", "witkoff", 1},
		{"kushnre", "kushner", 1}, // a transposition is one edit
		{"odessa", "odesa", 1},
		{"abc", "abc", 0},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // optimal string alignment, not Damerau: no edit of a transposed pair
		{"abcdef", "uvwxyz", 4},
	} {
		got := editDistance([]rune(tt.a), []rune(tt.b), 3)
		if got != tt.want {
			t.Errorf("editDistance(%q, %q, 3) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if banded := editDistanceASCII(tt.a, tt.b, 3); banded != got {
			t.Errorf("editDistanceASCII(%q, %q, 3) = %d, want %d", tt.a, tt.b, banded, got)
		}
	}
}

// randomEdits returns w after k random edits over a small alphabet.
func randomEdits(r *rand.Rand, w []byte, k int, alphabet string) []byte {
	w = slices.Clone(w)
	for range k {
		if len(w) == 0 {
			break
		}
		switch i := r.IntN(len(w)); r.IntN(4) {
		case 0:
			w[i] = alphabet[r.IntN(len(alphabet))]
		case 1:
			w = slices.Delete(w, i, i+1)
		case 2:
			w = slices.Insert(w, i, alphabet[r.IntN(len(alphabet))])
		case 3:
			if i+1 < len(w) {
				w[i], w[i+1] = w[i+1], w[i]
			}
		}
	}
	return w
}

// TestFuzzyFilters checks the banded distance against the full one and that
// no word within k edits fails the letter-set or bigram filters.
func TestFuzzyFilters(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	const alphabet = "abcdef" // small, for many repeats and near misses
	for range 100_000 {
		a := make([]byte, 3+r.IntN(10))
		for i := range a {
			a[i] = alphabet[r.IntN(len(alphabet))]
		}
		b := randomEdits(r, a, 1+r.IntN(2), alphabet)
		for k := 1; k <= 2; k++ {
			full := min(editDistance([]rune(string(a)), []rune(string(b)), k), k+1)
			if banded := editDistanceASCII(string(a), string(b), k); banded != full {
				t.Fatalf("%s %s limit %d: banded %d, full %d", a, b, k, banded, full)
			}
			if full > k {
				continue
			}
			if d := bits.OnesCount32(letterSet(string(a)) ^ letterSet(string(b))); d > 2*k {
				t.Fatalf("%s %s: %d edits, letter sets differ in %d bits", a, b, full, d)
			}
			qa := bigramSet(string(a))
			if got, want := bits.OnesCount64(qa&bigramSet(string(b))), bits.OnesCount64(qa)-3*k; got < want {
				t.Fatalf("%s %s: %d edits, %d shared bigram bits, want ≥ %d", a, b, full, got, want)
			}
		}
	}
}

// TestFuzzyWithin checks the ranges read for one edit (words sharing the
// first two letters or the last two) against reading every word of the
// lengths: on the seeds' vocabulary, and on one of words over five
// letters, where most words have many neighbours.
func TestFuzzyWithin(t *testing.T) {
	ix := newSeedsIndex(t)
	r := rand.New(rand.NewPCG(5, 5))
	const small = "abcde"
	words, terms := map[string]string{}, map[string]uint32{}
	for len(words) < 5000 {
		w := make([]byte, 3+r.IntN(8))
		for i := range w {
			w[i] = small[r.IntN(len(small))]
		}
		words[string(w)] = string(w)
		terms[string(w)] = uint32(len(terms))
	}
	dense := newVocabulary(words, terms)
	for _, c := range []struct {
		v        *vocabulary
		alphabet string
	}{{&ix.vocab, "abcdefghijklmnopqrstuvwxyz"}, {&dense, small}} {
		v := c.v
		for range 3000 {
			w := randomEdits(r, []byte(v.word(r.IntN(len(v.term)))), 1, c.alphabet)
			n := len(w)
			if n < minFuzzyLen || n > 60 {
				continue
			}
			got := v.within(string(w), n, 1)
			var want []fuzzyMatch
			for i := int(v.byLen[n-1]); i < int(v.byLen[n+2]); i++ {
				if editDistanceASCII(string(w), v.word(i), 1) == 1 {
					want = appendMatch(want, fuzzyMatch{term: v.term[i], edits: 1})
				}
			}
			key := func(ms []fuzzyMatch) []uint32 {
				var s []uint32
				for _, m := range ms {
					s = append(s, m.term)
				}
				slices.Sort(s)
				return s
			}
			if !slices.Equal(key(got), key(want)) {
				t.Fatalf("within(%q, 1) = %v, want %v", w, got, want)
			}
		}
	}
}

// TestVocabularyLookup checks lookup against a map, on words that share
// long prefixes and of many lengths, and on strings absent from the
// vocabulary: its own words edited, and every word's prefixes.
func TestVocabularyLookup(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	words, terms := map[string]string{}, map[string]uint32{}
	for len(words) < 5000 {
		w := []byte("internation")[:r.IntN(12)]
		for range 3 + r.IntN(8) {
			w = append(w, "abc"[r.IntN(3)])
		}
		words[string(w)] = string(w)
		terms[string(w)] = uint32(len(terms))
	}
	v := newVocabulary(words, terms)
	check := func(w string) {
		id, ok := v.lookup(w)
		want, in := terms[w]
		if n := utf8.RuneCountInString(w); n < minFuzzyLen-maxEdits(minFuzzyLen) {
			in = false // too short to be kept
		}
		if ok != in || ok && id != want {
			t.Fatalf("lookup(%q) = %d %v, want %d %v", w, id, ok, want, in)
		}
	}
	for w := range words {
		check(w)
		for i := range len(w) {
			check(w[:i])
		}
		check(string(randomEdits(r, []byte(w), 1, "abcd")))
	}
}

// A short word is not read as another one letter off, which is too often
// another English word; a missing, extra or swapped letter still is, as
// is one letter for another in a longer word or in one with other letters
// than ASCII's.
func TestFuzzyShortSubstitution(t *testing.T) {
	ix := newTestIndex(t, map[string]string{
		"talks.txt": "Talks in Berlin\n\nGermany and France joined the talks on Friday.\n\nEnvoy Steve Witkoff flew to Zürich.\n",
	})
	for _, tt := range []struct {
		word string
		want string // the word it finds, "" for none
	}{
		{"tanks", ""},       // one letter for another: a word of its own
		{"tslks", ""},       // even a likely slip, at five letters
		{"talsk", "talks"},  // swapped
		{"tallks", "talks"}, // one letter too many
		{"frnce", "france"}, // one letter missing
		{"vitkoff", "witkoff"},
		{"zurich", "zürich"}, // one spelling for another
	} {
		var got []string
		for _, m := range ix.vocab.fuzzy(tt.word) {
			got = append(got, ix.dict.text(m.term))
		}
		want := []string(nil)
		if tt.want != "" {
			want = []string{stem(tt.want, nil)}
		}
		if !slices.Equal(got, want) {
			t.Errorf("fuzzy(%q) = %v, want %v", tt.word, got, want)
		}
	}
	if a := ix.Answer("How many tanks did Germany send?", AnswerOptions{}); a.Found {
		t.Errorf("tanks: answered with %s", where(a.Quotes[0].Hit))
	}
}
