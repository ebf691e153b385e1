package retrieval

import (
	"sort"
	"strings"
)

// A dictionary maps terms to their numbers and back. The terms are kept
// sorted, back to back in one string, which takes about a third of the
// memory of a map[string]uint32 and a []string, and allows prefix search
// (see related.go). A lookup is a binary search: about 20 comparisons in a
// dictionary of a million terms.
type dictionary struct {
	blob string   // the terms in sorted order
	offs []uint32 // by sorted position: start of the term in blob; one more entry
	ids  []uint32 // by sorted position: term number
	rank []uint32 // by term number: sorted position
}

// newDictionary builds the dictionary of terms, terms[i] being term i.
func newDictionary(terms []string) dictionary {
	order := make([]uint32, len(terms))
	for i := range order {
		order[i] = uint32(i)
	}
	sort.Slice(order, func(i, j int) bool { return terms[order[i]] < terms[order[j]] })
	d := dictionary{
		offs: make([]uint32, 0, len(terms)+1),
		ids:  order,
		rank: make([]uint32, len(terms)),
	}
	var b strings.Builder
	for pos, id := range order {
		d.offs = append(d.offs, uint32(b.Len()))
		b.WriteString(terms[id])
		d.rank[id] = uint32(pos)
	}
	d.offs = append(d.offs, uint32(b.Len()))
	d.blob = b.String()
	return d
}

func (d *dictionary) len() int { return len(d.ids) }

// at returns the term at sorted position i.
func (d *dictionary) at(i int) string { return d.blob[d.offs[i]:d.offs[i+1]] }

// text returns term number id.
func (d *dictionary) text(id uint32) string { return d.at(int(d.rank[id])) }

// search returns the sorted position of the first term ≥ t.
func (d *dictionary) search(t string) int {
	return sort.Search(len(d.ids), func(i int) bool { return d.at(i) >= t })
}

// lookup returns the number of term t.
func (d *dictionary) lookup(t string) (uint32, bool) {
	return d.found(t, d.search(t))
}

// lookupBefore is lookup for a term t that sorts at or before sorted
// position hi, and most likely just before it (a prefix of the term at
// hi): it gallops back from hi, reading terms that share cache lines,
// where a binary search of the whole dictionary misses the cache at
// nearly every step.
func (d *dictionary) lookupBefore(t string, hi int) (uint32, bool) {
	// The first term ≥ t is in (lo, hi].
	lo, step := hi-1, 1
	for lo >= 0 && d.at(lo) >= t {
		hi, lo, step = lo, lo-step, 2*step
	}
	lo = max(lo, -1)
	return d.found(t, lo+1+sort.Search(hi-lo-1, func(j int) bool { return d.at(lo+1+j) >= t }))
}

// found returns the number of term t if it is at sorted position i.
func (d *dictionary) found(t string, i int) (uint32, bool) {
	if i < len(d.ids) && d.at(i) == t {
		return d.ids[i], true
	}
	return 0, false
}
