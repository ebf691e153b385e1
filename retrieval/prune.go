package retrieval

import (
	"cmp"
	"math"
	"slices"
)

// The first pass finds the candidates for full scoring in three steps.
//
//  1. Word matches, document at a time with WAND pruning (Broder et al.,
//     2003): a sentence's word score is the sum, over the question words it
//     holds, of their idf share times their BM25, coverage and focus
//     weights. Every cursor has an upper bound on what its term adds (the
//     saturation of its largest tf in its shortest sentence). The cursors
//     are kept sorted by their current sentence; the pivot is the first
//     cursor at which the bounds so far add up to more than the worst word
//     score still kept (θ). No sentence before the pivot's can pass θ, so
//     the cursors before the pivot seek straight to it, skipping whole
//     blocks unread: once θ asks for two or three words, the lists are in
//     effect intersected. This step keeps the wordDepth × n best word
//     scores exactly.
//  2. Title matches: the sentences that hold a question word in the
//     titleDepth articles whose titles match the question best. The title
//     share can outweigh the words, and no word bound accounts for it.
//  3. Every candidate gets its exact first-pass features (BM25, coverage,
//     title, focus, position, length) from the forward index, and the n
//     best go on to the second pass.
//
// Step 1 is exact for the word score; the first pass as a whole is not
// exact for the first-pass score, whose priors (position, length, and the
// title share of articles below the titleDepth best) can lift a sentence
// with a weak word score. TestFirstPassRecall compares it with scoring
// every matching sentence.
//
// Dynamic pruning cannot work on the whole first-pass score: the fitted
// weights give the priors about as much as the words (title 1.0, position
// 0.23, length 0.1 against word bounds of 0.04 to 0.3), so the bounds
// never exclude a sentence. On the word score alone they soon do. Measured
// on 500 questions each over the 100,000-article corpus, WAND took 0.40,
// 0.59 and 1.15 ms for 3–4, 5–7 and 8–10 words where MaxScore (Turtle &
// Flood, 1995) took 0.61, 1.08 and 2.07 ms, for the same sentences.
const (
	wordDepth  = 1
	titleDepth = 4
)

// A titleMatch is an article whose title holds question words.
type titleMatch struct {
	art   int32
	mask  uint32  // question words the title holds
	share float64 // share of the question's weight they make
}

type titleHit struct {
	art      int32
	word     int32
	strength float64
}

// titleMatches returns the articles in [alo, ahi) whose titles hold a
// question word, in article order.
func (ix *Index) titleMatches(q *query, alo, ahi int, sc *scratch) []titleMatch {
	hits := sc.titleHits[:0]
	c := &sc.titleCursor
	for wi, w := range q.words {
		for _, t := range w.terms {
			c.reset(&ix.titlePost, t.id)
			for c.seek(uint32(alo)); c.doc < uint32(ahi); c.next() {
				hits = append(hits, titleHit{int32(c.doc), int32(wi), t.strength})
			}
		}
	}
	slices.SortFunc(hits, func(a, b titleHit) int { return cmp.Compare(a.art, b.art) })
	out := sc.titles[:0]
	var best [maxWords]float64
	for i := 0; i < len(hits); {
		m := titleMatch{art: hits[i].art}
		j := i
		for ; j < len(hits) && hits[j].art == m.art; j++ {
			h := hits[j]
			bit := uint32(1) << h.word
			if m.mask&bit == 0 || h.strength > best[h.word] {
				best[h.word] = h.strength
			}
			m.mask |= bit
		}
		for mk := m.mask; mk != 0; mk &= mk - 1 {
			w := trailingZero(mk)
			m.share += q.words[w].idf * best[w]
		}
		m.share /= q.total
		out = append(out, m)
		i = j
	}
	sc.titleHits, sc.titles = hits, out
	return out
}

// A wordHit is a sentence, its word score, and the sums its BM25 and
// coverage features are made of. exact says every word it matches is
// matched by its own term (strength 1), so that the focus feature can be
// computed from mask alone.
type wordHit struct {
	sn      uint32
	mask    uint32
	exact   bool
	score   float64
	bm, cov float64
}

