package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"newsdesk/retrieval"
)

// stateFile is the poller's memory, in DIR/feeds. Its name begins with "."
// so neither retrieval.Load nor the folder watcher look at it.
const stateFile = ".state.json"

// state is what the poller remembers between polls and runs.
type state struct {
	Feeds map[string]*feedState `json:"feeds"` // by feed URL
	Items map[string]*itemState `json:"items"` // by canonical article URL
}

type feedState struct {
	validators
	Checked time.Time `json:"checked"`
}

type itemState struct {
	File     string    `json:"file,omitempty"`   // slash path relative to DIR; empty if never saved
	Sig      string    `json:"sig,omitempty"`    // hash of the feed item as last handled
	Hash     string    `json:"hash,omitempty"`   // hash of the saved text (see contentHash)
	DupOf    string    `json:"dup_of,omitempty"` // the URL whose text this item repeats
	Attempts int       `json:"attempts,omitempty"`
	Seen     time.Time `json:"seen"`      // first seen in a feed
	LastSeen time.Time `json:"last_seen"` // last seen in a feed
}

// forgetAfter is how long an item missing from every feed is remembered.
// A saved file outlives it: its front matter is read again on start.
const forgetAfter = 90 * 24 * time.Hour

func loadState(name string) (*state, error) {
	st := &state{Feeds: map[string]*feedState{}, Items: map[string]*itemState{}}
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(data, st); err != nil {
		return &state{Feeds: map[string]*feedState{}, Items: map[string]*itemState{}}, fmt.Errorf("%s: %w", name, err)
	}
	if st.Feeds == nil {
		st.Feeds = map[string]*feedState{}
	}
	if st.Items == nil {
		st.Items = map[string]*itemState{}
	}
	return st, nil
}

// writeAtomic writes data to name through a hidden temporary file in the
// same folder and a rename, so readers see the old file or the new one.
func writeAtomic(name string, data []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// An article is what is written to a file.
type article struct {
	title, source, url string
	published          time.Time
	paras              []string
}

// render formats a as an article file: front matter, then one paragraph a
// line.
func (a *article) render() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	for _, kv := range [][2]string{{"title", a.title}, {"source", a.source}, {"url", a.url}} {
		if v := frontValue(kv[1]); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", kv[0], v)
		}
	}
	if !a.published.IsZero() {
		fmt.Fprintf(&b, "published: %s\n", a.published.UTC().Format(time.RFC3339))
	}
	b.WriteString("---\n")
	for _, p := range a.paras {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// frontValue makes v safe as a front-matter value: one line, and quoted
// again if it is itself quoted, since the parser strips one pair.
func frontValue(v string) string {
	v = oneLine(v)
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		v = `"` + v + `"`
	}
	return v
}

// contentHash identifies text by its words: case, punctuation and white
// space are ignored, so the same story syndicated with other quotes or
// spacing has the same hash.
func contentHash(paras []string) string {
	h := sha256.New()
	space := false
	for _, p := range paras {
		for _, r := range p {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if space {
					h.Write([]byte{' '})
					space = false
				}
				var buf [utf8.UTFMax]byte
				h.Write(utf8.AppendRune(buf[:0], unicode.ToLower(r)))
			} else {
				space = true
			}
		}
		space = true
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// shortHash is a short stable hash of s, for file names and signatures.
func shortHash(s ...string) string {
	h := sha256.New()
	for _, x := range s {
		h.Write([]byte(x))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// scanFiles adds to st the saved articles it does not know, from their
// front matter, so URL and content deduplication survive the loss of the
// state file. It returns the files it could not read, to log.
func scanFiles(dir string, st *state) []error {
	known := map[string]bool{}
	for _, it := range st.Items {
		if it.File != "" {
			known[it.File] = true
		}
	}
	var errs []error
	root := filepath.Join(dir, "feeds")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && p != root && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() || !retrieval.IsArticleFile(rel) || known[rel] {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		a, err := retrieval.Parse(rel, data)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		u, err := url.Parse(a.URL)
		if a.URL == "" || err != nil {
			return nil
		}
		key := canonical(u)
		if st.Items[key] == nil {
			info, _ := d.Info()
			seen := time.Now()
			if info != nil {
				seen = info.ModTime()
			}
			st.Items[key] = &itemState{File: rel, Hash: contentHash(bodyParagraphs(a)), Seen: seen, LastSeen: seen}
		}
		return nil
	})
	return errs
}

// bodyParagraphs returns the non-blank lines of a after its front matter.
func bodyParagraphs(a *retrieval.Article) []string {
	var paras []string
	for i, l := range a.Lines {
		if l.Kind != retrieval.FrontMatter {
			if t := strings.TrimSpace(a.LineText(i + 1)); t != "" {
				paras = append(paras, t)
			}
		}
	}
	return paras
}
