package summarize

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"newsdesk/retrieval"
	"newsdesk/seeds"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// mustSeeds returns the embedded seed articles.
func mustSeeds(tb testing.TB) []*retrieval.Article {
	tb.Helper()
	articles, err := retrieval.Load(seeds.FS)
	if err != nil || len(articles) == 0 {
		tb.Fatalf("load seeds: %d articles, %v", len(articles), err)
	}
	return articles
}

// mustLoad returns the articles of a folder of testdata.
func mustLoad(tb testing.TB, dir string) []*retrieval.Article {
	tb.Helper()
	articles, err := retrieval.Load(os.DirFS(filepath.Join("testdata", dir)))
	if err != nil || len(articles) == 0 {
		tb.Fatalf("load testdata/%s: %d articles, %v", dir, len(articles), err)
	}
	return articles
}

// mustParse parses one article file of testdata.
func mustParse(tb testing.TB, name string) *retrieval.Article {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	a, err := retrieval.Parse(name, data)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// mustMapFS parses articles given as file name → text.
func mustMapFS(tb testing.TB, files map[string]string) []*retrieval.Article {
	tb.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text), ModTime: time.Time{}}
	}
	articles, err := retrieval.Load(fsys)
	if err != nil {
		tb.Fatal(err)
	}
	return articles
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(tb testing.TB, name, got string) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test ./summarize -update to create it)", err)
	}
	if got != string(want) {
		tb.Errorf("%s differs (go test ./summarize -update rewrites it; review the diff):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// checkVerbatim fails unless q is the exact text of a sentence on a body
// text line of a.
func checkVerbatim(tb testing.TB, a *retrieval.Article, s retrieval.Sentence) {
	tb.Helper()
	if s.Line < 1 || int(s.Line) > len(a.Lines) {
		tb.Errorf("%s: quote cites line %d of %d", a.ID, s.Line, len(a.Lines))
		return
	}
	l := a.Lines[s.Line-1]
	switch {
	case s.Start < l.Start || s.End > l.End || int(s.Index) >= len(a.Sentences) || a.Sentences[s.Index] != s:
		tb.Errorf("%s:%d: quote %q is not verbatim at its line", a.ID, s.Line, a.Text(s))
	case l.Kind != retrieval.Text:
		tb.Errorf("%s:%d: quote %q is on a %s line", a.ID, s.Line, a.Text(s), l.Kind)
	}
}
