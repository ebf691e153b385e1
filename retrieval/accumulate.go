package retrieval

import "math/bits"

// The first pass on a range of up to maxAccumulated sentences: term at a
// time, into one accumulator per sentence, exact, with no pruning and no
// shortcut (compare prune.go).
//
//  1. Every posting of every specific question word adds its BM25 to its
//     sentence's sum and the word to its mask; then light words add
//     theirs to the sentences a specific word reached.
//  2. A scan of the reached sentences, in order, adds what the masks and
//     the sentence's place give: coverage, title, focus, position and
//     length. That is the sentence's first-pass score, or a bound of it
//     when its article's title matches and one of its other words matched
//     only by a fuzzy or related term (focus would need the sentence's
//     terms). A min-heap keeps the n best exact scores; a sentence that
//     cannot beat its least is dropped, and one that can is set aside.
//  3. Of those set aside, the ones that still beat the heap's least are
//     scored in full by push and kept.
//
// Every posting is read, where WAND (prune.go) skips; but a read costs a
// few nanoseconds where WAND's pivots and seeks cost tens, and on the
// BBC articles the slowest questions are made of common words, whose
// lists WAND reads nearly in full anyway. The accumulators are 18 bytes a
// sentence, per search under way.
//
// Measured once on the first 2,500, 5,000 and 10,000 articles that
// bigCorpus generates, accumulating was faster than WAND up to 80,000
// sentences and about as fast at 160,000 (8–10 words, p99: 266 against
// 398 µs at 41,720 sentences, 601 against 718 µs at 80,661, 1,105 against
// 1,149 µs at 161,597). Larger ranges go to WAND, which the parallel word
// pass (wordMatchesParallel) speeds up past minPartSentences.

// maxAccumulated is the most sentences the first pass accumulates; larger
// ranges go to WAND.
var maxAccumulated = 100_000

// accumulators are one search's per-sentence sums, reused through the
// scratch pool; every entry is zero between searches.
type accumulators struct {
	sum     []sum
	best    []chosen  // for a word with several terms: the one kept so far
	reached []uint64  // bitmap: a specific word matched
	touched []uint32  // sentences the current word with several terms reached
	best16  []float64 // the n best scores so far, a min-heap
	passed  []passed  // sentences that passed them when scanned
	pos     [64]float64
	posFor  [2]float64 // the lead and position weights pos was made for
}

// A sum is a sentence's BM25 sum so far (as in wordHit), the question
// words it holds, and those it holds by a weaker term than the word's
// strongest. Its coverage sum follows from the masks: a word's weaker
// terms are all related forms or all fuzzy matches, of one strength.
type sum struct {
	bm         float64
	mask, weak uint32
}

// A chosen is the term of a word kept for a sentence and its tf there. A
// word has at most 1 + maxRelated or maxFuzzyMatches terms.
type chosen struct {
	term uint8
	tf   uint8
}

func (a *accumulators) reset(n int) {
	if cap(a.sum) < n {
		a.sum = make([]sum, n)
		a.best = make([]chosen, n)
		a.reached = make([]uint64, (n+63)/64)
	}
	a.sum, a.best = a.sum[:n], a.best[:n]
	a.reached = a.reached[:(n+63)/64]
}

// accumulate finds the n best sentences in [lo, hi) on the first-pass
// features, as firstPass does, by scoring every sentence that holds a
// specific question word.
func (ix *Index) accumulate(q *query, p *Params, titles []titleMatch, lo, hi uint32, top *topN, sc *scratch) {
	a := &sc.acc
	a.reset(int(hi - lo))
	specific := q.specificMask()
	for pass := range 2 {
		for wi := range q.words {
			if qw := &q.words[wi]; qw.light == (pass == 1) {
				ix.accumulateWord(q, p, wi, specific, lo, hi, sc)
			}
		}
	}
	var strength [maxWords]float64 // what a word's weaker terms match by
	for i, qw := range q.words {
		for _, t := range qw.terms {
			if t.strength != 1 {
				strength[i] = t.strength
			}
		}
	}
	w := &p.Weights
	var idfs [maxWords]float64
	for i := range q.words {
		idfs[i] = q.words[i].idf
	}
	// Without a title match, focus is coverage.
	covWeight, perTotal := w[FeatCoverage]+w[FeatFocus], 1/q.total
	ai := ix.articleOf(lo)
	ti := 0
	for k, word := range a.reached {
		if word == 0 {
			continue
		}
		a.reached[k] = 0
		for ; word != 0; word &= word - 1 {
			s := uint32(k<<6 + bits.TrailingZeros64(word))
			sn := lo + s
			u := a.sum[s]
			a.sum[s] = sum{}
			for ix.first[ai+1] <= sn {
				ai++
			}
			for ti < len(titles) && int(titles[ti].art) < ai {
				ti++
			}
			var title titleMatch
			if ti < len(titles) && int(titles[ti].art) == ai {
				title = titles[ti]
			}
			// The coverage sum, added in the order sums adds it.
			cov := 0.0
			for m := u.mask; m != 0; m &= m - 1 {
				i := trailingZero(m)
				if u.weak&(1<<i) != 0 {
					cov += idfs[i] * strength[i]
				} else {
					cov += idfs[i]
				}
			}
			score := (w[FeatBM25]*u.bm+covWeight*cov)*perTotal + w[FeatTitle]*title.share +
				a.positionScore(p, sn-ix.first[ai]) + w[FeatLength]*lengthFeature(ix.sentLen[sn])
			exact := true
			if title.mask != 0 {
				// Focus on the words the title lacks, not the coverage focus
				// in covWeight.
				score -= w[FeatFocus] * cov * perTotal
				score += max(0, w[FeatFocus]) * focusBound(q, u.mask, title.mask)
				exact = w[FeatFocus] >= 0 && u.weak&u.mask&^title.mask == 0
			}
			if score+boundSlack < top.floor || len(a.best16) == top.n && score+boundSlack < a.best16[0] {
				continue
			}
			if exact {
				a.keep(score, top.n) // a bound would pass more than it should
			}
			a.passed = append(a.passed, passed{wordHit{sn, u.mask, u.weak == 0, u.bm, cov}, int32(ai), title, score + boundSlack})
		}
	}
	// Only the sentences that still pass the n-th best score are scored in
	// full.
	for i := range a.passed {
		e := &a.passed[i]
		if len(a.best16) == top.n && e.ub < a.best16[0] {
			continue
		}
		ix.pushIn(q, p, &e.hit, e.title, int(e.art), top, sc)
	}
	a.passed, a.best16 = a.passed[:0], a.best16[:0]
}

