package feeds

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// newGazette serves the RSS fixture and its pages: the storm page, the
// budget page, and no library page (404; the feed has its text).
func newGazette(t *testing.T) *testSite {
	site := newTestSite(t)
	site.serveFile(t, "/rss.xml", "rss.xml", "application/rss+xml", `"rss-v1"`)
	site.serveFile(t, "/news/storm-closes-schools", "storm.html", "text/html; charset=utf-8", "")
	site.serveFile(t, "/news/2025/01/14/council-budget/index.html", "budget.html", "text/html", "")
	return site
}

func TestPollRSS(t *testing.T) {
	site := newGazette(t)
	dir := t.TempDir()
	p := newTestPollerConfig(t, site, Config{Dir: dir, Feeds: []string{"/rss.xml"}, UserAgent: "NewsdeskTest/1.0 (+https://example.org/bot)"})
	rep := mustPoll(t, p)
	host := strings.TrimPrefix(site.URL, "http://")
	if got, want := rep.Sites[host], (Count{New: 3}); got != want {
		t.Fatalf("first poll of %s = %+v, want %+v; errors %v", host, got, want, rep.Errors)
	}
	siteDir := "feeds/" + strings.ReplaceAll(host, ":", "_")
	articles := mustLoad(t, dir)
	for _, tc := range []struct {
		id, title, published, has, hasNot string
	}{
		// From the page: main text only, no menus, cookies or footer.
		{siteDir + "/storm-closes-schools.txt", "Storm closes schools across the north", "2025-01-14T07:00:00Z",
			"“Our first duty is to keep children and staff safe,” she said.", "cookies"},
		// index.html is passed over for the folder before it.
		{siteDir + "/council-budget.txt", "Council agrees budget with rise in bus funding", "2025-01-14T09:30:00Z",
			"Council tax will rise by 4.99%", "Share this story"},
		// The page is missing (404): the feed's description, as text.
		{siteDir + "/library-sundays.txt", "Library to stay open on Sundays", "2025-01-14T11:00:00Z",
			"The central library will open on Sundays from March, the council said.\nVolunteers will help staff the extra hours.", "<p>"},
	} {
		t.Run(tc.id, func(t *testing.T) {
			a := articles[tc.id]
			if a == nil {
				t.Fatalf("no article %s; have %v", tc.id, keys(articles))
			}
			if a.Title != tc.title || a.Published.Format(time.RFC3339) != tc.published || a.Source != "Example Gazette" || !strings.HasPrefix(a.URL, site.URL) {
				t.Errorf("front matter = %q, %v, %q, %q; want %q, %s, Example Gazette, a URL on the site", a.Title, a.Published, a.Source, a.URL, tc.title, tc.published)
			}
			if !strings.Contains(a.Body, tc.has) || strings.Contains(a.Body, tc.hasNot) {
				t.Errorf("body lacks %q or has %q:\n%s", tc.has, tc.hasNot, a.Body)
			}
			if len(a.Sentences) == 0 {
				t.Errorf("no quotable sentences in\n%s", a.Body)
			}
		})
	}
	for _, r := range site.requests("") {
		if ua := r.header.Get("User-Agent"); ua != "NewsdeskTest/1.0 (+https://example.org/bot)" {
			t.Errorf("request for %s has User-Agent %q", r.path, ua)
		}
	}

	// The second poll sends the ETag; the feed has not changed (304), so
	// no page is fetched again.
	before := len(site.requests(""))
	rep = mustPoll(t, p)
	if got, want := rep.Sites[host], (Count{NotModified: 1}); got != want {
		t.Errorf("second poll = %+v, want %+v", got, want)
	}
	if reqs := site.requests(""); len(reqs) != before+1 || reqs[before].header.Get("If-None-Match") != `"rss-v1"` {
		t.Errorf("second poll made %d requests (want 1, the feed with If-None-Match)", len(reqs)-before)
	}
}

