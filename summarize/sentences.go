package summarize

import (
	"unicode"

	"newsdesk/retrieval"
)

// A doc is an article prepared for ranking: its sentences with their term
// vectors and what may be quoted.
type doc struct {
	a     *retrieval.Article
	sents []sentence
	terms *vocab // stemmed terms, counted by sentence
	plain *vocab // words before stemming, counted by sentence
	title vector // tf-idf of the title's terms, unit length
}

// A sentence is one sentence of a doc.
type sentence struct {
	s         retrieval.Sentence
	counts    vector // term counts
	plain     vector // counts of words before stemming
	vec       vector // tf-idf of the terms, unit length
	words     int    // words, stop words included
	text      bool   // on a line of body text, so it may be quoted at all
	quotable  bool   // also stands alone: long enough, not a question or caption
	dependent bool   // leans on the sentence before it
	dangling  bool   // opens a quotation from nobody that runs on
}

// prepare analyzes the sentences of a with the words of lx.
func prepare(lx *lexicon, a *retrieval.Article) *doc {
	d := &doc{a: a, terms: newVocab(), plain: newVocab(), sents: make([]sentence, len(a.Sentences))}
	var w chunk
	var quotes quoteScanner
	line := int32(-1)
	for i, s := range a.Sentences {
		text := a.Text(s)
		w.reset()
		lx.analyze(text, &w)
		l := a.Lines[s.Line-1]
		if s.Line != line {
			line, quotes = s.Line, quoteScanner{}
			quotes.scan(a.Body[l.Start:s.Start])
		}
		st := &d.sents[i]
		*st = sentence{
			s:      s,
			counts: d.terms.counts(w.terms),
			plain:  d.plain.counts(w.plain),
			words:  wordCount(text),
			text:   l.Kind == retrieval.Text,
		}
		st.quotable = st.text && quotable(text, st.words, len(w.terms))
		st.dangling = dangling(text)
		st.dependent = i > 0 && (dependent(text) || quotes.open && !showsQuote(text))
		quotes.scan(a.Body[s.Start:nextStart(a, i, l)])
	}
	for i := range d.sents {
		d.sents[i].vec = d.terms.tfidf(d.sents[i].counts)
	}
	var t chunk
	lx.analyze(a.Title, &t)
	d.title = d.terms.weigh(t.terms)
	return d
}

// nextStart returns where the text after sentence i stops counting for
// its line: the next sentence's start if it is on the same line, else
// the line's end.
func nextStart(a *retrieval.Article, i int, l retrieval.Line) int32 {
	if i+1 < len(a.Sentences) && a.Sentences[i+1].Line == a.Sentences[i].Line {
		return a.Sentences[i+1].Start
	}
	return l.End
}

// wordCount returns the number of white-space-separated words of s.
func wordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}
