package retrieval

import (
	"math/bits"
	"sort"
)

// The first pass on a range of up to maxAccumulated sentences: term at a
// time, into one accumulator per sentence, with no pruning (compare
// prune.go). It is exact on ranges of fewer than minApproximate sentences;
// on larger ones common words propose no sentence (see roles).
//
//  1. Every posting of every proposing word sets the word's bit in its
//     sentence's mask, and marks the sentence reached; then light words
//     read from their lists set theirs in the sentences already reached.
//     BM25 is left for the scan: a word held once adds its idf times the
//     saturation of one occurrence, which only the sentence's length
//     changes, so only a word held more than once adds to extra.
//  2. Words read from bitmaps (dense.go) set their bits in the masks of
//     the sentences reached, 64 sentences at a time (markProbes).
//  3. A scan of the reached sentences, in order, adds the words read from
//     bitmaps that have several terms, then scores what the masks and the
//     sentence's place give: BM25, coverage, title, focus, position and
//     length. That is the sentence's first-pass score, or a bound of it
//     when its article's title matches and one of its other words matched
//     only by a fuzzy or related term (focus would need the sentence's
//     terms). A min-heap keeps the n best exact scores; a sentence that
//     cannot beat its least is dropped, and one that can is set aside.
//  4. Of those set aside, the ones that still beat the heap's least are
//     scored in full by push and kept.
//
// Every posting of a proposing word is read, where WAND (prune.go) skips;
// but a read costs a few nanoseconds where WAND's pivots and seeks cost
// tens. The accumulators are 16 bytes a sentence (mask, weak mask and
// extra), per search under way; the scan reads the last two only when a
// question's terms need them.
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
	mask    []uint32  // the question words a sentence holds
	weak    []uint32  // those it holds by a weaker term than the word's strongest
	extra   []float64 // BM25 beyond what one occurrence of each word gives
	best    []chosen  // for a word with several terms: the one kept so far
	reached []uint64  // bitmap: a specific word matched
	titled  []uint64  // bitmap: the article's title matches the question
	touched []uint32  // sentences the current word with several terms reached
	best16  []float64 // the n best scores so far, a min-heap
	passed  []passed  // sentences that passed them when scanned
	covTab  []float64 // coverage sums of masks, 8 words at a time (coverageTable)
	pos     [64]float64
	posFor  [2]float64 // the lead and position weights pos was made for
	sat     [64]float64
	satFor  [3]float64 // K1, B and the average sentence length sat was made for
	hasWeak bool       // some sentence holds a word by a weaker term
	hasMore bool       // some sentence holds a word more than once
}

// A chosen is the term of a word kept for a sentence and its tf there. A
// word has at most 1 + maxRelated or maxFuzzyMatches terms.
type chosen struct {
	term uint8
	tf   uint8
}

func (a *accumulators) reset(n int) {
	if cap(a.mask) < n {
		a.mask = make([]uint32, n)
		a.weak = make([]uint32, n)
		a.extra = make([]float64, n)
		a.best = make([]chosen, n)
		a.reached = make([]uint64, (n+63)/64)
	}
	a.mask, a.weak, a.extra, a.best = a.mask[:n], a.weak[:n], a.extra[:n], a.best[:n]
	a.reached = a.reached[:(n+63)/64]
	a.hasWeak, a.hasMore = false, false
}

