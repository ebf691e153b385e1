package rouge

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// prf returns the Score for precision p and recall r.
func prf(p, r float64) Score {
	return Score{Precision: p, Recall: r, F1: 2 * p * r / (p + r)}
}

var one = Score{1, 1, 1}

func near(a, b Score) bool {
	const eps = 1e-12
	return math.Abs(a.Precision-b.Precision) < eps &&
		math.Abs(a.Recall-b.Recall) < eps &&
		math.Abs(a.F1-b.F1) < eps
}

// The reference and candidates of Lin (2004), section 3.1.
var (
	lin         = []string{"police killed the gunman"}
	linKill     = []string{"police kill the gunman"}
	linReversed = []string{"the gunman kill police"}
)

func TestN(t *testing.T) {
	tests := []struct {
		name      string
		cand, ref []string
		n         int
		want      Score
	}{
		// Lin (2004).
		{"lin identical", lin, lin, 1, one},
		{"lin kill n=1", linKill, lin, 1, Score{3. / 4, 3. / 4, 3. / 4}},
		{"lin kill n=2", linKill, lin, 2, Score{1. / 3, 1. / 3, 1. / 3}},
		{"lin reversed n=1", linReversed, lin, 1, Score{3. / 4, 3. / 4, 3. / 4}},
		{"lin reversed n=2", linReversed, lin, 2, Score{1. / 3, 1. / 3, 1. / 3}},

		// Counting.
		{"disjoint", []string{"heavy snow"}, []string{"shares rose"}, 1, Score{}},
		{"unigrams clipped", []string{"the the the the"}, []string{"the cat"}, 1, Score{1. / 4, 1. / 2, 1. / 3}},
		{"bigrams clipped", []string{"new york new york"}, []string{"new york to new delhi"}, 2, Score{1. / 3, 1. / 4, 2. / 7}},
		{"trigrams", []string{"a b c d"}, []string{"a b c e"}, 3, Score{1. / 2, 1. / 2, 1. / 2}},
		{"n-grams cross sentences", []string{"the gunman", "was shot"}, []string{"the gunman was shot"}, 2, one},
		{"case and punctuation", []string{"POLICE, killed; the GUNMAN!"}, lin, 1, one},
		{"different lengths", []string{"police said the gunman fled"}, lin, 1, prf(3./5, 3./4)},

		// Edges.
		{"n=0", lin, lin, 0, Score{}},
		{"n<0", lin, lin, -1, Score{}},
		{"fewer tokens than n", []string{"goal"}, []string{"a late goal"}, 2, Score{}},
		{"n longer than both", lin, lin, 5, Score{}},
		{"no candidate", nil, lin, 1, Score{}},
		{"no reference", lin, nil, 1, Score{}},
		{"neither", nil, nil, 1, Score{}},
		{"punctuation only", []string{"...", "!"}, lin, 1, Score{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewScorer(tt.ref, false).N(tt.cand, tt.n); !near(got, tt.want) {
				t.Errorf("N(%q, %q, %d) = %v, want %v", tt.cand, tt.ref, tt.n, got, tt.want)
			}
		})
	}
}

func TestL(t *testing.T) {
	tests := []struct {
		name      string
		cand, ref []string
		want      Score
	}{
		// Lin (2004): "police the gunman" and "the gunman".
		{"lin identical", lin, lin, one},
		{"lin kill", linKill, lin, Score{3. / 4, 3. / 4, 3. / 4}},
		{"lin reversed", linReversed, lin, Score{1. / 2, 1. / 2, 1. / 2}},
		{"lin police killed", []string{"the gunman police killed"}, lin, Score{1. / 2, 1. / 2, 1. / 2}},

		{"disjoint", []string{"heavy snow"}, []string{"shares rose"}, Score{}},
		{"gaps", []string{"a x b y c"}, []string{"a b c"}, Score{3. / 5, 1, 3. / 4}},
		{"repeated", []string{"a a a"}, []string{"a"}, Score{1. / 3, 1, 1. / 2}},
		{"sentences run together", []string{"c d", "a b"}, []string{"a b", "c d"}, Score{1. / 2, 1. / 2, 1. / 2}},
		// 150 candidate tokens take three 64-bit words, so carries cross
		// words; the LCS is the 75 even tokens.
		{"long", []string{seq(0, 150, 1)}, []string{"t149 " + seq(0, 150, 2)}, prf(75./150, 75./76)},

		{"no candidate", nil, lin, Score{}},
		{"no reference", lin, nil, Score{}},
		{"empty strings", []string{""}, []string{""}, Score{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewScorer(tt.ref, false).L(tt.cand); !near(got, tt.want) {
				t.Errorf("L(%q, %q) = %v, want %v", tt.cand, tt.ref, got, tt.want)
			}
		})
	}
}

