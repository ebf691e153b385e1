package retrieval

import (
	"runtime"
	"slices"
	"sync"
)

// The first pass finds the n sentences with the best first-pass scores:
// BM25, coverage, title, focus, position and length, among those that
// hold a specific question word. On a range of up to maxAccumulated
// sentences it scores them all, term at a time (accumulate.go). On a
// larger one it reads far less than scoring them all, in two steps that
// share the worst score kept so far, θ, and it finds the same sentences
// but for one shortcut (below).
//
//  1. Articles whose titles hold question words, best title share first:
//     every sentence of theirs that holds a specific question word is
//     scored, for the titleFirst best articles or until an article whose
//     title share, with the most its words, focus, position and length
//     could add, cannot pass θ.
//  2. Every other sentence, document at a time with WAND pruning (Broder
//     et al., 2003). Without a title match, a sentence's focus is its
//     coverage, and its score is a sum over the question words it holds
//     (idf share times their BM25, coverage and focus weights) plus its
//     position and length, which add at most b.prior. Every cursor has an
//     upper bound on what its term adds (the saturation of its largest tf
//     in its shortest sentence). The cursors are kept sorted by their
//     current sentence; the pivot is the first cursor at which the prior
//     and the bounds so far add up to more than θ. No sentence before the
//     pivot's can pass θ, so the cursors before the pivot seek straight to
//     it, skipping whole blocks unread: once θ asks for two or three words,
//     the lists are in effect intersected. Light words ("said", "new")
//     never propose a sentence: their bounds are added to every sentence's
//     and their cursors are sought for the sentences the others propose.
//
// The shortcut: step 2 bounds every sentence as if its article's title
// matched nothing, though articles beyond the titleFirst best may match a
// little; their sentences get their title share when step 2 reaches them,
// but one whose words alone would not pass θ is not reached. Bounding them
// by the largest title share left keeps the pass exact but made it three
// times slower on the 100,000-article corpus. On 300 BBC questions the
// shortcut keeps 98.9% of the exact 16 and the same first sentence for
// 99.7% (TestFirstPassRecall); with titleFirst = 16, 95.5% and 99.0%.
//
// Bounding the whole score at once does not prune: the fitted weights give
// the priors about as much as the words (title 1.0, position 0.23, length
// 0.1 against word bounds of 0.04 to 0.3), and no sentence is excluded by
// a bound that includes the largest title share. Taking the titles first
// raises θ and leaves the words only a small prior to carry. An earlier
// version kept the best word scores and the sentences of the four best
// titles and rescored them; on 200 BBC questions it kept 56% of the
// exhaustive top 10, and the same first hit for 87%.
//
// Measured on 500 questions each over the 100,000-article corpus, WAND on
// word scores took 0.40, 0.59 and 1.15 ms for 3–4, 5–7 and 8–10 words
// where MaxScore (Turtle & Flood, 1995) took 0.61, 1.08 and 2.07 ms, for
// the same sentences.
//
// On a corpus of more than minPartSentences sentences, step 2 runs on
// every processor at once, one run of articles each (wordMatchesParallel).
// On the 100,000-article corpus and two processors that cut the median
// search by 15-25% and the 99th percentile by 32-42% (benchstat, n=6:
// 8–10 words 1.19 → 0.89 ms and 6.5 → 4.1 ms). Below 100,000 sentences it
// costs more than it saves: on the BBC articles (41,000 sentences), cut in
// two, the median rose by 16-65%.

// A wordHit is a sentence and the sums its BM25 and coverage features
// are made of. exact says every word it matches is matched by its own
// term (strength 1), so that the focus feature can be computed from mask
// alone.
type wordHit struct {
	sn      uint32
	mask    uint32
	exact   bool
	bm, cov float64
}