func TestPollAtom(t *testing.T) {
	site := newTestSite(t)
	site.serveFile(t, "/atom.xml", "atom.xml", "application/atom+xml", "")
	site.serveFile(t, "/island/ferry-service-resumes", "ferry.html", "text/html", "")
	dir := t.TempDir()
	rep := mustPoll(t, newTestPoller(t, site, dir, "/atom.xml"))
	if got := rep.Total(); got != (Count{New: 2}) {
		t.Fatalf("poll = %+v, want 2 new; errors %v", got, rep.Errors)
	}
	articles := mustLoad(t, dir)
	var ferry, harbour string
	for id, a := range articles {
		switch a.Title {
		case "Ferry service to resume after repairs":
			ferry = id
			if a.Published.Format(time.RFC3339) != "2025-01-15T08:15:00Z" || !strings.Contains(a.Body, "propeller shaft") {
				t.Errorf("ferry article:\n%s", a.Body)
			}
		case "Harbour wall plans approved":
			harbour = id
			// A relative link is resolved against the feed; the page is
			// missing, so the entry's HTML content is saved, with the
			// updated time for want of a published one.
			if a.Published.Format(time.RFC3339) != "2025-01-15T10:00:00Z" || !strings.Contains(a.Body, "\nWork is due to start in the autumn") {
				t.Errorf("harbour article:\n%s", a.Body)
			}
		}
	}
	if !strings.HasSuffix(ferry, "/ferry-service-resumes.txt") || !strings.HasSuffix(harbour, "/harbour-wall.txt") {
		t.Errorf("files %q, %q; want ferry-service-resumes.txt and harbour-wall.txt", ferry, harbour)
	}
}

// TestFeedFailures checks that a feed that cannot be read counts as one
// failure, saves nothing and stops nothing: the good feed beside it is
// polled, and the broken one is tried again on the next poll.
func TestFeedFailures(t *testing.T) {
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"malformed", nil, "parse feed"},
		{"404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }, "404 Not Found"},
		{"500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", 500) }, "500 Internal Server Error"},
		{"slow", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, "deadline exceeded"},
		{"huge", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte("<rss><channel>" + strings.Repeat("<item><title>x</title></item>", 10_000)))
		}, "larger than the size cap"},
		{"not a feed", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(htmlPage("A page", "Not a feed at all.")))
		}, "parse feed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := newTestSite(t)
			if tc.handler == nil {
				site.serveFile(t, "/bad.xml", "malformed.xml", "application/rss+xml", "")
			} else {
				site.handle("/bad.xml", tc.handler)
			}
			site.serveFile(t, "/atom.xml", "atom.xml", "application/atom+xml", "")
			dir := t.TempDir()
			p := newTestPollerConfig(t, site, Config{Dir: dir, Feeds: []string{"/bad.xml", "/atom.xml"}, Timeout: 200 * time.Millisecond, MaxFeedBytes: 64 << 10})
			rep := mustPoll(t, p)
			if got := rep.Total(); got != (Count{New: 2, Failed: 1}) {
				t.Errorf("poll = %+v, want 2 new (atom) and 1 failed", got)
			}
			if len(rep.Errors) != 1 || !strings.Contains(rep.Errors[0].Error(), tc.want) {
				t.Errorf("errors = %v, want one containing %q", rep.Errors, tc.want)
			}
			mustPoll(t, p)
			if n := len(site.requests("/bad.xml")); n != 2 {
				t.Errorf("broken feed requested %d times in two polls, want 2", n)
			}
		})
	}
}

