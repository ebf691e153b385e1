package retrieval

import "math"

// A Preference says that sentence features Better should outrank Worse,
// with some Weight (≤ 0 counts as 1).
type Preference struct {
	Better, Worse Features
	Weight        float64
}

// FitWeights learns feature weights from preferences by pairwise logistic
// regression: it maximizes Σ log σ(w·(Better − Worse)) − l2·|w|²/2 by
// Newton's method. Features whose mask entry is false keep weight 0. With
// no preferences it returns zero weights. The scale of the result is
// arbitrary; only ratios matter for ranking.
func FitWeights(prefs []Preference, use [NumFeatures]bool, l2 float64) Weights {
	var idx []int
	for i, u := range use {
		if u {
			idx = append(idx, i)
		}
	}
	n := len(idx)
	w := make([]float64, n)
	diff := make([]float64, n)
	for range 50 {
		grad := make([]float64, n)
		hess := make([][]float64, n)
		for i := range hess {
			hess[i] = make([]float64, n)
			hess[i][i] = l2
			grad[i] = -l2 * w[i]
		}
		for _, p := range prefs {
			z := 0.0
			for i, f := range idx {
				diff[i] = p.Better[f] - p.Worse[f]
				z += w[i] * diff[i]
			}
			s := 1 / (1 + math.Exp(-z)) // probability the order is right
			pw := p.Weight
			if pw <= 0 {
				pw = 1
			}
			for i := range n {
				grad[i] += pw * (1 - s) * diff[i]
				for j := range n {
					hess[i][j] += pw * s * (1 - s) * diff[i] * diff[j]
				}
			}
		}
		step := solve(hess, grad)
		change := 0.0
		for i := range w {
			w[i] += step[i]
			change = max(change, math.Abs(step[i]))
		}
		if change < 1e-7 {
			break
		}
	}
	var out Weights
	for i, f := range idx {
		out[f] = w[i]
	}
	return out
}

// solve returns x with a·x = b by Gaussian elimination with partial
// pivoting; a is positive definite here (the l2 term), so it succeeds.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		if m[c][c] == 0 {
			continue
		}
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := m[r][n]
		for k := r + 1; k < n; k++ {
			s -= m[r][k] * x[k]
		}
		if m[r][r] != 0 {
			x[r] = s / m[r][r]
		}
	}
	return x
}
