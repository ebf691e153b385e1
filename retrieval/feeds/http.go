package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// ErrTooLarge reports a feed or page over its size cap.
var ErrTooLarge = errors.New("larger than the size cap")

// errBackoff reports a host that asked, with Retry-After, for a pause
// longer than a request may wait; the request is tried on a later poll.
var errBackoff = errors.New("host asked for a pause (Retry-After)")

// A StatusError is an HTTP answer other than 200 OK or 304 Not Modified.
type StatusError struct {
	URL  string
	Code int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("GET %s: %d %s", e.URL, e.Code, http.StatusText(e.Code))
}

// validators are the conditional-GET headers remembered for a feed.
type validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// A response is a fetched body, or notModified.
type response struct {
	body        []byte
	header      http.Header
	url         *url.URL // after redirects
	notModified bool
}

const (
	acceptFeed = "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
	acceptPage = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
)

// get fetches rawURL politely: one request at a time per host, a gap
// between requests, the configured timeout over the whole exchange and at
// most limit bytes of body.
func (p *Poller) get(ctx context.Context, rawURL, accept string, v validators, limit int64) (*response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	release, err := p.hosts.acquire(ctx, u.Host)
	if err != nil {
		return nil, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", p.cfg.UserAgent)
	req.Header.Set("Accept", accept)
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := p.cfg.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	r := &response{header: resp.Header, url: resp.Request.URL}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotModified:
		r.notModified = true
		return r, nil
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		p.hosts.backoff(u.Host, retryAfter(resp.Header.Get("Retry-After")))
		return nil, &StatusError{rawURL, resp.StatusCode}
	default:
		return nil, &StatusError{rawURL, resp.StatusCode}
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("GET %s: %d bytes, %w of %d", rawURL, resp.ContentLength, ErrTooLarge, limit)
	}
	r.body, err = io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	if int64(len(r.body)) > limit {
		return nil, fmt.Errorf("GET %s: %w of %d bytes", rawURL, ErrTooLarge, limit)
	}
	return r, nil
}

// retryAfter reads a Retry-After header in seconds or as an HTTP date,
// capped at an hour; 0 if absent or unreadable.
func retryAfter(h string) time.Duration {
	var d time.Duration
	if s, err := strconv.Atoi(h); err == nil {
		d = time.Duration(s) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = time.Until(t)
	}
	return min(max(d, 0), time.Hour)
}

// transient reports whether err may go away by itself: a timeout, a
// network error, or a status such as 500, 503 or 429. A 404 or a page that
// is not HTML is not.
func transient(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code >= 500 || se.Code == http.StatusTooManyRequests || se.Code == http.StatusRequestTimeout
	}
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, errBackoff)
}

// hosts keeps the poller polite: at most one request at a time per host,
// and at least delay between the end of one and the start of the next.
type hosts struct {
	delay   time.Duration
	maxWait time.Duration // longest a request waits out a Retry-After
	mu      sync.Mutex
	m       map[string]*host
}

type host struct {
	turn      chan struct{} // holds a token while a request is in flight
	mu        sync.Mutex
	last      time.Time // when the last request ended
	notBefore time.Time // from Retry-After
}

func (hs *hosts) host(name string) *host {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if hs.m == nil {
		hs.m = map[string]*host{}
	}
	h := hs.m[name]
	if h == nil {
		h = &host{turn: make(chan struct{}, 1)}
		hs.m[name] = h
	}
	return h
}

// acquire waits for the host's turn and its delay, and returns the
// function that ends the request.
func (hs *hosts) acquire(ctx context.Context, name string) (release func(), err error) {
	h := hs.host(name)
	select {
	case h.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	h.mu.Lock()
	wait := time.Until(h.last.Add(hs.delay))
	nb := time.Until(h.notBefore)
	h.mu.Unlock()
	if nb > hs.maxWait {
		<-h.turn
		return nil, fmt.Errorf("%s: %w for %s", name, errBackoff, nb.Round(time.Second))
	}
	wait = max(wait, nb)
	if wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			<-h.turn
			return nil, ctx.Err()
		}
	}
	return func() {
		h.mu.Lock()
		h.last = time.Now()
		h.mu.Unlock()
		<-h.turn
	}, nil
}

// backoff holds requests to the host for d, as a Retry-After asked.
func (hs *hosts) backoff(name string, d time.Duration) {
	if d <= 0 {
		return
	}
	h := hs.host(name)
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := time.Now().Add(d); t.After(h.notBefore) {
		h.notBefore = t
	}
}
