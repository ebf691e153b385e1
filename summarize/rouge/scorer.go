package rouge

import (
	"strings"
	"sync"
)

// Score is one ROUGE measurement. Precision divides the matches by the
// candidate's count (of n-grams or tokens), Recall by the reference's, and
// F1 is their harmonic mean. All three are in [0, 1] and 0 when nothing
// matches.
type Score struct {
	Precision, Recall, F1 float64
}

// newScore returns the Score for hits matches out of cand candidate units
// and ref reference units, computed as rouge-score does.
func newScore(hits, cand, ref int) Score {
	if hits == 0 || cand == 0 || ref == 0 {
		return Score{}
	}
	p := float64(hits) / float64(cand)
	r := float64(hits) / float64(ref)
	return Score{Precision: p, Recall: r, F1: 2 * p * r / (p + r)}
}

// Scores holds the usual set of metrics for one candidate.
type Scores struct {
	N1   Score // ROUGE-1: [Scorer.N] with n = 1
	N2   Score // ROUGE-2: [Scorer.N] with n = 2
	L    Score // ROUGE-L: [Scorer.L]
	LSum Score // ROUGE-Lsum: [Scorer.LSum]
}

// N returns ROUGE-N of the candidate sentences against the reference
// sentences, with stemming. It is NewScorer(reference, true).N(candidate, n).
func N(candidate, reference []string, n int) Score {
	return NewScorer(reference, true).N(candidate, n)
}

// L returns ROUGE-L of the candidate sentences against the reference
// sentences, with stemming. It is NewScorer(reference, true).L(candidate).
func L(candidate, reference []string) Score {
	return NewScorer(reference, true).L(candidate)
}

// LSum returns ROUGE-Lsum of the candidate sentences against the reference
// sentences, with stemming. It is NewScorer(reference, true).LSum(candidate).
func LSum(candidate, reference []string) Score {
	return NewScorer(reference, true).LSum(candidate)
}

// A Scorer scores candidates against one reference summary, which it
// tokenizes once. A Scorer is safe for concurrent use.
type Scorer struct {
	stem bool
	// vocab numbers the reference's distinct tokens from 0. A candidate
	// token the reference lacks gets -1, which matches nothing.
	vocab map[string]int32
	toks  []int32   // the reference's tokens, all sentences in order
	sents [][]int32 // toks cut at sentence ends
	uni   gramTable // n = 1
	bi    gramTable // n = 2
}

// NewScorer returns a Scorer for the reference, a list of sentences. A
// sentence holding a newline counts as two, in the reference and in
// candidates, so that sentences score as strings.Join(sentences, "\n")
// does in rouge-score. With stem, tokens are stemmed (see [Tokenize]) on
// both sides. An empty reference gives zero Scores.
func NewScorer(reference []string, stem bool) *Scorer {
	size := 0
	for _, s := range reference {
		size += len(s)
	}
	// News text has about six bytes a token and fewer distinct tokens.
	sc := &Scorer{stem: stem, vocab: make(map[string]int32, size/8)}
	var ends []int
	var buf []byte
	eachLine(reference, func(line string) {
		eachWord(line, &buf, func(w []byte) {
			sc.toks = append(sc.toks, sc.intern(w))
		})
		ends = append(ends, len(sc.toks))
	})
	sc.sents = cut(sc.toks, ends)
	sc.uni = newGramTable(sc.toks, 1, len(sc.vocab))
	sc.bi = newGramTable(sc.toks, 2, len(sc.vocab))
	return sc
}

// Score returns ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum of the candidate,
// tokenizing it once.
func (sc *Scorer) Score(candidate []string) Scores {
	s := sc.tokenize(candidate)
	defer scratchPool.Put(s)
	return Scores{
		N1:   sc.n(s, 1),
		N2:   sc.n(s, 2),
		L:    sc.l(s),
		LSum: sc.lsum(s),
	}
}

