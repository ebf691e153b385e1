package feeds

import (
	"net/url"
	"path"
	"strings"
)

// canonical is the URL an item is known by: scheme and host in lower case,
// default port, fragment and tracking parameters (utm_*, fbclid, gclid)
// dropped.
func canonical(u *url.URL) string {
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = strings.ToLower(c.Host)
	if p := c.Port(); p == "80" && c.Scheme == "http" || p == "443" && c.Scheme == "https" {
		c.Host = c.Hostname()
	}
	c.Fragment, c.RawFragment = "", ""
	if c.RawQuery != "" {
		q := c.Query()
		for k := range q {
			if strings.HasPrefix(strings.ToLower(k), "utm_") || k == "fbclid" || k == "gclid" {
				q.Del(k)
			}
		}
		c.RawQuery = q.Encode()
	}
	return c.String()
}

// siteDir is the folder name for a host: lower case, without "www.", and
// with only letters, digits, ".", "-" and "_" ("127.0.0.1:8080" becomes
// "127.0.0.1_8080").
func siteDir(u *url.URL) string {
	h := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	s := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' {
			return r
		}
		return '_'
	}, h)
	if strings.Trim(s, "._") == "" {
		return "unknown"
	}
	return s
}

// genericSegments are path segments that do not name a story.
var genericSegments = map[string]bool{"index": true, "default": true, "article": true, "story": true,
	"amp": true, "news": true, "post": true, "view": true, "content": true}

// slugFor names an article file from the last meaningful segment of its URL
// path (a trailing "index.html" is passed over), or its title; an article
// number gets the title's words before it.
func slugFor(u *url.URL, title string) string {
	segs := strings.Split(u.Path, "/")
	for i := len(segs) - 1; i >= 0; i-- {
		seg := segs[i]
		if ext := path.Ext(seg); len(ext) <= 6 {
			seg = strings.TrimSuffix(seg, ext)
		}
		s := slugify(seg)
		if s == "" || genericSegments[s] || len(s) <= 4 && isDigits(s) {
			continue
		}
		if isDigits(s) {
			if t := slugify(title); t != "" {
				return clipSlug(t, 60) + "-" + s
			}
		}
		return clipSlug(s, 80)
	}
	if t := slugify(title); t != "" {
		return clipSlug(t, 80)
	}
	return "item"
}

// slugify keeps ASCII letters and digits in lower case, other runs made
// one "-".
func slugify(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

func clipSlug(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, '-'); i > n/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, "-")
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
