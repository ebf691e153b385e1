package retrieval

import (
	"fmt"
	"sort"
)

// An Index is an inverted index over the sentences of a set of articles,
// with BM25 statistics. Build it with [NewIndex]; an Index is immutable and
// safe for concurrent use once built: queries take no locks.
type Index struct {
	articles []*Article
	byID     map[string]int
	sents    []sentRef // global sentence number → article and sentence
	sentLen  []uint16  // tokens in each sentence
	avgLen   float64
	terms    map[string]int32 // term → term number
	postings []postingList    // by term number, sentence numbers ascending
	titles   [][]int32        // by term number: articles whose title has the term, ascending
	first    []uint32         // by article: its first global sentence number
}

type sentRef struct {
	article  int32
	sentence int32
}

// A postingList holds, for one term, the sentences that contain it and how
// often, in parallel slices.
type postingList struct {
	sents []uint32
	freqs []uint16
}

// NewIndex indexes the sentences of articles. IDs must be unique; the
// articles are kept in ID order. NewIndex with no articles gives an empty
// index whose searches find nothing.
func NewIndex(articles []*Article) (*Index, error) {
	as := append([]*Article(nil), articles...)
	sort.Slice(as, func(i, j int) bool { return as[i].ID < as[j].ID })
	ix := &Index{
		articles: as,
		byID:     make(map[string]int, len(as)),
		terms:    make(map[string]int32),
	}
	cache := make(map[string]string)
	var toks []Token
	var total int
	for ai, a := range as {
		if _, dup := ix.byID[a.ID]; dup {
			return nil, fmt.Errorf("index: duplicate article id %q", a.ID)
		}
		ix.byID[a.ID] = ai
		ix.first = append(ix.first, uint32(len(ix.sents)))
		toks = analyze(a.Title, toks[:0], cache)
		for _, t := range uniqueTerms(toks) {
			id := ix.termID(t)
			ix.titles[id] = append(ix.titles[id], int32(ai))
		}
		for si, s := range a.Sentences {
			sn := uint32(len(ix.sents))
			ix.sents = append(ix.sents, sentRef{int32(ai), int32(si)})
			toks = analyze(s.Text, toks[:0], cache)
			n := min(len(toks), 1<<16-1)
			ix.sentLen = append(ix.sentLen, uint16(n))
			total += n
			ix.addPostings(sn, toks)
		}
	}
	if len(ix.sents) > 0 {
		ix.avgLen = float64(total) / float64(len(ix.sents))
	}
	return ix, nil
}

func (ix *Index) termID(t string) int32 {
	id, ok := ix.terms[t]
	if !ok {
		id = int32(len(ix.postings))
		ix.terms[t] = id
		ix.postings = append(ix.postings, postingList{})
		ix.titles = append(ix.titles, nil)
	}
	return id
}

// addPostings records sentence sn's tokens; repeated terms raise the count.
func (ix *Index) addPostings(sn uint32, toks []Token) {
	for i, t := range toks {
		if seenBefore(toks[:i], t.Term) {
			continue
		}
		tf := 1
		for _, u := range toks[i+1:] {
			if u.Term == t.Term {
				tf++
			}
		}
		p := &ix.postings[ix.termID(t.Term)]
		p.sents = append(p.sents, sn)
		p.freqs = append(p.freqs, uint16(min(tf, 1<<16-1)))
	}
}

func seenBefore(toks []Token, term string) bool {
	for _, t := range toks {
		if t.Term == term {
			return true
		}
	}
	return false
}

func uniqueTerms(toks []Token) []string {
	var out []string
	for i, t := range toks {
		if !seenBefore(toks[:i], t.Term) {
			out = append(out, t.Term)
		}
	}
	return out
}

// Articles returns the indexed articles in ID order. The slice is shared:
// do not modify it.
func (ix *Index) Articles() []*Article { return ix.articles }

// Article returns the article with the given ID, or nil.
func (ix *Index) Article(id string) *Article {
	if i, ok := ix.byID[id]; ok {
		return ix.articles[i]
	}
	return nil
}

// Len returns the number of indexed sentences.
func (ix *Index) Len() int { return len(ix.sents) }

// DocFreq returns how many sentences contain the analyzed term.
func (ix *Index) DocFreq(term string) int {
	if id, ok := ix.terms[term]; ok {
		return len(ix.postings[id].sents)
	}
	return 0
}
