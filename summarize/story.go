package summarize

import (
	"math"
	"slices"
	"sort"

	"newsdesk/retrieval"
)

// A Story is one event of a brief, with every article that reports it.
type Story struct {
	// Title is the headline: the title of the story's most central article.
	Title string
	// Articles are the story's sources, most central first.
	Articles []*retrieval.Article
	// Quotes are 1–3 sentences that say what happened, the most telling
	// first, none repeating another story's (the top three stories get up
	// to three, the next three two, the rest one); none for Brief.Also
	// or when the story's articles have nothing quotable.
	Quotes []Excerpt
	// Score is the story's importance: its number of sources plus how
	// central it is to the day's news (0–1).
	Score float64
}

// An Excerpt is a quote with the article it comes from.
type Excerpt struct {
	Article *retrieval.Article
	Quote
}

// repeats is the cosine similarity at which two quoted sentences say the
// same thing.
const repeats = 0.4

// quotesFor returns how many quotes the story at rank i (0-based) gets:
// the top stories three, the rest fewer, so a busy day stays short.
func quotesFor(i int) int {
	switch {
	case i < 3:
		return 3
	case i < 6:
		return 2
	}
	return 1
}

// newStories groups articles into stories, most important first, and
// quotes the first quoted of them.
func newStories(articles []*retrieval.Article, quoted int) []Story {
	if len(articles) == 0 {
		return nil
	}
	d := newDay(articles)
	pairs := d.similarities()
	var groups [][]int
	for _, topic := range cluster(len(articles), pairs, d.similarity, sameTopic) {
		groups = append(groups, d.events(topic)...)
	}
	stories := make([]Story, len(groups))
	maxDegree := 0.0
	for _, g := range groups {
		maxDegree = math.Max(maxDegree, d.meanDegree(g))
	}
	for i, g := range groups {
		g = d.byCentrality(g)
		st := Story{Title: articles[g[0]].Title, Score: float64(len(g))}
		if maxDegree > 0 {
			st.Score += d.meanDegree(g) / maxDegree
		}
		for _, ai := range g {
			st.Articles = append(st.Articles, articles[ai])
		}
		stories[i] = st
	}
	sort.SliceStable(stories, func(i, j int) bool {
		if stories[i].Score != stories[j].Score {
			return stories[i].Score > stories[j].Score
		}
		return stories[i].Title < stories[j].Title
	})
	d.quote(stories[:min(quoted, len(stories))])
	return stories
}

// quoteSources is how many of a story's most central articles its quotes
// are drawn from.
const quoteSources = 3

// A candidate is a sentence that may quote a story.
type candidate struct {
	Excerpt
	value float64
	vec   vector // tf-idf over the day's terms, unit length
}

// quote gives each story its quotes: the best sentences of its most
// central articles' summaries, the first article's counting most, none
// that says what a quote already chosen (for this story or an earlier
// one) says, and none that leans on a sentence left out.
func (d *day) quote(stories []Story) {
	var said []vector
	for rank := range stories {
		st := &stories[rank]
		var cands []candidate
		for k, a := range st.Articles[:min(quoteSources, len(st.Articles))] {
			cands = append(cands, d.candidates(a, 1/float64(k+1))...)
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].value > cands[j].value })
		for _, c := range cands {
			if len(st.Quotes) == quotesFor(rank) || c.value < 0.5*cands[0].value {
				break
			}
			if saysAgain(c.vec, said) {
				continue
			}
			st.Quotes = append(st.Quotes, c.Excerpt)
			said = append(said, c.vec)
		}
	}
}

// candidates returns the sentences of a's summary that stand alone, their
// value their score times weight.
func (d *day) candidates(a *retrieval.Article, weight float64) []candidate {
	o := DefaultOptions
	doc := prepare(d.lx, a)
	sim := cosines(doc)
	const n = DefaultSentences
	var out []candidate
	var w chunk
	for _, q := range o.choose(doc, sim, o.relevance(doc, sim, n), n) {
		if q.Context || doc.sents[q.Sentence.Index].dependent {
			continue
		}
		w.reset()
		d.lx.analyze(a.Text(q.Sentence), &w)
		out = append(out, candidate{Excerpt{a, q}, q.Score * weight, d.sentenceVector(w.terms)})
	}
	return out
}

// sentenceVector returns the unit vector of the distinct terms of a
// sentence, numbered by the lexicon and weighted by their idf over the
// day's leads (terms no lead has count as rare).
func (d *day) sentenceVector(terms []uint32) vector {
	ids := slices.Clone(terms)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	v := vector{ids: make([]int32, len(ids)), ws: make([]float64, len(ids))}
	for k, t := range ids {
		v.ids[k] = int32(t)
		v.ws[k] = math.Log(1 + float64(d.voc.n))
		if id, ok := d.voc.ids[t]; ok {
			v.ws[k] = d.voc.idf(id)
		}
	}
	v.normalize()
	return v
}

// saysAgain reports whether v is as similar as repeats to one of said.
func saysAgain(v vector, said []vector) bool {
	for _, s := range said {
		if v.dot(s) >= repeats {
			return true
		}
	}
	return false
}
