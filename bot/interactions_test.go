package bot

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/discordtest"
	"newsdesk/retrieval"
)

const question = "Why were schools closed in the north?"

// askAs returns an /ask interaction by user id.
func askAs(id, q string) discordtest.Event {
	e := discordtest.CommandInteraction("ask", discordtest.Arg("question", q))
	e["member"].(map[string]any)["user"] = map[string]any{"id": id, "username": "user" + id[len(id)-3:], "discriminator": "0"}
	return e
}

// mentionAs returns a message by user id that asks the bot q.
func mentionAs(id, q string) discordtest.Event {
	e := discordtest.GuildMessage(discordtest.Mention(discordtest.DefaultAppID) + " " + q)
	e["author"] = map[string]any{"id": id, "username": "user" + id[len(id)-3:], "discriminator": "0"}
	return e
}

// lastReply returns the message payload of the last request, or fails.
func lastReply(tb testing.TB, b *testBot) map[string]any {
	tb.Helper()
	reqs := b.fake.Requests()
	m := messagePayload(reqs[len(reqs)-1])
	if m == nil {
		tb.Fatalf("last request %s carries no message", reqs[len(reqs)-1])
	}
	return m
}

func isAnswer(m map[string]any) bool {
	embeds, _ := m["embeds"].([]any)
	return len(embeds) == 1 && m["flags"] == nil
}

// TestRateLimit asks five questions in a row as one user, all answered,
// then a sixth within ten seconds, refused with a private note; another
// user is not held up, and after ten seconds the first may ask again.
// Mentions count against the same limit.
func TestRateLimit(t *testing.T) {
	t.Parallel()
	b := newTestBot(t)
	const alice, bob = "1187000000000000401", "1187000000000000402"
	for n := 1; n <= 5; n++ {
		b.send(t, askAs(alice, question))
		if m := lastReply(t, b); !isAnswer(m) {
			t.Fatalf("question %d: %v, want an answer", n, m)
		}
		b.clock.Advance(time.Second)
	}
	b.send(t, askAs(alice, question))
	m := lastReply(t, b)
	if m["flags"] != float64(discordgo.MessageFlagsEphemeral) || m["content"] != "You're asking quickly! Please wait 5 seconds and try again." {
		t.Errorf("sixth question in 10 s: %v, want an ephemeral note to wait 5 seconds", m)
	}
	b.send(t, askAs(bob, question))
	if m := lastReply(t, b); !isAnswer(m) {
		t.Errorf("another user: %v, want an answer", m)
	}
	b.send(t, mentionAs(alice, question))
	if m := lastReply(t, b); !strings.HasPrefix(m["content"].(string), "You're asking quickly!") {
		t.Errorf("mention over the limit: %v, want the note", m)
	}
	b.clock.Advance(5 * time.Second)
	b.send(t, askAs(alice, question))
	if m := lastReply(t, b); !isAnswer(m) {
		t.Errorf("after the window: %v, want an answer", m)
	}
}

// TestIgnoredMessages sends messages the bot must not answer.
func TestIgnoredMessages(t *testing.T) {
	t.Parallel()
	me := discordtest.Mention(discordtest.DefaultAppID)
	botAuthor := map[string]any{"id": "1187000000000000999", "username": "otherbot", "discriminator": "0", "bot": true}
	self := map[string]any{"id": discordtest.DefaultAppID, "username": "Newsdesk", "discriminator": "0", "bot": true}
	tests := []struct {
		name string
		e    discordtest.Event
	}{
		{"no mention", discordtest.GuildMessage(question)},
		{"another user mentioned", discordtest.GuildMessage(discordtest.Mention("1187000000000000555") + " " + question)},
		{"@everyone", discordtest.GuildMessage("@everyone "+question).With("mention_everyone", true)},
		{"a role mention", discordtest.GuildMessage("<@&1187000000000000777> "+question).With("mention_roles", []any{"1187000000000000777"})},
		{"the mention as text only", discordtest.GuildMessage("`"+me+"` "+question).With("mentions", []any{})},
		{"another bot", discordtest.GuildMessage(me+" "+question).With("author", botAuthor)},
		{"another bot in a DM", discordtest.DirectMessage(question).With("author", botAuthor)},
		{"itself", discordtest.GuildMessage(me+" "+question).With("author", self)},
		{"a webhook", discordtest.GuildMessage(me+" "+question).With("webhook_id", "1187000000000000888").With("author", botAuthor)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newTestBot(t)
			n := len(b.fake.Requests())
			b.send(t, tt.e)
			if reqs := b.since(n); len(reqs) != 0 {
				t.Errorf("bot sent %v, want nothing", reqs)
			}
		})
	}
}

