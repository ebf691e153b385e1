package retrieval

import (
	"math"
	"math/bits"
	"slices"
	"sync"
)

// A Hit is one sentence found by [Index.Search].
type Hit struct {
	Article  *Article
	Sentence Sentence
	Score    float64  // weighted sum of Features; higher is better, comparable within one query
	Coverage float64  // share (0–1) of the question's weight, by idf, that the sentence matches
	Support  float64  // share (0–1) of the weight of the question's specific words (not light ones such as say, get, new) that the sentence matches, those only its title or neighbours match counting for contextSupport of theirs
	Terms    []string // the index terms of the question's words that the sentence contains
	Features Features // what Score was computed from

	specific bool // the sentence holds a word of the question that is not light
}

// SearchOptions narrow a search. The zero value searches every article
// for the 10 best sentences with [DefaultParams].
type SearchOptions struct {
	K       int     // how many hits at most; ≤ 0 means 10
	Article string  // if not empty, only this article's sentences
	Params  *Params // ranking parameters; nil means DefaultParams
}

func (o *SearchOptions) params() *Params {
	if o.Params != nil {
		return o.Params
	}
	return &DefaultParams
}

// Search returns the sentences that best answer question, best first, ties
// broken by article ID and position. Only sentences that contain at least
// one of the question's specific words (or a fuzzy or related match of
// one) are found; light words such as "said", "new" or "first" count only
// beside them. A question with no specific words, or none the index knows,
// finds nothing: the result is empty, not an error. An unknown
// opt.Article also finds nothing. Search is safe for concurrent use.
//
// Ranking runs in two passes. The first finds candidates by their words
// and scores them on BM25, coverage, title, focus, position and length:
// on up to 100,000 sentences by scoring every one that holds a specific
// question word (accumulate.go; from 16,384 sentences on, a word that
// more than one sentence in 32 holds only adds to the sentences rarer
// words reach, outside articles whose titles match), on more with WAND
// pruning (prune.go). The second adds, for the best Params.Candidates, the features that need the
// sentence and its neighbours (context, proximity, answer type,
// completeness) and re-sorts them. On 32,768 to 100,000 sentences, a
// search shares both passes with a goroutine on a second processor
// (assist.go).
func (ix *Index) Search(question string, opt SearchOptions) []Hit {
	p := opt.params()
	if assists(0, uint32(len(ix.sentLen))) {
		helper.noteSearch()
		defer helper.searchDone()
	}
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	q := ix.parseInto(question, p, &sc.qbuf)
	return ix.search(&q, opt, p, sc)
}

