package summarize

import "math"

// similarities returns the cosine similarity of every pair of sentences of
// d, row by row; the diagonal is zero.
func similarities(d *doc) [][]float64 {
	n := len(d.sents)
	sim := make([][]float64, n)
	flat := make([]float64, n*n)
	for i := range sim {
		sim[i] = flat[i*n : (i+1)*n]
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			s := d.sents[i].vec.dot(d.sents[j].vec)
			sim[i][j], sim[j][i] = s, s
		}
	}
	return sim
}

// lexRank returns the centrality of each sentence: the stationary
// distribution of a random walk that follows edges weighted by similarity
// with probability damping and otherwise jumps to a sentence drawn from
// prior (which must sum to 1). Sentences without edges keep only what the
// jumps give them. Power iteration stops when no score moves by more than
// 1e-6 or after 100 rounds.
func lexRank(sim [][]float64, damping float64, prior []float64) []float64 {
	n := len(sim)
	out := make([]float64, n)
	if n == 0 {
		return out
	}
	rowSum := make([]float64, n)
	for i, row := range sim {
		for _, s := range row {
			rowSum[i] += s
		}
	}
	cur := append([]float64(nil), prior...)
	for range 100 {
		dangling := 0.0
		for i := range n {
			if rowSum[i] == 0 {
				dangling += cur[i]
			}
		}
		for j := range n {
			out[j] = (1 - damping + damping*dangling) * prior[j]
		}
		for i, row := range sim {
			if rowSum[i] == 0 {
				continue
			}
			f := damping * cur[i] / rowSum[i]
			for j, s := range row {
				out[j] += f * s
			}
		}
		delta := 0.0
		for j := range n {
			delta = math.Max(delta, math.Abs(out[j]-cur[j]))
		}
		cur, out = out, cur
		if delta < 1e-6 {
			break
		}
	}
	return cur
}

// positionPrior returns the prior weight of each sentence by its place:
// 1/(1 + i/decay) for the i-th sentence, so the lead weighs most and
// later sentences fade slowly, normalized to sum to 1.
func positionPrior(n int, decay float64) []float64 {
	p := make([]float64, n)
	sum := 0.0
	for i := range p {
		p[i] = 1 / (1 + float64(i)/decay)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
	return p
}

// maxNormalize scales xs so the largest is 1 (all zero stays zero).
func maxNormalize(xs []float64) {
	m := 0.0
	for _, x := range xs {
		m = math.Max(m, x)
	}
	if m == 0 {
		return
	}
	for i := range xs {
		xs[i] /= m
	}
}
