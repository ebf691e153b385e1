package summarize

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"newsdesk/retrieval"
)

// A lexicon numbers words and remembers the analysis of the chunks of
// text it has seen. Analyzing costs: retrieval.Analyze spends about 80% of
// its time in the snowball stemmer (0.61 s for the 488,000 terms of the
// 2,225 BBC articles), which alone would use most of the summarizer's
// budget. A word never spans white space and is analyzed on its own, so
// the words of a text are those of its white-space-separated chunks in
// order, and a chunk met before costs one look-up. Numbering the words
// once also spares every article hashing them as strings.
//
// A lexicon only grows. When it holds maxChunks chunks the next article
// starts a new one; articles being prepared keep theirs, so the numbers
// within one article always come from one lexicon.
type lexicon struct {
	mu     sync.RWMutex
	chunks map[string]chunk  // chunk text → its analysis
	ids    map[string]uint32 // word or term → number
}

// A chunk is the analysis of one chunk of text: the numbers of its index
// terms (retrieval.Analyze's stems) and, in parallel, of its words as
// written, lower-cased.
type chunk struct {
	terms []uint32
	plain []uint32
	names []bool // the word is capitalized or has a digit: likely a name, a place or a figure
}

func (c *chunk) reset() {
	c.terms, c.plain, c.names = c.terms[:0], c.plain[:0], c.names[:0]
}

// maxChunks bounds a lexicon. The 2,225 BBC articles have about 90,000
// distinct chunks and 45,000 distinct words and terms.
const maxChunks = 1 << 18

var current atomic.Pointer[lexicon]

// currentLexicon returns the lexicon a new article should use.
func currentLexicon() *lexicon {
	lx := current.Load()
	if lx == nil || lx.full() {
		fresh := &lexicon{chunks: make(map[string]chunk), ids: make(map[string]uint32)}
		if current.CompareAndSwap(lx, fresh) {
			return fresh
		}
		return current.Load()
	}
	return lx
}

// analyze appends the analysis of text to w.
func (lx *lexicon) analyze(text string, w *chunk) {
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		c := lx.chunk(text[i:j])
		w.terms = append(w.terms, c.terms...)
		w.plain = append(w.plain, c.plain...)
		w.names = append(w.names, c.names...)
		i = j
	}
}

// chunk returns the analysis of one chunk of text without white space.
// Its slices are shared: callers must not modify them.
func (lx *lexicon) chunk(s string) chunk {
	lx.mu.RLock()
	c, ok := lx.chunks[s]
	lx.mu.RUnlock()
	if ok {
		return c
	}
	toks := retrieval.Analyze(s)
	lx.mu.Lock()
	defer lx.mu.Unlock()
	for _, t := range toks {
		word := s[t.Start:t.End]
		c.terms = append(c.terms, lx.number(t.Term))
		c.plain = append(c.plain, lx.number(strings.ToLower(word)))
		r, _ := utf8.DecodeRuneInString(word)
		c.names = append(c.names, unicode.IsUpper(r) || strings.ContainsAny(word, "0123456789"))
	}
	if len(lx.chunks) < maxChunks {
		// Clone the key: s may be a slice of a large article body that
		// the lexicon would otherwise keep alive.
		lx.chunks[strings.Clone(s)] = c
	}
	return c
}

// full reports whether lx holds as many chunks as it may.
func (lx *lexicon) full() bool {
	lx.mu.RLock()
	defer lx.mu.RUnlock()
	return len(lx.chunks) >= maxChunks
}

// number returns the number of w, giving it the next one if new. The
// caller holds lx.mu.
func (lx *lexicon) number(w string) uint32 {
	id, ok := lx.ids[w]
	if !ok {
		id = uint32(len(lx.ids))
		lx.ids[strings.Clone(w)] = id
	}
	return id
}
