package feeds

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"newsdesk/retrieval"
)

// A testSite is a local web server with feeds and pages, recording every
// request it gets.
type testSite struct {
	*httptest.Server
	mu          sync.Mutex
	routes      map[string]http.HandlerFunc
	log         []request
	inflight    int
	maxInflight int
}

type request struct {
	path   string
	header http.Header
	start  time.Time
	end    time.Time
}

func newTestSite(tb testing.TB) *testSite {
	tb.Helper()
	s := &testSite{routes: map[string]http.HandlerFunc{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

func (s *testSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.inflight++
	s.maxInflight = max(s.maxInflight, s.inflight)
	h := s.routes[r.URL.Path]
	i := len(s.log)
	s.log = append(s.log, request{path: r.URL.Path, header: r.Header.Clone(), start: time.Now()})
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inflight--
		s.log[i].end = time.Now()
		s.mu.Unlock()
	}()
	if h == nil {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

// handle sets the handler of path.
func (s *testSite) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

// serveFile serves testdata/name at path as contentType, with {{base}}
// replaced by the server's URL, answering conditional requests by etag.
func (s *testSite) serveFile(tb testing.TB, path, name, contentType, etag string) {
	tb.Helper()
	s.serveText(path, mustFixture(tb, name, s.URL), contentType, etag)
}

func (s *testSite) serveText(path, text, contentType, etag string) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		if etag != "" {
			w.Header().Set("ETag", etag)
		}
		http.ServeContent(w, r, "", time.Time{}, strings.NewReader(text))
	})
}

// requests returns the requests for path, or every request if path is "".
func (s *testSite) requests(path string) []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []request
	for _, r := range s.log {
		if path == "" || r.path == path {
			out = append(out, r)
		}
	}
	return out
}

func mustFixture(tb testing.TB, name, base string) string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return strings.ReplaceAll(string(data), "{{base}}", base)
}

// newTestPoller returns a Poller for the site's feeds saving into dir,
// with no delay between requests and a short timeout.
func newTestPoller(tb testing.TB, site *testSite, dir string, feeds ...string) *Poller {
	tb.Helper()
	return newTestPollerConfig(tb, site, Config{Dir: dir, Feeds: feeds})
}

func newTestPollerConfig(tb testing.TB, site *testSite, cfg Config) *Poller {
	tb.Helper()
	for i, f := range cfg.Feeds {
		if strings.HasPrefix(f, "/") {
			cfg.Feeds[i] = site.URL + f
		}
	}
	cfg.Client = site.Client()
	if cfg.HostDelay == 0 {
		cfg.HostDelay = -1
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 2 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	p, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func mustPoll(tb testing.TB, p *Poller) *Report {
	tb.Helper()
	rep, err := p.Poll(tb.Context())
	if err != nil {
		tb.Fatal(err)
	}
	return rep
}

// mustLoad loads dir as the bot would.
func mustLoad(tb testing.TB, dir string) map[string]*retrieval.Article {
	tb.Helper()
	articles, err := retrieval.Load(os.DirFS(dir))
	if err != nil {
		tb.Fatalf("saved articles do not load: %v", err)
	}
	m := map[string]*retrieval.Article{}
	for _, a := range articles {
		m[a.ID] = a
	}
	return m
}

func mustRead(tb testing.TB, name string) string {
	tb.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

// html serves a small article page whose paragraphs are given.
func htmlPage(title string, paras ...string) string {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>" + title + "</h1>")
	for _, p := range paras {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString("</article><footer>Footer text</footer></body></html>")
	return b.String()
}
