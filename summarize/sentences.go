package summarize

import (
	"strings"

	"newsdesk/retrieval"
)

// A doc is an article prepared for ranking: its sentences with their term
// vectors and what may be quoted.
type doc struct {
	a     *retrieval.Article
	sents []sentence
	voc   *vocab
	title vector // tf-idf of the title over the sentence vocabulary, unit length
}

// A sentence is one sentence of a doc.
type sentence struct {
	s         retrieval.Sentence
	counts    vector // term counts
	vec       vector // tf-idf, unit length
	words     int    // words, stop words included
	para      int    // ordinal of its line among the article's quotable lines
	text      bool   // on a line of body text, so it may be quoted at all
	quotable  bool   // also stands on its own: long enough, not a question or caption
	dependent bool   // leans on the sentence before it
}

// prepare analyzes the sentences of a.
func prepare(a *retrieval.Article) *doc {
	d := &doc{a: a, voc: newVocab(), sents: make([]sentence, len(a.Sentences))}
	var buf []string
	para, line := -1, 0
	for i, s := range a.Sentences {
		if s.Line != line {
			para++
			line = s.Line
		}
		buf = terms(s.Text, buf[:0])
		d.sents[i] = sentence{
			s:      s,
			counts: d.voc.counts(buf),
			words:  len(strings.Fields(s.Text)),
			para:   para,
		}
		kind := a.Lines[s.Line-1].Kind
		st := &d.sents[i]
		st.text = kind == retrieval.Text
		st.quotable = st.text && quotable(s.Text, st.words, len(buf))
		l := a.Lines[s.Line-1]
		st.dependent = i > 0 && (dependent(s.Text) || insideQuote(a.Body[l.Start:s.Start]))
	}
	for i := range d.sents {
		d.sents[i].vec = d.voc.tfidf(d.sents[i].counts)
	}
	d.title = d.titleVector(a.Title)
	return d
}

// titleVector returns the tf-idf vector of text over the doc's terms;
// terms the sentences never use are left out.
func (d *doc) titleVector(text string) vector {
	var v vector
	ts := terms(text, nil)
	seen := map[int32]bool{}
	for _, t := range ts {
		id, ok := d.voc.ids[t]
		if !ok || seen[id] {
			continue
		}
		seen[id] = true
		v.ids = append(v.ids, id)
	}
	sortIDs(v.ids)
	for _, id := range v.ids {
		v.ws = append(v.ws, d.voc.idf(id))
	}
	v.normalize()
	return v
}

func sortIDs(ids []int32) {
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}
