// Package discordtest is a fake Discord for tests: an httptest.Server that
// the real discordgo client talks to over HTTP and WebSocket, speaking the
// JSON Discord documents.
//
// The REST side serves the routes Newsdesk calls (gateway discovery, the
// current user and application, application commands, interaction
// callbacks, webhook follow-ups and edits, channel messages and DM
// channels), checks message payloads against Discord's limits, records
// every request and can answer with injected errors (403, 429). The gateway
// side (/gateway-ws) sends Hello, reads Identify or Resume, sends READY and
// then whatever the test dispatches.
//
// A test points a session at the fake through its HTTP client, never
// through discordgo's Endpoint variables. Most tests need no gateway: they
// build an event, call the handler and look at what reached the fake.
//
//	s := discordtest.New(t)
//	dg := s.Session("") // *discordgo.Session whose Client goes to s
//	i := s.Interaction(discordtest.CommandInteraction("ask", discordtest.Arg("question", "rates?")))
//	onInteraction(dg, &discordgo.InteractionCreate{Interaction: i})
//	cb := s.Find(discordtest.Match("POST", "/interactions/{id}/{token}/callback"))
//	if len(s.Rejected()) > 0 { … }
//
// An end-to-end test opens the session and lets the fake dispatch:
//
//	dg.AddHandler(onInteraction)
//	if err := dg.Open(); err != nil { … }
//	s.WaitReady(t, 5*time.Second)
//	s.SendInteraction(discordtest.CommandInteraction("ask", discordtest.Arg("question", "rates?")))
//	s.WaitRequests(t, discordtest.Match("POST", "/interactions/{id}/{token}/callback"), 1, 5*time.Second)
//
// A Server is safe for concurrent use. Methods that take no testing.TB and
// can fail (Dispatch, SendInteraction, SendMessageCreate) call Fatal on the
// TB given to [New], so call them from the test's goroutine.
package discordtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// gatewayPath is where the fake serves its WebSocket gateway. discordgo
// appends "/" and "?v=…&encoding=json" to the URL from GET /gateway, so
// anything under this path is the gateway.
const gatewayPath = "/gateway-ws"

// apiPrefix is the path of discordgo.EndpointAPI without its trailing
// slash, such as "/api/v9". It is read from discordgo rather than written
// here so that a discordgo upgrade that changes the version still works.
var apiPrefix, apiVersion = func() (string, int) {
	u, err := url.Parse(discordgo.EndpointAPI)
	if err != nil {
		panic(fmt.Sprintf("discordtest: parse discordgo.EndpointAPI %q: %v", discordgo.EndpointAPI, err))
	}
	p := strings.TrimSuffix(u.Path, "/")
	v, _ := strconv.Atoi(strings.TrimPrefix(p[strings.LastIndex(p, "/")+1:], "v"))
	return p, v
}()

// A Server is a fake Discord. Create one with [New]; it is closed when the
// test ends. It is safe for concurrent use.
type Server struct {
	tb  testing.TB
	srv *httptest.Server
	cfg config

	mu           sync.Mutex // guards the fields below
	requests     []Request
	failures     []failure
	latency      time.Duration
	commands     map[string][]map[string]any // by guild ID, "" for global
	messages     []map[string]any            // every message created, in order
	dms          map[string]string           // recipient user ID to DM channel ID
	interactions map[string]*interaction     // by interaction token

	gw gateway

	nmu     sync.Mutex    // guards changed
	changed chan struct{} // closed and replaced on every recorded change
}

type config struct {
	botID, botName string
	appID          string
	tokens         map[string]bool
	heartbeat      time.Duration
	guilds         []string
}

// An Option configures a Server in [New].
type Option func(*config)

// WithBot sets the bot user's ID and username, by default [DefaultAppID]
// and [DefaultBotName].
func WithBot(id, username string) Option {
	return func(c *config) { c.botID, c.botName = id, username }
}

// WithApplicationID sets the application ID, by default [DefaultAppID].
// Application command and webhook routes for other IDs are refused.
func WithApplicationID(id string) Option {
	return func(c *config) { c.appID = id }
}

// WithTokens sets the bot tokens the fake accepts, without the "Bot "
// prefix; by default only [DefaultToken]. REST calls must carry
// "Authorization: Bot <token>"; Identify may carry the token with or
// without the prefix, as Discord allows.
func WithTokens(tokens ...string) Option {
	return func(c *config) {
		c.tokens = make(map[string]bool, len(tokens))
		for _, t := range tokens {
			c.tokens[t] = true
		}
	}
}

