package retrieval_test

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"newsdesk/retrieval"
	"newsdesk/seeds"
)

// A seedQuestion is one row of testdata/questions.tsv: a question people
// might ask about the seed articles and the lines that answer it.
type seedQuestion struct {
	Text     string
	Articles []string // any of these articles
	Lines    []int    // any of these lines; nil: the seeds do not answer
}

func mustReadQuestions(tb testing.TB, path string) []seedQuestion {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var qs []seedQuestion
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			tb.Fatalf("%s:%d: want 3 tab-separated columns, got %d", path, n, len(cols))
		}
		q := seedQuestion{Text: cols[0]}
		if cols[1] != "-" {
			q.Articles = strings.Split(cols[1], ",")
			for _, s := range strings.Split(cols[2], ",") {
				l, err := strconv.Atoi(s)
				if err != nil {
					tb.Fatalf("%s:%d: line %q: %v", path, n, s, err)
				}
				q.Lines = append(q.Lines, l)
			}
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return qs
}

func newSeedIndex(tb testing.TB) *retrieval.Index {
	tb.Helper()
	articles, err := retrieval.Load(seeds.FS)
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := retrieval.NewIndex(articles)
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

func (q seedQuestion) answeredBy(h retrieval.Hit) bool {
	return slices.Contains(q.Articles, h.Article.ID) && slices.Contains(q.Lines, int(h.Sentence.Line))
}

// TestSeedQuestions asks the seed question set and checks that every quote
// is verbatim at the line it cites and never page furniture, that
// unanswerable questions are refused, and that answers are mostly right.
func TestSeedQuestions(t *testing.T) {
	ix := newSeedIndex(t)
	questions := mustReadQuestions(t, "testdata/questions.tsv")
	if len(questions) < 30 {
		t.Fatalf("only %d questions, want at least 30", len(questions))
	}
	var answerable, at1, at3, unanswerable, refused int
	for _, q := range questions {
		ans := ix.Answer(q.Text, retrieval.AnswerOptions{})
		for _, quote := range ans.Quotes {
			for _, h := range append([]retrieval.Hit{quote.Hit}, quote.Also...) {
				checkVerbatim(t, q.Text, h)
			}
		}
		if q.Lines == nil {
			unanswerable++
			if !ans.Found {
				refused++
			} else {
				t.Logf("not refused: %q quoted %s:%d", q.Text, ans.Quotes[0].Article.ID, ans.Quotes[0].Sentence.Line)
			}
			continue
		}
		answerable++
		for i, quote := range ans.Quotes {
			if q.answeredBy(quote.Hit) || slices.ContainsFunc(quote.Also, q.answeredBy) {
				if i == 0 {
					at1++
				}
				at3++
				break
			}
		}
		if !ans.Found || !(q.answeredBy(ans.Quotes[0].Hit) || slices.ContainsFunc(ans.Quotes[0].Also, q.answeredBy)) {
			got := "not found"
			if ans.Found {
				got = ans.Quotes[0].Article.ID + ":" + strconv.Itoa(int(ans.Quotes[0].Sentence.Line))
			}
			t.Logf("miss@1: %q got %s, want %v lines %v", q.Text, got, q.Articles, q.Lines)
		}
	}
	s1 := float64(at1) / float64(answerable)
	s3 := float64(at3) / float64(answerable)
	r := float64(refused) / float64(unanswerable)
	t.Logf("%d answerable: success@1 %.2f, success@3 %.2f; %d unanswerable: refused %.2f", answerable, s1, s3, unanswerable, r)
	if s1 < 0.6 || s3 < 0.75 || r < 0.85 {
		t.Errorf("success@1 %.2f (want ≥ 0.60), success@3 %.2f (want ≥ 0.75), refused %.2f (want ≥ 0.85)", s1, s3, r)
	}
}

// checkVerbatim fails unless h's text is exactly the cited span of the
// cited line of its article file, on a line that may be quoted.
func checkVerbatim(tb testing.TB, question string, h retrieval.Hit) {
	tb.Helper()
	a, s := h.Article, h.Sentence
	data, err := seeds.FS.ReadFile(a.ID)
	if err != nil {
		tb.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	text := a.Text(s)
	if s.Line < 1 || int(s.Line) > len(lines) {
		tb.Fatalf("%q: %s cites line %d of %d", question, a.ID, s.Line, len(lines))
	}
	if !strings.Contains(lines[s.Line-1], text) || text == "" {
		tb.Errorf("%q: quote %q is not in %s line %d", question, text, a.ID, s.Line)
	}
	if string(data[s.Start:s.End]) != text {
		tb.Errorf("%q: quote %q is not the file's bytes %d:%d", question, text, s.Start, s.End)
	}
	if k := a.Lines[s.Line-1].Kind; !k.Quotable() {
		tb.Errorf("%q: quoted %s line %d, a %v line", question, a.ID, s.Line, k)
	}
}
