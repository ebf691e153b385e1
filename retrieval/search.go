package retrieval

import (
	"container/heap"
	"sort"
	"sync"
)

// A Hit is one sentence found by [Index.Search].
type Hit struct {
	Article  *Article
	Sentence Sentence
	Score    float64  // BM25 score; higher is better, comparable within one query
	Coverage float64  // share (0–1) of the question's weight, by idf, that the sentence matches
	Terms    []string // the analyzed question terms the sentence contains
}

// SearchOptions narrow a search. The zero value searches every article
// for the 10 best sentences.
type SearchOptions struct {
	K       int    // how many hits at most; ≤ 0 means 10
	Article string // if not empty, only this article's sentences
}

// A query is an analyzed question: its distinct terms and their idf.
type query struct {
	terms []string
	ids   []int32 // term number, or -1 for a term not in the index
	idf   []float64
	total float64 // sum of idf over all terms
}

func (ix *Index) parseQuery(text string) query {
	var q query
	for _, t := range uniqueTerms(Analyze(text)) {
		if _, filler := questionFiller[t]; filler {
			continue
		}
		id, ok := ix.terms[t]
		df := 0
		if !ok {
			id = -1
		} else {
			df = len(ix.postings[id].sents)
		}
		idf := ix.idf(df)
		q.terms = append(q.terms, t)
		q.ids = append(q.ids, id)
		q.idf = append(q.idf, idf)
		q.total += idf
	}
	return q
}

// Search returns the sentences that best match question, best first, ties
// broken by article ID and position. A question with no meaningful words,
// or one whose words the index never saw, finds nothing: the result is
// empty, not an error. An unknown opt.Article also finds nothing.
func (ix *Index) Search(question string, opt SearchOptions) []Hit {
	return ix.search(ix.parseQuery(question), opt, DefaultBM25)
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// scratch is per-query working memory: dense scores by sentence number and
// the list of sentences touched, reset after use.
type scratch struct {
	score   []float32
	matched []uint32 // bit i set: query term i matched
	touched []uint32
}

func (ix *Index) search(q query, opt SearchOptions, p BM25) []Hit {
	k := opt.K
	if k <= 0 {
		k = 10
	}
	lo, hi := uint32(0), uint32(len(ix.sents))
	if opt.Article != "" {
		ai, ok := ix.byID[opt.Article]
		if !ok {
			return nil
		}
		lo, hi = ix.sentenceRange(ai)
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	if len(sc.score) < len(ix.sents) {
		sc.score = make([]float32, len(ix.sents))
		sc.matched = make([]uint32, len(ix.sents))
	}
	for qi, id := range q.ids {
		if id < 0 || qi >= 32 {
			continue
		}
		pl := ix.postings[id]
		start := sort.Search(len(pl.sents), func(i int) bool { return pl.sents[i] >= lo })
		for i := start; i < len(pl.sents) && pl.sents[i] < hi; i++ {
			sn := pl.sents[i]
			if sc.matched[sn] == 0 {
				sc.touched = append(sc.touched, sn)
			}
			sc.score[sn] += float32(p.termScore(q.idf[qi], pl.freqs[i], ix.sentLen[sn], ix.avgLen))
			sc.matched[sn] |= 1 << qi
		}
	}
	h := make(hitHeap, 0, k+1)
	for _, sn := range sc.touched {
		s := float64(sc.score[sn]) + ix.titleScore(q, sn, p)
		c := hitCand{sn: sn, score: s, mask: sc.matched[sn]}
		if len(h) < k {
			heap.Push(&h, c)
		} else if c.better(h[0]) {
			h[0] = c
			heap.Fix(&h, 0)
		}
		sc.score[sn], sc.matched[sn] = 0, 0
	}
	sc.touched = sc.touched[:0]
	sort.Slice(h, func(i, j int) bool { return h[i].better(h[j]) })
	hits := make([]Hit, len(h))
	for i, c := range h {
		hits[i] = ix.hit(q, c)
	}
	return hits
}

// sentenceRange returns the global sentence numbers [lo, hi) of article ai.
func (ix *Index) sentenceRange(ai int) (uint32, uint32) {
	hi := uint32(len(ix.sents))
	if ai+1 < len(ix.first) {
		hi = ix.first[ai+1]
	}
	return ix.first[ai], hi
}

// titleScore adds TitleWeight × idf for each question term in the title of
// the sentence's article.
func (ix *Index) titleScore(q query, sn uint32, p BM25) float64 {
	if p.TitleWeight == 0 {
		return 0
	}
	ai := ix.sents[sn].article
	s := 0.0
	for qi, id := range q.ids {
		if id < 0 {
			continue
		}
		t := ix.titles[id]
		i := sort.Search(len(t), func(i int) bool { return t[i] >= ai })
		if i < len(t) && t[i] == ai {
			s += p.TitleWeight * q.idf[qi]
		}
	}
	return s
}

func (ix *Index) hit(q query, c hitCand) Hit {
	ref := ix.sents[c.sn]
	a := ix.articles[ref.article]
	h := Hit{Article: a, Sentence: a.Sentences[ref.sentence], Score: c.score}
	matched := 0.0
	for qi, t := range q.terms {
		if qi < 32 && c.mask&(1<<qi) != 0 {
			h.Terms = append(h.Terms, t)
			matched += q.idf[qi]
		}
	}
	if q.total > 0 {
		h.Coverage = matched / q.total
	}
	return h
}

type hitCand struct {
	sn    uint32
	score float64
	mask  uint32
}

// better orders candidates by score, then by sentence number (article ID
// order, then position), so results are stable.
func (c hitCand) better(d hitCand) bool {
	if c.score != d.score {
		return c.score > d.score
	}
	return c.sn < d.sn
}

// hitHeap is a min-heap: the worst kept candidate on top.
type hitHeap []hitCand

func (h hitHeap) Len() int           { return len(h) }
func (h hitHeap) Less(i, j int) bool { return h[j].better(h[i]) }
func (h hitHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)        { *h = append(*h, x.(hitCand)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
