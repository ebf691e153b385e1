package retrieval

import (
	"cmp"
	"slices"
)

// Titles in the first pass (see prune.go): the articles whose titles hold
// question words, found through the title postings, and the scoring of the
// sentences of the best of them.

// A titleMatch is an article whose title holds question words.
type titleMatch struct {
	art   int32
	mask  uint32  // question words the title holds
	share float64 // share of the question's weight they make
	done  bool    // its sentences were scored by titleArticles
}

type titleHit struct {
	art      int32
	word     int32
	strength float64
}

// titleMatches returns the articles in [alo, ahi) whose titles hold a
// question word, in article order.
func (ix *Index) titleMatches(q *query, alo, ahi int, sc *scratch) []titleMatch {
	hits, runs := sc.titleHits[:0], sc.titleRuns[:0]
	c := &sc.titleCursor
	for wi, w := range q.words {
		for _, t := range w.terms {
			runs = append(runs, len(hits))
			c.reset(&ix.titlePost, t.id)
			for c.seek(uint32(alo)); c.doc < uint32(ahi); c.next() {
				hits = append(hits, titleHit{int32(c.doc), int32(wi), t.strength})
			}
		}
	}
	// Each term's hits come in article order: merging them, rather than
	// sorting them all, takes a few microseconds on the 100,000-article
	// corpus where sorting took near a hundred.
	hits, sc.titleSpare = mergeRuns(hits, runs, sc.titleSpare)
	sc.titleRuns = runs
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

// mergeRuns sorts hits by article, given that hits[runs[i]:runs[i+1]]
// (the last to the end) are each sorted: it merges them two by two, in
// turn into spare and back. It returns the sorted hits and the other
// buffer, either of which may be spare's storage.
func mergeRuns(hits []titleHit, runs []int, spare []titleHit) ([]titleHit, []titleHit) {
	for len(runs) > 1 {
		spare = slices.Grow(spare[:0], len(hits))[:len(hits)]
		n := 0 // runs after this round
		for i := 0; i < len(runs); i += 2 {
			lo, mid, hi := runs[i], len(hits), len(hits)
			if i+1 < len(runs) {
				mid = runs[i+1]
			}
			if i+2 < len(runs) {
				hi = runs[i+2]
			}
			a, b, k := lo, mid, lo
			for a < mid && b < hi {
				if hits[b].art < hits[a].art {
					spare[k] = hits[b]
					b++
				} else {
					spare[k] = hits[a]
					a++
				}
				k++
			}
			k += copy(spare[k:], hits[a:mid])
			copy(spare[k:], hits[b:hi])
			runs[n] = lo
			n++
		}
		runs = runs[:n]
		hits, spare = spare, hits
	}
	return hits, spare
}

// titleFirst is how many title-matched articles titleArticles scores at
// most; wordMatches takes the rest in sentence order.
const titleFirst = 32

// titleArticles scores the sentences in [lo, hi) that hold a specific
// question word in the titleFirst articles with the best title shares,
// best first, stopping at one no sentence of which could pass θ. It marks
// the articles it scored.
func (ix *Index) titleArticles(q *query, p *Params, titles []titleMatch, lo, hi uint32, b *bounds, top *topN, sc *scratch) {
	order := bestTitles(titles, sc.order32[:0])
	sc.order32 = order
	wt := p.Weights[FeatTitle]
	specific := q.specificMask()
	c := &sc.titleCursor
	for k, ti := range order {
		t := &titles[ti]
		if k == titleFirst || wt*t.share+b.words+b.focus+b.prior <= top.theta() {
			return
		}
		t.done = true
		alo, ahi := max(lo, ix.first[t.art]), min(hi, ix.first[t.art+1])
		found := sc.found[:0]
		for wi, w := range q.words {
			for _, qt := range w.terms {
				c.reset(&ix.post, qt.id)
				for c.seek(alo); c.doc < ahi; c.next() {
					found = append(found, termHit{c.doc, int32(wi), qt.strength, c.tf()})
				}
			}
		}
		slices.SortFunc(found, func(x, y termHit) int { return cmp.Compare(x.sn, y.sn) })
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
			if mask&specific == 0 {
				continue // as in wordMatches, a sentence must hold a specific word
			}
			h := sums(q, p, mask, &strength, &tfs, ix.sentLen[sn], ix.avgLen)
			h.sn = sn
			ix.push(q, p, &h, *t, top, sc)
		}
		sc.found = found
	}
}

// bestTitles appends to order the indexes in titles of the titleFirst
// matches with the largest shares, largest first, ties in title order:
// what titleArticles reads at most. It keeps them in a min-heap as it
// goes, since a question's words may be in the titles of thousands of
// articles, which sorting all took a tenth of a search on the 100,000-
// article corpus.
func bestTitles(titles []titleMatch, order []int32) []int32 {
	// before reports whether match x goes before match y.
	before := func(x, y int32) bool {
		if a, b := titles[x].share, titles[y].share; a != b {
			return a > b
		}
		return x < y
	}
	h := order
	for i := range titles {
		x := int32(i)
		if len(h) < titleFirst {
			h = append(h, x)
			for j := len(h) - 1; j > 0; {
				p := (j - 1) / 2
				if !before(h[p], h[j]) {
					break
				}
				h[p], h[j] = h[j], h[p]
				j = p
			}
			continue
		}
		if !before(x, h[0]) {
			continue
		}
		h[0] = x
		for j := 0; ; {
			l := 2*j + 1
			if l >= len(h) {
				break
			}
			w := l
			if r := l + 1; r < len(h) && before(h[l], h[r]) {
				w = r
			}
			if !before(h[j], h[w]) {
				break
			}
			h[j], h[w] = h[w], h[j]
			j = w
		}
	}
	slices.SortFunc(h, func(x, y int32) int {
		if before(x, y) {
			return -1
		}
		return 1
	})
	return h
}

// A termHit is a question word's term found in a sentence.
type termHit struct {
	sn       uint32
	word     int32
	strength float64
	tf       uint8
}