// accumulate finds the n best sentences in [lo, hi) on the first-pass
// features, as firstPass does, by scoring every sentence that holds a
// proposing word (see roles). approx says whether the search's whole
// range, of which [lo, hi) may be half, has minApproximate sentences.
func (ix *Index) accumulate(q *query, p *Params, titles []titleMatch, lo, hi uint32, approx bool, top *topN, sc *scratch) {
	a := &sc.acc
	a.reset(int(hi - lo))
	propose, probe, common := ix.roles(q, approx)
	probes := ix.probes(q, probe, lo, sc)
	for pass := range 2 {
		if pass == 1 && common != 0 {
			// Before the light words read from lists, which add only to
			// the sentences reached.
			ix.reachTitled(probes, common, titles, lo, sc)
		}
		for wi := range q.words {
			bit := uint32(1) << wi
			if propose&bit != 0 == (pass == 0) && probe&bit == 0 {
				ix.accumulateWord(q, p, wi, propose&bit == 0, lo, hi, sc)
			}
		}
	}
	probes = ix.markProbes(p, probes, lo, hi, sc)
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
	covTab := a.coverageTable(idfs[:len(q.words)])
	all := uint32(1)<<len(q.words) - 1
	a.saturations(p, ix.avgLen)
	// Without a title match, focus is coverage.
	covWeight, perTotal := w[FeatCoverage]+w[FeatFocus], 1/q.total
	// The weights, tables and slices the scan reads, in locals.
	wBM, wTitle, wLen, wFocus := w[FeatBM25]*perTotal, w[FeatTitle], w[FeatLength], w[FeatFocus]
	covWeight *= perTotal
	pos := a.positions(p)
	sentLen, place, masks := ix.sentLen, ix.place, a.mask
	titled := a.markTitled(ix, titles, lo)
	ti := 0 // titles of articles before the scan's sentence are passed
	for k, word := range a.reached {
		if word == 0 {
			continue
		}
		a.reached[k] = 0
		inTitled := titled[k]
		for ; word != 0; word &= word - 1 {
			b := bits.TrailingZeros64(word)
			s := uint32(k<<6 + b)
			sn := lo + s
			mask := masks[s]
			masks[s] = 0
			dl := sentLen[sn]
			var weak uint32
			var more float64 // BM25 beyond one occurrence of each word
			if a.hasWeak {
				weak = a.weak[s]
				a.weak[s] = 0
			}
			if a.hasMore {
				more = a.extra[s]
				a.extra[s] = 0
			}
			for i := range probes {
				mask, weak, more = probes[i].add(p, ix.avgLen, sn, dl, mask, weak, more)
			}
			// The coverage sum, and the BM25 sum from it: each word adds
			// its weight times the saturation of one occurrence.
			var cov float64
			if weak == 0 {
				cov = covTab.sum(mask)
			} else {
				for m := mask; m != 0; m &= m - 1 {
					i := trailingZero(m)
					if weak&(1<<i) != 0 {
						cov += idfs[i] * strength[i]
					} else {
						cov += idfs[i]
					}
				}
			}
			bm := a.saturation(p, ix.avgLen, dl)*cov + more
			var title titleMatch
			if inTitled&(1<<b) != 0 {
				ti = ix.titleFrom(titles, ti, sn)
				title = titles[ti]
			}
			var prior float64
			if i := place[sn]; int(i) < len(pos) {
				prior = pos[i]
			} else {
				prior = positionScore(p, ix.placeOf(sn))
			}
			score := wBM*bm + covWeight*cov + wTitle*title.share + prior + wLen*lengthFeature(dl)
			exact := true
			if title.mask != 0 {
				// Focus on the words the title lacks, not the coverage focus
				// in covWeight.
				score -= wFocus * cov * perTotal
				score += max(0, wFocus) * covTab.focusBound(mask, title.mask, all)
				exact = wFocus >= 0 && weak&^title.mask == 0
			}
			if score+boundSlack < top.floor || len(a.best16) == top.n && score+boundSlack < a.best16[0] {
				continue
			}
			if exact {
				a.keep(score, top.n) // a bound would pass more than it should
			}
			a.passed = append(a.passed, passed{wordHit{sn, mask, weak == 0, bm, cov}, title, score + boundSlack})
		}
	}
	// Only the sentences that still pass the n-th best score are scored in
	// full.
	for i := range a.passed {
		e := &a.passed[i]
		if len(a.best16) == top.n && e.ub < a.best16[0] {
			continue
		}
		ix.push(q, p, &e.hit, e.title, top, sc)
	}
	a.passed, a.best16 = a.passed[:0], a.best16[:0]
	clear(titled)
}

// markTitled returns a bitmap of the sentences from lo that are in the
// articles of titles, in a's storage: the scan looks a sentence's title
// up only when its bit is set.
func (a *accumulators) markTitled(ix *Index, titles []titleMatch, lo uint32) []uint64 {
	n := len(a.reached)
	if cap(a.titled) < n {
		a.titled = make([]uint64, n)
	}
	t := a.titled[:n]
	for _, tm := range titles {
		from, to := a.articleSpan(ix, tm.art, lo)
		for s := from; s < to; s++ {
			t[s>>6] |= 1 << (s & 63)
		}
	}
	return t
}