func (a wordHit) better(b wordHit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.sn < b.sn
}

// firstPass returns the n best sentences in [lo, hi) on the first-pass
// features, unordered.
func (ix *Index) firstPass(q *query, p *Params, lo, hi uint32, n int, sc *scratch) []cand {
	hits := ix.wordMatches(q, p, lo, hi, wordDepth*n, sc)
	alo, ahi := ix.articleOf(lo), ix.articleOf(hi-1)+1
	titles := ix.titleMatches(q, alo, ahi, sc)
	hits = ix.titleCandidates(q, p, titles, lo, hi, hits, sc)
	// A sentence may be found both ways, with the same sums.
	slices.SortFunc(hits, func(a, b wordHit) int { return cmp.Compare(a.sn, b.sn) })
	top := topN{c: sc.cands[:0], n: n}
	ti := 0
	for i, h := range hits {
		if i > 0 && h.sn == hits[i-1].sn {
			continue
		}
		ai := ix.articleOf(h.sn)
		for ti < len(titles) && int(titles[ti].art) < ai {
			ti++
		}
		var title titleMatch
		if ti < len(titles) && int(titles[ti].art) == ai {
			title = titles[ti]
		}
		c := cand{sn: h.sn, art: int32(ai), mask: h.mask, title: title.mask}
		c.f[FeatBM25], c.f[FeatCoverage] = h.bm/q.total, h.cov/q.total
		c.f[FeatTitle] = title.share
		c.f[FeatFocus] = ix.focusOf(q, &h, title.mask, sc)
		c.f[FeatLength] = lengthFeature(ix.sentLen[h.sn])
		position(&c.f, h.sn-ix.first[ai])
		c.score = p.Weights.Score(&c.f)
		top.push(c)
	}
	sc.cands = top.c
	return top.c
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
		for i := range q.words {
			strength[i] = q.words[i].strengthIn(sc.toks)
		}
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

// wordMatches returns the n sentences in [lo, hi) with the best word
// scores, in no order, with WAND pruning (see the top of this file). Only
// sentences that hold a specific question word are found: the cursors of
// light words ("said", "new") never
// propose a sentence; their bounds are added to every sentence's, and they
// are sought for the sentences the others propose. A common light word
// would otherwise be read in full whenever the rarer words have fewer
// than n sentences.
func (ix *Index) wordMatches(q *query, p *Params, lo, hi uint32, n int, sc *scratch) []wordHit {
	w := &p.Weights
	var share [maxWords]float64
	for i, qw := range q.words {
		share[i] = qw.idf / q.total
	}
	perWord := w[FeatCoverage] + max(0, w[FeatFocus])
	all := ix.openCursors(q, p, lo, sc)
	cursors, light := sc.specific[:0], sc.light[:0]
	lightBound := 0.0
	for _, c := range all {
		sat := 0.0
		if w[FeatBM25] > 0 {
			b := ix.post.bounds[c.term]
			sat = p.saturation(b.maxTF, b.minLen, ix.avgLen)
		}
		c.bound = max(0, share[c.word]*c.strength*(w[FeatBM25]*sat+perWord))
		if q.words[c.word].light {
			light = append(light, c)
			lightBound += c.bound
		} else {
			cursors = append(cursors, c)
		}
	}
	sc.specific, sc.light = cursors, light
	heap := sc.words[:0]
	theta := math.Inf(-1)
	var strength [maxWords]float64
	var tfs [maxWords]uint8
	for {
		// Keep the cursors sorted by sentence; only a few moved.
		for i := 1; i < len(cursors); i++ {
			for j := i; j > 0 && cursors[j].doc < cursors[j-1].doc; j-- {
				cursors[j], cursors[j-1] = cursors[j-1], cursors[j]
			}
		}
		acc, pivot := lightBound, -1
		for i, c := range cursors {
			if c.doc >= hi {
				break
			}
			acc += c.bound
			if acc > theta {
				pivot = i
				break
			}
		}
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
		dl := ix.sentLen[d]
		var mask uint32
		for _, c := range cursors {
			if c.doc != d {
				break
			}
			mask = record(c, mask, &strength, &tfs)
			c.next()
		}
		for _, c := range light {
			if c.seek(d); c.doc == d {
				mask = record(c, mask, &strength, &tfs)
			}
		}
		score := wordScore(p, &share, perWord, mask, &strength, &tfs, dl, ix.avgLen)
		if len(heap) == n && !(score > heap[0].score || score == heap[0].score && d < heap[0].sn) {
			continue
		}
		h := sums(q, p, mask, &strength, &tfs, dl, ix.avgLen)
		h.sn, h.score = d, score
		if heap = pushWord(heap, n, h); len(heap) == n {
			theta = heap[0].score
		}
	}
	sc.words = heap
	return heap
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

// pushWord keeps the n best word hits as a min-heap (worst on top).
func pushWord(h []wordHit, n int, x wordHit) []wordHit {
	if len(h) < n {
		h = append(h, x)
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if !h[p].better(h[i]) {
				break
			}
			h[p], h[i] = h[i], h[p]
			i = p
		}
		return h
	}
	if !x.better(h[0]) {
		return h
	}
	h[0] = x
	for i := 0; ; {
		l := 2*i + 1
		if l >= len(h) {
			break
		}
		m := l
		if r := l + 1; r < len(h) && h[l].better(h[r]) {
			m = r
		}
		if !h[i].better(h[m]) {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	return h
}

// titleCandidates appends to hits the sentences in [lo, hi) that hold a
// specific question word, in the titleDepth articles with the best title
// shares.
func (ix *Index) titleCandidates(q *query, p *Params, titles []titleMatch, lo, hi uint32, hits []wordHit, sc *scratch) []wordHit {
	best := append(sc.best[:0], titles...)
	slices.SortFunc(best, func(a, b titleMatch) int {
		if a.share != b.share {
			return cmp.Compare(b.share, a.share)
		}
		return cmp.Compare(a.art, b.art)
	})
	if len(best) > titleDepth {
		best = best[:titleDepth]
	}
	sc.best = best
	// One cursor per term walks the chosen articles in order.
	slices.SortFunc(best, func(a, b titleMatch) int { return cmp.Compare(a.art, b.art) })
	found := sc.found[:0]
	c := &sc.titleCursor
	for wi, w := range q.words {
		for _, qt := range w.terms {
			c.reset(&ix.post, qt.id)
			for _, t := range best {
				alo, ahi := max(lo, ix.first[t.art]), min(hi, ix.first[t.art+1])
				for c.seek(alo); c.doc < ahi; c.next() {
					found = append(found, termHit{c.doc, int32(wi), qt.strength, c.tf()})
				}
			}
		}
	}
	slices.SortFunc(found, func(a, b termHit) int { return cmp.Compare(a.sn, b.sn) })
	for i := 0; i < len(found); {
		sn := found[i].sn
		var mask uint32
		var strength [maxWords]float64
		var tfs [maxWords]uint8
		for ; i < len(found) && found[i].sn == sn; i++ {
			f := found[i]
			bit := uint32(1) << f.word
			if mask&bit == 0 || f.strength > strength[f.word] || f.strength == strength[f.word] && f.tf > tfs[f.word] {
				strength[f.word], tfs[f.word] = f.strength, f.tf
			}
			mask |= bit
		}
		if mask&q.specificMask() == 0 {
			continue // as in wordMatches, a sentence must hold a specific word
		}
		h := sums(q, p, mask, &strength, &tfs, ix.sentLen[sn], ix.avgLen)
		h.sn = sn
		hits = append(hits, h)
	}
	sc.found = found
	sc.words = hits
	return hits
}

// A termHit is a question word's term found in a sentence.
type termHit struct {
	sn       uint32
	word     int32
	strength float64
	tf       uint8
}
