package feeds

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultUserAgent names the bot in every request unless
// [Config.UserAgent] says otherwise.
const DefaultUserAgent = "Newsdesk/1.0 (+https://github.com/newsdesk/newsdesk)"

// DefaultInterval is the time between polls in [Poller.Run].
const DefaultInterval = 15 * time.Minute

// Config says what to poll and where to save it. Only Dir and Feeds are
// required; zero values give the defaults.
type Config struct {
	Dir   string   // the articles folder; articles go under Dir/feeds/<site>/
	Feeds []string // RSS, Atom or JSON feed URLs (see ParseList)

	Interval  time.Duration // between the end of one poll and the next in Run; default 15 min
	Client    *http.Client  // every request goes through it; default a plain http.Client
	UserAgent string        // default DefaultUserAgent
	Timeout   time.Duration // per request, body included; default 30 s
	HostDelay time.Duration // least time between two requests to one host; default 1 s, negative for none

	MaxFeedBytes int64 // largest feed read; default 5 MiB
	MaxPageBytes int64 // largest page read; default 2 MiB
	Workers      int   // feeds polled at once; default 4

	Logger   *slog.Logger   // failures as warnings, one info line per poll; default slog.Default()
	Progress func(Progress) // if not nil, called after each item and feed, one call at a time
	OnPoll   func(*Report)  // if not nil, called with the report of each poll when it ends, for metrics
}

func (c Config) withDefaults() Config {
	if c.Interval <= 0 {
		c.Interval = DefaultInterval
	}
	if c.Client == nil {
		c.Client = &http.Client{}
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.HostDelay < 0 {
		c.HostDelay = 0
	} else if c.HostDelay == 0 {
		c.HostDelay = time.Second
	}
	if c.MaxFeedBytes <= 0 {
		c.MaxFeedBytes = 5 << 20
	}
	if c.MaxPageBytes <= 0 {
		c.MaxPageBytes = 2 << 20
	}
	if c.Workers <= 0 {
		c.Workers = 4
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// ParseList reads feed URLs from text such as the FEEDS variable or a
// FEEDS_FILE: URLs separated by commas, spaces or newlines, a "#" at the
// start of a line or after a space starting a comment to the end of it. Repeated URLs are kept once. Each must be
// an absolute http or https URL; the error names every one that is not.
// Text with no URLs gives an empty list, not an error.
func ParseList(text string) ([]string, error) {
	var urls, bad []string
	seen := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		line = stripComment(line)
		for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\r' }) {
			u, err := url.Parse(f)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				bad = append(bad, f)
				continue
			}
			if !seen[f] {
				seen[f] = true
				urls = append(urls, f)
			}
		}
	}
	if len(bad) > 0 {
		return urls, fmt.Errorf("not http(s) feed URLs: %s", strings.Join(bad, ", "))
	}
	return urls, nil
}

// stripComment cuts line at a "#" that opens it or follows white space; a
// "#" inside a URL is a fragment, not a comment.
func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}
