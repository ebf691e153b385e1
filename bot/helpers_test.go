package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/discordtest"
	"newsdesk/retrieval"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// testDay is the clock of the tests: the evening of the day most test
// articles were published.
var testDay = time.Date(2025, 1, 14, 18, 0, 0, 0, time.UTC)

var testIndex = sync.OnceValues(func() (*retrieval.Index, error) {
	articles, err := retrieval.Load(os.DirFS("testdata/articles"))
	if err != nil {
		return nil, err
	}
	return retrieval.NewIndex(articles)
})

// mustTestIndex returns the index of testdata/articles, built once.
func mustTestIndex(tb testing.TB) *retrieval.Index {
	tb.Helper()
	ix, err := testIndex()
	if err != nil {
		tb.Fatalf("index testdata/articles: %v", err)
	}
	return ix
}

// A testBot is a Bot talking to its own fake Discord, with a clock the
// test moves and its log in a buffer.
type testBot struct {
	*Bot
	fake  *discordtest.Server
	logs  *syncBuffer
	clock *testClock
}

// newTestBot returns a logged-in (REST only, no gateway) bot on a fresh
// fake Discord that answers from testdata/articles; opts adjust its
// Config. When the test ends it checks every message that reached the
// fake: allowed mentions off, nothing Discord would reject.
func newTestBot(tb testing.TB, opts ...func(*Config)) *testBot {
	tb.Helper()
	b := newTestBotOn(tb, discordtest.New(tb), opts...)
	if err := b.login(context.Background()); err != nil {
		tb.Fatalf("login: %v", err)
	}
	return b
}

// newTestBotOn returns a bot on fake that has not logged in or connected.
func newTestBotOn(tb testing.TB, fake *discordtest.Server, opts ...func(*Config)) *testBot {
	tb.Helper()
	ix := mustTestIndex(tb)
	t := &testBot{fake: fake, logs: &syncBuffer{}, clock: &testClock{now: testDay}}
	cfg := Config{
		Token:    discordtest.DefaultToken,
		APIURL:   fake.URL(),
		Index:    func() *retrieval.Index { return ix },
		Logger:   slog.New(slog.NewTextHandler(t.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Now:      t.clock.Now,
		Location: time.UTC,
	}
	for _, o := range opts {
		o(&cfg)
	}
	b, err := New(cfg)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	t.Bot = b
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := b.Close(ctx); err != nil {
			tb.Errorf("Close: %v", err)
		}
		checkPayloads(tb, fake)
		if tb.Failed() {
			tb.Logf("bot log:\n%s", t.logs)
		}
	})
	return t
}

// send delivers an event to the bot's handler as discordgo would, and
// returns when the handler does: an interaction (it has a token) or a
// message.
func (t *testBot) send(tb testing.TB, e discordtest.Event) {
	tb.Helper()
	if _, ok := e["token"]; ok {
		i := t.fake.Interaction(e)
		t.onInteraction(t.s, &discordgo.InteractionCreate{Interaction: i})
		return
	}
	m, err := e.Message()
	if err != nil {
		tb.Fatal(err)
	}
	t.onMessage(t.s, &discordgo.MessageCreate{Message: m})
}

// since returns the requests the fake received after the first n.
func (t *testBot) since(n int) []discordtest.Request {
	return t.fake.Requests()[n:]
}

