package feeds

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// errNotHTML reports a page whose Content-Type is not HTML (a PDF, an
// image, a JSON API).
var errNotHTML = errors.New("not an HTML page")

// A page is what extraction found on an article's web page.
type page struct {
	title     string
	site      string
	published time.Time
	paras     []string
}

// extract finds the main text of an HTML page with readability, in the
// charset its Content-Type or <meta> declares (else UTF-8 if it is valid
// UTF-8, else windows-1252), composed to Unicode NFC.
func extract(body []byte, contentType string, pageURL *url.URL) (pg page, err error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
	case mt == "" && bytes.Contains(bytes.ToLower(body[:min(len(body), 512)]), []byte("<html")):
	default:
		return page{}, fmt.Errorf("%s: %w (%s)", pageURL, errNotHTML, contentType)
	}
	var r io.Reader = bytes.NewReader(body)
	// Without a declared charset, x/net/html/charset looks at the first
	// 1,024 bytes only and guesses windows-1252 when they are ASCII; a
	// page that is valid UTF-8 throughout is UTF-8.
	if enc, name, certain := charset.DetermineEncoding(body, contentType); certain || name != "windows-1252" || !utf8.Valid(body) {
		r = enc.NewDecoder().Reader(r)
	}
	defer func() {
		// The parser is a large port of Readability.js; one odd page
		// must not take the poller down.
		if e := recover(); e != nil {
			err = fmt.Errorf("%s: readability: %v", pageURL, e)
		}
	}()
	// The page is decoded here, by its declared charset, rather than by
	// readability's own guess, which misreads Latin-1 pages.
	doc, err := html.Parse(transform.NewReader(r, norm.NFC))
	if err != nil {
		return page{}, fmt.Errorf("%s: %w", pageURL, err)
	}
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, pageURL)
	if err != nil {
		return page{}, fmt.Errorf("%s: readability: %w", pageURL, err)
	}
	pg = page{title: oneLine(art.Title()), site: oneLine(art.SiteName())}
	if t, err := art.PublishedTime(); err == nil {
		pg.published = t
	}
	if art.Node != nil {
		pg.paras = paragraphs(render.InnerText(art.Node))
	}
	return pg, nil
}

// htmlText returns the paragraphs of a feed's HTML (or plain text)
// content or description.
func htmlText(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return paragraphs(s)
	}
	return paragraphs(render.InnerText(doc))
}

// paragraphs splits text into lines, each with its white space runs made
// one space, control characters and invalid UTF-8 dropped; empty lines go.
func paragraphs(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if p := oneLine(line); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// oneLine makes s a clean single line of text.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r) || r == '\uFEFF':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// textLen is the number of bytes of text in paras.
func textLen(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	return n
}