// scratch is one search's working memory, reused through a pool.
type scratch struct {
	cursors     []cursor
	order       []*cursor
	specific    []*cursor
	light       []*cursor
	cands       []cand
	ranked      []*cand  // cands, best first
	terms       []string // a hit's terms, gathered before they are copied
	toks        []uint32
	near        []uint32
	titleCursor cursor
	titleHits   []titleHit
	titleSpare  []titleHit // titleMatches merges titleHits into it and back
	titleRuns   []int
	titles      []titleMatch
	order32     []int32
	found       []termHit
	acc         accumulators
	qbuf        queryBuf
	half        []cand // the half of the first pass the assistant may run (assist.go)
	probes      []probe
	probesLeft  []probe
	touched     uint32 // what touchRuns and touchHits read, kept so that their loads are made
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// A cand is a sentence being ranked.
type cand struct {
	sn      uint32
	art     int32
	mask    uint32 // question words the sentence holds
	title   uint32 // question words the article's title holds
	score   float64
	support float64
	f       Features
	held    termSet // the terms of the words in mask that the sentence holds (secondPass)
}

// better orders candidates by score, then by sentence number (article ID
// order, then position), so results are stable.
func (c *cand) better(d *cand) bool {
	if c.score != d.score {
		return c.score > d.score
	}
	return c.sn < d.sn
}

func (ix *Index) search(q *query, opt SearchOptions, p *Params, sc *scratch) []Hit {
	k := opt.K
	if k <= 0 {
		k = 10
	}
	lo, hi := uint32(0), uint32(len(ix.sentLen))
	if opt.Article != "" {
		ai, ok := ix.articleByID(opt.Article)
		if !ok {
			return nil
		}
		lo, hi = ix.first[ai], ix.first[ai+1]
	}
	if lo >= hi || q.specific == 0 {
		return nil
	}
	cands := ix.firstPass(q, p, lo, hi, max(k, p.Candidates), sc)
	ix.touchRuns(cands, sc)
	assisted := assists(lo, hi)
	if assisted {
		shared(len(cands), sc, func(i int, sc *scratch) { ix.secondPass(q, p, &cands[i], sc) })
	} else {
		for i := range cands {
			ix.secondPass(q, p, &cands[i], sc)
		}
	}
	// Sorted by pointer: a cand is 184 bytes, which a sort of the values
	// copies at every comparison.
	ranked := sc.ranked[:0]
	for i := range cands {
		ranked = append(ranked, &cands[i])
	}
	slices.SortFunc(ranked, func(a, b *cand) int {
		if a.better(b) {
			return -1
		}
		return 1
	})
	sc.ranked = ranked
	hits := make([]Hit, min(k, len(cands)))
	ix.touchHits(ranked[:len(hits)], sc)
	for i := range hits {
		hits[i] = ix.hit(q, ranked[i], sc)
	}
	return hits
}

// openCursors positions a cursor on every term that matches a question
// word, at sentence lo.
func (ix *Index) openCursors(q *query, p *Params, lo uint32, sc *scratch) []*cursor {
	n := 0
	for _, w := range q.words {
		n += len(w.terms)
	}
	if cap(sc.cursors) < n {
		sc.cursors = make([]cursor, n)
	}
	sc.cursors = sc.cursors[:n]
	sc.order = sc.order[:0]
	i := 0
	for wi, w := range q.words {
		for _, t := range w.terms {
			c := &sc.cursors[i]
			i++
			c.reset(&ix.post, t.id)
			c.word, c.strength, c.idf = wi, t.strength, t.idf
			c.seek(lo)
			if c.doc != done {
				sc.order = append(sc.order, c)
			}
		}
	}
	return sc.order
}

// position sets the position features of the i-th sentence of an article.
func position(f *Features, i uint32) {
	if i == 0 {
		f[FeatLead] = 1
	}
	f[FeatPosition] = 1 / (1 + float64(i))
}

// secondPass adds the features that read the sentence and its neighbours
// and rescores c.
func (ix *Index) secondPass(q *query, p *Params, c *cand, sc *scratch) {
	sc.toks = ix.fwd.run(int(c.sn), sc.toks[:0])
	c.held = q.held(sc.toks, c.mask)
	var near uint32
	c.f[FeatContext], near = ix.context(q, c, sc)
	own := q.support(c.mask)
	c.support = own + contextSupport*(q.support(c.mask|c.title|near)-own)
	c.f[FeatProximity] = proximity(q, sc.toks)
	cues := ix.cues[c.sn]
	if cues&cueComplete != 0 {
		c.f[FeatComplete] = 1
	}
	switch q.ask {
	case askWho, askWhere:
		if a, s := ix.sentence(int(c.art), c.sn); cues&mayNameCue[q.ask] != 0 && nameCue(q.ask, a.Text(s), q.used) {
			c.f[askFeature[q.ask]] = 1
		}
	case askWhen, askCount, askDefine, askWhy:
		if cues&askCue[q.ask] != 0 {
			c.f[askFeature[q.ask]] = 1
		}
	}

	c.score = p.Weights.Score(&c.f)
}

// askFeature is the feature set when a sentence has what a question asks.
var askFeature = [...]Feature{askWho: FeatWho, askWhen: FeatWhen, askCount: FeatCount, askWhere: FeatWhere, askDefine: FeatDefine, askWhy: FeatWhy}

// context returns the share of the question's weight that the sentences
// before and after c hold and c does not, and the words they hold.
func (ix *Index) context(q *query, c *cand, sc *scratch) (float64, uint32) {
	lo, hi := ix.first[c.art], ix.first[c.art+1]
	sc.near = sc.near[:0]
	if c.sn > lo {
		sc.near = ix.fwd.run(int(c.sn-1), sc.near)
	}
	if c.sn+1 < hi {
		sc.near = ix.fwd.run(int(c.sn+1), sc.near)
	}
	if len(sc.near) == 0 {
		return 0, 0
	}
	var strength [maxWords]float64
	mask := q.strengths(sc.near, &strength)
	s := 0.0
	for i := range q.words {
		if mask&^c.mask&(1<<i) != 0 {
			s += q.words[i].idf * strength[i]
		}
	}
	return s / q.total, mask
}

// support returns the share of the weight of the question's specific
// words that mask holds; 0 for a question of light words only.
func (q *query) support(mask uint32) float64 {
	if q.specific == 0 {
		return 0
	}
	s := 0.0
	for i, w := range q.words {
		if !w.light && mask&(1<<i) != 0 {
			s += w.idf
		}
	}
	return s / q.specific
}

func (ix *Index) hit(q *query, c *cand, sc *scratch) Hit {
	a, s := ix.sentence(int(c.art), c.sn)
	h := Hit{Article: a, Sentence: s, Score: c.score, Coverage: c.f[FeatCoverage], Support: c.support, Features: c.f}
	for m := c.mask; m != 0; m &= m - 1 {
		h.specific = h.specific || !q.words[trailingZero(m)].light
	}
	terms := sc.terms[:0]
	for k, b := range c.held {
		for ; b != 0; b &= b - 1 {
			terms = append(terms, ix.dict.text(q.terms[k*64+bits.TrailingZeros64(b)].id))
		}
	}
	sc.terms = terms
	if len(terms) > 0 {
		h.Terms = slices.Clone(terms) // one allocation, of the size needed
	}
	return h
}

// topN keeps the n best candidates pushed, as a min-heap on c: the worst
// kept one on top.
type topN struct {
	c     []cand
	n     int
	floor float64 // a score to pass besides the worst kept: −Inf, or a parallel part's (see wordMatchesParallel)
}

// newTopN returns an empty topN that keeps n, in c's storage.
func newTopN(c []cand, n int) topN { return topN{c: c[:0], n: n, floor: math.Inf(-1)} }

// push adds c if it is among the n best so far and reports whether it
// did.
func (t *topN) push(c cand) bool {
	if len(t.c) < t.n {
		t.c = append(t.c, c)
		t.up(len(t.c) - 1)
		return true
	}
	if !c.better(&t.c[0]) {
		return false
	}
	t.c[0] = c
	t.down(0)
	return true
}

// full reports whether n candidates are kept: from then on a candidate
// must beat t.c[0].
func (t *topN) full() bool { return len(t.c) == t.n }

func trailingZero(m uint32) int { return bits.TrailingZeros32(m) }

func (t *topN) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !t.c[p].better(&t.c[i]) {
			break
		}
		t.c[p], t.c[i] = t.c[i], t.c[p]
		i = p
	}
}

