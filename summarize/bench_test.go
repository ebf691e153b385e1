package summarize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"newsdesk/retrieval"
)

// bbcDir is the BBC News Summary data set beside a checkout (see
// ../../shared/data/bbc-news-summary/README.md); benchmarks that need it
// skip when it is absent.
const bbcDir = "../../shared/data/bbc-news-summary/articles"

// mustBBC parses every BBC article, decoding the one Latin-1 file.
func mustBBC(tb testing.TB) []*retrieval.Article {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(bbcDir, "*", "*.txt"))
	if len(files) == 0 {
		tb.Skipf("no BBC articles in %s", bbcDir)
	}
	var articles []*retrieval.Article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if !utf8.Valid(data) {
			var b strings.Builder
			for _, c := range data {
				b.WriteRune(rune(c))
			}
			data = []byte(b.String())
		}
		rel, _ := filepath.Rel(bbcDir, f)
		a, err := retrieval.Parse(filepath.ToSlash(rel), data)
		if err != nil {
			tb.Fatal(err)
		}
		articles = append(articles, a)
	}
	return articles
}

// BenchmarkSummarizeBBC summarizes all 2,225 BBC articles, each in 40% of
// its sentences (the length of the data set's references), one after the
// other. The target is 1 s for the lot.
func BenchmarkSummarizeBBC(b *testing.B) {
	articles := mustBBC(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range articles {
			Summarize(a, max(1, len(a.Sentences)*2/5))
		}
	}
}

// BenchmarkBrief1000 makes the brief of a busy day: 1,000 BBC articles
// given publication times spread over one day. The target is 200 ms.
func BenchmarkBrief1000(b *testing.B) {
	articles := mustBBC(b)[:1000]
	day := time.Date(2026, 1, 16, 0, 0, 0, 0, time.UTC)
	dated := make([]*retrieval.Article, len(articles))
	for i, a := range articles {
		c := *a
		c.Published = day.Add(time.Duration(i*86) * time.Second)
		dated[i] = &c
	}
	b.ReportAllocs()
	for b.Loop() {
		NewBrief(dated, day.Add(12*time.Hour), time.UTC)
	}
}

func BenchmarkSummarizeSeeds(b *testing.B) {
	articles := mustSeeds(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range articles {
			Summarize(a, DefaultSentences)
		}
	}
}

func BenchmarkBriefSeeds(b *testing.B) {
	articles := mustSeeds(b)
	b.ReportAllocs()
	for b.Loop() {
		NewBrief(articles, time.Time{}, nil)
	}
}