// firstPass returns the n best sentences in [lo, hi) on the first-pass
// features, unordered: by accumulating on a range of up to
// maxAccumulated sentences, else with the two steps above.
func (ix *Index) firstPass(q *query, p *Params, lo, hi uint32, n int, sc *scratch) []cand {
	alo, ahi := ix.articleOf(lo), ix.articleOf(hi-1)+1
	titles := ix.titleMatches(q, alo, ahi, sc)
	top := newTopN(sc.cands[:0], n)
	if int(hi-lo) <= maxAccumulated {
		approx := hi-lo >= minApproximate
		if assists(lo, hi) && lo&63 == 0 {
			ix.accumulateAssisted(q, p, titles, lo, hi, approx, &top, sc)
		} else {
			ix.accumulate(q, p, titles, lo, hi, approx, &top, sc)
		}
		sc.cands = top.c
		return top.c
	}
	b := ix.newBounds(q, p)
	ix.titleArticles(q, p, titles, lo, hi, &b, &top, sc)
	ix.wordMatchesParallel(q, p, titles, lo, hi, &b, &top, sc)
	sc.cands = top.c
	return top.c
}

// minPartSentences is the least number of sentences the word pass gives
// one processor. Below it, starting a goroutine and opening every cursor
// again costs more than the share of the search it takes over.
var minPartSentences = 100_000

// wordMatchesParallel runs wordMatches over [lo, hi) cut at article
// boundaries into one part per processor, each part with its own cursors
// and its own best n, and merges the parts into top. A part prunes by its
// own worst kept score or the worst one titleArticles left in top,
// whichever is higher; that is never more than one search alone would
// prune by at the same sentence, so the parts find at least the sentences
// it would, and they find the same ones whatever the scheduling.
func (ix *Index) wordMatchesParallel(q *query, p *Params, titles []titleMatch, lo, hi uint32, b *bounds, top *topN, sc *scratch) {
	n := min(runtime.GOMAXPROCS(0), int(hi-lo)/minPartSentences)
	if n <= 1 {
		ix.wordMatches(q, p, titles, lo, hi, b, top, sc)
		return
	}
	floor := top.theta()
	parts := make([][]cand, n)
	part := func(i int) {
		psc := scratchPool.Get().(*scratch)
		defer scratchPool.Put(psc)
		t := newTopN(psc.cands, top.n)
		t.floor = floor
		if plo, phi := ix.partBound(lo, hi, i, n), ix.partBound(lo, hi, i+1, n); plo < phi {
			ix.wordMatches(q, p, titles, plo, phi, b, &t, psc)
		}
		psc.cands = t.c
		parts[i] = slices.Clone(t.c) // psc goes back to the pool
	}
	var wg sync.WaitGroup
	for i := 1; i < n; i++ {
		wg.Go(func() { part(i) })
	}
	part(0)
	wg.Wait()
	for _, cs := range parts {
		for _, c := range cs {
			top.push(c)
		}
	}
}

// partBound returns where part i of n of the sentences [lo, hi) starts:
// at the first article boundary at or after its even share.
func (ix *Index) partBound(lo, hi uint32, i, n int) uint32 {
	if i == 0 {
		return lo
	}
	if i == n {
		return hi
	}
	sn := lo + uint32(uint64(hi-lo)*uint64(i)/uint64(n))
	ai := ix.articleOf(sn)
	if ix.first[ai] < sn {
		ai++
	}
	return min(max(ix.first[ai], lo), hi)
}

// bounds are what the parts of a query's first-pass scores add at most.
type bounds struct {
	share   [maxWords]float64 // by word: idf share of the question's weight
	perWord float64           // weight of a word's share besides BM25: coverage and focus
	words   float64           // all words: BM25 and coverage, without focus
	focus   float64
	prior   float64 // position and length
}

func (ix *Index) newBounds(q *query, p *Params) bounds {
	w := &p.Weights
	var b bounds
	for i, qw := range q.words {
		b.share[i] = qw.idf / q.total
	}
	b.perWord = w[FeatCoverage] + max(0, w[FeatFocus])
	b.focus = max(0, w[FeatFocus])
	b.prior = max(0, positionScore(p, 0), positionScore(p, 1)) + max(0, w[FeatLength])
	for i, qw := range q.words {
		best := 0.0
		for _, t := range qw.terms {
			bd := ix.post.bounds[t.id]
			best = max(best, t.strength*(w[FeatBM25]*p.saturation(bd.maxTF, bd.minLen, ix.avgLen)+w[FeatCoverage]))
		}
		b.words += b.share[i] * best
	}
	return b
}

