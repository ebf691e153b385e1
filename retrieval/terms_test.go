package retrieval

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTermTable checks the table against scanning every word's terms, on
// random questions whose words share terms (a word's own term being
// another's related one) and sentences that hold some of them.
func TestTermTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var buf queryBuf
	for round := range 2000 {
		nw := 1 + r.IntN(maxWords)
		if round%10 == 0 {
			nw = maxWords // every word with all its terms: the largest table
		}
		var q query
		for range nw {
			w := qword{idf: 1 + r.Float64()}
			for k := range 1 + r.IntN(1+maxRelated) {
				if round%10 == 0 {
					k = 0
				}
				strength := 1.0
				if k > 0 {
					strength = 0.3 + 0.1*float64(r.IntN(5))
				}
				q.terms = append(q.terms, qterm{id: uint32(r.IntN(300)), strength: strength})
			}
			q.words = append(q.words, w)
		}
		if round%10 == 0 {
			for len(q.terms) < maxTerms {
				q.terms = append(q.terms, qterm{id: uint32(r.IntN(300)), strength: 0.5})
			}
		}
		// Give the words their runs of q.terms.
		per := len(q.terms) / nw
		for i := range q.words {
			from, to := i*per, (i+1)*per
			if i == nw-1 {
				to = len(q.terms)
			}
			q.words[i].terms = q.terms[from:to:to]
		}
		q.table.build(q.words, &buf.slots)

		toks := make([]uint32, r.IntN(70))
		for i := range toks {
			toks[i] = uint32(r.IntN(400))
		}
		var got, want [maxWords]float64
		gotMask := q.strengths(toks, &got)
		var wantMask uint32
		for i, w := range q.words {
			for _, tm := range w.terms {
				if slices.Contains(toks, tm.id) && tm.strength > want[i] {
					want[i], wantMask = tm.strength, wantMask|1<<i
				}
			}
		}
		if gotMask != wantMask || got != want {
			t.Fatalf("round %d: strengths %b %v, want %b %v", round, gotMask, got, wantMask, want)
		}
		for _, id := range toks {
			var slots []int // the flat numbers of id's slots
			for j := q.table.first(id); j >= 0; j = q.table.next(id, j) {
				s := q.table.slots[j]
				if q.terms[s.flat].id != id || !slices.Contains(q.words[s.word].terms, q.terms[s.flat]) {
					t.Fatalf("round %d: term %d found as %+v", round, id, s)
				}
				slots = append(slots, int(s.flat))
			}
			var flats []int
			for f, tm := range q.terms {
				if tm.id == id {
					flats = append(flats, f)
				}
			}
			slices.Sort(slots)
			if !slices.Equal(slots, flats) {
				t.Fatalf("round %d: term %d in slots %v, want %v", round, id, slots, flats)
			}
		}
	}
}

// TestProximityWords checks that a term two words share counts for the
// first of them, as the words are numbered in the question.
func TestProximityWords(t *testing.T) {
	q := query{terms: []qterm{{id: 7, strength: 1}, {id: 8, strength: 1}, {id: 7, strength: 0.5}, {id: 9, strength: 1}}}
	q.words = []qword{{terms: q.terms[0:1]}, {terms: q.terms[1:3]}, {terms: q.terms[3:4]}}
	var buf queryBuf
	q.table.build(q.words, &buf.slots)
	// 8 then 7 are words 1 and 0, in reverse order (a half), and 9, word
	// 2, follows word 1 (one): (0.5+1)/2. Were 7 counted for word 1, the
	// first pair would be missing: 0.5.
	if got, want := proximity(&q, []uint32{8, 7, 9}), 0.75; got != want {
		t.Errorf("proximity = %v, want %v", got, want)
	}
}
