package retrieval

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// IsArticleFile reports whether a file name is one Load reads: .txt or .md,
// not hidden.
func IsArticleFile(name string) bool {
	base := path.Base(name)
	if strings.HasPrefix(base, ".") {
		return false
	}
	ext := strings.ToLower(path.Ext(base))
	return ext == ".txt" || ext == ".md"
}

// Load reads every article file (see [IsArticleFile]) under the root of
// fsys, recursively, and returns the articles sorted by ID, the ID being
// the file's slash-separated path. An article without a front-matter date
// takes the file's modification time; files with no time (such as embedded
// ones) stay undated.
//
// Load skips a file that cannot be read or parsed and goes on with the
// rest: the returned error, if not nil, joins one error per skipped file
// (use errors.Join's Unwrap() []error to list them). It is not an error for
// fsys to hold no articles; the caller decides whether that is fatal.
func Load(fsys fs.FS) ([]*Article, error) {
	var names []string
	var errs []error
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "." {
				return err
			}
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			return nil
		}
		if d.IsDir() {
			if name != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if (d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0) && IsArticleFile(name) {
			names = append(names, name)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	articles, loadErrs := loadFiles(fsys, names)
	return articles, errors.Join(append(errs, loadErrs...)...)
}

// loadFiles parses the named files on every CPU and returns the articles
// in name order and one error per file that failed. Parsing dominates
// loading: 2,225 BBC articles load in about half the time on two cores.
func loadFiles(fsys fs.FS, names []string) ([]*Article, []error) {
	sort.Strings(names)
	articles := make([]*Article, len(names))
	errs := make([]error, len(names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(names); i = int(next.Add(1) - 1) {
				articles[i], errs[i] = loadFile(fsys, names[i])
			}
		}()
	}
	wg.Wait()
	var out []*Article
	var failed []error
	for i, a := range articles {
		if errs[i] != nil {
			failed = append(failed, errs[i])
			continue
		}
		out = append(out, a)
	}
	return out, failed
}

func loadFile(fsys fs.FS, name string) (*Article, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if info.Size() > MaxArticleBytes {
		return nil, fmt.Errorf("%s: %d bytes, larger than %d", name, info.Size(), MaxArticleBytes)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	a, err := Parse(name, data)
	if err != nil {
		return nil, err
	}
	if a.Published.IsZero() && !info.ModTime().IsZero() {
		a.Published = info.ModTime()
	}
	return a, nil
}