// positionScore is what the position features add to sentence i of an
// article.
func positionScore(p *Params, i uint32) float64 {
	var f Features
	position(&f, i)
	return p.Weights[FeatLead]*f[FeatLead] + p.Weights[FeatPosition]*f[FeatPosition]
}

// push scores h on the first-pass features and keeps it if it is among
// the best.
func (ix *Index) push(q *query, p *Params, h *wordHit, title titleMatch, top *topN, sc *scratch) {
	ix.pushIn(q, p, h, title, ix.articleOf(h.sn), top, sc)
}

// pushIn is push for a sentence known to be in article ai.
func (ix *Index) pushIn(q *query, p *Params, h *wordHit, title titleMatch, ai int, top *topN, sc *scratch) {
	c := cand{sn: h.sn, art: int32(ai), mask: h.mask, title: title.mask}
	c.f[FeatBM25], c.f[FeatCoverage] = h.bm/q.total, h.cov/q.total
	c.f[FeatTitle] = title.share
	c.f[FeatFocus] = ix.focusOf(q, h, title.mask, sc)
	c.f[FeatLength] = lengthFeature(ix.sentLen[h.sn])
	position(&c.f, h.sn-ix.first[ai])
	c.score = p.Weights.Score(&c.f)
	top.push(c)
}

// theta returns the score a sentence must pass to be kept: the worst
// score kept, or the floor while fewer than n are (or if it is higher).
func (t *topN) theta() float64 {
	if !t.full() {
		return t.floor
	}
	return max(t.floor, t.c[0].score)
}

// rejects reports whether a sentence sn that scores score cannot be kept:
// it does not pass the floor, or n are kept and it is not better than the
// worst of them.
func (t *topN) rejects(score float64, sn uint32) bool {
	if score < t.floor {
		return true
	}
	if !t.full() {
		return false
	}
	w := &t.c[0]
	return score < w.score || score == w.score && sn > w.sn
}

// wordMatches scores, with WAND pruning (see the top of this file), the
// sentences in [lo, hi) that titleArticles did not score and that could
// pass θ if their articles' titles matched nothing.
func (ix *Index) wordMatches(q *query, p *Params, titles []titleMatch, lo, hi uint32, b *bounds, top *topN, sc *scratch) {
	cursors, light, fixed := ix.wandCursors(q, p, lo, b, sc)
	ai, ti := ix.articleOf(lo), 0
	var strength [maxWords]float64
	var tfs [maxWords]uint8
	for {
		pivot := pivotOf(cursors, fixed, top.theta(), hi)
		if pivot < 0 {
			break
		}
		d := cursors[pivot].doc
		if cursors[0].doc != d {
			// Move the cursor before the pivot with the largest bound.
			k := 0
			for i := 1; i < pivot; i++ {
				if cursors[i].doc != d && cursors[i].bound > cursors[k].bound {
					k = i
				}
			}
			cursors[k].seek(d)
			continue
		}
		var mask uint32
		for _, c := range cursors {
			if c.doc != d {
				break
			}
			mask = record(c, mask, &strength, &tfs)
			c.next()
		}
		for ix.first[ai+1] <= d {
			ai++
		}
		for ti < len(titles) && int(titles[ti].art) < ai {
			ti++
		}
		var title titleMatch
		if ti < len(titles) && int(titles[ti].art) == ai {
			if titles[ti].done {
				continue // scored by titleArticles
			}
			title = titles[ti]
		}
		for _, c := range light {
			if c.seek(d); c.doc == d {
				mask = record(c, mask, &strength, &tfs)
			}
		}
		dl := ix.sentLen[d]
		if title.mask == 0 {
			// Without a title match the score is quick to check.
			score := wordScore(p, &b.share, b.perWord, mask, &strength, &tfs, dl, ix.avgLen) +
				positionScore(p, d-ix.first[ai]) + p.Weights[FeatLength]*lengthFeature(dl)
			if top.rejects(score, d) {
				continue
			}
		}
		h := sums(q, p, mask, &strength, &tfs, dl, ix.avgLen)
		h.sn = d
		ix.push(q, p, &h, title, top, sc)
	}
}

