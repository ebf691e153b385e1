package bot

import (
	"fmt"
	"net/http"
	"net/url"
)

// originTransport sends every request to another origin (scheme and host),
// leaving paths unchanged: DISCORD_API_URL for REST proxies and tests.
// discordgo's endpoint variables are package globals computed at init, so
// the session's HTTP client is the seam, not those variables.
type originTransport struct {
	origin *url.URL
	next   http.RoundTripper
}

// newOriginTransport returns a transport that rewrites requests to origin,
// such as "http://127.0.0.1:8080".
func newOriginTransport(origin string, next http.RoundTripper) (http.RoundTripper, error) {
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("DISCORD_API_URL %q: want an origin such as http://127.0.0.1:8080", origin)
	}
	if next == nil {
		next = http.DefaultTransport
	}
	return &originTransport{origin: u, next: next}, nil
}

func (t *originTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.URL.Scheme = t.origin.Scheme
	r.URL.Host = t.origin.Host
	r.Host = t.origin.Host
	return t.next.RoundTrip(r)
}
