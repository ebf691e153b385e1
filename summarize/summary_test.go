package summarize

import (
	"fmt"
	"strings"
	"testing"

	"newsdesk/retrieval"
)

func TestSummarizeEdges(t *testing.T) {
	seeds := mustSeeds(t)
	empty := mustMapFS(t, map[string]string{"empty.txt": "Only a title\n\nShare this article on Facebook\n"})[0]
	tests := []struct {
		name string
		a    *retrieval.Article
		n    int
		want int // quotes
	}{
		{"nil article", nil, 3, 0},
		{"n zero means three", seeds[1], 0, DefaultSentences},
		{"n negative means three", seeds[1], -2, DefaultSentences},
		{"one sentence", seeds[1], 1, 1},
		{"nothing quotable", empty, 3, 0},
		{"more than the article has", seeds[2], 100, textSentences(seeds[2])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Summarize(tt.a, tt.n)
			if len(s.Quotes) != tt.want {
				t.Errorf("Summarize(%d) gave %d quotes, want %d", tt.n, len(s.Quotes), tt.want)
			}
			if s.Article != tt.a {
				t.Errorf("Summary.Article = %v, want the article summarized", s.Article)
			}
		})
	}
}

// textSentences counts the sentences of a on body text lines: all that a
// long enough summary quotes.
func textSentences(a *retrieval.Article) int {
	n := 0
	for _, s := range a.Sentences {
		if a.Lines[s.Line-1].Kind == retrieval.Text {
			n++
		}
	}
	return n
}

// TestSummarizeSeeds records the summaries of the seeds, their lines and
// scores, in testdata/summaries.golden.
func TestSummarizeSeeds(t *testing.T) {
	var b strings.Builder
	for _, a := range mustSeeds(t) {
		for _, n := range []int{3, 6} {
			fmt.Fprintf(&b, "%s (%d of %d sentences)\n", a.ID, n, len(a.Sentences))
			for _, q := range Summarize(a, n).Quotes {
				context := ""
				if q.Context {
					context = " context"
				}
				fmt.Fprintf(&b, "  line %d score %.4f%s: %s\n", q.Sentence.Line, q.Score, context, a.Text(q.Sentence))
			}
		}
	}
	checkGolden(t, "summaries.golden", b.String())
}

// TestSummarizeVerbatim checks that every quote of every article, at any
// length, is the exact text of a body text line, and that quotes come in
// article order.
func TestSummarizeVerbatim(t *testing.T) {
	articles := mustSeeds(t)
	articles = append(articles, mustLoad(t, "stories")...)
	articles = append(articles, mustParse(t, "furniture.txt"), mustParse(t, "leaning.txt"))
	for _, a := range articles {
		for n := 1; n <= 12; n++ {
			s := Summarize(a, n)
			for i, q := range s.Quotes {
				checkVerbatim(t, a, q.Sentence)
				if i > 0 && q.Sentence.Index <= s.Quotes[i-1].Sentence.Index {
					t.Errorf("%s n=%d: quotes out of article order", a.ID, n)
				}
				if q.Score < 0 || q.Score > 1 {
					t.Errorf("%s n=%d: score %v outside 0–1", a.ID, n, q.Score)
				}
			}
		}
	}
}

// TestSummarizeFurniture summarizes a page full of structure: headings,
// a byline, a dateline, captions, a list, calls to subscribe, a teaser
// block. Only its news sentences may be quoted, however many are asked
// for.
func TestSummarizeFurniture(t *testing.T) {
	a := mustParse(t, "furniture.txt")
	s := Summarize(a, 50)
	var lines []int
	for _, q := range s.Quotes {
		lines = append(lines, int(q.Sentence.Line))
		checkVerbatim(t, a, q.Sentence)
	}
	want := []int{12, 14, 20, 22, 24}
	if fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("quoted lines %v, want %v", lines, want)
	}
}

// TestSummarizeLeaning checks that a sentence that leans on the one before
// it is quoted only with it.
func TestSummarizeLeaning(t *testing.T) {
	tests := []struct {
		file string
		n    int
	}{
		{"leaning.txt", 1}, {"leaning.txt", 2}, {"leaning.txt", 3},
		{"furniture.txt", 1}, {"furniture.txt", 2}, {"furniture.txt", 3},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.file, tt.n), func(t *testing.T) {
			a := mustParse(t, tt.file)
			d := prepare(currentLexicon(), a)
			s := Summarize(a, tt.n)
			quoted := map[int32]bool{}
			for _, q := range s.Quotes {
				quoted[q.Sentence.Index] = true
			}
			for _, q := range s.Quotes {
				if i := q.Sentence.Index; d.sents[i].dependent && !quoted[i-1] {
					t.Errorf("quoted %q without the sentence it leans on", a.Text(q.Sentence))
				}
			}
		})
	}
}

func TestLeadFocus(t *testing.T) {
	tests := []struct {
		n, k    int
		lo, hi  float64
		comment string
	}{
		{3, 30, 0.9, 1, "a short summary leans on the lead"},
		{4, 20, 0.5, 0.5, "at LeadShare it counts half"},
		{8, 20, 0, 0.1, "a long summary covers the article"},
		{3, 3, 0, 0.01, "the whole article"},
	}
	for _, tt := range tests {
		if got := DefaultOptions.leadFocus(tt.n, tt.k); got < tt.lo || got > tt.hi {
			t.Errorf("leadFocus(%d, %d) = %.3f, want %.2f–%.2f (%s)", tt.n, tt.k, got, tt.lo, tt.hi, tt.comment)
		}
	}
	if got := (Options{}).leadFocus(3, 30); got != 0 {
		t.Errorf("leadFocus with LeadShare 0 = %v, want 0", got)
	}
}

func TestLeadAndTextRank(t *testing.T) {
	a := mustSeeds(t)[1]
	lead := Lead(a, 2)
	if len(lead.Quotes) != 2 || lead.Quotes[0].Sentence.Index != 0 || lead.Quotes[1].Sentence.Index != 1 {
		t.Errorf("Lead(2) = %v, want the first two sentences", lead.Quotes)
	}
	tr := TextRank(a, 4)
	if len(tr.Quotes) != 4 {
		t.Fatalf("TextRank(4) gave %d quotes", len(tr.Quotes))
	}
	for i, q := range tr.Quotes {
		checkVerbatim(t, a, q.Sentence)
		if i > 0 && q.Sentence.Index <= tr.Quotes[i-1].Sentence.Index {
			t.Errorf("TextRank quotes out of article order")
		}
	}
	if s := Lead(nil, 3); len(s.Quotes) != 0 {
		t.Errorf("Lead(nil) = %v", s)
	}
	if s := TextRank(nil, 3); len(s.Quotes) != 0 {
		t.Errorf("TextRank(nil) = %v", s)
	}
}
