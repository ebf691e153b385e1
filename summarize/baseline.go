package summarize

import (
	"sort"

	"newsdesk/retrieval"
)

// Lead returns the first n sentences of a (n ≤ 0 means
// [DefaultSentences]), every sentence retrieval deems quotable counting:
// the baseline of news summarization, for evaluation.
func Lead(a *retrieval.Article, n int) Summary {
	if a == nil {
		return Summary{}
	}
	if n <= 0 {
		n = DefaultSentences
	}
	s := Summary{Article: a}
	for _, st := range a.Sentences[:min(n, len(a.Sentences))] {
		s.Quotes = append(s.Quotes, Quote{Sentence: st, Score: 1})
	}
	return s
}

// TextRank returns the n sentences of a (n ≤ 0 means [DefaultSentences])
// that plain TextRank (Mihalcea and Tarau, 2004) ranks highest, in article
// order: PageRank with damping 0.85 over a graph whose edges weigh the
// terms two sentences share, divided by the sum of the logarithms of their
// lengths. It looks at no position, title or redundancy, and quotes any
// sentence retrieval deems quotable; it is a baseline for evaluation.
func TextRank(a *retrieval.Article, n int) Summary {
	if a == nil {
		return Summary{}
	}
	if n <= 0 {
		n = DefaultSentences
	}
	d := prepare(currentLexicon(), a)
	k := len(d.sents)
	uniform := make([]float64, k)
	for i := range uniform {
		uniform[i] = 1 / float64(k)
	}
	c := pageRank(overlaps(d), 0.85, uniform)
	maxNormalize(c)
	order := make([]int, k)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return c[order[x]] > c[order[y]] })
	order = order[:min(n, k)]
	sort.Ints(order)
	s := Summary{Article: a}
	for _, i := range order {
		s.Quotes = append(s.Quotes, Quote{Sentence: d.sents[i].s, Score: c[i]})
	}
	return s
}
