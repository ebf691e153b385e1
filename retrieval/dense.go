package retrieval

// Dense terms. In an index large enough for the first pass to be
// approximate (minDenseSentences) and small enough for it to accumulate
// over all of it (maxAccumulated sentences), a term that more than one
// sentence in denseShare holds also gets a bitmap of the sentences that
// hold it, beside its posting list. The first pass reads a word that
// proposes no sentence (a light or common word, see roles in
// accumulate.go) from the bitmaps of its terms, only for the sentences
// other words reached, instead of decoding its list: "say" alone has
// 8,575 postings in the BBC articles, where a question's rarer words
// reach a few thousand sentences. On the BBC articles 17 terms are dense;
// their bitmaps take 88 KB, an eighth of the posting lists. Larger
// indexes keep none, so they cost the 100,000-article corpus nothing;
// smaller ones keep none because reading their lists is as fast.

// minDenseSentences is the fewest sentences of an index with bitmaps.
var minDenseSentences = int(minApproximate)

// denseShare is the share of sentences (one in denseShare) past which a
// term is dense.
const denseShare = 32

// A denseTerm is a dense term's bitmap, and the sentences that hold it
// more than once with its count there, in order.
type denseTerm struct {
	bits []uint64
	many []denseTF
}

type denseTF struct {
	sn uint32
	tf uint8
}

// has reports whether sentence sn holds the term.
func (d *denseTerm) has(sn uint32) bool { return d.bits[sn>>6]&(1<<(sn&63)) != 0 }

// tf returns the term's count in sentence sn, which holds it; *at is a
// position in d.many at or before sn's entry, moved on past the entries
// before sn.
func (d *denseTerm) tf(sn uint32, at *int) uint8 {
	i := *at
	for i < len(d.many) && d.many[i].sn < sn {
		i++
	}
	*at = i
	if i < len(d.many) && d.many[i].sn == sn {
		return d.many[i].tf
	}
	return 1
}

// newDenseTerm makes the bitmap of a term held by the sentences docs,
// ascending, tfs times each, in an index of n sentences.
func newDenseTerm(docs []uint32, tfs []uint8, n int) *denseTerm {
	d := &denseTerm{bits: make([]uint64, (n+63)/64)}
	for i, sn := range docs {
		d.bits[sn>>6] |= 1 << (sn & 63)
		if tfs[i] > 1 {
			d.many = append(d.many, denseTF{sn, tfs[i]})
		}
	}
	return d
}
