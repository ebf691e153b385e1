package summarize

import (
	"newsdesk/retrieval"
)

// A Summary is the sentences that best cover one article, in article
// order.
type Summary struct {
	Article *retrieval.Article
	Quotes  []Quote // in article order; empty when nothing can be quoted
}

// A Quote is one quoted sentence. Its text is the article's body between
// the sentence's offsets, so it is verbatim at its line.
type Quote struct {
	Sentence retrieval.Sentence
	// Score is the sentence's relevance scaled so the article's best
	// quotable sentence scores 1.
	Score float64
	// Context is true for a sentence quoted only because the next quote
	// leans on it ("He added…").
	Context bool
}

// DefaultSentences is how many sentences Summarize quotes when asked for
// n ≤ 0.
const DefaultSentences = 3

// Options are the weights of the ranking. The zero value is not useful;
// start from [DefaultOptions].
type Options struct {
	// Damping is the share (0–1) of a sentence's LexRank centrality that
	// flows along similarity edges; the rest follows the position prior.
	Damping float64
	// Decay sets how fast the position prior fades: the i-th sentence
	// weighs 1/(1+i/Decay) of the first.
	Decay float64
	// Position and Title weigh the position prior (1 for the first
	// sentence) and the cosine similarity to the title against centrality
	// (1 for the most central sentence).
	Position, Title float64
	// Redundancy (0–1) is how much a candidate's similarity to sentences
	// already chosen counts against it (maximal marginal relevance).
	Redundancy float64
}

// DefaultOptions are the weights [Summarize] uses.
var DefaultOptions = Options{Damping: 0.85, Decay: 3, Position: 0.5, Title: 0.3, Redundancy: 0.3}

// Summarize returns the n sentences (n ≤ 0 means [DefaultSentences]) that
// best cover a, in article order, with [DefaultOptions]. An article with
// fewer quotable sentences gives fewer quotes, none for a nil article. It
// is safe for concurrent use.
func Summarize(a *retrieval.Article, n int) Summary {
	return DefaultOptions.Summarize(a, n)
}

// Summarize is [Summarize] with the weights of o.
func (o Options) Summarize(a *retrieval.Article, n int) Summary {
	if a == nil {
		return Summary{}
	}
	if n <= 0 {
		n = DefaultSentences
	}
	d := prepare(a)
	sim := similarities(d)
	scores := o.score(d, sim)
	return Summary{Article: a, Quotes: o.choose(d, sim, scores, n)}
}

// score returns the relevance of every sentence of d.
func (o Options) score(d *doc, sim [][]float64) []float64 {
	n := len(d.sents)
	prior := positionPrior(n, o.Decay)
	c := lexRank(sim, o.Damping, prior)
	maxNormalize(c)
	scores := make([]float64, n)
	for i := range scores {
		p := prior[i] / prior[0]
		scores[i] = c[i] + o.Position*p + o.Title*d.sents[i].vec.dot(d.title)
	}
	maxNormalize(scores)
	return scores
}