// N returns ROUGE-N of the candidate sentences. The matches are the
// candidate's n-grams found in the reference, each reference n-gram
// matching at most as often as it occurs there. Each side's n-grams run
// across its sentence boundaries, as in rouge-score. n < 1, or a side with
// fewer than n tokens, gives a zero Score.
func (sc *Scorer) N(candidate []string, n int) Score {
	if n < 1 {
		return Score{}
	}
	s := sc.tokenize(candidate)
	defer scratchPool.Put(s)
	return sc.n(s, n)
}

// L returns ROUGE-L of the candidate sentences: the length of the longest
// common subsequence of the candidate's tokens and the reference's, each
// side's sentences run together. An empty side gives a zero Score.
func (sc *Scorer) L(candidate []string) Score {
	s := sc.tokenize(candidate)
	defer scratchPool.Put(s)
	return sc.l(s)
}

// LSum returns ROUGE-Lsum of the candidate sentences, the summary-level LCS
// of Lin (2004, section 3.2) as rouge-score computes it. For each reference
// sentence, the reference positions on a longest common subsequence with
// any candidate sentence are united; each such position is a hit unless its
// token has already been hit as often as it occurs in the candidate. Which
// of several longest subsequences is taken matters, and follows
// rouge-score's backtracking. An empty side gives a zero Score. LSum keeps
// a table of 4 bytes for each pair of tokens of one reference sentence and
// one candidate sentence, so a document passed as a single sentence of
// 10,000 tokens needs 400 MB: split it into sentences.
func (sc *Scorer) LSum(candidate []string) Score {
	s := sc.tokenize(candidate)
	defer scratchPool.Put(s)
	return sc.lsum(s)
}

// scratch holds one candidate's tokens and the buffers scoring reuses.
type scratch struct {
	word  []byte
	toks  []int32 // candidate tokens as reference ids, -1 if absent
	ends  []int
	sents [][]int32
	count []int32  // per reference id
	ids   []int32  // n-gram ids
	ref   []int32  // reference tokens kept for an LCS
	pos   []int32  // their positions in the reference sentence
	table []int32  // LCS table
	hit   []bool   // per reference sentence position
	match []uint64 // bit sets for the LCS
	row   []uint64
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// tokenize returns a scratch from the pool holding the candidate's tokens.
// The caller puts it back.
func (sc *Scorer) tokenize(candidate []string) *scratch {
	s := scratchPool.Get().(*scratch)
	s.toks, s.ends = s.toks[:0], s.ends[:0]
	eachLine(candidate, func(line string) {
		eachWord(line, &s.word, func(w []byte) {
			s.toks = append(s.toks, sc.id(w))
		})
		s.ends = append(s.ends, len(s.toks))
	})
	s.sents = cutInto(s.sents[:0], s.toks, s.ends)
	return s
}

// intern returns the id of the word w, numbering it if it is new.
func (sc *Scorer) intern(w []byte) int32 {
	if id := sc.id(w); id >= 0 {
		return id
	}
	id := int32(len(sc.vocab))
	sc.vocab[term(w, sc.stem)] = id
	return id
}

// id returns the reference id of the word w, or -1.
func (sc *Scorer) id(w []byte) int32 {
	var id int32
	var ok bool
	if sc.stem && len(w) > 3 {
		id, ok = sc.vocab[stemOf(w)]
	} else {
		id, ok = sc.vocab[string(w)]
	}
	if !ok {
		return -1
	}
	return id
}

// eachLine calls fn with every line of every sentence.
func eachLine(sentences []string, fn func(line string)) {
	for _, s := range sentences {
		for line := range strings.SplitSeq(s, "\n") {
			fn(line)
		}
	}
}

// cut returns toks cut at the given ends.
func cut(toks []int32, ends []int) [][]int32 {
	return cutInto(make([][]int32, 0, len(ends)), toks, ends)
}

func cutInto(dst [][]int32, toks []int32, ends []int) [][]int32 {
	start := 0
	for _, end := range ends {
		dst = append(dst, toks[start:end:end])
		start = end
	}
	return dst
}

// countCand returns, for each of the vocab reference ids, how often the
// candidate in s has it.
func (s *scratch) countCand(vocab int) []int32 {
	c := grow(s.count, vocab)
	clear(c)
	for _, id := range s.toks {
		if id >= 0 {
			c[id]++
		}
	}
	s.count = c
	return c
}