// TestPageFailures covers the pages behind a feed's items: a page that
// cannot be had for good (404, not HTML, too big) gives way to the feed's
// text at once; one that may come back (500, too slow) is tried again on
// the next polls, and its feed fetched in full until it is saved.
func TestPageFailures(t *testing.T) {
	slow := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}
	for _, tc := range []struct {
		name     string
		page     http.HandlerFunc
		polls    []Count // what each poll counts, in turn
		fromFeed bool    // the saved text is the feed's
	}{
		{"404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }, []Count{{New: 1}}, true},
		{"not HTML", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.7 ..."))
		}, []Count{{New: 1}}, true},
		{"huge", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(htmlPage("Huge", strings.Repeat("A very long paragraph. ", 10_000))))
		}, []Count{{New: 1}}, true},
		{"500 then fine", failThenServe(1), []Count{{Failed: 1}, {New: 1}}, false},
		{"500 for good", failThenServe(100), []Count{{Failed: 1}, {Failed: 1}, {New: 1}, {NotModified: 1}}, true},
		{"slow", slow, []Count{{Failed: 1}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := newTestSite(t)
			feed := `<rss version="2.0"><channel><title>Gazette</title><item><title>Bridge reopens</title>` +
				`<link>` + site.URL + `/news/bridge-reopens</link><description>The bridge reopened to traffic on Monday after repairs.</description></item></channel></rss>`
			site.serveText("/rss.xml", feed, "application/rss+xml", `"v1"`)
			site.handle("/news/bridge-reopens", tc.page)
			dir := t.TempDir()
			p := newTestPollerConfig(t, site, Config{Dir: dir, Feeds: []string{"/rss.xml"}, Timeout: 200 * time.Millisecond, MaxPageBytes: 64 << 10})
			for i, want := range tc.polls {
				if got := mustPoll(t, p).Total(); got != want {
					t.Fatalf("poll %d = %+v, want %+v", i+1, got, want)
				}
			}
			articles := mustLoad(t, dir)
			var total Count
			for _, c := range tc.polls {
				total.add(c)
			}
			if len(articles) != total.New {
				t.Fatalf("%d articles saved, want %d", len(articles), total.New)
			}
			for _, a := range articles {
				if feedText := strings.HasSuffix(a.Body, "---\nThe bridge reopened to traffic on Monday after repairs.\n"); feedText != tc.fromFeed {
					t.Errorf("saved text (from the feed: %v, want %v):\n%s", feedText, tc.fromFeed, a.Body)
				}
			}
		})
	}
}

