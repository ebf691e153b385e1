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

// Options weigh what makes a sentence worth quoting. The zero value is not
// useful; start from [DefaultOptions].
//
// A sentence's relevance is the sum of three measures of centrality, each
// scaled so the article's most central sentence scores 1, and two signals
// of a news lead, which count in full for a short summary and fade for
// one that quotes much of the article (see LeadShare):
//
//   - LexRank: PageRank over the cosine similarities of the sentences'
//     tf-idf vectors of stemmed terms (Erkan and Radev, 2004);
//   - TextRank: PageRank over the number of terms two sentences share,
//     divided by the sum of the logarithms of their lengths (Mihalcea and
//     Tarau, 2004), which favours longer sentences;
//   - SumBasic: the mean probability in the article of the sentence's
//     words (Nenkova and Vanderwende, 2005), counted before stemming;
//   - Position: 1/(1+i/Decay) for the i-th sentence, as news puts the
//     key facts first; the PageRank walks also restart from the lead;
//   - Title: the cosine similarity to the title.
type Options struct {
	LexRank, TextRank, SumBasic float64
	// Damping (0–1) is the probability that the PageRank walks follow an
	// edge rather than restart.
	Damping float64
	// Position and Title weigh the lead signals; Decay (sentences) sets
	// how fast the position prior fades.
	Position, Title, Decay float64
	// LeadShare is the share of the article's sentences (0–1) a summary
	// may quote before the lead signals count only half: at share s they
	// count 1/(1+(s/LeadShare)⁴). Three sentences of a 30-sentence
	// article lean on the lead; eight of twenty cover the whole article.
	LeadShare float64
	// Redundancy (0–1) is how much a candidate's similarity to sentences
	// already chosen counts against it (maximal marginal relevance).
	Redundancy float64
}

// DefaultOptions are the weights [Summarize] uses. They were tuned by
// coordinate search on the odd-numbered articles of the BBC News Summary
// and CNN/DailyMail evaluation sets, maximizing the smallest margin over
// the baselines; see `newsdesk eval bbc` and `newsdesk eval cnndm`.
var DefaultOptions = Options{
	LexRank: 0.5, TextRank: 1, SumBasic: 1, Damping: 0.85,
	Position: 1.5, Title: 0.3, Decay: 5, LeadShare: 0.2,
	Redundancy: 0.3,
}

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
	d := prepare(currentLexicon(), a)
	sim := cosines(d)
	return Summary{Article: a, Quotes: o.choose(d, sim, o.relevance(d, sim, n), n)}
}
