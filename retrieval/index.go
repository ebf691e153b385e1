package retrieval

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// An Index is an inverted index over the sentences of a set of articles.
// Build it with [NewIndex]; an Index is immutable and safe for concurrent
// use once built: queries take no locks.
//
// Sentences are numbered globally, article by article in ID order, so the
// sentences of one article form a range. Terms are numbered by how many
// sentences hold them, most frequent first, so that the common ones take
// one byte in the varint-coded structures:
//
//   - dict: the terms, sorted, with their numbers (see dict.go);
//   - postings: for every term, the sentences that hold it and how often,
//     in blocks of [blockSize] (see postings.go);
//   - title postings: for every term, the articles whose title holds it;
//   - forward: for every sentence, its terms in text order (stop words
//     left out), read when a candidate sentence is scored in full;
//   - vocab: the normalized words behind the terms, for fuzzy matching of
//     words the index never saw (see fuzzy.go).
//
// Memory, from BenchmarkMemory on 100,000 generated articles (200 MB of
// text): the index itself takes 0.61 bytes per byte of text; the parsed
// articles it points to take 1.37 (their text and 0.37 of line and
// sentence records): 1.975 in all.
type Index struct {
	articles []*Article // sorted by ID: articleByID searches them
	first    []uint32   // by article: its first sentence; one more entry, the sentence count
	sentLen  []uint16   // by sentence: its number of terms
	place    []uint8    // by sentence: its place in its article, from 0; 255 for 255 or more
	cues     []uint8    // by sentence: what kind of answer it offers (see sentenceCues)
	avgLen   float64

	dict      dictionary
	post      postings // by term: sentences
	titlePost postings // by term: articles whose title holds it
	fwd       packed   // by sentence: term numbers in text order
	vocab     vocabulary
}

// NewIndex indexes the sentences of articles, and their titles. IDs must be
// unique; the articles are kept in ID order. NewIndex with no articles
// gives an empty index whose searches find nothing. The articles are
// analyzed in parallel, one share per processor.
func NewIndex(articles []*Article) (*Index, error) {
	as := slices.Clone(articles)
	sort.Slice(as, func(i, j int) bool { return as[i].ID < as[j].ID })
	ix := &Index{articles: as}
	for i := 1; i < len(as); i++ {
		if as[i].ID == as[i-1].ID {
			return nil, fmt.Errorf("index: duplicate article id %q", as[i].ID)
		}
	}
	parts := analyzeArticles(as)
	toks, titleToks, words, terms := ix.mergeTerms(parts)
	if err := ix.encode(toks, titleToks); err != nil {
		return nil, err
	}
	ix.vocab = newVocabulary(words, terms)
	return ix, nil
}

// A share is the analysis of a run of consecutive articles: every sentence
// and title as term numbers local to the share.
type share struct {
	lo, hi int               // articles [lo, hi)
	terms  map[string]uint32 // term → local number
	names  []string          // local number → term
	sents  tokenRuns         // every sentence of the articles
	titles tokenRuns         // every title
	words  map[string]string // normalized word → term (the stem cache)
	cues   []uint8           // by sentence
}

// tokenRuns holds runs of term numbers back to back; run i is
// toks[ends[i-1]:ends[i]].
type tokenRuns struct {
	toks []uint32
	ends []uint32
}

func (r *tokenRuns) run(i int) []uint32 {
	start := uint32(0)
	if i > 0 {
		start = r.ends[i-1]
	}
	return r.toks[start:r.ends[i]]
}

// analyzeArticles splits the articles into one share per processor, by
// text size, and analyzes the shares in parallel.
func analyzeArticles(as []*Article) []*share {
	total := 0
	for _, a := range as {
		total += len(a.Body)
	}
	n := max(1, min(runtime.GOMAXPROCS(0), total/(256<<10)))
	var parts []*share
	lo, size := 0, 0
	for i, a := range as {
		size += len(a.Body)
		if size >= total*(len(parts)+1)/n || i == len(as)-1 {
			parts = append(parts, &share{lo: lo, hi: i + 1})
			lo = i + 1
		}
	}
	var wg sync.WaitGroup
	for _, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.analyze(as)
		}()
	}
	wg.Wait()
	return parts
}

func (p *share) analyze(as []*Article) {
	p.terms = make(map[string]uint32)
	p.words = make(map[string]string)
	var toks []Token
	add := func(r *tokenRuns, text string) {
		toks = analyze(text, toks[:0], p.words)
		for _, t := range toks {
			id, ok := p.terms[t.Term]
			if !ok {
				id = uint32(len(p.names))
				p.terms[t.Term] = id
				p.names = append(p.names, t.Term)
			}
			r.toks = append(r.toks, id)
		}
		r.ends = append(r.ends, uint32(len(r.toks)))
	}
	for _, a := range as[p.lo:p.hi] {
		add(&p.titles, a.Title)
		for _, s := range a.Sentences {
			text := a.Text(s)
			add(&p.sents, text)
			p.cues = append(p.cues, sentenceCues(text)|nameCues(text))
		}
	}
}