// failThenServe answers 500 n times, then the page.
func failThenServe(n int) http.HandlerFunc {
	calls := 0
	return func(w http.ResponseWriter, r *http.Request) {
		if calls++; calls <= n {
			http.Error(w, "try later", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(htmlPage("Bridge reopens", "The Tay bridge reopened to all traffic on Monday morning after eight months of repairs to its deck and barriers, the council said.",
			"Drivers had faced a diversion of more than 20 miles while the work was carried out by contractors working day and night.")))
	}
}

func TestDuplicates(t *testing.T) {
	site := newTestSite(t)
	item := func(title, path string) string {
		return `<item><title>` + title + `</title><link>` + site.URL + path + `</link><description>Short text.</description></item>`
	}
	feed := `<rss version="2.0"><channel><title>Wire</title>` +
		item("Ferry service to resume", "/island/ferry") +
		item("Ferry service to resume", "/island/ferry") + // the same URL again
		item("Ferry back on Friday", "/island/ferry?utm_source=rss#top") + // the same URL, tracking parameters aside
		item("Island ferry returns", "/syndicated/ferry-returns") + // the same text under another URL
		`</channel></rss>`
	site.serveText("/wire.xml", feed, "application/rss+xml", "")
	site.serveFile(t, "/island/ferry", "ferry.html", "text/html", "")
	// The syndicated copy differs in markup, quotes and spacing only.
	syndicated := strings.NewReplacer("’", "'", "“", `"`, "”", `"`, "<nav>", "<nav>Partner site ").Replace(mustFixture(t, "ferry.html", site.URL))
	site.serveText("/syndicated/ferry-returns", syndicated, "text/html", "")
	dir := t.TempDir()
	rep := mustPoll(t, newTestPoller(t, site, dir, "/wire.xml"))
	if got, want := rep.Total(), (Count{New: 1, Unchanged: 2, Duplicate: 1}); got != want {
		t.Errorf("poll = %+v, want %+v; errors %v", got, want, rep.Errors)
	}
	if articles := mustLoad(t, dir); len(articles) != 1 {
		t.Errorf("saved %v, want one article", keys(articles))
	}
	if n := len(site.requests("/island/ferry")); n != 1 {
		t.Errorf("page fetched %d times, want once", n)
	}
}

// TestUpdatedInPlace changes an item in the feed: new text is written over
// its file; a change in the feed with the same text leaves it alone.
func TestUpdatedInPlace(t *testing.T) {
	site := newTestSite(t)
	serve := func(updated, text string) {
		site.serveText("/atom.xml", `<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>`+
			`<entry><title>Count under way</title><link href="`+site.URL+`/live/count"/><id>count</id>`+
			`<published>2025-01-15T08:00:00Z</published><updated>`+updated+`</updated></entry></feed>`, "application/atom+xml", "")
		site.serveText("/live/count", htmlPage("Count under way", text,
			"Officials at the leisure centre said they expected the last ballot boxes to arrive from the islands before three in the morning."), "text/html", "")
	}
	serve("2025-01-15T08:00:00Z", "Counting began at ten o’clock in the main hall, with turnout put at around 62 per cent across the six wards.")
	dir := t.TempDir()
	p := newTestPoller(t, site, dir, "/atom.xml")
	for i, step := range []struct {
		updated, text string
		want          Count
		has           string
	}{
		{"", "", Count{New: 1}, "Counting began at ten"},
		{"2025-01-15T09:00:00Z", "The first result was declared just after one o’clock, with the sitting member holding the seat by 1,204 votes.", Count{Updated: 1}, "The first result was declared"},
		{"2025-01-15T09:30:00Z", "The first result was declared just after one o’clock, with the sitting member holding the seat by 1,204 votes.", Count{Unchanged: 1}, "The first result was declared"},
	} {
		if step.updated != "" {
			serve(step.updated, step.text)
		}
		if got := mustPoll(t, p).Total(); got != step.want {
			t.Fatalf("poll %d = %+v, want %+v", i+1, got, step.want)
		}
		articles := mustLoad(t, dir)
		if len(articles) != 1 {
			t.Fatalf("poll %d: articles %v, want one", i+1, keys(articles))
		}
		for _, a := range articles {
			if !strings.Contains(a.Body, step.has) || a.Published.Format(time.RFC3339) != "2025-01-15T08:00:00Z" {
				t.Errorf("poll %d: article lacks %q or its published time:\n%s", i+1, step.has, a.Body)
			}
		}
	}
}

// TestConditionalGET checks ETag and Last-Modified are sent back, and
// kept across a restart in the state file.
func TestConditionalGET(t *testing.T) {
	site := newTestSite(t)
	feed := mustFixture(t, "atom.xml", site.URL)
	lastMod := time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC)
	site.handle("/etag.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `W/"abc"`)
		http.ServeContent(w, r, "feed.xml", time.Time{}, strings.NewReader(feed))
	})
	site.handle("/lastmod.xml", func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, "feed.xml", lastMod, strings.NewReader(feed))
	})
	site.serveFile(t, "/island/ferry-service-resumes", "ferry.html", "text/html", "")
	dir := t.TempDir()
	if got := mustPoll(t, newTestPoller(t, site, dir, "/etag.xml", "/lastmod.xml")).Total(); got.New != 2 || got.Unchanged != 2 {
		t.Fatalf("first poll = %+v, want 2 new and 2 unchanged (the same entries twice)", got)
	}
	// A new Poller reads the validators from the state file.
	p := newTestPoller(t, site, dir, "/etag.xml", "/lastmod.xml")
	if got := mustPoll(t, p).Total(); got != (Count{NotModified: 2}) {
		t.Errorf("poll after restart = %+v, want 2 not modified", got)
	}
	for path, hdr := range map[string]string{"/etag.xml": "If-None-Match", "/lastmod.xml": "If-Modified-Since"} {
		reqs := site.requests(path)
		if len(reqs) != 2 || reqs[0].header.Get(hdr) != "" || reqs[1].header.Get(hdr) == "" {
			t.Errorf("%s: %d requests, %s sent %q then %q; want none, then the validator", path, len(reqs), hdr, reqs[0].header.Get(hdr), reqs[len(reqs)-1].header.Get(hdr))
		}
	}
	if state := mustRead(t, filepath.Join(dir, "feeds", stateFile)); !strings.Contains(state, `"etag": "W/\"abc\""`) || !strings.Contains(state, `"last_modified": "Wed, 15 Jan 2025 12:00:00 GMT"`) {
		t.Errorf("state file lacks the validators:\n%s", state)
	}
}

