package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	return &originTransport{origin: u, next: transportOrDefault(next)}, nil
}

func (t *originTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.URL.Scheme = t.origin.Scheme
	r.URL.Host = t.origin.Host
	r.Host = t.origin.Host
	return t.next.RoundTrip(r)
}

// transportOrDefault returns t, or http.DefaultTransport for nil, as
// http.Client does.
func transportOrDefault(t http.RoundTripper) http.RoundTripper {
	if t == nil {
		return http.DefaultTransport
	}
	return t
}

// restObserver reports Discord's error answers to Hooks.RESTError. It
// reads an error body to find Discord's code and hands the caller an
// identical one.
type restObserver struct {
	next   http.RoundTripper
	report func(status, code int)
}

func (t *restObserver) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.next.RoundTrip(req)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			t.report(0, 0)
		}
		return res, err
	}
	if res.StatusCode < 400 {
		return res, nil
	}
	data, rerr := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	res.Body.Close()
	var body io.Reader = bytes.NewReader(data)
	if rerr != nil {
		body = io.MultiReader(body, errReader{rerr})
	}
	res.Body = io.NopCloser(body)
	var msg struct {
		Code int `json:"code"`
	}
	_ = json.Unmarshal(data, &msg) // not JSON: code 0
	t.report(res.StatusCode, msg.Code)
	return res, nil
}

// errReader fails every read with err, after the part of a body that
// was read.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
