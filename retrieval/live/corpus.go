// Package live keeps a search index in step with a folder of articles.
//
// A [Corpus] holds the current [retrieval.Index] behind an atomic pointer.
// [Corpus.Watch] watches the folder tree with fsnotify; once changes have
// been quiet for a moment (the debounce) it loads the folder again, builds a
// new index beside the old one and swaps it in. A query holds on to the
// index it started with, so it never sees a half-built one, and a file that
// cannot be loaded is skipped with one warning naming it instead of taking
// the bot down.
//
// Files and folders whose names begin with "." are ignored, as
// [retrieval.Load] ignores them: a writer that saves to ".name.tmp" and
// renames it into place is seen once, complete.
package live

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"newsdesk/retrieval"
)

// Options tune a [Corpus]. The zero value gives the defaults.
type Options struct {
	// Debounce is how long changes must be quiet before a rebuild; 0 means
	// 500 ms. A burst of writes (a feed poll saving 50 files) costs one
	// rebuild, not 50.
	Debounce time.Duration
	// MaxDelay bounds how long a steady stream of changes can put off a
	// rebuild; 0 means 10 s.
	MaxDelay time.Duration
	// MaxFiles caps how many article files are indexed; past it the newest
	// files (by modification time) are kept. 0 means 50,000.
	MaxFiles int
	// MaxFileBytes is the largest article file indexed; 0 means
	// retrieval.MaxArticleBytes (4 MiB), which is also the most it can be.
	MaxFileBytes int64
	// Logger receives one warning per skipped file and an info line per
	// rebuild; nil means slog.Default().
	Logger *slog.Logger
	// OnSwap, if not nil, is called after each new index is swapped in
	// (including the first), from the goroutine that built it.
	OnSwap func(Swap)
}

// A Swap describes one rebuild of the index.
type Swap struct {
	Index      *retrieval.Index // the index now current
	Articles   int              // articles indexed
	Skipped    int              // article files left out: unreadable, broken, too large or over the count cap
	Took       time.Duration    // from the start of the folder scan to the swap
	Generation int              // 1 for the first index, counting up
}