// TestPoliteness polls three feeds on one host, with pages, through four
// workers: the host never sees two requests at once, nor two closer than
// HostDelay.
func TestPoliteness(t *testing.T) {
	site := newTestSite(t)
	var feeds []string
	for f := range 3 {
		var items strings.Builder
		for i := range 3 {
			path := fmt.Sprintf("/f%d/story-%d", f, i)
			fmt.Fprintf(&items, `<item><title>Story %d.%d</title><link>%s%s</link></item>`, f, i, site.URL, path)
			site.serveText(path, htmlPage("Story", fmt.Sprintf("Story %d of feed %d tells of a long day at the town hall, where the council met to discuss the new road, the school and the library.", i, f)), "text/html", "")
		}
		site.serveText(fmt.Sprintf("/f%d.xml", f), `<rss version="2.0"><channel><title>T</title>`+items.String()+`</channel></rss>`, "application/rss+xml", "")
		feeds = append(feeds, fmt.Sprintf("/f%d.xml", f))
	}
	const delay = 30 * time.Millisecond
	p := newTestPollerConfig(t, site, Config{Dir: t.TempDir(), Feeds: feeds, HostDelay: delay, Workers: 4})
	if got := mustPoll(t, p).Total(); got.New != 9 {
		t.Fatalf("poll = %+v, want 9 new", got)
	}
	reqs := site.requests("")
	slices.SortFunc(reqs, func(a, b request) int { return a.start.Compare(b.start) })
	if site.maxInflight != 1 {
		t.Errorf("%d requests in flight at once, want 1", site.maxInflight)
	}
	for i := 1; i < len(reqs); i++ {
		// The poller waits from its end of the previous exchange, which
		// is after the server's; allow a little clock slack.
		if gap := reqs[i].start.Sub(reqs[i-1].end); gap < delay-5*time.Millisecond {
			t.Errorf("%s came %v after %s ended, want at least %v", reqs[i].path, gap, reqs[i-1].path, delay)
		}
	}
}

// TestRestart checks that nothing is saved twice after a restart, even
// without the state file, and that a file a person deleted stays deleted.
func TestRestart(t *testing.T) {
	site := newGazette(t)
	dir := t.TempDir()
	mustPoll(t, newTestPoller(t, site, dir, "/rss.xml"))
	saved := mustLoad(t, dir)

	// A person deletes one article; the feed changes (new ETag), and a
	// restarted poller does not bring the article back.
	var gone string
	for id := range saved {
		if strings.HasSuffix(id, "/council-budget.txt") {
			gone = id
		}
	}
	if err := os.Remove(filepath.Join(dir, gone)); err != nil {
		t.Fatal(err)
	}
	site.serveFile(t, "/rss.xml", "rss.xml", "application/rss+xml", `"rss-v2"`)
	if got := mustPoll(t, newTestPoller(t, site, dir, "/rss.xml")).Total(); got != (Count{Unchanged: 3}) {
		t.Errorf("poll after restart = %+v, want 3 unchanged", got)
	}
	if _, err := os.Stat(filepath.Join(dir, gone)); err == nil {
		t.Errorf("%s came back after it was deleted", gone)
	}

	// Without the state file, the saved files' front matter still says
	// which URLs and texts are known.
	if err := os.Remove(filepath.Join(dir, "feeds", stateFile)); err != nil {
		t.Fatal(err)
	}
	rep := mustPoll(t, newTestPoller(t, site, dir, "/rss.xml"))
	if got := rep.Total(); got.Unchanged != 2 || got.New != 1 {
		t.Errorf("poll without state = %+v, want 2 unchanged and the deleted one new again", got)
	}
	if n := len(mustLoad(t, dir)); n != 3 {
		t.Errorf("%d articles after polls without state, want 3", n)
	}
}

func TestRun(t *testing.T) {
	site := newGazette(t)
	dir := t.TempDir()
	var (
		mu      sync.Mutex
		reports []*Report
	)
	onPoll := func(r *Report) {
		mu.Lock()
		defer mu.Unlock()
		reports = append(reports, r)
	}
	p := newTestPollerConfig(t, site, Config{Dir: dir, Feeds: []string{"/rss.xml"}, Interval: 20 * time.Millisecond, OnPoll: onPoll})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- p.Run(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for len(site.requests("/rss.xml")) < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v, want nil after cancel", err)
	}
	if n := len(site.requests("/rss.xml")); n < 3 {
		t.Errorf("feed polled %d times, want at least 3", n)
	}
	if n := len(mustLoad(t, dir)); n != 3 {
		t.Errorf("%d articles saved, want 3", n)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reports) < 3 {
		t.Fatalf("OnPoll called %d times, want once a poll (at least 3)", len(reports))
	}
	if r := reports[0]; len(r.Sites) != 1 || r.Total().New != 3 {
		t.Errorf("first poll's report: %+v, want 3 new articles from one site", r.Sites)
	}
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
