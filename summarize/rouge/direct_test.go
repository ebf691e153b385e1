package rouge

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestScorerMatchesDirect compares the Scorer with a direct transcription
// of rouge-score's _score_ngrams, _score_lcs and _summary_level_lcs on
// random pairs over tiny vocabularies, where repeated tokens make many
// longest common subsequences and the choice among them shows in
// ROUGE-Lsum. Sentences reach 150 tokens, so the bit-parallel LCS runs over
// several words.
func TestScorerMatchesDirect(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocabs := [][]string{{"a", "b"}, {"a", "b", "c"}, {"rates", "rise", "fall", "again", "now"}}
	sentence := func(vocab []string, maxLen int) string {
		w := make([]string, rng.IntN(maxLen+1))
		for i := range w {
			w[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(w, " ")
	}
	summary := func(vocab []string, maxLen int) []string {
		s := make([]string, rng.IntN(4)+1)
		for i := range s {
			s[i] = sentence(vocab, maxLen)
		}
		return s
	}
	for i := range 2000 {
		vocab := vocabs[i%len(vocabs)]
		maxLen := 12
		if i%10 == 0 {
			maxLen = 150
		}
		cand, ref := summary(vocab, maxLen), summary(vocab, maxLen)
		sc := NewScorer(ref, false)
		got := sc.Score(cand)
		c, r := tokenizeSentences(cand), tokenizeSentences(ref)
		want := Scores{
			N1:   directN(c, r, 1),
			N2:   directN(c, r, 2),
			L:    directL(c, r),
			LSum: directLSum(c, r),
		}
		if got != want {
			t.Fatalf("Score(%q) against %q = %+v, want %+v", cand, ref, got, want)
		}
		if got := sc.N(cand, 3); got != directN(c, r, 3) {
			t.Fatalf("N(%q, %q, 3) = %+v, want %+v", cand, ref, got, directN(c, r, 3))
		}
	}
}

func tokenizeSentences(s []string) [][]string {
	var out [][]string
	for _, x := range s {
		out = append(out, Tokenize(x, false))
	}
	return out
}

func directN(cand, ref [][]string, n int) Score {
	grams := func(sents [][]string) (map[string]int, int) {
		toks := flatten(sents)
		m := make(map[string]int)
		total := 0
		for i := 0; i+n <= len(toks); i++ {
			m[strings.Join(toks[i:i+n], " ")]++
			total++
		}
		return m, total
	}
	cg, cn := grams(cand)
	rg, rn := grams(ref)
	hits := 0
	for g, k := range rg {
		hits += min(k, cg[g])
	}
	return newScore(hits, cn, rn)
}

func directL(cand, ref [][]string) Score {
	c, r := flatten(cand), flatten(ref)
	if len(c) == 0 || len(r) == 0 {
		return Score{}
	}
	t := lcsTable(r, c)
	return newScore(t[len(r)][len(c)], len(c), len(r))
}

func directLSum(cand, ref [][]string) Score {
	m, n := len(flatten(ref)), len(flatten(cand))
	if m == 0 || n == 0 {
		return Score{}
	}
	cntR, cntC := map[string]int{}, map[string]int{}
	for _, t := range flatten(ref) {
		cntR[t]++
	}
	for _, t := range flatten(cand) {
		cntC[t]++
	}
	hits := 0
	for _, r := range ref {
		union := make([]bool, len(r))
		for _, c := range cand {
			for _, i := range lcsIndices(r, c) {
				union[i] = true
			}
		}
		for i, in := range union {
			if tok := r[i]; in && cntC[tok] > 0 && cntR[tok] > 0 {
				hits++
				cntC[tok]--
				cntR[tok]--
			}
		}
	}
	return newScore(hits, n, m)
}

// lcsIndices is rouge-score's lcs_ind: _lcs_table, then _backtrack_norec.
func lcsIndices(ref, can []string) []int {
	t := lcsTable(ref, can)
	var out []int
	for i, j := len(ref), len(can); i > 0 && j > 0; {
		switch {
		case ref[i-1] == can[j-1]:
			out = append(out, i-1)
			i--
			j--
		case t[i][j-1] > t[i-1][j]:
			j--
		default:
			i--
		}
	}
	return out
}

func lcsTable(ref, can []string) [][]int {
	t := make([][]int, len(ref)+1)
	for i := range t {
		t[i] = make([]int, len(can)+1)
	}
	for i := 1; i <= len(ref); i++ {
		for j := 1; j <= len(can); j++ {
			if ref[i-1] == can[j-1] {
				t[i][j] = t[i-1][j-1] + 1
			} else {
				t[i][j] = max(t[i-1][j], t[i][j-1])
			}
		}
	}
	return t
}

func flatten(s [][]string) []string {
	var out []string
	for _, x := range s {
		out = append(out, x...)
	}
	return out
}
