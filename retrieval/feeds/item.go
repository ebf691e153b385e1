package feeds

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"newsdesk/retrieval"
)

// maxAttempts is how many polls a failing page is tried on before the
// feed's own text is saved instead, or, with none, the item is given up.
const maxAttempts = 3

// An outcome is what became of one feed item.
type outcome int

const (
	outUnchanged outcome = iota
	outNew
	outUpdated
	outDuplicate
	outFailed
)

func (c *Count) count(o outcome) {
	switch o {
	case outNew:
		c.New++
	case outUpdated:
		c.Updated++
	case outUnchanged:
		c.Unchanged++
	case outDuplicate:
		c.Duplicate++
	case outFailed:
		c.Failed++
	}
}

// An entry is a feed item reduced to what the poller needs.
type entry struct {
	key       string   // canonical URL
	link      *url.URL // as the feed gave it, made absolute
	title     string
	source    string // the feed's title
	published time.Time
	sig       string   // changes when the item changes in the feed
	text      []string // the feed's own content, else its description, as paragraphs
}

// newEntry reads a feed item; it reports false for an item with no http(s)
// link.
func newEntry(feed *gofeed.Feed, it *gofeed.Item, base *url.URL) (entry, bool) {
	raw := strings.TrimSpace(it.Link)
	if raw == "" && len(it.Links) > 0 {
		raw = strings.TrimSpace(it.Links[0])
	}
	if raw == "" && strings.HasPrefix(it.GUID, "http") {
		raw = strings.TrimSpace(it.GUID)
	}
	u, err := base.Parse(raw)
	if raw == "" || err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return entry{}, false
	}
	e := entry{key: canonical(u), link: u, title: oneLine(it.Title), source: oneLine(feed.Title)}
	switch {
	case it.PublishedParsed != nil:
		e.published = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		e.published = *it.UpdatedParsed
	}
	if e.text = htmlText(it.Content); len(e.text) == 0 {
		e.text = htmlText(it.Description)
	}
	e.sig = shortHash(it.Title, it.Published, it.Updated, it.Content, it.Description)
	return e, true
}

// item handles one feed item: unchanged since last time, or fetched,
// extracted and saved.
func (p *Poller) item(ctx context.Context, e entry) (outcome, error) {
	now := time.Now().UTC()
	p.mu.Lock()
	rec := p.st.Items[e.key]
	if rec != nil {
		rec.LastSeen = now
	}
	// An item listed twice in a poll (one feed repeating it, or two
	// feeds sharing it) is fetched once.
	if p.inflight[e.key] || p.handled[e.key] || rec != nil && rec.Sig == e.sig {
		p.mu.Unlock()
		return outUnchanged, nil
	}
	p.inflight[e.key] = true
	p.handled[e.key] = true
	attempts := 0
	if rec != nil {
		attempts = rec.Attempts
	}
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.inflight, e.key)
		p.mu.Unlock()
	}()

	pg, err := p.page(ctx, e.link)
	if ctx.Err() != nil {
		return outFailed, ctx.Err()
	}
	paras := pg.paras
	if err != nil {
		last := attempts+1 >= maxAttempts
		switch {
		case len(e.text) > 0 && (!transient(err) || last):
			p.log.Info("page unavailable; saving the feed's text", "url", e.link.String(), "err", err)
		case last:
			p.record(e, now, 0)
			return outFailed, fmt.Errorf("%w (giving up after %d tries)", err, maxAttempts)
		default:
			p.record(e, now, attempts+1)
			return outFailed, err
		}
	}
	// A paywall or a page of scripts yields less than the feed has.
	if textLen(paras) < textLen(e.text) {
		paras = e.text
	}
	if len(paras) == 0 {
		p.record(e, now, 0)
		return outFailed, fmt.Errorf("%s: no text on the page or in the feed", e.link)
	}
	return p.store(e, pg, paras, now)
}

// record remembers an item that was not saved: with attempts > 0 it is
// tried again on the next poll; with 0 not until the feed changes it.
func (p *Poller) record(e entry, now time.Time, attempts int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	rec := p.item0(e.key, now)
	rec.Attempts = attempts
	if attempts == 0 {
		rec.Sig = e.sig
	}
}

// item0 returns the record of key, made if new; p.mu must be held.
func (p *Poller) item0(key string, now time.Time) *itemState {
	rec := p.st.Items[key]
	if rec == nil {
		rec = &itemState{Seen: now, LastSeen: now}
		p.st.Items[key] = rec
	}
	return rec
}

// page fetches an article's web page and extracts its main text.
func (p *Poller) page(ctx context.Context, link *url.URL) (page, error) {
	resp, err := p.get(ctx, link.String(), acceptPage, validators{}, p.cfg.MaxPageBytes)
	if err != nil {
		return page{}, err
	}
	return extract(resp.body, resp.header.Get("Content-Type"), resp.url)
}

// store saves paras as the article of e, unless the same text is saved
// already under this URL (unchanged) or another (duplicate).
func (p *Poller) store(e entry, pg page, paras []string, now time.Time) (outcome, error) {
	hash := contentHash(paras)
	p.mu.Lock()
	defer p.mu.Unlock()
	rec := p.item0(e.key, now)
	rec.Attempts = 0
	if rec.File != "" && rec.Hash == hash {
		rec.Sig = e.sig
		return outUnchanged, nil
	}
	if other, ok := p.byHash[hash]; ok && other != e.key {
		rec.Sig, rec.DupOf = e.sig, other
		return outDuplicate, nil
	}
	a := article{
		title:     firstOf(e.title, pg.title),
		source:    firstOf(e.source, pg.site, strings.TrimPrefix(e.link.Hostname(), "www.")),
		url:       e.link.String(),
		published: e.published,
		paras:     paras,
	}
	if a.published.IsZero() {
		a.published = pg.published
	}
	if a.published.IsZero() {
		a.published = rec.Seen
	}
	out, file := outUpdated, rec.File
	if file == "" {
		out, file = outNew, p.newFile(e, a.title)
	}
	data := a.render()
	if _, err := retrieval.Parse(file, data); err != nil {
		rec.Sig = e.sig // not until the item changes
		return outFailed, fmt.Errorf("article from %s would not load: %w", e.link, err)
	}
	if err := writeAtomic(filepath.Join(p.cfg.Dir, filepath.FromSlash(file)), data); err != nil {
		rec.Attempts = 1
		return outFailed, fmt.Errorf("save %s: %w", e.link, err)
	}
	if p.byHash[rec.Hash] == e.key {
		delete(p.byHash, rec.Hash)
	}
	rec.File, rec.Hash, rec.Sig, rec.DupOf = file, hash, e.sig, ""
	p.byHash[hash] = e.key
	p.files[file] = e.key
	return out, nil
}

// newFile chooses the file for a new article, slash-separated relative to
// the articles folder: feeds/<site>/<slug>.txt, with a hash of the URL
// added when another article or a person's file has the name. p.mu must
// be held.
func (p *Poller) newFile(e entry, title string) string {
	dir := "feeds/" + siteDir(e.link)
	slug := slugFor(e.link, title)
	name := dir + "/" + slug + ".txt"
	if key, ok := p.files[name]; ok && key != e.key || !ok && exists(filepath.Join(p.cfg.Dir, filepath.FromSlash(name))) {
		name = dir + "/" + slug + "-" + shortHash(e.key) + ".txt"
	}
	return name
}

func exists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
