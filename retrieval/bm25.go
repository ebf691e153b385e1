package retrieval

import "math"

// BM25 parameters. K1 (≥ 0) sets how quickly repeated words stop adding to
// a sentence's score; B (0–1) how much a long sentence is discounted.
// TitleWeight scales the score a query word earns when it is in the
// article's title rather than the sentence.
type BM25 struct {
	K1          float64
	B           float64
	TitleWeight float64
}

// DefaultBM25 are the parameters Search uses unless told otherwise.
var DefaultBM25 = BM25{K1: 1.2, B: 0.75, TitleWeight: 0.3}

// idf returns the inverse document frequency of a term found in df of the
// index's sentences, in the smoothed BM25 form that never goes negative.
func (ix *Index) idf(df int) float64 {
	n := float64(len(ix.sents))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// termScore is BM25's saturation of a term occurring tf times in a
// sentence of length dl, times the term's idf.
func (p BM25) termScore(idf float64, tf uint16, dl uint16, avg float64) float64 {
	f := float64(tf)
	norm := 1 - p.B + p.B*float64(dl)/avg
	return idf * f * (p.K1 + 1) / (f + p.K1*norm)
}
