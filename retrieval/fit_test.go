package retrieval

import (
	"math/rand/v2"
	"testing"
)

// TestFitWeights fits weights to preferences made by a known ranking and
// checks that they order held-out pairs the same way.
func TestFitWeights(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	truth := Weights{FeatBM25: 2, FeatTitle: 1, FeatLead: -0.5}
	random := func() Features {
		var f Features
		for _, i := range []Feature{FeatBM25, FeatTitle, FeatLead, FeatLength} {
			f[i] = r.Float64()
		}
		return f
	}
	pairs := func(n int) []Preference {
		var ps []Preference
		for len(ps) < n {
			a, b := random(), random()
			if truth.Score(&a) < truth.Score(&b) {
				a, b = b, a
			}
			ps = append(ps, Preference{Better: a, Worse: b})
		}
		return ps
	}
	var use [NumFeatures]bool
	for _, i := range []Feature{FeatBM25, FeatTitle, FeatLead, FeatLength} {
		use[i] = true
	}
	w := FitWeights(pairs(2000), use, 1)
	if w[FeatBM25] <= w[FeatTitle] || w[FeatTitle] <= 0 || w[FeatLead] >= 0 {
		t.Errorf("FitWeights = %v, want BM25 > title > 0 > lead, as in %v", w, truth)
	}
	if w[FeatCoverage] != 0 {
		t.Errorf("FitWeights: unused feature coverage got weight %v", w[FeatCoverage])
	}
	right := 0
	held := pairs(1000)
	for _, p := range held {
		if w.Score(&p.Better) > w.Score(&p.Worse) {
			right++
		}
	}
	if right < 950 {
		t.Errorf("fitted weights order %d of %d held-out pairs right, want ≥ 950", right, len(held))
	}
	if got := FitWeights(nil, use, 1); got != (Weights{}) {
		t.Errorf("FitWeights(nil) = %v, want zero", got)
	}
}
