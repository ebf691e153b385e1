package main

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// newFeedServer serves an RSS feed of two items: one whose page exists and
// one whose page is missing (its description is saved instead).
func newFeedServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Gazette</title>` +
		`<item><title>Tram line opens</title><link>` + srv.URL + `/news/tram-line-opens</link><pubDate>Tue, 14 Jan 2025 07:00:00 GMT</pubDate></item>` +
		`<item><title>Pool closes for repairs</title><link>` + srv.URL + `/news/pool-closes</link><pubDate>Tue, 14 Jan 2025 08:00:00 GMT</pubDate>` +
		`<description>The swimming pool will close for six weeks from Monday for repairs to its roof.</description></item>` +
		`</channel></rss>`
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("ETag", `"1"`)
		http.ServeContent(w, r, "", time.Time{}, strings.NewReader(feed))
	})
	mux.HandleFunc("/news/tram-line-opens", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><title>Tram line opens</title></head><body><nav>Home News Sport</nav><article><h1>Tram line opens</h1>` +
			`<p>The city’s first new tram line in forty years opened to passengers on Tuesday morning, with trams every six minutes at peak times.</p>` +
			`<p>The mayor, who rode the first tram, said the line would take thousands of cars off the road each day.</p></article></body></html>`))
	})
	return srv
}

func TestFetch(t *testing.T) {
	srv := newFeedServer(t)
	dir := t.TempDir()
	env := map[string]string{"ARTICLES_DIR": dir, "FEEDS": srv.URL + "/rss.xml", "FEED_HOST_DELAY": "0"}
	out, _, err := runCLI(t, "", env, "fetch")
	if err != nil {
		t.Fatal(err)
	}
	site := strings.TrimPrefix(srv.URL, "http://")
	for _, want := range []string{
		`(?m)^SITE +NEW +UPDATED +UNCHANGED +DUPLICATE +FAILED +NOT MODIFIED$`,
		`(?m)^` + regexp.QuoteMeta(site) + ` +2 +0 +0 +0 +0 +0$`,
		`(?m)^total +2 +0 +0 +0 +0 +0$`,
		`Articles are in ` + regexp.QuoteMeta(filepath.Join(dir, "feeds")),
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("fetch output lacks %s:\n%s", want, out)
		}
	}
	out, _, err = runCLI(t, "", map[string]string{"ARTICLES_DIR": dir}, "articles")
	if err != nil {
		t.Fatal(err)
	}
	siteDir := "feeds/" + strings.ReplaceAll(site, ":", "_")
	for _, want := range []string{siteDir + "/tram-line-opens.txt  2025-01-14T07:00:00Z", siteDir + "/pool-closes.txt", "Tram line opens", "Pool closes for repairs"} {
		if !strings.Contains(out, want) {
			t.Errorf("articles output lacks %q:\n%s", want, out)
		}
	}
	// The second fetch sends the ETag back and learns nothing changed.
	out, _, err = runCLI(t, "", env, "fetch", "--feeds", srv.URL+"/rss.xml", "--articles", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^total +0 +0 +0 +0 +0 +1$`).MatchString(out) {
		t.Errorf("second fetch, want the feed not modified:\n%s", out)
	}
}

func TestFetchProgress(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = 0
	srv := newFeedServer(t)
	_, stderr, err := runCLI(t, "", map[string]string{"FEED_HOST_DELAY": "0"}, "fetch", "--articles", t.TempDir(), "--feeds", srv.URL+"/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "newsdesk fetch: 0/1 feeds, 1 items, 1 new") || !strings.Contains(stderr, "newsdesk fetch: 1/1 feeds, 2 items, 2 new, 0 updated, 0 failed") {
		t.Errorf("progress lines:\n%s", stderr)
	}
}

func TestFetchErrors(t *testing.T) {
	srv := newFeedServer(t)
	dir := t.TempDir()
	feedsFile := filepath.Join(dir, "feeds.txt")
	if err := os.WriteFile(feedsFile, []byte("# feeds\n"+srv.URL+"/missing.xml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string // in the error; "usage" for errUsage
	}{
		{"no folder", map[string]string{"FEEDS": srv.URL + "/rss.xml"}, nil, "set ARTICLES_DIR or pass --articles DIR"},
		{"no feeds", map[string]string{"ARTICLES_DIR": dir}, nil, "no feeds: set FEEDS or FEEDS_FILE"},
		{"bad FEEDS", map[string]string{"ARTICLES_DIR": dir, "FEEDS": "example.com/rss"}, nil, "FEEDS: not http(s) feed URLs: example.com/rss"},
		{"bad --feeds", map[string]string{"ARTICLES_DIR": dir}, []string{"--feeds", "ftp://x/feed"}, "--feeds: not http(s) feed URLs"},
		{"missing FEEDS_FILE", map[string]string{"ARTICLES_DIR": dir, "FEEDS_FILE": filepath.Join(dir, "nope.txt")}, nil, "FEEDS_FILE:"},
		{"short FEED_INTERVAL", map[string]string{"ARTICLES_DIR": dir, "FEEDS": srv.URL, "FEED_INTERVAL": "10s"}, nil, "at least 1m"},
		{"every feed failed", map[string]string{"ARTICLES_DIR": dir, "FEEDS_FILE": feedsFile, "FEED_HOST_DELAY": "0"}, nil, "nothing could be fetched"},
		{"extra argument", map[string]string{"ARTICLES_DIR": dir}, []string{"now"}, "usage"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runCLI(t, "", tc.env, append([]string{"fetch"}, tc.args...)...)
			switch {
			case tc.want == "usage":
				if !errors.Is(err, errUsage) {
					t.Errorf("error = %v, want a usage error", err)
				}
			case err == nil || !strings.Contains(err.Error(), tc.want):
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}
