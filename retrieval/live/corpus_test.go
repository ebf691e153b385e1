package live

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"newsdesk/retrieval"
)

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newTestLogger returns a logger writing text lines to the returned buffer.
func newTestLogger() (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// article returns a small valid article file about topic.
func article(title, topic string) string {
	return fmt.Sprintf("---\ntitle: %s\nsource: Test Gazette\npublished: 2025-01-14T07:00:00Z\n---\n"+
		"The council voted on Tuesday to fund %s across the city.\n"+
		"Officials said the work on %s would begin in the spring.\n", title, topic, topic)
}

// mustWrite writes content to dir/name, creating folders as needed.
func mustWrite(tb testing.TB, dir, name, content string) {
	tb.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

func ids(ix *retrieval.Index) []string {
	var out []string
	for _, a := range ix.Articles() {
		out = append(out, a.ID)
	}
	return out
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, "a.txt", article("Bridges", "bridges"))
	mustWrite(t, dir, "sub/b.md", article("Parks", "parks"))
	mustWrite(t, dir, "notes.json", `{"not": "an article"}`)
	mustWrite(t, dir, ".hidden/c.txt", article("Hidden", "hidden things"))
	mustWrite(t, dir, ".d.txt.tmp", "half a file")
	log, _ := newTestLogger()
	var swaps []Swap
	c, err := Open(dir, Options{Logger: log, OnSwap: func(s Swap) { swaps = append(swaps, s) }})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(c.Current()), []string{"a.txt", "sub/b.md"}; !slices.Equal(got, want) {
		t.Errorf("articles = %q, want %q", got, want)
	}
	if len(swaps) != 1 || swaps[0].Articles != 2 || swaps[0].Generation != 1 || swaps[0].Index != c.Current() {
		t.Errorf("swaps = %+v, want one of 2 articles, generation 1, the current index", swaps)
	}
	if hits := c.Current().Search("When will work on the parks begin?", retrieval.SearchOptions{K: 1}); len(hits) == 0 || hits[0].Article.ID != "sub/b.md" {
		t.Errorf("Search found %v, want sub/b.md", hits)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, "file.txt", article("A", "a"))
	for _, tc := range []struct{ name, dir, want string }{
		{"missing", filepath.Join(dir, "nope"), "no such file"},
		{"not a folder", filepath.Join(dir, "file.txt"), "not a folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(tc.dir, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Open(%s) error = %v, want one containing %q", tc.dir, err, tc.want)
			}
		})
	}
	t.Run("empty", func(t *testing.T) {
		log, _ := newTestLogger()
		c, err := Open(t.TempDir(), Options{Logger: log})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(c.Current().Articles()); n != 0 {
			t.Errorf("empty folder gave %d articles", n)
		}
		if hits := c.Current().Search("anything at all", retrieval.SearchOptions{}); len(hits) != 0 {
			t.Errorf("empty index found %v", hits)
		}
	})
}

// TestBrokenFileWarnsOnce checks that a broken file is skipped with one
// warning naming it, not one per rebuild, and named again when it breaks
// anew after a fix.
func TestBrokenFileWarnsOnce(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, "good.txt", article("Good", "roads"))
	mustWrite(t, dir, "broken.txt", "---\ntitle: Never closed\nThe front matter has no end.\n")
	mustWrite(t, dir, "binary.txt", "\x00\x01\x02")
	log, buf := newTestLogger()
	c, err := Open(dir, Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(c.Current()); !slices.Equal(got, []string{"good.txt"}) {
		t.Fatalf("articles = %q, want only good.txt", got)
	}
	s, err := c.Rebuild()
	if err != nil {
		t.Fatal(err)
	}
	if s.Skipped != 2 || s.Generation != 2 {
		t.Errorf("Rebuild = %+v, want 2 skipped, generation 2", s)
	}
	for _, name := range []string{"broken.txt", "binary.txt"} {
		if n := countWarnings(buf.String(), name); n != 1 {
			t.Errorf("%d warnings naming %s after two builds, want 1:\n%s", n, name, buf)
		}
	}
	mustWrite(t, dir, "broken.txt", article("Fixed", "fixes"))
	mustRebuild(t, c)
	mustWrite(t, dir, "broken.txt", "---\ntitle: Broken again\n")
	mustRebuild(t, c)
	if n := countWarnings(buf.String(), "broken.txt"); n != 2 {
		t.Errorf("%d warnings naming broken.txt after fix and new break, want 2:\n%s", n, buf)
	}
}

func countWarnings(log, name string) int {
	n := 0
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "level=WARN") && strings.Contains(line, name) {
			n++
		}
	}
	return n
}

func mustRebuild(tb testing.TB, c *Corpus) Swap {
	tb.Helper()
	s, err := c.Rebuild()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestCaps(t *testing.T) {
	dir := t.TempDir()
	base := time.Date(2025, 1, 14, 7, 0, 0, 0, time.UTC)
	for i, name := range []string{"old.txt", "mid.txt", "new.txt"} {
		mustWrite(t, dir, name, article(name, "trams"))
		mtime := base.Add(time.Duration(i) * time.Hour)
		if err := os.Chtimes(filepath.Join(dir, name), mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(t, dir, "big.txt", article("Big", strings.Repeat("very long words ", 100)))
	log, buf := newTestLogger()
	c, err := Open(dir, Options{Logger: log, MaxFiles: 2, MaxFileBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(c.Current()), []string{"mid.txt", "new.txt"}; !slices.Equal(got, want) {
		t.Errorf("articles = %q, want the newest two, %q", got, want)
	}
	out := buf.String()
	for _, want := range []string{"article cap reached: 3 files, indexing the newest 2", "big.txt", "larger than the 1000-byte cap"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if s := mustRebuild(t, c); s.Skipped != 2 {
		t.Errorf("Skipped = %d, want 2 (one too big, one over the count)", s.Skipped)
	}
	if n := strings.Count(buf.String(), "article cap reached"); n != 1 {
		t.Errorf("cap logged %d times over two builds, want once", n)
	}
}
