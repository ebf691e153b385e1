package retrieval

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// An article file is UTF-8 text, one paragraph a line (blank lines between
// paragraphs are allowed and counted). It may open with a front-matter
// block:
//
//	---
//	title: Rubio says won’t force deal on Ukraine
//	source: FMT
//	url: https://example.com/story
//	published: 2025-12-19T18:30:00Z
//	---
//
// Keys are case-insensitive; unknown keys are ignored; published is
// RFC 3339, "2006-01-02 15:04" or "2006-01-02". Without a title key the
// title is the first non-empty line after the block. Line numbers count
// every physical line of the file, front matter included.

// MaxArticleBytes is the largest article file Parse accepts.
const MaxArticleBytes = 4 << 20

// ErrNotText reports a file that is not UTF-8 text.
var ErrNotText = errors.New("not UTF-8 text")

// Parse reads one article file. id names the article in citations and
// errors. It fails on a file that is empty, larger than [MaxArticleBytes],
// not UTF-8, binary (has NUL bytes), or has a malformed front-matter block;
// errors read "id:line: problem". An article whose lines are all structure
// parses fine with no sentences.
func Parse(id string, data []byte) (*Article, error) {
	switch {
	case len(data) > MaxArticleBytes:
		return nil, fmt.Errorf("%s: %d bytes, larger than %d", id, len(data), MaxArticleBytes)
	case !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0:
		return nil, fmt.Errorf("%s: %w", id, ErrNotText)
	case len(bytes.TrimSpace(data)) == 0:
		return nil, fmt.Errorf("%s: empty file", id)
	}
	a := &Article{ID: id, Body: string(data)}
	a.Lines = splitLines(a.Body)
	next, err := a.parseFrontMatter()
	if err != nil {
		return nil, err
	}
	classify(a, next)
	if a.Title == "" {
		return nil, fmt.Errorf("%s: no title", id)
	}
	a.Sentences = splitArticle(a)
	return a, nil
}

// splitLines returns every physical line of body, with Start/End excluding
// the line ending and a leading byte-order mark.
func splitLines(body string) []Line {
	lines := make([]Line, 0, strings.Count(body, "\n")+1)
	start := 0
	if strings.HasPrefix(body, "\uFEFF") {
		start = len("\uFEFF")
	}
	for {
		i := strings.IndexByte(body[start:], '\n')
		end := len(body)
		if i >= 0 {
			end = start + i
		}
		e := end
		if e > start && body[e-1] == '\r' {
			e--
		}
		lines = append(lines, Line{Start: int32(start), End: int32(e)})
		if i < 0 {
			return lines
		}
		start = end + 1
	}
}

// parseFrontMatter reads an optional --- block and returns the index of the
// first line after it.
func (a *Article) parseFrontMatter() (int, error) {
	if len(a.Lines) == 0 || strings.TrimSpace(a.LineText(1)) != "---" {
		return 0, nil
	}
	a.Lines[0].Kind = FrontMatter
	for i := 1; i < len(a.Lines); i++ {
		a.Lines[i].Kind = FrontMatter
		text := strings.TrimSpace(a.LineText(i + 1))
		if text == "---" {
			return i + 1, nil
		}
		if text == "" || text[0] == '#' {
			continue
		}
		key, value, ok := strings.Cut(text, ":")
		if !ok {
			return 0, fmt.Errorf("%s:%d: front matter: want key: value, got %q", a.ID, i+1, clip(text, 40))
		}
		value = unquote(strings.TrimSpace(value))
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "title":
			a.Title = value
		case "source":
			a.Source = value
		case "url":
			a.URL = value
		case "published", "date":
			t, err := parseTime(value)
			if err != nil {
				return 0, fmt.Errorf("%s:%d: front matter: %w", a.ID, i+1, err)
			}
			a.Published = t
		}
	}
	return 0, fmt.Errorf("%s:1: front matter: no closing ---", a.ID)
}

var timeLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", time.RFC1123Z, time.RFC1123}

// parseTime reads a published time; times without a zone are UTC.
func parseTime(s string) (time.Time, error) {
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("published: cannot read %q as a date (want 2006-01-02 or RFC 3339)", clip(s, 40))
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// clip shortens s to at most n runes for an error message.
func clip(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i] + "…"
		}
		n--
	}
	return s
}
