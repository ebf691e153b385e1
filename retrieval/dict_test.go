package retrieval

import (
	"math/rand/v2"
	"testing"
)

// TestLookupBefore checks that galloping back from a term's position
// finds what a binary search of the whole dictionary finds, for the
// term's prefixes (as related looks them up), terms before it, and
// strings absent from it.
func TestLookupBefore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	seen := map[string]bool{}
	var terms []string
	for len(terms) < 5000 {
		b := make([]byte, 1+r.IntN(9))
		for i := range b {
			b[i] = 'a' + byte(r.IntN(4)) // few letters: many terms share prefixes
		}
		if !seen[string(b)] {
			seen[string(b)] = true
			terms = append(terms, string(b))
		}
	}
	d := newDictionary(terms)
	for range 100_000 {
		i := r.IntN(d.len())
		term := d.at(i)
		var probe string
		switch r.IntN(3) {
		case 0:
			probe = term[:r.IntN(len(term)+1)]
		case 1:
			probe = d.at(r.IntN(i + 1))
		default:
			probe = term[:r.IntN(len(term)+1)] + "a"
			if probe > term {
				probe = term
			}
		}
		a, aok := d.lookup(probe)
		b, bok := d.lookupBefore(probe, i)
		if a != b || aok != bok {
			t.Fatalf("%q before %d (%q): lookup %d %v, lookupBefore %d %v", probe, i, term, a, aok, b, bok)
		}
	}
}