// WithHeartbeatInterval sets the interval sent in Hello (Discord sends
// 41250ms, the default). discordgo heartbeats once on connecting and then
// every d; it gives up on the connection after 5·d without an ack.
//
// Keep the default in tests that disconnect or reconnect: discordgo
// v0.29.0's heartbeat loop can wake during the second Close sleeps, fail
// on the dead socket and call Close again, closing (with 1000, which ends
// the session) the connection that has just replaced it.
func WithHeartbeatInterval(d time.Duration) Option {
	return func(c *config) { c.heartbeat = d }
}

// WithGuilds sets the guilds listed (as unavailable stubs) in READY and then
// sent as GUILD_CREATE, by default [DefaultGuildID]. No IDs means none.
func WithGuilds(ids ...string) Option {
	return func(c *config) { c.guilds = ids }
}

// New starts a fake Discord on a loopback port and closes it, along with
// its gateway connections, when tb's test ends.
func New(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s := &Server{
		tb: tb,
		cfg: config{
			botID:     DefaultAppID,
			botName:   DefaultBotName,
			appID:     DefaultAppID,
			tokens:    map[string]bool{DefaultToken: true},
			heartbeat: 41250 * time.Millisecond,
			guilds:    []string{DefaultGuildID},
		},
		commands:     make(map[string][]map[string]any),
		dms:          make(map[string]string),
		interactions: make(map[string]*interaction),
		changed:      make(chan struct{}),
	}
	for _, o := range opts {
		o(&s.cfg)
	}
	s.gw.init()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	tb.Cleanup(s.close)
	return s
}

func (s *Server) close() {
	s.gw.shutdown()
	s.srv.Close()
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == gatewayPath || strings.HasPrefix(r.URL.Path, gatewayPath+"/") {
		s.serveGateway(w, r)
		return
	}
	s.serveREST(w, r)
}

// URL returns the fake's origin, such as "http://127.0.0.1:41234".
func (s *Server) URL() string { return s.srv.URL }

// GatewayURL returns the WebSocket URL that GET /gateway answers, such as
// "ws://127.0.0.1:41234/gateway-ws".
func (s *Server) GatewayURL() string {
	return "ws://" + strings.TrimPrefix(s.srv.URL, "http://") + gatewayPath
}

// BotUser returns the bot's user as READY and GET /users/@me describe it.
func (s *Server) BotUser() *discordgo.User {
	return &discordgo.User{ID: s.cfg.botID, Username: s.cfg.botName, Discriminator: "0", Bot: true}
}

// AppID returns the application ID.
func (s *Server) AppID() string { return s.cfg.appID }

// Transport returns a RoundTripper that sends every request to the fake,
// whatever its scheme and host, keeping path, query and Host header (so
// [Request.Host] still says "discord.com"). Use it as the Transport of a
// discordgo Session's Client.
func (s *Server) Transport() http.RoundTripper {
	u, _ := url.Parse(s.srv.URL) // httptest always gives a valid URL
	return &redirect{origin: u, next: s.srv.Client().Transport}
}

type redirect struct {
	origin *url.URL
	next   http.RoundTripper
}

func (t *redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.URL.Scheme = t.origin.Scheme
	r.URL.Host = t.origin.Host
	if r.Host == "" {
		r.Host = req.URL.Host
	}
	return t.next.RoundTrip(r)
}

// Session returns a discordgo Session for token (as discordgo.New takes it,
// "Bot …"; empty means "Bot "+[DefaultToken]) whose Client goes to the fake.
// It is not opened; it is closed when the test ends, which takes discordgo
// a second if it was. Reconnecting is turned off first: during that second
// discordgo's heartbeat loop can fail on the closing socket and start
// reconnecting, to a fake that is about to close.
func (s *Server) Session(token string) *discordgo.Session {
	if token == "" {
		token = "Bot " + DefaultToken
	}
	dg, err := discordgo.New(token)
	if err != nil {
		s.tb.Fatalf("discordtest: new session: %v", err)
	}
	dg.Client = &http.Client{Transport: s.Transport(), Timeout: 10 * time.Second}
	dg.ShouldReconnectOnError = true
	dg.ShouldRetryOnRateLimit = true
	s.tb.Cleanup(func() {
		dg.ShouldReconnectOnError = false // read by reconnect only after Close releases the session lock
		_ = dg.Close()
	})
	return dg
}

// SetLatency makes every later REST answer wait d first (0 turns it off),
// or until the client gives up on the request.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// notify wakes everything waiting in waitFor.
func (s *Server) notify() {
	s.nmu.Lock()
	defer s.nmu.Unlock()
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor blocks until cond reports true, re-checking after every change,
// and calls tb.Fatal after timeout with what was awaited.
func (s *Server) waitFor(tb testing.TB, timeout time.Duration, what func() string, cond func() bool) {
	tb.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.nmu.Lock()
		ch := s.changed
		s.nmu.Unlock()
		if cond() {
			return
		}
		select {
		case <-ch:
		case <-deadline.C:
			tb.Fatalf("discordtest: after %v: %s", timeout, what())
		}
	}
}
