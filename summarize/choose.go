package summarize

import (
	"math"
	"sort"
)

// choose picks n sentences of d greedily by maximal marginal relevance:
// each round takes the candidate whose relevance, less its similarity to
// the sentences already chosen, is highest.
//
// A sentence that leans on its predecessor comes with it, as a pair that
// takes two places and is worth the mean of both. A sentence that opens a
// quotation from nobody and runs on ("“We can’t force Ukraine to make a
// deal.") loses as much as the lead focus: a short summary is read quote
// by quote, while a long one usually quotes its neighbours too. Sentences
// that cannot stand alone at all (too short, questions, inline captions)
// are taken only when nothing else is left.
func (o Options) choose(d *doc, sim [][]float64, rel []float64, n int) []Quote {
	top := 0.0
	for i, s := range d.sents {
		if s.text {
			top = math.Max(top, rel[i])
		}
	}
	lead := o.leadFocus(n, len(d.sents))
	chosen := make([]bool, len(d.sents))
	near := make([]float64, len(d.sents)) // similarity to the nearest chosen
	context := make([]bool, len(d.sents))
	count := 0
	value := func(i int) float64 {
		v := (1-o.Redundancy)*rel[i] - o.Redundancy*near[i]
		if d.sents[i].dangling {
			v -= lead
		}
		if !d.sents[i].quotable {
			v -= 10
		}
		return v
	}
	for count < n {
		best, bestPrev, bestVal := -1, -1, math.Inf(-1)
		for i, s := range d.sents {
			if chosen[i] || !s.text {
				continue
			}
			prev := -1
			v := value(i)
			if s.dependent && !chosen[i-1] {
				p := d.sents[i-1]
				if n-count < 2 || !p.text || p.dependent {
					continue
				}
				prev = i - 1
				v = (v + value(prev)) / 2
			}
			if v > bestVal {
				best, bestPrev, bestVal = i, prev, v
			}
		}
		if best < 0 {
			break
		}
		for _, i := range []int{bestPrev, best} {
			if i < 0 {
				continue
			}
			chosen[i] = true
			count++
			for j := range near {
				near[j] = math.Max(near[j], sim[i][j])
			}
		}
		if bestPrev >= 0 {
			context[bestPrev] = true
		}
	}
	var quotes []Quote
	for i, ok := range chosen {
		if !ok {
			continue
		}
		score := 0.0
		if top > 0 {
			score = rel[i] / top
		}
		quotes = append(quotes, Quote{Sentence: d.sents[i].s, Score: score, Context: context[i]})
	}
	sort.Slice(quotes, func(i, j int) bool { return quotes[i].Sentence.Index < quotes[j].Sentence.Index })
	return quotes
}
