package feeds

import (
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
)

// BenchmarkExtract measures readability extraction of one article page.
func BenchmarkExtract(b *testing.B) {
	body, err := os.ReadFile("testdata/storm.html")
	if err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse("https://example.com/news/storm")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := extract(body, "text/html; charset=utf-8", u); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPoll measures a first poll of a feed of 50 items from a local
// server with no delay between requests: fetch, extract, dedupe, write.
// The HostDelay of a real poll (1 s by default) dominates in practice.
func BenchmarkPoll(b *testing.B) {
	site := newTestSite(b)
	page := mustFixture(b, "storm.html", site.URL)
	var items strings.Builder
	for i := range 50 {
		path := fmt.Sprintf("/news/story-%d", i)
		fmt.Fprintf(&items, "<item><title>Story %d</title><link>%s%s</link></item>", i, site.URL, path)
		// Each page's text differs, so none is a duplicate.
		site.serveText(path, strings.Replace(page, "More than 300 schools", fmt.Sprintf("More than %d schools", 300+i), 1), "text/html", "")
	}
	site.serveText("/rss.xml", `<rss version="2.0"><channel><title>Bench</title>`+items.String()+`</channel></rss>`, "application/rss+xml", "")
	b.ReportAllocs()
	for b.Loop() {
		p := newTestPoller(b, site, b.TempDir(), "/rss.xml")
		rep, err := p.Poll(b.Context())
		if err != nil || rep.Total().New != 50 {
			b.Fatalf("poll = %+v, %v; want 50 new", rep.Total(), err)
		}
	}
}
