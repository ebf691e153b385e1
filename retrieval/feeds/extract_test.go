package feeds

import (
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	storm, err := os.ReadFile("testdata/storm.html")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://example.com/news/storm")
	latin1 := []byte("<html><head><title>Caf\xe9 reopens</title></head><body><article><p>The caf\xe9 on the corner reopened on Monday after a fire in the kitchen closed it for most of the winter, its owner said.</p></article></body></html>")
	// No charset anywhere, and the first non-ASCII byte past 1,024.
	undeclared := []byte("<html><head><title>Fête " + strings.Repeat("x", 1100) + "</title></head><body><article><p>The village fête raised £2,000 for the new roof of the church hall, the organisers said on Sunday evening.</p></article></body></html>")
	for _, tc := range []struct {
		name, contentType string
		body              []byte
		title, first      string
		paras             int
		err               string
	}{
		{"page", "text/html; charset=utf-8", storm, "Storm closes schools across the north",
			"More than 300 schools across the north stayed shut on Tuesday as Storm Éowyn brought gusts of up to 90 mph and heavy snow to high ground.", 6, ""},
		{"no content type", "", storm, "Storm closes schools across the north", "More than 300 schools", 6, ""},
		{"latin-1", "text/html; charset=iso-8859-1", latin1, "Café reopens", "The café on the corner reopened", 1, ""},
		{"utf-8 undeclared", "text/html", undeclared, "Fête " + strings.Repeat("x", 1100), "The village fête raised £2,000", 1, ""},
		{"pdf", "application/pdf", []byte("%PDF-1.7"), "", "", 0, "not an HTML page"},
		{"json", "application/json", []byte(`{"html": "<p>x</p>"}`), "", "", 0, "not an HTML page"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pg, err := extract(tc.body, tc.contentType, u)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("extract error = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if pg.title != tc.title || len(pg.paras) != tc.paras || !strings.HasPrefix(pg.paras[0], tc.first) {
				t.Errorf("extract = %q, %d paragraphs, first %q; want %q, %d, %q", pg.title, len(pg.paras), pg.paras[0], tc.title, tc.paras, tc.first)
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Plain text, no tags.", []string{"Plain text, no tags."}},
		{"<p>One &amp; two.</p><p>Three <b>four</b>.</p>", []string{"One & two.", "Three four."}},
		{"Line one<br>line two", []string{"Line one", "line two"}},
		{"<ul><li>First</li><li>Second</li></ul><script>alert(1)</script>", []string{"First", "Second"}},
		{"  spaced \u00a0 out\x00 text \ufeff ", []string{"spaced out text"}},
	} {
		if got := htmlText(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("htmlText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