// seq returns "t<from> t<from+step> …", stopping before to.
func seq(from, to, step int) string {
	var words []string
	for i := from; i < to; i += step {
		words = append(words, "t"+strconv.Itoa(i))
	}
	return strings.Join(words, " ")
}

func TestLSum(t *testing.T) {
	tests := []struct {
		name      string
		cand, ref []string
		want      Score
	}{
		// Lin (2004), section 3.2: the LCS with the first candidate
		// sentence is "w1 w2", with the second "w1 w3 w5"; the union hits
		// four of the five reference tokens.
		{"lin union", []string{"w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5"}, []string{"w1 w2 w3 w4 w5"}, Score{4. / 10, 4. / 5, 8. / 15}},
		{"lin kill", linKill, lin, Score{3. / 4, 3. / 4, 3. / 4}},

		{"sentences swapped", []string{"c d", "a b"}, []string{"a b", "c d"}, one},
		{"newline splits sentences", []string{"c d\na b"}, []string{"a b\nc d"}, one},
		{"one sentence each", []string{"c d a b"}, []string{"a b c d"}, Score{1. / 2, 1. / 2, 1. / 2}},
		{"newline in reference", []string{"c d a b"}, []string{"a b\nc d"}, one},
		// "the vote" is on the LCS with both reference sentences, but the
		// candidate has each token once.
		{"clipped by candidate counts", []string{"the vote"}, []string{"the vote was close", "the vote was lost"}, Score{1, 1. / 4, 2. / 5}},
		// Both "rates" and "rise" are an LCS of "rates rise" and the second
		// candidate sentence; rouge-score's backtracking takes "rates",
		// which the first candidate sentence also gives, so only 3 hit.
		{"ties broken as rouge-score", []string{"rates again", "rise fall again again rates rates"}, []string{"rates rise", "fall rates"}, Score{3. / 8, 3. / 4, 1. / 2}},
		{"empty sentences", []string{"...", "a b", ""}, []string{"a b"}, one},

		{"disjoint", []string{"heavy snow"}, []string{"shares rose"}, Score{}},
		{"no candidate", nil, lin, Score{}},
		{"no reference", lin, nil, Score{}},
		{"no tokens", []string{"--"}, []string{"!"}, Score{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewScorer(tt.ref, false).LSum(tt.cand); !near(got, tt.want) {
				t.Errorf("LSum(%q, %q) = %v, want %v", tt.cand, tt.ref, got, tt.want)
			}
		})
	}
}

// The package-level functions stem: "killed" and "kill" both become "kill".
func TestStemmed(t *testing.T) {
	cand := []string{"The companies are cutting jobs."}
	ref := []string{"The company cut jobs."}
	// Stems: the compani are cut job / the compani cut job.
	want := Score{4. / 5, 1, 8. / 9}
	tests := []struct {
		name string
		got  Score
		want Score
	}{
		{"N", N(linKill, lin, 1), one},
		{"L", L(linKill, lin), one},
		{"LSum", LSum(linKill, lin), one},
		{"N companies", N(cand, ref, 1), want},
		{"L companies", L(cand, ref), want},
		{"LSum companies", LSum(cand, ref), want},
		{"unstemmed", NewScorer(ref, false).N(cand, 1), prf(2./5, 2./4)},
	}
	for _, tt := range tests {
		if !near(tt.got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestScorerScore(t *testing.T) {
	sc := NewScorer(benchReference, true)
	got := sc.Score(benchCandidate)
	want := Scores{
		N1:   sc.N(benchCandidate, 1),
		N2:   sc.N(benchCandidate, 2),
		L:    sc.L(benchCandidate),
		LSum: sc.LSum(benchCandidate),
	}
	if got != want {
		t.Errorf("Score = %+v, want %+v", got, want)
	}
}

// A Scorer shares only its read-only reference between goroutines; run
// with -race.
func TestScorerConcurrent(t *testing.T) {
	sc := NewScorer(benchReference, true)
	cands := [][]string{benchCandidate, benchReference, benchCandidate[:3], lin, nil}
	want := make([]Scores, len(cands))
	for i, c := range cands {
		want[i] = sc.Score(c)
	}
	done := make(chan bool)
	for g := range 4 {
		go func() {
			ok := true
			for i := range 50 {
				k := (g + i) % len(cands)
				ok = ok && sc.Score(cands[k]) == want[k]
			}
			done <- ok
		}()
	}
	for range 4 {
		if !<-done {
			t.Error("concurrent Score differs from sequential Score")
		}
	}
}
