package rouge

// n returns ROUGE-N of the candidate in s.
func (sc *Scorer) n(s *scratch, n int) Score {
	var t *gramTable
	switch n {
	case 1:
		t = &sc.uni
	case 2:
		t = &sc.bi
	default:
		nt := newGramTable(sc.toks, n, len(sc.vocab))
		t = &nt
	}
	hits, total := t.match(s)
	return newScore(hits, total, t.total)
}

// A gramTable numbers the distinct n-grams of the reference and counts
// them. Level k, for 2 ≤ k ≤ n, maps the id of a (k−1)-gram and the id of
// the token after it to the id of the k-gram, so that an n-gram is found
// with n−1 look-ups of a pair of ints and no string is built. For n = 1 the
// ids are the token ids.
type gramTable struct {
	n      int
	levels []map[uint64]int32
	count  []int32 // occurrences in the reference, by n-gram id
	total  int     // n-grams in the reference
}

func newGramTable(toks []int32, n, vocab int) gramTable {
	t := gramTable{n: n, total: max(0, len(toks)-n+1)}
	if t.total == 0 {
		return t
	}
	ids := append([]int32(nil), toks...)
	size := vocab
	for k := 2; k <= n; k++ {
		// ids[i] is the (k−1)-gram at i; it becomes the k-gram at i.
		m := make(map[uint64]int32, len(ids))
		ids = ids[:len(ids)-1]
		for i, prev := range ids {
			key := pair(prev, toks[i+k-1])
			id, ok := m[key]
			if !ok {
				id = int32(len(m))
				m[key] = id
			}
			ids[i] = id
		}
		t.levels = append(t.levels, m)
		size = len(m)
	}
	t.count = make([]int32, size)
	for _, id := range ids {
		t.count[id]++
	}
	return t
}

// match returns how many of the candidate's n-grams match the reference's,
// each reference n-gram used at most as often as it occurs, and how many
// n-grams the candidate has.
func (t *gramTable) match(s *scratch) (hits, total int) {
	toks := s.toks
	total = max(0, len(toks)-t.n+1)
	if total == 0 || t.total == 0 {
		return 0, total
	}
	ids := append(s.ids[:0], toks...)
	for k := 2; k <= t.n; k++ {
		m := t.levels[k-2]
		ids = ids[:len(ids)-1]
		for i, prev := range ids {
			id := int32(-1)
			if next := toks[i+k-1]; prev >= 0 && next >= 0 {
				if v, ok := m[pair(prev, next)]; ok {
					id = v
				}
			}
			ids[i] = id
		}
	}
	left := append(s.count[:0], t.count...)
	for _, id := range ids {
		if id >= 0 && left[id] > 0 {
			hits++
			left[id]--
		}
	}
	s.ids, s.count = ids, left
	return hits, total
}

// pair packs two non-negative ids into one map key.
func pair(a, b int32) uint64 {
	return uint64(uint32(a))<<32 | uint64(uint32(b))
}
