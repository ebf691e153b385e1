package retrieval

// A termTable finds which of a question's words a term of a sentence
// matches, in one probe where scanning the words' terms took one
// comparison per term: the second pass asks it for every term of each
// candidate and of its neighbours. It is an open-addressing hash table of
// the question's terms, a power of two at least twice their number, so
// that most probes for a term the question lacks end on an empty slot. A
// term that matches two words (a word's own term and another's related
// one) has a slot for each.
type termTable struct {
	slots []termSlot
	shift uint32    // 32 − log2(len(slots))
	bloom [4]uint64 // bit id%256 set for every term id: most terms of a sentence are not probed
}

// A termSlot is a term of word word, the flat-th of the question's terms
// in word order; id is the term's number plus one, 0 for an empty slot.
type termSlot struct {
	id   uint32
	word uint8
	flat uint8
}

// maxTerms is the most terms a question can have: every word with its
// own term and maxRelated related ones, or maxFuzzyMatches fuzzy ones.
const maxTerms = maxWords * (1 + max(maxRelated, maxFuzzyMatches))

// tableSlots is the most slots a termTable needs: the least power of two
// of at least 2 × maxTerms.
const tableSlots = 512

var _ [tableSlots - 2*maxTerms]struct{} // a compile-time check that they fit

// build fills t with the terms of words, in storage's slots.
func (t *termTable) build(words []qword, storage *[tableSlots]termSlot) {
	n := 0
	for _, w := range words {
		n += len(w.terms)
	}
	size, shift := 16, uint32(28)
	for size < 2*n {
		size, shift = 2*size, shift-1
	}
	t.slots, t.shift = storage[:size], shift
	clear(t.slots)
	t.bloom = [4]uint64{}
	mask := uint32(size - 1)
	flat := 0
	for wi, w := range words {
		for _, tm := range w.terms {
			h := t.hash(tm.id)
			for t.slots[h].id != 0 {
				h = (h + 1) & mask
			}
			t.slots[h] = termSlot{id: tm.id + 1, word: uint8(wi), flat: uint8(flat)}
			t.bloom[tm.id>>6&3] |= 1 << (tm.id & 63)
			flat++
		}
	}
}

func (t *termTable) hash(id uint32) uint32 { return (id * 0x9e3779b1) >> t.shift }

// first returns the slot of id's first match, or −1 if the question lacks
// id; next returns the slot of its following one from slot i, or −1.
func (t *termTable) first(id uint32) int {
	if t.bloom[id>>6&3]&(1<<(id&63)) == 0 {
		return -1
	}
	return t.from(id+1, int(t.hash(id)))
}

func (t *termTable) next(id uint32, i int) int {
	return t.from(id+1, (i+1)&(len(t.slots)-1))
}

func (t *termTable) from(id1 uint32, i int) int {
	for mask := len(t.slots) - 1; ; i = (i + 1) & mask {
		switch t.slots[i].id {
		case id1:
			return i
		case 0:
			return -1
		}
	}
}

// strengths sets strength[i], for each word i of q that the terms toks
// match, to how strongly they do: the greatest strength of its terms
// among them (1 for its own term). It returns the words matched, and
// leaves the others' strength as it was.
func (q *query) strengths(toks []uint32, strength *[maxWords]float64) uint32 {
	var mask uint32
	for _, id := range toks {
		for j := q.table.first(id); j >= 0; j = q.table.next(id, j) {
			s := q.table.slots[j]
			w := s.word
			if x := q.terms[s.flat].strength; mask&(1<<w) == 0 || x > strength[w] {
				strength[w] = x
			}
			mask |= 1 << w
		}
	}
	return mask
}

// A termSet holds some of a question's terms, by their place in
// query.terms.
type termSet [(maxTerms + 63) / 64]uint64

// held returns the terms of the words in mask that toks holds: each
// once, in word order, by iterating over the set's bits in order.
func (q *query) held(toks []uint32, mask uint32) termSet {
	var set termSet
	for _, id := range toks {
		for j := q.table.first(id); j >= 0; j = q.table.next(id, j) {
			if s := q.table.slots[j]; mask&(1<<s.word) != 0 {
				set[s.flat/64] |= 1 << (s.flat % 64)
			}
		}
	}
	return set
}