// mergeTerms numbers the terms of all shares by descending sentence
// frequency (ties by term), fills ix.dict, first, sentLen and avgLen, and
// returns every sentence's and title's tokens in final term numbers, the
// normalized words seen and the term numbers.
func (ix *Index) mergeTerms(parts []*share) (sents, titles tokenRuns, words map[string]string, terms map[string]uint32) {
	global := map[string]uint32{}
	var names []string
	var df []uint32
	var seen []int32 // by global term: last sentence counted in df
	remaps := make([][]uint32, len(parts))
	nsent := 0
	for pi, p := range parts {
		remap := make([]uint32, len(p.names))
		for li, name := range p.names {
			id, ok := global[name]
			if !ok {
				id = uint32(len(names))
				global[name] = id
				names = append(names, name)
				df = append(df, 0)
				seen = append(seen, -1)
			}
			remap[li] = id
		}
		remaps[pi] = remap
		for i := range p.sents.ends {
			for _, t := range p.sents.run(i) {
				g := remap[t]
				if seen[g] != int32(nsent) {
					seen[g] = int32(nsent)
					df[g]++
				}
			}
			nsent++
		}
	}
	order := make([]uint32, len(names))
	for i := range order {
		order[i] = uint32(i)
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if df[a] != df[b] {
			return df[a] > df[b]
		}
		return names[a] < names[b]
	})
	final := make([]uint32, len(names))
	text := make([]string, len(names))
	terms = make(map[string]uint32, len(names))
	for newID, old := range order {
		final[old] = uint32(newID)
		text[newID] = names[old]
		terms[names[old]] = uint32(newID)
	}
	ix.dict = newDictionary(text)
	ix.first = make([]uint32, 0, len(ix.articles)+1)
	ix.sentLen = make([]uint16, 0, nsent)
	ix.place = make([]uint8, 0, nsent)
	ix.cues = make([]uint8, 0, nsent)
	words = map[string]string{}
	total := 0
	for pi, p := range parts {
		remap := remaps[pi]
		si := 0
		for ai := p.lo; ai < p.hi; ai++ {
			ix.first = append(ix.first, uint32(len(ix.sentLen)))
			titles.append(p.titles.run(ai-p.lo), remap, final)
			for i := range ix.articles[ai].Sentences {
				run := p.sents.run(si)
				sents.append(run, remap, final)
				ix.sentLen = append(ix.sentLen, uint16(min(len(run), math.MaxUint16)))
				ix.place = append(ix.place, uint8(min(i, math.MaxUint8)))
				total += len(run)
				si++
			}
		}
		ix.cues = append(ix.cues, p.cues...)
		for w, t := range p.words {
			words[w] = t
		}
		p.sents, p.titles, p.words, p.cues = tokenRuns{}, tokenRuns{}, nil, nil
	}
	ix.first = append(ix.first, uint32(len(ix.sentLen)))
	if len(ix.sentLen) > 0 {
		ix.avgLen = float64(total) / float64(len(ix.sentLen))
	}
	return sents, titles, words, terms
}

func (r *tokenRuns) append(run, remap, final []uint32) {
	for _, t := range run {
		r.toks = append(r.toks, final[remap[t]])
	}
	r.ends = append(r.ends, uint32(len(r.toks)))
}

// encode builds the postings and the packed forward lists.
func (ix *Index) encode(sents, titles tokenRuns) error {
	if len(sents.toks) > math.MaxUint32/4 {
		return fmt.Errorf("index: %d terms in sentences, more than one index holds", len(sents.toks))
	}
	ix.post = buildPostings(sents, ix.dict.len(), ix.sentLen, len(ix.sentLen) >= minDenseSentences && len(ix.sentLen) <= maxAccumulated)
	ix.titlePost = buildPostings(titles, ix.dict.len(), nil, false)
	ix.fwd = packRuns(sents)
	return nil
}

// Articles returns the indexed articles in ID order. The slice is shared:
// do not modify it.
func (ix *Index) Articles() []*Article { return ix.articles }

// Article returns the article with the given ID, or nil.
func (ix *Index) Article(id string) *Article {
	if i, ok := ix.articleByID(id); ok {
		return ix.articles[i]
	}
	return nil
}

// articleByID returns the position of the article with the given ID. A
// binary search over the sorted articles costs a microsecond at most and,
// unlike a map, no memory (a map took 3.6 MB for 100,000 articles).
func (ix *Index) articleByID(id string) (int, bool) {
	return sort.Find(len(ix.articles), func(i int) int { return strings.Compare(id, ix.articles[i].ID) })
}

// Len returns the number of indexed sentences.
func (ix *Index) Len() int { return len(ix.sentLen) }

// DocFreq returns how many sentences contain the analyzed term.
func (ix *Index) DocFreq(term string) int {
	if id, ok := ix.dict.lookup(term); ok {
		return int(ix.post.df(id))
	}
	return 0
}

// articleOf returns the article of global sentence sn.
func (ix *Index) articleOf(sn uint32) int {
	return sort.Search(len(ix.articles), func(i int) bool { return ix.first[i+1] > sn })
}

// placeOf returns sentence sn's place in its article, from 0.
func (ix *Index) placeOf(sn uint32) uint32 {
	if i := ix.place[sn]; i < math.MaxUint8 {
		return uint32(i)
	}
	return sn - ix.first[ix.articleOf(sn)]
}

// sentence returns the article and sentence of global sentence sn.
func (ix *Index) sentence(ai int, sn uint32) (*Article, Sentence) {
	a := ix.articles[ai]
	return a, a.Sentences[sn-ix.first[ai]]
}