// articleSpan returns the sentences of article art in the range a was
// reset for, from lo, relative to lo: empty if none are.
func (a *accumulators) articleSpan(ix *Index, art int32, lo uint32) (from, to uint32) {
	if ix.first[art+1] <= lo {
		return 0, 0
	}
	return max(ix.first[art], lo) - lo, min(ix.first[art+1]-lo, uint32(len(a.mask)))
}

// titleFrom returns the index in titles, sorted by article, of the match
// of the title of sentence sn's article, which titles holds, looking from
// index i on: the scan's sentences come in order, so it moves forward.
func (ix *Index) titleFrom(titles []titleMatch, i int, sn uint32) int {
	for ix.first[titles[i].art+1] <= sn {
		i++
	}
	return i
}

// minApproximate is the fewest sentences in a range on which common
// words propose no sentence (see roles): below it, the first pass is
// fast enough exact.
var minApproximate uint32 = 16_384

// commonShare: a specific word that more than one sentence in commonShare
// of the index holds is common. It is denseShare, so that a common word's
// own term is dense.
const commonShare = denseShare

// roles returns, of q's words, those that propose sentences, those that
// the scan reads from bitmaps, and of those the common words.
//
// Specific words propose: every sentence holding one is scored. Light
// words do not: they add to the sentences specific words reached. If
// approx (a range of minApproximate sentences or more), neither do common specific
// words, if the question has a rarer one and all their terms are dense,
// except in the articles whose titles match the question (see
// reachTitled): elsewhere, a sentence holding none of a question's rarer
// words is seldom among the best, and common words reach most of the
// sentences that would otherwise be scored. On the BBC articles, "When Mr
// said local year party turn East End London?" reaches 7,769 sentences,
// 5,268 of them through "mr" and "year" alone. This makes the pass
// approximate; TestFirstPassRecall measures how close it stays.
//
// A word that proposes nothing, all of whose terms are dense (dense.go),
// is read from their bitmaps in the scan; other light words are read from
// their lists beforehand.
func (ix *Index) roles(q *query, approx bool) (propose, probe, common uint32) {
	propose = q.specificMask()
	for i, qw := range q.words {
		dense := len(qw.terms) > 0
		for _, t := range qw.terms {
			dense = dense && ix.post.dense[t.id] != nil
		}
		if !dense {
			continue
		}
		probe |= 1 << i
		if t := qw.terms[0]; approx && propose&(1<<i) != 0 && t.strength == 1 && int(ix.post.df(t.id))*commonShare > ix.Len() {
			common |= 1 << i
		}
	}
	if propose&^common == 0 {
		common = 0
	}
	propose &^= common
	return propose, probe &^ propose, common
}

// reachTitled marks as reached the sentences of title-matched articles
// that hold a common word: there, common words propose, since the title's
// weight may lift a sentence holding only them among the best.
func (ix *Index) reachTitled(probes []probe, common uint32, titles []titleMatch, lo uint32, sc *scratch) {
	a := &sc.acc
	for i := range probes {
		pr := &probes[i]
		if common&(1<<pr.word) == 0 {
			continue
		}
		for _, t := range titles {
			from, to := a.articleSpan(ix, t.art, lo)
			for _, d := range pr.dense {
				orRange(a.reached, d.bits, lo, from, to)
			}
		}
	}
}

// orRange sets the bits s in [from, to) of dst for which bit lo+s of src
// is set: 64 at a time when lo is a multiple of 64.
func orRange(dst, src []uint64, lo, from, to uint32) {
	if lo&63 != 0 {
		for s := from; s < to; s++ {
			if src[(lo+s)>>6]&(1<<((lo+s)&63)) != 0 {
				dst[s>>6] |= 1 << (s & 63)
			}
		}
		return
	}
	base := lo >> 6
	for s := from; s < to; {
		k := s >> 6
		m := ^uint64(0) << (s & 63) // from s up
		if end := (k + 1) << 6; to < end {
			m &= ^uint64(0) >> (end - to) // up to to
			s = to
		} else {
			s = end
		}
		dst[k] |= src[base+k] & m
	}
}