func (t *topN) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(t.c) {
			return
		}
		w := l
		if r := l + 1; r < len(t.c) && t.c[l].better(&t.c[r]) {
			w = r
		}
		if !t.c[i].better(&t.c[w]) {
			return
		}
		t.c[i], t.c[w] = t.c[w], t.c[i]
		i = w
	}
}

// The second pass and the hits read, for each candidate, data that a
// search seldom finds in the processor's cache: its forward run and its
// neighbours', and its article's sentence record, each behind two or
// three loads in a row. touchRuns and touchHits read them first, in loops
// short enough that the loads for all candidates are under way at once,
// where the second pass and hit, a candidate at a time, would wait for
// each in turn.

// touchRuns reads a byte of every cache line of the forward runs of each
// candidate in cs and of its neighbours (see context).
func (ix *Index) touchRuns(cs []cand, sc *scratch) {
	var sum byte
	offs, data := ix.fwd.offs, ix.fwd.data
	for i := range cs {
		sn := int(cs[i].sn)
		from, to := offs[max(sn-1, 0)], offs[min(sn+2, len(offs)-1)]
		for k := from &^ 63; k < to; k += 64 {
			sum += data[k]
		}
	}
	sc.touched = uint32(sum)
}

// touchHits reads the sentence record of every candidate in cs.
func (ix *Index) touchHits(cs []*cand, sc *scratch) {
	var sum int32
	for _, c := range cs {
		sum += ix.articles[c.art].Sentences[c.sn-ix.first[c.art]].Line
	}
	sc.touched = uint32(sum)
}
