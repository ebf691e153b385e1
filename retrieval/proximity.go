package retrieval

// proximityWindow is how far apart, in terms (stop words not counted), two
// question words may stand and still count as close: "leading the talks",
// "talks in Miami were led".
const proximityWindow = 3

// proximity returns the share of pairs of consecutive question words that
// stand close together in a sentence's terms toks: a pair in question order
// counts 1, in reverse order 1/2. It is 0 for a question of one word.
func proximity(q *query, toks []uint32) float64 {
	if len(q.words) < 2 {
		return 0
	}
	var at [64]int8 // question word of each term (the first if several), or -1
	n := min(len(toks), len(at))
	for i := range n {
		at[i] = -1
		for j := q.table.first(toks[i]); j >= 0; j = q.table.next(toks[i], j) {
			if w := int8(q.table.slots[j].word); at[i] < 0 || w < at[i] {
				at[i] = w
			}
		}
	}
	credit := 0.0
	for w := 0; w+1 < len(q.words); w++ {
		best := 0.0
		for i := range n {
			if at[i] != int8(w) {
				continue
			}
			for j := max(0, i-proximityWindow); j < min(n, i+proximityWindow+1); j++ {
				if at[j] != int8(w+1) {
					continue
				}
				if j > i {
					best = 1
				} else {
					best = max(best, 0.5)
				}
			}
		}
		credit += best
	}
	return credit / float64(len(q.words)-1)
}