// TestDeferredReplies answers with Config.DeferAfter < 0, so that every
// answer is deferred and then edited in: the callback acknowledges (type
// 5, private for a button), and the edit of @original carries the answer.
func TestDeferredReplies(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"ask", "summary", "button_more_article", "brief", "brief_date", "brief_fallback"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := newTestBot(t, func(c *Config) { c.DeferAfter = -1 })
			e := mustReadEvent(t, name)
			n := len(b.fake.Requests())
			b.send(t, e)
			golden(t, "deferred_"+name, renderRequests(b.since(n), ""))
			// The fake keeps the loading flag of a deferred response
			// after the edit; Discord clears it.
			msgs := b.fake.Messages(discordtest.DefaultChannelID)
			if len(msgs) != 1 || len(msgs[0].Embeds) == 0 {
				t.Errorf("messages in the channel = %+v, want one, edited to the answer", msgs)
			}
		})
	}
}

// TestDeferSlowWork checks that work slower than DeferAfter is deferred:
// the work waits until the fake has the deferral, so no timing decides.
func TestDeferSlowWork(t *testing.T) {
	t.Parallel()
	b := newTestBot(t, func(c *Config) { c.DeferAfter = 10 * time.Millisecond })
	i := b.fake.Interaction(discordtest.CommandInteraction("ask", discordtest.Arg("question", question)))
	b.answer(i, false, func() (*discordgo.InteractionResponseData, error) {
		b.fake.WaitRequests(t, discordtest.Match("POST", "/interactions/{id}/{token}/callback"), 1, 10*time.Second)
		return &discordgo.InteractionResponseData{Content: "Slow but sure."}, nil
	})
	reqs := b.fake.Requests()[4:] // after login: /users/@me, application, commands GET and PUT
	if len(reqs) != 2 || reqs[0].Route != "/interactions/{interaction}/{token}/callback" || reqs[1].Method != "PATCH" {
		t.Fatalf("requests = %v, want the deferral and the edit", reqs)
	}
	if typ, _ := callbackData(reqs[0]); typ != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("callback type %d, want %d", typ, discordgo.InteractionResponseDeferredChannelMessageWithSource)
	}
	if msgs := b.fake.Messages(""); len(msgs) != 1 || msgs[0].Content != "Slow but sure." {
		t.Errorf("messages = %+v, want the edited answer", msgs)
	}
}