// A passed is a sentence whose score passed the n best so far, with what
// push needs.
type passed struct {
	hit   wordHit
	art   int32
	title titleMatch
	ub    float64 // the most its score can be, rounding included
}

// keep adds score to the n best scores so far, a min-heap.
func (a *accumulators) keep(score float64, n int) {
	h := a.best16
	if len(h) < n {
		h = append(h, score)
		for i := len(h) - 1; i > 0; {
			j := (i - 1) / 2
			if h[j] <= h[i] {
				break
			}
			h[i], h[j] = h[j], h[i]
			i = j
		}
		a.best16 = h
		return
	}
	if score <= h[0] {
		return
	}
	h[0] = score
	for i := 0; ; {
		j := 2*i + 1
		if j >= len(h) {
			break
		}
		if j+1 < len(h) && h[j+1] < h[j] {
			j++
		}
		if h[i] <= h[j] {
			break
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
}

// positionScore is the package's positionScore, from a table for the
// first sentences.
func (a *accumulators) positionScore(p *Params, i uint32) float64 {
	if a.posFor != [2]float64{p.Weights[FeatLead], p.Weights[FeatPosition]} {
		a.posFor = [2]float64{p.Weights[FeatLead], p.Weights[FeatPosition]}
		for j := range a.pos {
			a.pos[j] = positionScore(p, uint32(j))
		}
	}
	if i < uint32(len(a.pos)) {
		return a.pos[i]
	}
	return p.Weights[FeatPosition] / (1 + float64(i))
}

// add adds v to sentence s's BM25 sum and bit to its mask, and to its
// weak mask if weak.
func (a *accumulators) add(s uint32, v float64, bit uint32, weak bool) {
	u := &a.sum[s]
	u.bm += v
	u.mask |= bit
	if weak {
		u.weak |= bit
	}
	a.reached[s>>6] |= 1 << (s & 63)
}

// boundSlack covers rounding: the scan's score of a sentence may differ
// from push's in the last digits.
const boundSlack = 1e-9

// accumulateWord adds question word wi's BM25 and bit to every sentence in
// [lo, hi) that holds it (for a light word, only to those that hold a
// specific word), by the strongest of its terms there and of those the
// most frequent, as record does.
func (ix *Index) accumulateWord(q *query, p *Params, wi int, specific uint32, lo, hi uint32, sc *scratch) {
	a := &sc.acc
	qw := &q.words[wi]
	bit := uint32(1) << wi
	several := len(qw.terms) > 1
	// BM25's saturation (Params.saturation), its constants taken out of
	// the loop.
	k1p1, norm0, norm1 := p.K1+1, p.K1*(1-p.B), p.K1*p.B/ix.avgLen
	add := func(s uint32, t *qterm, tf uint8) {
		f := float64(tf)
		a.add(s, qw.idf*t.strength*f*k1p1/(f+norm0+norm1*float64(ix.sentLen[lo+s])), bit, t.strength != 1)
	}
	a.touched = a.touched[:0]
	c := &sc.titleCursor // free once titleMatches is done
	data := ix.post.data
	for ti := range qw.terms {
		t := &qw.terms[ti]
		c.reset(&ix.post, t.id)
		if c.seek(lo); c.doc >= hi {
			continue
		}
		// Decode the rest of the list straight through: gaps run on across
		// blocks.
		doc, tf, k, end := c.doc, c.tf(), int(c.k), ix.post.end(t.id)
		for {
			s := doc - lo
			switch {
			case qw.light && a.sum[s].mask&specific == 0:
			case !several:
				add(s, t, tf)
			case a.best[s].tf == 0: // the word's first term here
				a.best[s] = chosen{uint8(ti), tf}
				a.touched = append(a.touched, s)
			default:
				if b := a.best[s]; t.strength > qw.terms[b.term].strength || t.strength == qw.terms[b.term].strength && tf > b.tf {
					a.best[s] = chosen{uint8(ti), tf}
				}
			}
			if k >= end {
				break
			}
			var g uint64
			g, k = uvarint(data, k)
			tf = 1
			if g&1 != 0 {
				var x uint64
				x, k = uvarint(data, k)
				tf = uint8(x + 2)
			}
			if doc += uint32(g >> 1); doc >= hi {
				break
			}
		}
	}
	for _, s := range a.touched {
		b := a.best[s]
		a.best[s] = chosen{}
		add(s, &qw.terms[b.term], b.tf)
	}
}

// focusBound returns the most the focus feature can be for a sentence
// holding the words in mask in an article whose title holds those in
// titleMask: exact if every word matched its own term.
func focusBound(q *query, mask, titleMask uint32) float64 {
	got, all := 0.0, 0.0
	for i := range q.words {
		if titleMask&(1<<i) != 0 {
			continue
		}
		all += q.words[i].idf
		if mask&(1<<i) != 0 {
			got += q.words[i].idf
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}
