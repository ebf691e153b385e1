package bot

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"newsdesk/bot/discordtest"
	"newsdesk/retrieval"
)

// A hookLog records what a bot's Hooks were told, one line per call.
type hookLog struct {
	mu    sync.Mutex
	calls []string
	took  []time.Duration
}

func (h *hookLog) add(s string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls = append(h.calls, s)
}

func (h *hookLog) lines() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.calls)
}

// withHooks sets every hook of a bot's Config to record into h.
func withHooks(h *hookLog) func(*Config) {
	return func(c *Config) {
		c.Hooks = Hooks{
			Question: func(command, outcome string, took time.Duration) {
				h.add(command + " " + outcome)
				h.mu.Lock()
				h.took = append(h.took, took)
				h.mu.Unlock()
			},
			ScheduledBrief: func(result string) { h.add("brief " + result) },
			RESTError:      func(status, code int) { h.add(fmt.Sprintf("rest %d %d", status, code)) },
		}
	}
}

// TestHooksQuestion sends commands, clicks, mentions and DMs and checks
// the command and outcome Hooks.Question is told of each, once it has
// been answered.
func TestHooksQuestion(t *testing.T) {
	t.Parallel()
	const alice = "1187000000000000401"
	ask := func(q string) discordtest.Event { return askAs(alice, q) }
	tests := []struct {
		name   string
		opts   func(*Config)
		before func(*testBot)
		events []discordtest.Event
		want   []string // Question calls, then any RESTError calls, in order
	}{
		// Questions the articles answer, or say they don't.
		{name: "ask answered", events: []discordtest.Event{ask(question)}, want: []string{"ask answered"}},
		{name: "ask not found", events: []discordtest.Event{ask("Who won the World Cup final?")}, want: []string{"ask not_found"}},
		{name: "mention", events: []discordtest.Event{mentionAs(alice, question)}, want: []string{"mention answered"}},
		{name: "DM not found", events: []discordtest.Event{discordtest.DirectMessage("Who won the World Cup final?")}, want: []string{"mention not_found"}},
		{name: "help", events: []discordtest.Event{discordtest.CommandInteraction("help")}, want: []string{"help answered"}},
		{name: "articles", events: []discordtest.Event{discordtest.CommandInteraction("articles")}, want: []string{"articles answered"}},
		{name: "brief", events: []discordtest.Event{discordtest.CommandInteraction("brief", discordtest.Arg("date", "2025-01-14"))}, want: []string{"brief answered"}},

		// Input the bot does not take.
		{name: "no words", events: []discordtest.Event{ask("?!")}, want: []string{"ask refused"}},
		{name: "too long", events: []discordtest.Event{ask(strings.Repeat("why ", 100))}, want: []string{"ask refused"}},
		{name: "unknown article", events: []discordtest.Event{discordtest.CommandInteraction("ask",
			discordtest.Arg("question", question), discordtest.Arg("article", "zzz nonesuch"))}, want: []string{"ask refused"}},
		{name: "bad date", events: []discordtest.Event{discordtest.CommandInteraction("brief", discordtest.Arg("date", "soon"))}, want: []string{"brief refused"}},
		{name: "unknown command", events: []discordtest.Event{discordtest.CommandInteraction("nonesuch")}, want: []string{"other refused"}},
		{name: "unknown button", events: []discordtest.Event{discordtest.ComponentInteraction("gone:1")}, want: []string{"other refused"}},
		{name: "empty mention", events: []discordtest.Event{mentionAs(alice, "")}, want: []string{"mention refused"}},

		// Too many, too fast.
		{name: "rate limited", opts: func(c *Config) { c.RateLimit = 1 }, events: []discordtest.Event{ask(question), ask(question), mentionAs(alice, question)},
			want: []string{"ask answered", "ask rate_limited", "mention rate_limited"}},

		// Failures: Discord refuses the reply, or preparing it panics.
		{name: "reply refused", before: func(b *testBot) {
			b.fake.FailNext("POST", "/interactions/{id}/{token}/callback", discordtest.MissingPermissions())
		}, events: []discordtest.Event{ask(question)}, want: []string{"ask error", "rest 403 50013"}},
		{name: "mention reply refused", before: func(b *testBot) {
			b.fake.FailNext("POST", "/channels/{channel}/messages", discordtest.MissingAccess())
		}, events: []discordtest.Event{mentionAs(alice, question)}, want: []string{"mention error", "rest 403 50001"}},
		{name: "panic", opts: func(c *Config) { c.Index = func() *retrieval.Index { panic("no index today") } },
			events: []discordtest.Event{ask(question)}, want: []string{"ask error"}},

		// Not questions: nothing is counted.
		{name: "autocomplete", events: []discordtest.Event{discordtest.AutocompleteInteraction("ask", discordtest.FocusedArg("article", "storm"))}},
		{name: "message not for the bot", events: []discordtest.Event{discordtest.GuildMessage("no mention here")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := &hookLog{}
			opts := []func(*Config){withHooks(h)}
			if tt.opts != nil {
				opts = append(opts, tt.opts)
			}
			b := newTestBot(t, opts...)
			if tt.before != nil {
				tt.before(b)
			}
			for _, e := range tt.events {
				b.send(t, e)
			}
			got := h.lines()
			// RESTError is called as the answer arrives, before the
			// question is done: list the questions first.
			slices.SortStableFunc(got, func(a, b string) int {
				return btoi(strings.HasPrefix(a, "rest ")) - btoi(strings.HasPrefix(b, "rest "))
			})
			if !slices.Equal(got, tt.want) {
				t.Errorf("hooks called with %q, want %q\nlog:\n%s", got, tt.want, b.logs)
			}
			for _, d := range h.took {
				if d <= 0 || d > 10*time.Second {
					t.Errorf("took = %v, want the time from receipt to reply", d)
				}
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestHooksRESTError checks that the error answers Hooks.RESTError sees
// still reach discordgo whole: the bot logs Discord's code from the body.
func TestHooksRESTError(t *testing.T) {
	t.Parallel()
	h := &hookLog{}
	b := newTestBot(t, withHooks(h))
	b.fake.FailNext("POST", "/channels/{channel}/messages", discordtest.Fail(http.StatusNotFound, 10003, "Unknown Channel"))
	err := b.PostBrief(context.Background(), briefsChannel, testDay)
	if err == nil || !strings.Contains(err.Error(), "Unknown Channel") {
		t.Errorf("PostBrief = %v, want Discord's 404 Unknown Channel", err)
	}
	if got, want := h.lines(), []string{"rest 404 10003"}; !slices.Equal(got, want) {
		t.Errorf("RESTError calls %q, want %q", got, want)
	}
	if refusal(err) == "" {
		t.Errorf("refusal(%v) = \"\": Discord's code did not reach the error", err)
	}
}

// TestHooksScheduledBrief posts scheduled briefs that go out, fail and
// are refused, through the scheduler's PostFunc.
func TestHooksScheduledBrief(t *testing.T) {
	t.Parallel()
	h := &hookLog{}
	b := newTestBot(t, withHooks(h))
	b.fake.FailNext("POST", "/channels/{channel}/messages", discordtest.Fail(http.StatusInternalServerError, 0, "500: Internal Server Error"))
	b.fake.FailNext("POST", "/channels/{channel}/messages", discordtest.MissingPermissions())
	for range 3 {
		_ = b.countedPost(context.Background(), discordtest.DefaultGuildID, briefsChannel, testDay)
	}
	var briefs []string
	for _, l := range h.lines() {
		if strings.HasPrefix(l, "brief ") {
			briefs = append(briefs, l)
		}
	}
	if want := []string{"brief failed", "brief refused", "brief posted"}; !slices.Equal(briefs, want) {
		t.Errorf("ScheduledBrief calls %q, want %q", briefs, want)
	}
}
