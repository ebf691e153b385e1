package retrieval

// An Answer is what Newsdesk says to a question: up to three quoted
// sentences, best first, or Found false when the articles do not answer it.
type Answer struct {
	Question string
	Found    bool
	Quotes   []Quote
}

// A Quote is one sentence of an answer. Also lists near-identical
// sentences from other articles (the same wire copy, a rewrite), so the
// quote can cite every source.
type Quote struct {
	Hit
	Also []Hit
}

// AnswerOptions shape an answer. The zero value composes the usual 1–3
// quotes from all articles.
type AnswerOptions struct {
	Article string // if not empty, answer from this article only
	Top     int    // if > 0, return the Top best sentences instead of 1–3
}

// Thresholds of a composed answer.
const (
	maxQuotes        = 3
	maxPerArticle    = 2
	minCoverage      = 0.45 // the best sentence must match this share of the question's idf weight
	minRelativeScore = 0.6  // a further quote must score this share of the best
	duplicateJaccard = 0.6  // sentences sharing this share of their terms say the same thing
)

// Answer searches for question and composes the reply. Found is false when
// nothing matches well enough: the best sentence covers too little of the
// question's meaningful words (a question about bitcoin matching only
// "said"). Quotes from different articles that say the same thing are
// merged into one quote with Also set; one article gives at most two
// quotes. With opt.Top > 0 the Top best sentences are returned as they
// rank, still merged, and Found reports whether any matched at all.
func (ix *Index) Answer(question string, opt AnswerOptions) Answer {
	ans := Answer{Question: question}
	k := maxQuotes * 4
	if opt.Top > 0 {
		k = opt.Top * 2
	}
	hits := ix.Search(question, SearchOptions{K: k, Article: opt.Article})
	if len(hits) == 0 {
		return ans
	}
	if opt.Top <= 0 && hits[0].Coverage < minCoverage {
		return ans
	}
	ans.Found = true
	limit, perArticle := maxQuotes, maxPerArticle
	if opt.Top > 0 {
		limit, perArticle = opt.Top, opt.Top
	}
	count := map[string]int{}
	for _, h := range hits {
		if len(ans.Quotes) == limit {
			break
		}
		if opt.Top <= 0 && (h.Score < minRelativeScore*hits[0].Score || h.Coverage < minCoverage) {
			break
		}
		if i := duplicateOf(ans.Quotes, h); i >= 0 {
			if ans.Quotes[i].Article.ID != h.Article.ID {
				ans.Quotes[i].Also = append(ans.Quotes[i].Also, h)
			}
			continue
		}
		if count[h.Article.ID] == perArticle {
			continue
		}
		count[h.Article.ID]++
		ans.Quotes = append(ans.Quotes, Quote{Hit: h})
	}
	return ans
}

// duplicateOf returns the index of the quote that says what h says, or -1.
func duplicateOf(quotes []Quote, h Hit) int {
	terms := termSet(h.Sentence.Text)
	for i, q := range quotes {
		if jaccard(terms, termSet(q.Sentence.Text)) >= duplicateJaccard {
			return i
		}
	}
	return -1
}

func termSet(text string) map[string]bool {
	set := map[string]bool{}
	for _, t := range Analyze(text) {
		set[t.Term] = true
	}
	return set
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for t := range a {
		if b[t] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// Highlights returns the byte spans, within the sentence text, of the words
// whose terms are in terms: the words of a quote that matched the question.
func Highlights(text string, terms []string) [][2]int {
	want := map[string]bool{}
	for _, t := range terms {
		want[t] = true
	}
	var spans [][2]int
	for _, t := range Analyze(text) {
		if want[t.Term] {
			spans = append(spans, [2]int{t.Start, t.End})
		}
	}
	return spans
}
