package retrieval

import (
	"sort"
	"strings"
)

// Related forms. The snowball stemmer removes inflections but keeps most
// derivations apart: "inventor" and "invent", "product" and "produc"
// (produced), "marriag" and "marri" (married). A question word also
// matches, at [Params].Related of an exact match, the indexed terms that
// extend its stem by at most maxRelatedExtra letters, and those it extends
// by as many, when the shorter of the two has at least minRelatedLen
// letters. At most maxRelated terms are added, the most frequent first.
const (
	minRelatedLen   = 5
	maxRelatedExtra = 3
	maxRelated      = 4
)

// related returns the terms related to term, number id, most frequent
// first.
func (ix *Index) related(term string, id uint32) []uint32 {
	if len(term) < minRelatedLen || hasDigit(term) {
		return nil
	}
	var out []uint32
	d := &ix.dict
	for k := max(minRelatedLen, len(term)-maxRelatedExtra); k < len(term); k++ {
		if id, ok := d.lookupBefore(term[:k], int(d.rank[id])); ok {
			out = append(out, id)
		}
	}
	for i, scanned := int(d.rank[id]), 0; i < d.len() && scanned < 64; i, scanned = i+1, scanned+1 {
		u := d.at(i)
		if !strings.HasPrefix(u, term) {
			break
		}
		if u != term && len(u)-len(term) <= maxRelatedExtra {
			out = append(out, d.ids[i])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	if len(out) > maxRelated {
		out = out[:maxRelated]
	}
	return out
}
