package feeds

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
)

// A Poller polls a list of feeds and saves their articles as files. Its
// methods are safe for concurrent use, but one folder should have one
// Poller at a time: two would each keep their own state file.
type Poller struct {
	cfg       Config
	log       *slog.Logger
	hosts     *hosts
	statePath string

	saveMu sync.Mutex // one state write at a time

	mu       sync.Mutex // guards the fields below
	st       *state
	byHash   map[string]string // saved text hash → item key
	files    map[string]string // saved file → item key
	inflight map[string]bool   // item keys being fetched now
	handled  map[string]bool   // item keys handled in this poll

	progMu sync.Mutex
	prog   Progress
}

// New returns a Poller for cfg. It creates Dir/feeds if needed and reads
// the state file there; an unreadable state file is logged and rebuilt
// from the front matter of the saved articles, which New always reads for
// files the state does not know.
func New(cfg Config) (*Poller, error) {
	if cfg.Dir == "" {
		return nil, errors.New("feeds: no articles folder to save to")
	}
	cfg = cfg.withDefaults()
	feedsDir := filepath.Join(cfg.Dir, "feeds")
	if err := os.MkdirAll(feedsDir, 0o755); err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	p := &Poller{
		cfg:       cfg,
		log:       cfg.Logger,
		hosts:     &hosts{delay: cfg.HostDelay, maxWait: cfg.Timeout},
		statePath: filepath.Join(feedsDir, stateFile),
		byHash:    map[string]string{},
		files:     map[string]string{},
		inflight:  map[string]bool{},
		handled:   map[string]bool{},
	}
	st, err := loadState(p.statePath)
	if err != nil {
		p.log.Warn("feed state unreadable; rebuilding it from the saved articles", "err", err)
	}
	for _, err := range scanFiles(cfg.Dir, st) {
		p.log.Warn("saved feed article unreadable", "err", err)
	}
	p.st = st
	for key, it := range st.Items {
		if it.File != "" {
			p.files[it.File] = key
			if it.Hash != "" {
				p.byHash[it.Hash] = key
			}
		}
	}
	return p, nil
}

// Run polls every feed at once and then every Config.Interval after the
// end of the previous poll, until ctx is done; then it returns nil. Each
// poll logs one summary line; failures never stop it.
func (p *Poller) Run(ctx context.Context) error {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		p.Poll(ctx)
		t.Reset(p.cfg.Interval)
	}
}

// Poll polls every feed once, Config.Workers at a time, saves new and
// changed articles, and returns what it did. Failures are in the report
// and the log, not the error, which is only ctx's when it ends the poll
// early (the report then covers what was done).
func (p *Poller) Poll(ctx context.Context) (*Report, error) {
	start := time.Now()
	rep := &Report{Sites: map[string]Count{}}
	p.mu.Lock()
	p.handled = map[string]bool{}
	p.mu.Unlock()
	p.progMu.Lock()
	p.prog = Progress{Feeds: len(p.cfg.Feeds)}
	p.progMu.Unlock()
	sem := make(chan struct{}, p.cfg.Workers)
	var wg sync.WaitGroup
	for _, f := range p.cfg.Feeds {
		wg.Go(func() {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			p.pollFeed(ctx, f, rep)
		})
	}
	wg.Wait()
	p.forget(start)
	if err := p.saveState(); err != nil {
		rep.Errors = append(rep.Errors, err)
		p.log.Error("saving feed state", "err", err)
	}
	rep.Took = time.Since(start)
	t := rep.Total()
	p.log.Info("feeds polled", "feeds", len(p.cfg.Feeds), "new", t.New, "updated", t.Updated,
		"unchanged", t.Unchanged, "duplicate", t.Duplicate, "failed", t.Failed,
		"not_modified", t.NotModified, "took", rep.Took.Round(time.Millisecond))
	if p.cfg.OnPoll != nil {
		p.cfg.OnPoll(rep)
	}
	return rep, ctx.Err()
}

// pollFeed fetches one feed and handles its items.
func (p *Poller) pollFeed(ctx context.Context, feedURL string, rep *Report) {
	site := feedURL
	if u, err := url.Parse(feedURL); err == nil {
		site = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	var (
		c    Count
		errs []error
	)
	defer func() {
		rep.add(site, c, errs)
		p.progress(func(pr *Progress) { pr.FeedsDone++ })
	}()
	fail := func(err error) {
		c.Failed++
		errs = append(errs, err)
		p.log.Warn("feed failed; trying again on the next poll", "feed", feedURL, "err", err)
	}
	p.mu.Lock()
	var v validators
	if fs := p.st.Feeds[feedURL]; fs != nil {
		v = fs.validators
	}
	p.mu.Unlock()
	resp, err := p.get(ctx, feedURL, acceptFeed, v, p.cfg.MaxFeedBytes)
	if err != nil {
		if ctx.Err() == nil {
			fail(err)
		}
		return
	}
	if resp.notModified {
		c.NotModified++
		p.setFeed(feedURL, v)
		return
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(resp.body))
	if err != nil {
		fail(fmt.Errorf("parse feed %s: %w", feedURL, err))
		return
	}
	retry := false
	for _, it := range feed.Items {
		if ctx.Err() != nil {
			return // keep the old validators: the rest is fetched next time
		}
		e, ok := newEntry(feed, it, resp.url)
		if !ok {
			p.log.Debug("feed item without a web link skipped", "feed", feedURL, "title", it.Title)
			continue
		}
		out, err := p.item(ctx, e)
		c.count(out)
		if err != nil && ctx.Err() == nil {
			errs = append(errs, err)
			p.log.Warn("feed item failed", "url", e.link.String(), "err", err)
		}
		retry = retry || out == outFailed
		p.progress(func(pr *Progress) {
			pr.Items++
			pr.New += btoi(out == outNew)
			pr.Updated += btoi(out == outUpdated)
			pr.Failed += btoi(out == outFailed)
		})
	}
	if retry {
		// Without validators the next poll gets the whole feed, and
		// with it the items to try again.
		v = validators{}
	} else {
		v = validators{ETag: resp.header.Get("ETag"), LastModified: resp.header.Get("Last-Modified")}
	}
	p.setFeed(feedURL, v)
	if err := p.saveState(); err != nil {
		p.log.Error("saving feed state", "err", err)
	}
}

func (p *Poller) setFeed(feedURL string, v validators) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.st.Feeds[feedURL] = &feedState{validators: v, Checked: time.Now().UTC()}
}

func (p *Poller) progress(f func(*Progress)) {
	p.progMu.Lock()
	defer p.progMu.Unlock()
	f(&p.prog)
	if p.cfg.Progress != nil {
		p.cfg.Progress(p.prog)
	}
}

// forget drops items no feed has listed for forgetAfter.
func (p *Poller) forget(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for key, it := range p.st.Items {
		if now.Sub(it.LastSeen) > forgetAfter {
			delete(p.st.Items, key)
			if p.byHash[it.Hash] == key {
				delete(p.byHash, it.Hash)
			}
			if p.files[it.File] == key {
				delete(p.files, it.File)
			}
		}
	}
}

// saveState writes the state file atomically.
func (p *Poller) saveState() error {
	p.saveMu.Lock()
	defer p.saveMu.Unlock()
	p.mu.Lock()
	data, err := json.MarshalIndent(p.st, "", "  ")
	p.mu.Unlock()
	if err != nil {
		return err
	}
	return writeAtomic(p.statePath, data)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
