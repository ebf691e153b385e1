package live

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"newsdesk/retrieval"
)

// Watch rebuilds the index whenever article files under the folder are
// added, changed or removed, until ctx is done; then it waits for a rebuild
// in progress to finish and returns nil. Every folder of the tree is
// watched, including folders created later. Changes are debounced (see
// [Options]); a rebuild runs beside the event loop, and changes made during
// it lead to one more rebuild after it.
//
// Watch returns an error only if the watch cannot be set up (for example
// when the system's limit on watches is reached); the current index then
// stays as it is.
func (c *Corpus) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", c.dir, err)
	}
	defer w.Close()
	ws := &watchSet{w: w, root: filepath.Clean(c.dir), dirs: map[string]bool{}}
	if err := ws.addTree(ws.root); err != nil {
		return fmt.Errorf("watch %s: %w", c.dir, err)
	}
	if c.onWatching != nil {
		c.onWatching()
	}
	return c.loop(ctx, ws, c.changedSinceScan())
}

// changedSinceScan reports whether any folder or article file was modified
// since the last scan began, less a second for the coarse clock file
// systems stamp times with. It catches what changed between Open and
// Watch, before any watch was in place; a removal shows as a change of its
// folder's time.
func (c *Corpus) changedSinceScan() bool {
	c.mu.Lock()
	since := c.scanned.Add(-time.Second)
	c.mu.Unlock()
	changed := errors.New("changed")
	err := filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != c.dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && !retrieval.IsArticleFile(p) {
			return nil
		}
		if info, err := d.Info(); err == nil && !info.ModTime().Before(since) {
			return changed
		}
		return nil
	})
	return err == changed
}

// loop is Watch's event loop. It owns the timer and the watch set; the
// rebuild runs in its own goroutine and reports on done.
func (c *Corpus) loop(ctx context.Context, ws *watchSet, stale bool) error {
	type result struct {
		dirs []string
		err  error
	}
	var (
		timer    = time.NewTimer(time.Hour)
		pending  bool      // a change not yet in a rebuild
		since    time.Time // when the oldest such change came
		building bool
		done     = make(chan result, 1)
		log      = c.opt.Logger
		changed  = func() {
			now := time.Now()
			if !pending {
				pending, since = true, now
			}
			// Wait for quiet, but not past MaxDelay since the first change.
			timer.Reset(max(0, min(c.opt.Debounce, since.Add(c.opt.MaxDelay).Sub(now))))
		}
	)
	timer.Stop()
	defer timer.Stop()
	if stale {
		changed()
	}
	for {
		select {
		case <-ctx.Done():
			if building {
				<-done
			}
			return nil
		case ev, ok := <-ws.w.Events:
			if !ok {
				return nil
			}
			if ws.relevant(ev) {
				changed()
			}
		case err, ok := <-ws.w.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				log.Warn("too many changes at once; rescanning the articles folder", "dir", c.dir)
				changed()
				continue
			}
			log.Warn("watching articles folder", "dir", c.dir, "err", err)
		case <-timer.C:
			if building {
				continue // done will restart the timer
			}
			pending, building = false, true
			go func() {
				_, dirs, err := c.rebuild()
				done <- result{dirs, err}
			}()
		case r := <-done:
			building = false
			if r.err == nil {
				ws.sync(r.dirs)
			}
			if pending {
				changed()
			}
		}
	}
}

// A watchSet is the folders under watch, by path as given to fsnotify.
type watchSet struct {
	w    *fsnotify.Watcher
	root string // cleaned, so paths built from it match event names
	dirs map[string]bool
}

// relevant reports whether ev may change the index: an article file, a
// watched folder, or a new folder (which it starts watching). Hidden names,
// such as the temporary files of atomic writers, and mode changes are not.
func (ws *watchSet) relevant(ev fsnotify.Event) bool {
	if strings.HasPrefix(filepath.Base(ev.Name), ".") || ev.Op == fsnotify.Chmod {
		return false
	}
	if ws.dirs[ev.Name] {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			delete(ws.dirs, ev.Name)
			_ = ws.w.Remove(ev.Name) // usually gone with the folder already
		}
		return true
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			// Files written into it before the watch was added are
			// found by the rebuild this event causes.
			_ = ws.addTree(ev.Name)
			return true
		}
	}
	return retrieval.IsArticleFile(ev.Name)
}

// addTree watches dir and every folder under it that Load would read.
func (ws *watchSet) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != ws.root && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !ws.dirs[p] {
			if err := ws.w.Add(p); err != nil {
				return err
			}
			ws.dirs[p] = true
		}
		return nil
	})
}

// sync makes the watch set the folders a rebuild saw (relative to root),
// catching any folder whose create event was missed.
func (ws *watchSet) sync(rel []string) {
	want := make(map[string]bool, len(rel))
	for _, r := range rel {
		p := filepath.Join(ws.root, filepath.FromSlash(r))
		want[p] = true
		if !ws.dirs[p] && ws.w.Add(p) == nil {
			ws.dirs[p] = true
		}
	}
	for p := range ws.dirs {
		if !want[p] {
			_ = ws.w.Remove(p)
			delete(ws.dirs, p)
		}
	}
}
