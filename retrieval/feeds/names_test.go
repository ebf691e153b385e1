package feeds

import (
	"net/url"
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		url, title, site, slug, canonical string
	}{
		{"https://www.Example.com/news/storm-closes-schools", "", "example.com", "storm-closes-schools", "https://www.example.com/news/storm-closes-schools"},
		{"https://example.com/2025/01/14/politics/council-budget/index.html", "", "example.com", "council-budget", ""},
		{"https://www.bbc.co.uk/news/articles/c1234567", "", "bbc.co.uk", "c1234567", ""},
		// An article number gets the title's words.
		{"https://news.example/story/98765432", "Storm: schools shut!", "news.example", "storm-schools-shut-98765432", ""},
		// Query strings and tracking parameters.
		{"http://127.0.0.1:8080/article.php?id=7&utm_source=rss#comments", "Tram line opens", "127.0.0.1_8080", "tram-line-opens", "http://127.0.0.1:8080/article.php?id=7"},
		{"https://example.com:443/", "", "example.com_443", "item", "https://example.com/"},
		{"https://example.com/%C3%A9t%C3%A9-2025.html", "", "example.com", "t-2025", ""},
		{"https://example.com/" + strings.Repeat("very-long-words-", 10), "", "example.com", "very-long-words-very-long-words-very-long-words-very-long-words-very-long-words", ""},
	} {
		t.Run(tc.url, func(t *testing.T) {
			u, err := url.Parse(tc.url)
			if err != nil {
				t.Fatal(err)
			}
			if got := siteDir(u); got != tc.site {
				t.Errorf("siteDir = %q, want %q", got, tc.site)
			}
			if got := slugFor(u, tc.title); got != tc.slug {
				t.Errorf("slugFor = %q, want %q", got, tc.slug)
			}
			if tc.canonical != "" {
				if got := canonical(u); got != tc.canonical {
					t.Errorf("canonical = %q, want %q", got, tc.canonical)
				}
			}
		})
	}
}
