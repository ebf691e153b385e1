package retrieval

import (
	"os"
	"testing"
)

const bbcArticles = "../../shared/data/bbc-news-summary/articles"

// BenchmarkLoad reads and parses the 2,225 BBC articles (one is Latin-1 and
// is reported, not loaded).
func BenchmarkLoad(b *testing.B) {
	if _, err := os.Stat(bbcArticles); err != nil {
		b.Skip("BBC data absent:", err)
	}
	fsys := os.DirFS(bbcArticles)
	b.ReportAllocs()
	for b.Loop() {
		articles, err := Load(fsys)
		if len(articles) != 2224 || err == nil {
			b.Fatalf("loaded %d articles, err %v; want 2224 and one error", len(articles), err)
		}
	}
}