func (o Options) withDefaults() Options {
	if o.Debounce <= 0 {
		o.Debounce = 500 * time.Millisecond
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 10 * time.Second
	}
	if o.MaxFiles <= 0 {
		o.MaxFiles = 50_000
	}
	if o.MaxFileBytes <= 0 || o.MaxFileBytes > retrieval.MaxArticleBytes {
		o.MaxFileBytes = retrieval.MaxArticleBytes
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// A Corpus is a folder of articles and the index of its current content.
// Its methods are safe for concurrent use; [Corpus.Current] takes no locks.
type Corpus struct {
	dir string
	opt Options
	ix  atomic.Pointer[retrieval.Index]

	mu         sync.Mutex        // serializes rebuilds; guards the fields below
	problems   map[string]string // what the last rebuild warned about, by key
	generation int
	scanned    time.Time // when the last successful scan began

	onWatching func() // tests: called once Watch has set up its watches
}

// Open loads the articles of dir and builds the first index. It fails only
// when dir cannot be read as a folder; a folder with no articles gives an
// empty index, and broken files are skipped with a warning each.
func Open(dir string, opt Options) (*Corpus, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("articles folder: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("articles folder %s: not a folder", dir)
	}
	c := &Corpus{dir: dir, opt: opt.withDefaults()}
	if _, _, err := c.rebuild(); err != nil {
		return nil, err
	}
	return c, nil
}

// Current returns the index of the folder as of the last rebuild. It never
// returns nil. Callers should call it once per question and use that index
// throughout, so one answer is not computed across two indexes.
func (c *Corpus) Current() *retrieval.Index { return c.ix.Load() }

// Dir returns the folder the corpus reads.
func (c *Corpus) Dir() string { return c.dir }

// Rebuild loads the folder now, builds a new index and swaps it in. If the
// folder cannot be read the current index stays and the error is returned.
// [Corpus.Watch] calls it after changes; it is exported for callers that
// know the folder changed, and for tests.
func (c *Corpus) Rebuild() (Swap, error) {
	s, _, err := c.rebuild()
	return s, err
}

// rebuild is Rebuild that also returns the folders it saw, relative to
// c.dir, for the watcher.
func (c *Corpus) rebuild() (Swap, []string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	start := time.Now()
	sc, err := scan(c.dir, c.opt)
	if err != nil {
		c.opt.Logger.Error("articles folder unreadable; keeping the current index", "dir", c.dir, "err", err)
		return Swap{}, nil, err
	}
	articles, err := retrieval.Load(capFS{FS: os.DirFS(c.dir), keep: sc.keep})
	if err != nil {
		if articles == nil && !isJoined(err) {
			c.opt.Logger.Error("articles folder unreadable; keeping the current index", "dir", c.dir, "err", err)
			return Swap{}, nil, err
		}
		for _, e := range unwrapAll(err) {
			sc.problems[e.Error()] = e.Error()
			sc.skipped++
		}
	}
	ix, err := retrieval.NewIndex(articles)
	if err != nil {
		return Swap{}, nil, fmt.Errorf("index %s: %w", c.dir, err)
	}
	c.ix.Store(ix)
	c.generation++
	c.scanned = start
	c.warn(sc.problems)
	s := Swap{Index: ix, Articles: len(articles), Skipped: sc.skipped, Took: time.Since(start), Generation: c.generation}
	c.opt.Logger.Info("articles indexed", "dir", c.dir, "articles", s.Articles, "sentences", ix.Len(),
		"skipped", s.Skipped, "took", s.Took.Round(time.Millisecond))
	if c.opt.OnSwap != nil {
		c.opt.OnSwap(s)
	}
	return s, sc.dirs, nil
}

// warn logs each problem that the previous rebuild did not already report,
// so a broken file is named once, not on every rebuild, and again only if
// it is fixed and broken anew.
func (c *Corpus) warn(problems map[string]string) {
	keys := make([]string, 0, len(problems))
	for k := range problems {
		if _, seen := c.problems[k]; !seen {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		c.opt.Logger.Warn("skipped article file", "problem", problems[k])
	}
	c.problems = problems
}

// A folderScan is what scan found: the article files to index and the
// folders to watch.
type folderScan struct {
	keep     map[string]bool   // slash-separated paths of the article files to load
	dirs     []string          // slash-separated folders, "." first
	problems map[string]string // by a key stable across rebuilds
	skipped  int
}

// scan walks dir as retrieval.Load will, applying the size and count caps.
func scan(dir string, opt Options) (*folderScan, error) {
	type file struct {
		name string
		mod  time.Time
	}
	sc := &folderScan{keep: map[string]bool{}, problems: map[string]string{}}
	var files []file
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			if rel == "." {
				return err
			}
			return nil // retrieval.Load reports it
		}
		if d.IsDir() {
			if rel != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			sc.dirs = append(sc.dirs, rel)
			return nil
		}
		if !retrieval.IsArticleFile(rel) {
			return nil
		}
		info, err := os.Stat(p) // follows symbolic links, as Load does
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		if info.Size() > opt.MaxFileBytes {
			msg := fmt.Sprintf("%s: %d bytes, larger than the %d-byte cap", rel, info.Size(), opt.MaxFileBytes)
			sc.problems[rel+"\x00size"] = msg
			sc.skipped++
			return nil
		}
		files = append(files, file{rel, info.ModTime()})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) > opt.MaxFiles {
		slices.SortFunc(files, func(a, b file) int {
			return cmp.Or(b.mod.Compare(a.mod), strings.Compare(a.name, b.name))
		})
		sc.problems["\x00count"] = fmt.Sprintf("article cap reached: %d files, indexing the newest %d (raise MaxFiles to index more)",
			len(files), opt.MaxFiles)
		sc.skipped += len(files) - opt.MaxFiles
		files = files[:opt.MaxFiles]
	}
	for _, f := range files {
		sc.keep[f.name] = true
	}
	return sc, nil
}

// capFS hides the article files that scan left out from retrieval.Load.
type capFS struct {
	fs.FS
	keep map[string]bool
}

func (f capFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(f.FS, name)
	kept := entries[:0]
	for _, e := range entries {
		p := path.Join(name, e.Name())
		if e.IsDir() || !retrieval.IsArticleFile(p) || f.keep[p] {
			kept = append(kept, e)
		}
	}
	return kept, err
}

func (f capFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.FS, name) }

func (f capFS) ReadFile(name string) ([]byte, error) { return fs.ReadFile(f.FS, name) }

func isJoined(err error) bool {
	_, ok := err.(interface{ Unwrap() []error })
	return ok
}

func unwrapAll(err error) []error {
	var j interface{ Unwrap() []error }
	if errors.As(err, &j) {
		return j.Unwrap()
	}
	return []error{err}
}