// wandCursors opens a cursor on every term of the question at sentence lo
// and sets its bound. It returns the cursors of specific words, those of
// light words, and what the priors and light words add to any sentence at
// most.
func (ix *Index) wandCursors(q *query, p *Params, lo uint32, b *bounds, sc *scratch) (cursors, light []*cursor, fixed float64) {
	w := &p.Weights
	cursors, light = sc.specific[:0], sc.light[:0]
	fixed = b.prior
	for _, c := range ix.openCursors(q, p, lo, sc) {
		sat := 0.0
		if w[FeatBM25] > 0 {
			bd := ix.post.bounds[c.term]
			sat = p.saturation(bd.maxTF, bd.minLen, ix.avgLen)
		}
		c.bound = max(0, b.share[c.word]*c.strength*(w[FeatBM25]*sat+b.perWord))
		if q.words[c.word].light {
			light = append(light, c)
			fixed += c.bound
		} else {
			cursors = append(cursors, c)
		}
	}
	sc.specific, sc.light = cursors, light
	return cursors, light, fixed
}

// pivotOf sorts the cursors by sentence and returns the first whose bound,
// with those before it and fixed, passes theta, or −1 if none before hi
// does.
func pivotOf(cursors []*cursor, fixed, theta float64, hi uint32) int {
	// Insertion sort: only a few cursors moved since the last call.
	for i := 1; i < len(cursors); i++ {
		for j := i; j > 0 && cursors[j].doc < cursors[j-1].doc; j-- {
			cursors[j], cursors[j-1] = cursors[j-1], cursors[j]
		}
	}
	acc := fixed
	for i, c := range cursors {
		if c.doc >= hi {
			return -1
		}
		if acc += c.bound; acc > theta {
			return i
		}
	}
	return -1
}

// focusOf returns the focus feature of word hit h in an article whose
// title holds the words in titleMask: the share of the weight of the other
// question words that h matches.
func (ix *Index) focusOf(q *query, h *wordHit, titleMask uint32, sc *scratch) float64 {
	var strength [maxWords]float64
	if h.exact {
		for m := h.mask; m != 0; m &= m - 1 {
			strength[trailingZero(m)] = 1
		}
	} else {
		sc.toks = ix.fwd.run(int(h.sn), sc.toks[:0])
		q.strengths(sc.toks, &strength)
	}
	got, all := 0.0, 0.0
	for i := range q.words {
		if titleMask&(1<<i) != 0 {
			continue
		}
		all += q.words[i].idf
		got += q.words[i].idf * strength[i]
	}
	if all == 0 {
		return 0
	}
	return got / all
}

func lengthFeature(dl uint16) float64 { return min(float64(dl)/32, 1) }

// sums returns the word hit of a sentence of dl terms holding the words in
// mask, without its number and score.
func sums(q *query, p *Params, mask uint32, strength *[maxWords]float64, tfs *[maxWords]uint8, dl uint16, avg float64) wordHit {
	h := wordHit{mask: mask, exact: true}
	for m := mask; m != 0; m &= m - 1 {
		w := trailingZero(m)
		x := q.words[w].idf * strength[w]
		h.bm += x * p.saturation(tfs[w], dl, avg)
		h.cov += x
		h.exact = h.exact && strength[w] == 1
	}
	return h
}

// record notes that cursor c's term is in the current sentence. Of the
// terms of one word it keeps the strongest match, and of those the most
// frequent, whatever order the cursors come in.
func record(c *cursor, mask uint32, strength *[maxWords]float64, tfs *[maxWords]uint8) uint32 {
	bit := uint32(1) << c.word
	if mask&bit == 0 || c.strength > strength[c.word] || c.strength == strength[c.word] && c.tf() > tfs[c.word] {
		strength[c.word], tfs[c.word] = c.strength, c.tf()
	}
	return mask | bit
}

// wordScore returns the word score of a sentence of dl terms holding the
// words in mask.
func wordScore(p *Params, share *[maxWords]float64, perWord float64, mask uint32, strength *[maxWords]float64, tfs *[maxWords]uint8, dl uint16, avg float64) float64 {
	s := 0.0
	for m := mask; m != 0; m &= m - 1 {
		w := trailingZero(m)
		s += share[w] * strength[w] * (p.Weights[FeatBM25]*p.saturation(tfs[w], dl, avg) + perWord)
	}
	return s
}
