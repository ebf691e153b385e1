package feeds

import (
	"slices"
	"strings"
	"testing"
	"time"

	"newsdesk/retrieval"
)

func TestParseList(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
		err      string
	}{
		{"empty", "", nil, ""},
		{"commas and spaces", "https://a.example/rss, https://b.example/atom.xml  http://c.example/feed",
			[]string{"https://a.example/rss", "https://b.example/atom.xml", "http://c.example/feed"}, ""},
		{"file with comments", "# my feeds\nhttps://a.example/rss   # the Gazette\n\n  https://b.example/feed#latest\nhttps://a.example/rss\n",
			[]string{"https://a.example/rss", "https://b.example/feed#latest"}, ""},
		{"bad entries", "https://a.example/rss, ftp://x.example/feed, example.com/rss",
			[]string{"https://a.example/rss"}, "ftp://x.example/feed, example.com/rss"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseList(tc.in)
			if !slices.Equal(got, tc.want) {
				t.Errorf("ParseList(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseList(%q) error = %v, want %q", tc.in, err, tc.err)
			}
		})
	}
}

// TestRenderParses writes awkward front matter and reads it back with
// retrieval.Parse.
func TestRenderParses(t *testing.T) {
	for _, title := range []string{
		"Plain title",
		`"Quoted from start to end"`,
		"Key: value in the title",
		"Title\nover two lines\twith a tab",
		"# not a comment",
		"'single quotes'",
	} {
		a := article{title: title, source: "The \"Gazette\"", url: "https://example.com/a?b=c#d",
			published: time.Date(2025, 1, 14, 7, 0, 0, 0, time.FixedZone("CET", 3600)),
			paras:     []string{"First paragraph of the story.", "---", "Second paragraph."}}
		got, err := retrieval.Parse("x.txt", a.render())
		if err != nil {
			t.Errorf("title %q: %v", title, err)
			continue
		}
		if want := oneLine(title); got.Title != want || got.URL != a.url || !got.Published.Equal(a.published) || got.Source != a.source {
			t.Errorf("title %q read back as %q, %q, %q, %v", title, got.Title, got.Source, got.URL, got.Published)
		}
		if len(got.Lines) != 10 {
			t.Errorf("%d lines, want 6 of front matter, 3 paragraphs and the empty one after the last newline:\n%s", len(got.Lines), got.Body)
		}
	}
}

func TestContentHash(t *testing.T) {
	a := contentHash([]string{"The ferry returns on Friday.", "“It has been a long winter,” he said."})
	for _, same := range [][]string{
		{"the ferry returns on friday", `"It has been a long winter," he said.`},
		{"The  ferry returns\ton Friday. \"It has been a long winter\", he said"},
	} {
		if b := contentHash(same); b != a {
			t.Errorf("contentHash(%q) differs from the original's", same)
		}
	}
	if b := contentHash([]string{"The ferry returns on Saturday."}); b == a {
		t.Error("different text, same hash")
	}
}

func TestHostsBackoff(t *testing.T) {
	hs := &hosts{delay: 0, maxWait: time.Second}
	hs.backoff("a.example", 100*time.Millisecond)
	start := time.Now()
	release, err := hs.acquire(t.Context(), "a.example")
	if err != nil {
		t.Fatal(err)
	}
	release()
	if waited := time.Since(start); waited < 90*time.Millisecond {
		t.Errorf("waited %v after a 100 ms Retry-After", waited)
	}
	if release, err := hs.acquire(t.Context(), "b.example"); err != nil {
		t.Errorf("other host: %v", err)
	} else {
		release()
	}
	hs.backoff("a.example", time.Hour)
	if _, err := hs.acquire(t.Context(), "a.example"); err == nil || !transient(err) {
		t.Errorf("acquire during an hour's Retry-After = %v, want a transient error at once", err)
	}
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{{"", 0}, {"120", 2 * time.Minute}, {"99999", time.Hour}, {"-5", 0}, {"soon", 0}} {
		if got := retryAfter(tc.in); got != tc.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
