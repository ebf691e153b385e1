package discordtest

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// APIError is the JSON body of Discord's error answers: a numeric code
// (0 for plain HTTP errors such as 404), a message and, for 50035 Invalid
// Form Body, the errors tree by field path.
type APIError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Errors  any    `json:"errors,omitempty"`
}

// A Failure is an error answer for [Server.FailNext]. Build one with
// [Fail], [MissingPermissions], [MissingAccess] or [RateLimited].
type Failure struct {
	Status int
	Header http.Header
	Body   any // encoded as JSON; nil sends no body

	retryAfter time.Duration // when > 0, rate limit headers are computed at answer time
	global     bool
}

// Fail returns a Failure answering status with Discord's error JSON
// {"code": code, "message": message}.
func Fail(status, code int, message string) Failure {
	return Failure{Status: status, Body: APIError{Code: code, Message: message}}
}

// MissingPermissions is Discord's answer when the bot lacks a permission
// in the channel: 403, code 50013.
func MissingPermissions() Failure { return Fail(http.StatusForbidden, 50013, "Missing Permissions") }

// MissingAccess is Discord's answer when the bot cannot see the channel or
// guild at all: 403, code 50001.
func MissingAccess() Failure { return Fail(http.StatusForbidden, 50001, "Missing Access") }

// RateLimited is Discord's 429: body {"message": "You are being rate
// limited.", "retry_after": seconds, "global": global} and the
// X-RateLimit-* and Retry-After headers, with the bucket exhausted until
// retryAfter from when it is served. discordgo sleeps retry_after and then
// retries, with no limit on how many times.
func RateLimited(retryAfter time.Duration, global bool) Failure {
	return Failure{
		Status: http.StatusTooManyRequests,
		Body: map[string]any{
			"message":     "You are being rate limited.",
			"retry_after": retryAfter.Seconds(),
			"global":      global,
		},
		retryAfter: retryAfter,
		global:     global,
	}
}

func (f Failure) reply() reply {
	h := f.Header.Clone()
	if h == nil {
		h = make(http.Header)
	}
	if f.retryAfter > 0 {
		secs := f.retryAfter.Seconds()
		reset := float64(time.Now().Add(f.retryAfter).UnixMilli()) / 1000
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", strconv.FormatFloat(reset, 'f', 3, 64))
		h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
		h.Set("X-RateLimit-Bucket", randomHex(32))
		h.Set("Retry-After", strconv.Itoa(int(math.Ceil(secs))))
		h.Set("X-RateLimit-Scope", "user")
		if f.global {
			h.Set("X-RateLimit-Global", "true")
			h.Set("X-RateLimit-Scope", "global")
		}
	}
	return reply{status: f.Status, header: h, body: f.Body}
}

type failure struct {
	method, pattern string
	f               Failure
}

// FailNext makes the next request matching method ("" for any) and pattern
// (as in [Match]) get f instead of its normal answer. Calls queue up: two
// FailNext for the same route fail the next two requests.
func (s *Server) FailNext(method, pattern string, f Failure) {
	if f.Status < 400 {
		s.tb.Fatalf("discordtest: FailNext %s %s: status %d is not an error", method, pattern, f.Status)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method, pattern, f})
}

// takeFailure removes and returns the first queued failure matching r.
func (s *Server) takeFailure(r Request) (Failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, fl := range s.failures {
		if Match(fl.method, fl.pattern)(r) {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
			return fl.f, true
		}
	}
	return Failure{}, false
}

// String returns "403 Missing Permissions (50013)" and the like.
func (f Failure) String() string {
	if e, ok := f.Body.(APIError); ok {
		return fmt.Sprintf("%d %s (%d)", f.Status, e.Message, e.Code)
	}
	return fmt.Sprintf("%d %s", f.Status, http.StatusText(f.Status))
}