// TestAnswerFailure checks what the user sees when preparing an answer
// fails or panics, answered at once or deferred, public or private: one
// short private apology, and the details in the log only.
func TestAnswerFailure(t *testing.T) {
	t.Parallel()
	boom := errors.New("index exploded")
	tests := []struct {
		name    string
		after   time.Duration
		private bool
		work    work
		want    []string // routes of the requests, with method
	}{
		{"error", time.Second, false, func() (*discordgo.InteractionResponseData, error) { return nil, boom },
			[]string{"POST /interactions/{interaction}/{token}/callback"}},
		{"panic", time.Second, false, func() (*discordgo.InteractionResponseData, error) { panic(boom) },
			[]string{"POST /interactions/{interaction}/{token}/callback"}},
		{"deferred public", -1, false, func() (*discordgo.InteractionResponseData, error) { return nil, boom },
			[]string{"POST /interactions/{interaction}/{token}/callback", "PATCH /webhooks/{app}/{token}/messages/{message}", "POST /webhooks/{app}/{token}", "DELETE /webhooks/{app}/{token}/messages/{message}"}},
		{"deferred private", -1, true, func() (*discordgo.InteractionResponseData, error) { panic(boom) },
			[]string{"POST /interactions/{interaction}/{token}/callback", "PATCH /webhooks/{app}/{token}/messages/{message}"}},
		{"nothing", time.Second, false, func() (*discordgo.InteractionResponseData, error) { return nil, nil },
			[]string{"POST /interactions/{interaction}/{token}/callback"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newTestBot(t)
			i := b.fake.Interaction(discordtest.CommandInteraction("ask", discordtest.Arg("question", question)))
			n := len(b.fake.Requests())
			b.answerAfter(i, tt.private, tt.after, tt.work)
			var got []string
			var texts []string
			for _, r := range b.since(n) {
				got = append(got, r.Method+" "+r.Route)
				if m := messagePayload(r); m != nil {
					texts = append(texts, m["content"].(string))
					// An edit cannot change a message's visibility.
					if m["flags"] != float64(discordgo.MessageFlagsEphemeral) && r.Method != "PATCH" {
						t.Errorf("%s: flags %v, want ephemeral", r, m["flags"])
					}
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if len(texts) == 0 || slices.ContainsFunc(texts, func(s string) bool { return s != sorry }) {
				t.Errorf("bot sent %q, want only %q", texts, sorry)
			}
			if len(b.logs.lines("command failed")) == 0 {
				t.Errorf("log does not have the error:\n%s", b.logs)
			}
			msgs := b.fake.Messages(discordtest.DefaultChannelID)
			for _, m := range msgs {
				if m.Flags&discordgo.MessageFlagsEphemeral == 0 {
					t.Errorf("public message left in the channel: %q, %d embeds", m.Content, len(m.Embeds))
				}
			}
			if len(msgs) != 1 || msgs[0].Content != sorry {
				t.Errorf("messages left: %d, want the apology alone", len(msgs))
			}
		})
	}
}

// TestHandlerPanic makes the index panic on the first question and
// checks that the bot tells the user, logs the panic, and answers the
// next question; a panic while answering a mention gets a reply too.
func TestHandlerPanic(t *testing.T) {
	t.Parallel()
	ix := mustTestIndex(t)
	var calls atomic.Int32
	b := newTestBot(t, func(c *Config) {
		c.Index = func() *retrieval.Index {
			if n := calls.Add(1); n == 1 || n == 3 {
				panic("index on fire")
			}
			return ix
		}
	})
	b.send(t, askAs("1187000000000000401", question))
	if m := lastReply(t, b); m["content"] != sorry || m["flags"] != float64(discordgo.MessageFlagsEphemeral) {
		t.Errorf("after a panic the user saw %v, want the ephemeral apology", m)
	}
	if len(b.logs.lines("handler panic", "index on fire")) != 1 {
		t.Errorf("panic not logged:\n%s", b.logs)
	}
	b.send(t, askAs("1187000000000000401", question))
	if m := lastReply(t, b); !isAnswer(m) {
		t.Errorf("next question: %v, want an answer", m)
	}
	b.send(t, mentionAs("1187000000000000401", question))
	if m := lastReply(t, b); m["content"] != sorry {
		t.Errorf("after a panic answering a mention: %v, want the apology", m)
	}
}

// TestCallbackRateLimited answers 429 to the interaction callback with a
// long retry_after: the bot must log it and return at once, never sleep
// and retry, and answer the next interaction.
func TestCallbackRateLimited(t *testing.T) {
	t.Parallel()
	b := newTestBot(t)
	b.fake.FailNext("POST", "/interactions/{id}/{token}/callback", discordtest.RateLimited(30*time.Second, false))
	done := make(chan struct{})
	go func() {
		defer close(done)
		i := b.fake.Interaction(askAs("1187000000000000401", question))
		b.onInteraction(b.s, &discordgo.InteractionCreate{Interaction: i})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the handler is still waiting 10 s after a 429 with retry_after 30 s")
	}
	if cbs := callbacks(b.fake.Requests()); len(cbs) != 1 || !cbs[0].Injected {
		t.Errorf("callbacks = %v, want the one that got 429, not retried", cbs)
	}
	if len(b.logs.lines("interaction response failed", "status=429", "retry_after=30s")) != 1 {
		t.Errorf("429 not logged with its retry delay:\n%s", b.logs)
	}
	b.send(t, askAs("1187000000000000402", question))
	if m := lastReply(t, b); !isAnswer(m) {
		t.Errorf("next interaction: %v, want an answer", m)
	}
}

// TestCallbackGlobalRateLimit answers a callback with a global 429: after
// it discordgo holds every request until the limit resets, but
// interaction callbacks are not under the global limit and must still go
// out at once.
func TestCallbackGlobalRateLimit(t *testing.T) {
	t.Parallel()
	b := newTestBot(t)
	b.fake.FailNext("POST", "/interactions/{id}/{token}/callback", discordtest.RateLimited(30*time.Second, true))
	b.send(t, askAs("1187000000000000401", question))
	done := make(chan struct{})
	go func() {
		defer close(done)
		i := b.fake.Interaction(askAs("1187000000000000402", question))
		b.onInteraction(b.s, &discordgo.InteractionCreate{Interaction: i})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("an interaction is still unanswered 10 s after a global 429 with retry_after 30 s")
	}
	if m := lastReply(t, b); !isAnswer(m) {
		t.Errorf("interaction after a global 429: %v, want an answer", m)
	}
}

// TestReplyForbidden answers 403 Missing Permissions to the reply to a
// mention: logged with Discord's status and code, and the bot carries on.
func TestReplyForbidden(t *testing.T) {
	t.Parallel()
	b := newTestBot(t)
	b.fake.FailNext("POST", "/channels/{channel}/messages", discordtest.MissingPermissions())
	b.send(t, mentionAs("1187000000000000401", question))
	if len(b.logs.lines("reply failed", "status=403", "code=50013")) != 1 {
		t.Errorf("403 not logged with status and code:\n%s", b.logs)
	}
	b.send(t, mentionAs("1187000000000000401", question))
	if reqs := b.fake.Find(discordtest.Match("POST", "/channels/{id}/messages")); len(reqs) != 2 || reqs[1].Status != 200 {
		t.Errorf("channel messages = %v, want the refused reply and then one posted", reqs)
	}
}

// TestCloseWaits holds an answer in flight and checks that Close waits
// for it, that the answer reaches Discord, and that nothing new starts
// once Close has begun; and that Close gives up when its context ends.
func TestCloseWaits(t *testing.T) {
	t.Parallel()
	ix := mustTestIndex(t)
	entered := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	b := newTestBot(t, func(c *Config) {
		c.Index = func() *retrieval.Index {
			once.Do(func() { close(entered) })
			<-release
			return ix
		}
	})
	i := b.fake.Interaction(askAs("1187000000000000401", question))
	go b.onInteraction(b.s, &discordgo.InteractionCreate{Interaction: i})
	<-entered

	closed := make(chan error, 1)
	go func() { closed <- b.Close(context.Background()) }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) with an answer in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	late := b.fake.Interaction(askAs("1187000000000000402", question))
	b.onInteraction(b.s, &discordgo.InteractionCreate{Interaction: late})
	close(release)
	if err := <-closed; err != nil {
		t.Fatalf("Close: %v", err)
	}
	cbs := callbacks(b.fake.Requests())
	if len(cbs) != 1 || !strings.Contains(cbs[0].Path, i.ID) {
		t.Errorf("callbacks = %v, want the answer in flight only", cbs)
	}
}

func TestCloseTimeout(t *testing.T) {
	t.Parallel()
	ix := mustTestIndex(t)
	entered := make(chan struct{})
	release := make(chan struct{})
	b := newTestBot(t, func(c *Config) {
		c.Index = func() *retrieval.Index {
			close(entered)
			<-release
			return ix
		}
	})
	i := b.fake.Interaction(askAs("1187000000000000401", question))
	go b.onInteraction(b.s, &discordgo.InteractionCreate{Interaction: i})
	<-entered
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := b.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if len(b.logs.lines("answers still in flight")) != 1 {
		t.Errorf("Close gave up silently:\n%s", b.logs)
	}
	close(release)
}

// TestMoreQuotesRoundTrip asks a question full of Markdown and mentions,
// then clicks More quotes under the answer as Discord sends it: the
// question read back from the escaped embed title is the one asked.
func TestMoreQuotesRoundTrip(t *testing.T) {
	t.Parallel()
	b := newTestBot(t)
	const q = "Why did the *schools* in the __north__ close? <@123> `now` \\o/"
	b.send(t, askAs("1187000000000000401", q))
	answer := lastReply(t, b)
	click := discordtest.ComponentInteraction(moreQuotesID)
	msg := click["message"].(map[string]any)
	msg["embeds"], msg["components"] = answer["embeds"], answer["components"]
	b.send(t, click)
	more := lastReply(t, b)
	title := func(m map[string]any) string { return m["embeds"].([]any)[0].(map[string]any)["title"].(string) }
	if title(more) != title(answer) || Unescape(title(more)) != q {
		t.Errorf("More quotes answered %q, want the question %q", Unescape(title(more)), q)
	}
	if more["flags"] != float64(discordgo.MessageFlagsEphemeral) {
		t.Errorf("More quotes flags = %v, want ephemeral", more["flags"])
	}
}