// markProbes adds the words of probes that have one term to the masks
// of the sentences reached that hold them, 64 sentences at a time (the
// reached bitmap and the term's), and those held more than once to
// extra, in probe order as the scan would. It returns the probes left for
// the scan: words with several terms, whose strongest term must be chosen
// sentence by sentence, or every probe when lo is not a multiple of 64.
func (ix *Index) markProbes(p *Params, probes []probe, lo, hi uint32, sc *scratch) []probe {
	if lo&63 != 0 {
		return probes
	}
	a := &sc.acc
	base := lo >> 6
	left := sc.probesLeft[:0] // not in probes' storage, whose slices the next search reuses
	for _, pr := range probes {
		if len(pr.dense) != 1 {
			left = append(left, pr)
			continue
		}
		d, t := pr.dense[0], &pr.qw.terms[0]
		bit, weak := uint32(1)<<pr.word, t.strength != 1
		a.hasWeak = a.hasWeak || weak
		for k, r := range a.reached {
			for x := r & d.bits[base+uint32(k)]; x != 0; x &= x - 1 {
				s := k<<6 + bits.TrailingZeros64(x)
				a.mask[s] |= bit
				if weak {
					a.weak[s] |= bit
				}
			}
		}
		for _, m := range d.many[pr.at[0]:] {
			if m.sn >= hi {
				break
			}
			if s := m.sn - lo; a.reached[s>>6]&(1<<(s&63)) != 0 {
				dl := ix.sentLen[m.sn]
				a.extra[s] += pr.qw.idf * t.strength * (p.saturation(m.tf, dl, ix.avgLen) - p.saturation(1, dl, ix.avgLen))
				a.hasMore = true
			}
		}
	}
	sc.probesLeft = left
	return left
}

// A probe reads one question word from its terms' bitmaps.
type probe struct {
	word  int
	qw    *qword
	dense []*denseTerm // by term
	at    []int        // by term: the position in dense's many
}

// probes returns a probe for each word in mask, its positions at lo.
func (ix *Index) probes(q *query, mask uint32, lo uint32, sc *scratch) []probe {
	ps := sc.probes[:0]
	for m := mask; m != 0; m &= m - 1 {
		i := trailingZero(m)
		if len(ps) < cap(ps) {
			ps = ps[:len(ps)+1] // reuse its slices
		} else {
			ps = append(ps, probe{})
		}
		pr := &ps[len(ps)-1]
		pr.word, pr.qw, pr.dense, pr.at = i, &q.words[i], pr.dense[:0], pr.at[:0]
		for _, t := range q.words[i].terms {
			d := ix.post.dense[t.id]
			pr.dense = append(pr.dense, d)
			pr.at = append(pr.at, sort.Search(len(d.many), func(j int) bool { return d.many[j].sn >= lo }))
		}
	}
	sc.probes = ps
	return ps
}

// add adds the probe's word to sentence sn, of dl terms, if it holds one
// of its terms: the strongest there, and of those the most frequent, as
// accumulateWord does. It returns the sentence's masks and its BM25
// beyond one occurrence of each word.
func (pr *probe) add(p *Params, avg float64, sn uint32, dl uint16, mask, weak uint32, more float64) (uint32, uint32, float64) {
	best, bestTF := -1, uint8(0)
	for j, d := range pr.dense {
		if !d.has(sn) {
			continue
		}
		tf := d.tf(sn, &pr.at[j])
		if t := &pr.qw.terms[j]; best < 0 || t.strength > pr.qw.terms[best].strength || t.strength == pr.qw.terms[best].strength && tf > bestTF {
			best, bestTF = j, tf
		}
	}
	if best < 0 {
		return mask, weak, more
	}
	bit := uint32(1) << pr.word
	mask |= bit
	t := &pr.qw.terms[best]
	if t.strength != 1 {
		weak |= bit
	}
	if bestTF > 1 {
		more += pr.qw.idf * t.strength * (p.saturation(bestTF, dl, avg) - p.saturation(1, dl, avg))
	}
	return mask, weak, more
}

