package summarize

import (
	"math"
	"slices"
)

// A vector is a sparse vector of term weights, its term numbers ascending.
type vector struct {
	ids []int32
	ws  []float64
}

// A vocab numbers the terms of one text collection anew, densely, and
// counts in how many of its units (sentences or articles) each term
// occurs. It takes terms by their lexicon numbers.
type vocab struct {
	ids map[uint32]int32
	df  []int32
	n   int // units counted
}

func newVocab() *vocab { return &vocab{ids: make(map[uint32]int32)} }

// counts returns the term numbers of ts with their counts, ascending by
// number, numbering new terms and counting each distinct term once in df.
func (vc *vocab) counts(ts []uint32) vector {
	var v vector
	for _, t := range ts {
		id, ok := vc.ids[t]
		if !ok {
			id = int32(len(vc.df))
			vc.ids[t] = id
			vc.df = append(vc.df, 0)
		}
		v.ids = append(v.ids, id)
	}
	slices.Sort(v.ids)
	out := vector{ids: v.ids[:0]}
	for i, id := range v.ids {
		if i > 0 && id == v.ids[i-1] {
			out.ws[len(out.ws)-1]++
			continue
		}
		out.ids = append(out.ids, id)
		out.ws = append(out.ws, 1)
		vc.df[id]++
	}
	vc.n++
	return out
}

// idf returns the smoothed inverse document frequency of term id,
// ln(1 + n/df): a term in every unit still counts a little.
func (vc *vocab) idf(id int32) float64 {
	return math.Log(1 + float64(vc.n)/float64(vc.df[id]))
}

// tfidf returns the unit-length tf-idf vector of counts c: sublinear tf
// (1 + ln tf) times idf.
func (vc *vocab) tfidf(c vector) vector {
	v := vector{ids: c.ids, ws: make([]float64, len(c.ws))}
	for i, id := range c.ids {
		v.ws[i] = (1 + math.Log(c.ws[i])) * vc.idf(id)
	}
	v.normalize()
	return v
}

// normalize scales v to unit length; the zero vector stays zero.
func (v vector) normalize() {
	var s float64
	for _, w := range v.ws {
		s += w * w
	}
	if s == 0 {
		return
	}
	s = 1 / math.Sqrt(s)
	for i := range v.ws {
		v.ws[i] *= s
	}
}

// dot returns the dot product of v and u.
func (v vector) dot(u vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(v.ids) && j < len(u.ids) {
		switch {
		case v.ids[i] < u.ids[j]:
			i++
		case v.ids[i] > u.ids[j]:
			j++
		default:
			s += v.ws[i] * u.ws[j]
			i++
			j++
		}
	}
	return s
}

// overlap returns how many terms v and u share.
func (v vector) overlap(u vector) int {
	n := 0
	i, j := 0, 0
	for i < len(v.ids) && j < len(u.ids) {
		switch {
		case v.ids[i] < u.ids[j]:
			i++
		case v.ids[i] > u.ids[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// weigh returns the unit-length vector of the distinct terms of ts that
// vc knows, each weighted by its idf. It counts nothing.
func (vc *vocab) weigh(ts []uint32) vector {
	var v vector
	for _, t := range ts {
		if id, ok := vc.ids[t]; ok {
			v.ids = append(v.ids, id)
		}
	}
	slices.Sort(v.ids)
	v.ids = slices.Compact(v.ids)
	for _, id := range v.ids {
		v.ws = append(v.ws, vc.idf(id))
	}
	v.normalize()
	return v
}
