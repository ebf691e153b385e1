package live

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"newsdesk/retrieval"
)

// newTestWatch opens dir with a short debounce, starts Watch and returns
// once the watches are in place. swaps counts the rebuilds after Open.
func newTestWatch(tb testing.TB, dir string, opt Options) (c *Corpus, swaps *atomic.Int64) {
	tb.Helper()
	if opt.Debounce == 0 {
		opt.Debounce = 50 * time.Millisecond
	}
	if opt.Logger == nil {
		opt.Logger, _ = newTestLogger()
	}
	swaps = new(atomic.Int64)
	opt.OnSwap = func(Swap) { swaps.Add(1) }
	c, err := Open(dir, opt)
	if err != nil {
		tb.Fatal(err)
	}
	swaps.Store(0)
	ready := make(chan struct{})
	c.onWatching = func() { close(ready) }
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- c.Watch(ctx) }()
	tb.Cleanup(func() {
		cancel()
		if err := <-stopped; err != nil {
			tb.Errorf("Watch: %v", err)
		}
	})
	select {
	case <-ready:
	case err := <-stopped:
		tb.Fatalf("Watch returned early: %v", err)
	}
	return c, swaps
}

// waitFor polls cond until it holds or 10 s pass.
func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestWatchBurst writes many files quickly, some into folders made during
// the burst, and wants every one indexed after a few rebuilds.
func TestWatchBurst(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, "first.txt", article("First", "the first story"))
	c, swaps := newTestWatch(t, dir, Options{Debounce: 100 * time.Millisecond})
	const n = 300
	for i := range n {
		name := fmt.Sprintf("burst/%d/story%03d.txt", i%3, i)
		if i%50 == 0 {
			name = fmt.Sprintf("deep/a%d/b/c/story%03d.txt", i, i)
		}
		mustWrite(t, dir, name, article(fmt.Sprintf("Story %d", i), fmt.Sprintf("project %d", i)))
	}
	waitFor(t, "all files indexed", func() bool { return len(c.Current().Articles()) == n+1 })
	time.Sleep(300 * time.Millisecond) // let any late rebuild run, to count it
	if got := swaps.Load(); got > 6 {
		t.Errorf("%d rebuilds for a burst of %d files, want a few", got, n)
	}
	t.Logf("%d files → %d rebuilds", n, swaps.Load())
}

func TestWatchRemoveAndChange(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, "a.txt", article("Alpha", "alpha roads"))
	mustWrite(t, dir, "sub/b.txt", article("Beta", "beta bridges"))
	mustWrite(t, dir, "gone/c.txt", article("Gamma", "gamma parks"))
	c, _ := newTestWatch(t, dir, Options{})

	if err := os.Remove(filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, dir, "sub/b.txt", article("Beta revised", "beta tunnels"))
	if err := os.RemoveAll(filepath.Join(dir, "gone")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "removal and change indexed", func() bool {
		ix := c.Current()
		b := ix.Article("sub/b.txt")
		return ix.Article("a.txt") == nil && ix.Article("gone/c.txt") == nil && b != nil && b.Title == "Beta revised"
	})
	// A folder made again after removal is watched again.
	mustWrite(t, dir, "gone/d.txt", article("Delta", "delta ferries"))
	waitFor(t, "file in re-created folder indexed", func() bool { return c.Current().Article("gone/d.txt") != nil })
}

// TestWatchIgnoresHidden checks that temporary files and other non-article
// names cause no rebuild, and that renaming a finished temporary file into
// place does.
func TestWatchIgnoresHidden(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, "a.txt", article("Alpha", "alpha roads"))
	c, swaps := newTestWatch(t, dir, Options{})
	time.Sleep(200 * time.Millisecond) // a start-up rescan, if any, is done
	swaps.Store(0)
	for i := range 5 {
		mustWrite(t, dir, ".story.txt.tmp", fmt.Sprintf("partial %d", i))
		mustWrite(t, dir, "state.json", fmt.Sprintf(`{"n": %d}`, i))
		mustWrite(t, dir, ".cache/x.txt", article("Cache", "cached"))
	}
	time.Sleep(200 * time.Millisecond)
	if n := swaps.Load(); n != 0 {
		t.Errorf("%d rebuilds for hidden and non-article files, want 0", n)
	}
	mustWrite(t, dir, ".story.txt.tmp", article("Story", "finished work"))
	if err := os.Rename(filepath.Join(dir, ".story.txt.tmp"), filepath.Join(dir, "story.txt")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "renamed file indexed", func() bool { return c.Current().Article("story.txt") != nil })
}

// TestWatchCatchesUp checks that changes made between Open and Watch are
// indexed although no watch saw them.
func TestWatchCatchesUp(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, "a.txt", article("Alpha", "alpha roads"))
	log, _ := newTestLogger()
	c, err := Open(dir, Options{Logger: log, Debounce: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	mustWrite(t, dir, "late/b.txt", article("Beta", "beta bridges"))
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- c.Watch(ctx) }()
	waitFor(t, "late file indexed", func() bool { return c.Current().Article("late/b.txt") != nil })
	cancel()
	if err := <-stopped; err != nil {
		t.Errorf("Watch: %v", err)
	}
}

// TestSearchDuringSwap asks questions from several goroutines while files
// change and the index is rebuilt and swapped under them; run with -race.
// Every hit must be consistent with the index that produced it.
func TestSearchDuringSwap(t *testing.T) {
	dir := t.TempDir()
	for i := range 20 {
		mustWrite(t, dir, fmt.Sprintf("s%02d.txt", i), article(fmt.Sprintf("Story %d", i), "bridges"))
	}
	c, swaps := newTestWatch(t, dir, Options{Debounce: 5 * time.Millisecond})
	var (
		stop     atomic.Bool
		wg       sync.WaitGroup
		searches atomic.Int64
	)
	for range 4 {
		wg.Go(func() {
			for !stop.Load() {
				ix := c.Current()
				for _, h := range ix.Search("When will the work on the bridges begin?", retrieval.SearchOptions{K: 5}) {
					if ix.Article(h.Article.ID) != h.Article {
						t.Errorf("hit from article %s not in the index searched", h.Article.ID)
					}
					if s := h.Sentence; int(s.Index) >= len(h.Article.Sentences) || h.Article.Sentences[s.Index] != s {
						t.Errorf("hit %q is not a slice of its article", h.Article.Text(h.Sentence))
					}
				}
				searches.Add(1)
			}
		})
	}
	for i := range 40 {
		name := fmt.Sprintf("s%02d.txt", i%20)
		if i%3 == 0 {
			os.Remove(filepath.Join(dir, name))
		} else {
			mustWrite(t, dir, name, article(fmt.Sprintf("Story %d rev %d", i%20, i), "bridges"))
		}
		if i%10 == 0 {
			mustRebuild(t, c) // a rebuild beside the watcher's own
		}
		time.Sleep(5 * time.Millisecond)
	}
	waitFor(t, "a few swaps", func() bool { return swaps.Load() >= 3 })
	stop.Store(true)
	wg.Wait()
	t.Logf("%d searches during %d swaps", searches.Load(), swaps.Load())
}
