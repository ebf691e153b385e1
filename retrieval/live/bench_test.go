package live

import (
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// bbcDir holds the 2,225 BBC News Summary articles, one folder per
// category. They are copied into a temporary folder, never into the
// repository.
const bbcDir = "../../../shared/data/bbc-news-summary/articles"

// copyBBC copies the BBC articles into a new temporary folder, or skips
// when the data is absent.
func copyBBC(tb testing.TB) string {
	tb.Helper()
	if _, err := os.Stat(bbcDir); err != nil {
		tb.Skipf("BBC articles not found: %v", err)
	}
	dir := tb.TempDir()
	err := filepath.WalkDir(bbcDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(bbcDir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		mustWrite(tb, dir, filepath.ToSlash(rel), string(data))
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// BenchmarkRebuildBBC measures one rebuild of the BBC folder: scan, load,
// parse and index, then the swap.
func BenchmarkRebuildBBC(b *testing.B) {
	dir := copyBBC(b)
	c, err := Open(dir, Options{Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var s Swap
	for b.Loop() {
		if s, err = c.Rebuild(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.Articles), "articles")
}

// BenchmarkWriteToSearchable measures how long a new file in the BBC
// folder takes to be searchable under Watch with the default 500 ms
// debounce: the debounce plus one rebuild.
func BenchmarkWriteToSearchable(b *testing.B) {
	dir := copyBBC(b)
	c, _ := newTestWatch(b, dir, Options{Logger: quiet, Debounce: 500 * time.Millisecond})
	time.Sleep(2 * time.Second) // a start-up rescan, if any, is done
	i := 0
	for b.Loop() {
		i++
		id := fmt.Sprintf("new/story%d.txt", i)
		mustWrite(b, dir, id, article("New story", "ferries"))
		deadline := time.Now().Add(30 * time.Second)
		for c.Current().Article(id) == nil {
			if time.Now().After(deadline) {
				b.Fatalf("%s not indexed within 30 s", id)
			}
			time.Sleep(time.Millisecond)
		}
	}
}