// mustReadEvent reads testdata/events/name.json.
func mustReadEvent(tb testing.TB, name string) discordtest.Event {
	tb.Helper()
	e, err := discordtest.ReadEvent(filepath.Join("testdata", "events", name+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// Routes of the requests that carry a message. A request answered by
// FailNext has no Route, so requests are matched by path.
var (
	isCallback       = discordtest.Match("POST", "/interactions/{id}/{token}/callback")
	isFollowUp       = discordtest.Match("POST", "/webhooks/{app}/{token}")
	isWebhookEdit    = discordtest.Match("PATCH", "/webhooks/{app}/{token}/messages/{message}")
	isChannelMessage = discordtest.Match("POST", "/channels/{channel}/messages")
)

// messagePayload returns the message a request carries (an interaction
// response's data, a webhook follow-up or edit, a channel message), or
// nil for other requests.
func messagePayload(r discordtest.Request) map[string]any {
	body, _ := r.JSON.(map[string]any)
	switch {
	case isCallback(r):
		switch typ, _ := body["type"].(float64); typ {
		case 4, 7:
			m, _ := body["data"].(map[string]any)
			return m
		}
		return nil
	case isFollowUp(r), isWebhookEdit(r), isChannelMessage(r):
		return body
	}
	return nil
}

// checkPayloads fails tb when a message that reached the fake could ping
// someone or was refused as Discord would refuse it.
func checkPayloads(tb testing.TB, fake *discordtest.Server) {
	tb.Helper()
	for _, r := range fake.Requests() {
		m := messagePayload(r)
		if m == nil {
			continue
		}
		am, _ := m["allowed_mentions"].(map[string]any)
		parse, isList := am["parse"].([]any)
		if !isList || len(parse) != 0 {
			tb.Errorf("%s: allowed_mentions = %v, want {\"parse\": []}", r, m["allowed_mentions"])
		}
	}
	for _, r := range fake.Rejected() {
		tb.Errorf("rejected by the fake: %s", r)
	}
}

// golden compares got with testdata/name.golden, or rewrites it with -update.
func golden(tb testing.TB, name, got string) {
	tb.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test ./bot -update to create it)", err)
	}
	if got != string(want) {
		tb.Errorf("reply differs from %s (go test ./bot -run %s -update rewrites it):\n--- got\n%s\n--- want\n%s", path, tb.Name(), got, want)
	}
}

// renderRequests shows what the bot sent, one request after another, as
// a reviewer would read it: route, response type, flags, the message's
// content, embeds (with their lengths) and buttons. IDs that change
// between runs are left out; a reply to the message with ID replyTo says
// so.
func renderRequests(reqs []discordtest.Request, replyTo string) string {
	var b strings.Builder
	for _, r := range reqs {
		fmt.Fprintf(&b, "%s %s -> %d\n", r.Method, r.Route, r.Status)
		body, _ := r.JSON.(map[string]any)
		m := body
		if isCallback(r) {
			fmt.Fprintf(&b, "type: %v\n", body["type"])
			m, _ = body["data"].(map[string]any)
		}
		renderMessage(&b, m, replyTo)
		b.WriteString("\n")
	}
	return b.String()
}

func renderMessage(b *strings.Builder, m map[string]any, replyTo string) {
	if m == nil {
		return
	}
	if f, _ := m["flags"].(float64); f != 0 {
		fmt.Fprintf(b, "flags: %d", int(f))
		if int(f)&int(discordgo.MessageFlagsEphemeral) != 0 {
			b.WriteString(" (ephemeral)")
		}
		b.WriteString("\n")
	}
	if ref, ok := m["message_reference"].(map[string]any); ok {
		what := "another message"
		if ref["message_id"] == replyTo {
			what = "the question"
		}
		fmt.Fprintf(b, "reply to: %s (fail_if_not_exists: %v)\n", what, ref["fail_if_not_exists"])
	}
	if am, ok := m["allowed_mentions"]; ok {
		j, _ := json.Marshal(am)
		fmt.Fprintf(b, "allowed_mentions: %s\n", j)
	}
	if c, _ := m["content"].(string); c != "" {
		fmt.Fprintf(b, "content (%d):\n%s\n", runes(c), indent(c))
	}
	embeds, _ := m["embeds"].([]any)
	for n, e := range embeds {
		e, _ := e.(map[string]any)
		fmt.Fprintf(b, "embed %d:\n", n+1)
		for _, k := range []string{"title", "description"} {
			if s, _ := e[k].(string); s != "" {
				fmt.Fprintf(b, "  %s (%d):\n%s\n", k, runes(s), indent(indent(s)))
			}
		}
		fields, _ := e["fields"].([]any)
		for _, f := range fields {
			f, _ := f.(map[string]any)
			fmt.Fprintf(b, "  field %q (%d):\n%s\n", f["name"], runes(fmt.Sprint(f["value"])), indent(indent(fmt.Sprint(f["value"]))))
		}
		if f, ok := e["footer"].(map[string]any); ok {
			fmt.Fprintf(b, "  footer: %s\n", f["text"])
		}
	}
	if len(embeds) > 0 {
		fmt.Fprintf(b, "embed characters: %d\n", embedTotal(embeds))
	}
	rows, _ := m["components"].([]any)
	for _, row := range rows {
		row, _ := row.(map[string]any)
		items, _ := row["components"].([]any)
		for _, it := range items {
			it, _ := it.(map[string]any)
			fmt.Fprintf(b, "button: %q -> %s\n", it["label"], it["custom_id"])
		}
	}
	if cs, ok := m["choices"].([]any); ok {
		fmt.Fprintf(b, "choices (%d):\n", len(cs))
		for _, c := range cs {
			c, _ := c.(map[string]any)
			fmt.Fprintf(b, "  %s = %q\n", c["value"], c["name"])
		}
	}
}

func embedTotal(embeds []any) int {
	n := 0
	for _, e := range embeds {
		e, _ := e.(map[string]any)
		for _, k := range []string{"title", "description"} {
			s, _ := e[k].(string)
			n += runes(s)
		}
		if f, ok := e["footer"].(map[string]any); ok {
			s, _ := f["text"].(string)
			n += runes(s)
		}
		fields, _ := e["fields"].([]any)
		for _, f := range fields {
			f, _ := f.(map[string]any)
			n += runes(fmt.Sprint(f["name"])) + runes(fmt.Sprint(f["value"]))
		}
	}
	return n
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

// callbacks returns the interaction callbacks among reqs.
func callbacks(reqs []discordtest.Request) []discordtest.Request {
	var out []discordtest.Request
	for _, r := range reqs {
		if isCallback(r) {
			out = append(out, r)
		}
	}
	return out
}

// callbackData returns the response type and data of a callback request
// (decoded generically: discordgo cannot decode components back).
func callbackData(r discordtest.Request) (discordgo.InteractionResponseType, map[string]any) {
	body, _ := r.JSON.(map[string]any)
	typ, _ := body["type"].(float64)
	data, _ := body["data"].(map[string]any)
	return discordgo.InteractionResponseType(typ), data
}

// A testClock is a clock the test sets.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// A syncBuffer is a bytes.Buffer safe for concurrent use, for logs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// lines returns the log lines that contain every one of words.
func (b *syncBuffer) lines(words ...string) []string {
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		ok := l != ""
		for _, w := range words {
			ok = ok && strings.Contains(l, w)
		}
		if ok {
			out = append(out, l)
		}
	}
	return out
}

// testIndexFunc returns a Config.Index serving testdata/articles.
func testIndexFunc(tb testing.TB) func() *retrieval.Index {
	ix := mustTestIndex(tb)
	return func() *retrieval.Index { return ix }
}