// A passed is a sentence whose score passed the n best so far, with what
// push needs.
type passed struct {
	hit   wordHit
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

// positions returns the table of positionScore for the first sentences
// of an article, made again only when the weights change.
func (a *accumulators) positions(p *Params) *[64]float64 {
	if a.posFor != [2]float64{p.Weights[FeatLead], p.Weights[FeatPosition]} {
		a.posFor = [2]float64{p.Weights[FeatLead], p.Weights[FeatPosition]}
		for j := range a.pos {
			a.pos[j] = positionScore(p, uint32(j))
		}
	}
	return &a.pos
}

// saturations makes the table of saturation for sentences of up to 63
// terms, if the last search did not leave it.
func (a *accumulators) saturations(p *Params, avg float64) {
	if a.satFor != [3]float64{p.K1, p.B, avg} {
		a.satFor = [3]float64{p.K1, p.B, avg}
		for dl := range a.sat {
			a.sat[dl] = p.saturation(1, uint16(dl), avg)
		}
	}
}

// saturation is Params.saturation of one occurrence in a sentence of dl
// terms, from the table saturations made.
func (a *accumulators) saturation(p *Params, avg float64, dl uint16) float64 {
	if int(dl) < len(a.sat) {
		return a.sat[dl]
	}
	return p.saturation(1, dl, avg)
}

// A coverageTable holds the coverage sum (the idf of the words held) of
// every mask of up to 8 words, for each 8 words of a question in turn.
type coverageTable []float64

// coverageTable makes the table for words of the given idf, in a's
// storage.
func (a *accumulators) coverageTable(idfs []float64) coverageTable {
	size := 1 << len(idfs) // one part of 1<<len(idfs) for up to 8 words
	if len(idfs) > 8 {
		size = 256 * ((len(idfs) + 7) / 8)
	}
	if cap(a.covTab) < size {
		a.covTab = make([]float64, size)
	}
	t := a.covTab[:size]
	for base := 0; base < len(idfs); base += 8 {
		n := min(8, len(idfs)-base)
		off := base * 32
		t[off] = 0
		for m := 1; m < 1<<n; m++ {
			t[off+m] = t[off+m&(m-1)] + idfs[base+trailingZero(uint32(m))]
		}
	}
	return t
}

// sum returns the coverage sum of the words in mask.
func (t coverageTable) sum(mask uint32) float64 {
	s := t[mask&0xff]
	for off := 256; mask > 0xff; off += 256 {
		mask >>= 8
		s += t[off+int(mask&0xff)]
	}
	return s
}

// boundSlack covers rounding: the scan's score of a sentence may differ
// from push's in the last digits.
const boundSlack = 1e-9

// accumulateWord adds question word wi's bit to every sentence in [lo,
// hi) that holds it (if it does not propose, only to those already
// reached), by the strongest of its terms there and of those the most
// frequent, as record does.
func (ix *Index) accumulateWord(q *query, p *Params, wi int, follows bool, lo, hi uint32, sc *scratch) {
	a := &sc.acc
	qw := &q.words[wi]
	bit := uint32(1) << wi
	several := len(qw.terms) > 1
	// A word adds its bit, and the reached bit; BM25 follows from the mask
	// when the scan knows the sentence's length (see accumulate), except
	// for a word held more than once, which adds its BM25 beyond one
	// occurrence to extra.
	add := func(s uint32, t *qterm, tf uint8) {
		a.mask[s] |= bit
		a.reached[s>>6] |= 1 << (s & 63)
		if t.strength != 1 {
			a.weak[s] |= bit
			a.hasWeak = true
		}
		if tf > 1 {
			dl := ix.sentLen[lo+s]
			a.extra[s] += qw.idf * t.strength * (p.saturation(tf, dl, ix.avgLen) - p.saturation(1, dl, ix.avgLen))
			a.hasMore = true
		}
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
			case follows && a.reached[s>>6]&(1<<(s&63)) == 0:
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
			if b := data[k]; b < 0x80 { // most gaps, inlined
				g, k = uint64(b), k+1
			} else if c := data[k+1]; c < 0x80 { // b says a byte follows
				g, k = uint64(b&0x7f)|uint64(c)<<7, k+2
			} else {
				g, k = uvarint(data, k)
			}
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
// titleMask, of a question whose words are all: exact if every word
// matched its own term.
func (t coverageTable) focusBound(mask, titleMask, all uint32) float64 {
	whole := t.sum(all &^ titleMask)
	if whole == 0 {
		return 0
	}
	return t.sum(mask&^titleMask) / whole
}
