package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// A Request is one REST call as the fake received and answered it.
type Request struct {
	Method string
	// Path is the URL path below the API prefix ("/api/v9" for discordgo
	// v0.29.0), such as "/channels/1187000000000000200/messages", so tests
	// do not depend on the API version. Paths outside the prefix are kept
	// whole.
	Path   string
	Query  url.Values
	Host   string // the host the client addressed, kept by [Server.Transport]
	Header http.Header
	Body   []byte
	// JSON is the decoded body (for multipart bodies, the payload_json
	// part): map[string]any, []any, … or nil when there was none.
	JSON  any
	Files []string // file names of multipart attachments
	// Route is the pattern the request was served by, such as
	// "/channels/{channel}/messages"; empty for unknown routes.
	Route  string
	Status int
	// Problems lists why the fake refused the body as Discord would
	// (limits, empty message, invalid JSON), one "field.path: message" each.
	Problems []string
	// Injected reports whether the answer came from [Server.FailNext].
	Injected bool
}

// Decode unmarshals the request's JSON body into v.
func (r Request) Decode(v any) error {
	b, err := json.Marshal(r.JSON)
	if err != nil {
		return fmt.Errorf("decode %s %s: %w", r.Method, r.Path, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s %s: %w", r.Method, r.Path, err)
	}
	return nil
}

// String returns "METHOD /path -> status".
func (r Request) String() string {
	s := fmt.Sprintf("%s %s -> %d", r.Method, r.Path, r.Status)
	if len(r.Problems) > 0 {
		s += " " + strings.Join(r.Problems, "; ")
	}
	return s
}

// Match returns a predicate for requests with the given method ("" for any)
// whose Path matches pattern segment by segment, where a segment in braces
// such as "{id}" matches any one segment: Match("POST",
// "/channels/{id}/messages").
func Match(method, pattern string) func(Request) bool {
	return func(r Request) bool {
		if method != "" && !strings.EqualFold(method, r.Method) {
			return false
		}
		_, ok := matchPath(pattern, r.Path)
		return ok
	}
}

// matchPath reports whether path fits pattern, and the values of its
// brace segments by name.
func matchPath(pattern, path string) (map[string]string, bool) {
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	xs := strings.Split(strings.Trim(path, "/"), "/")
	if len(ps) != len(xs) {
		return nil, false
	}
	params := make(map[string]string)
	for i, p := range ps {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if xs[i] == "" {
				return nil, false
			}
			params[p[1:len(p)-1]] = xs[i]
			continue
		}
		if p != xs[i] {
			return nil, false
		}
	}
	return params, true
}

// Requests returns every REST request received so far, oldest first.
func (s *Server) Requests() []Request {
	return s.Find(func(Request) bool { return true })
}

// Find returns the requests received so far that match, oldest first.
func (s *Server) Find(match func(Request) bool) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.requests {
		if match(r) {
			out = append(out, r)
		}
	}
	return out
}

// Rejected returns the requests the fake refused for their body, as
// Discord would with 400 (limits, empty message, invalid JSON); a test
// that sends only valid payloads expects none. Injected failures are not
// included.
func (s *Server) Rejected() []Request {
	return s.Find(func(r Request) bool { return len(r.Problems) > 0 })
}

// WaitRequests waits until at least n requests match and returns all that
// do, or calls tb.Fatal after timeout listing what arrived.
func (s *Server) WaitRequests(tb testing.TB, match func(Request) bool, n int, timeout time.Duration) []Request {
	tb.Helper()
	var got []Request
	s.waitFor(tb, timeout, func() string {
		var all []string
		for _, r := range s.Requests() {
			all = append(all, r.String())
		}
		return fmt.Sprintf("%d matching requests, want %d; received:\n\t%s", len(got), n, strings.Join(all, "\n\t"))
	}, func() bool {
		got = s.Find(match)
		return len(got) >= n
	})
	return got
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r)
	s.mu.Unlock()
	s.notify()
}
