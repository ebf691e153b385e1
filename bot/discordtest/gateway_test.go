package discordtest_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"newsdesk/bot/discordtest"
)

const wait = 10 * time.Second

// recv returns the next value from ch, failing after wait.
func recv[T any](tb testing.TB, ch <-chan T, what string) T {
	tb.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(wait):
		tb.Fatalf("no %s after %v", what, wait)
		panic("unreachable")
	}
}

// handled returns a channel of the events of type T that dg receives.
func handled[T any](dg *discordgo.Session) <-chan T {
	ch := make(chan T, 8)
	dg.AddHandler(func(_ *discordgo.Session, v T) { ch <- v })
	return ch
}

// TestGatewayHeartbeat checks that heartbeats are acknowledged: without
// acks discordgo reconnects after five intervals.
func TestGatewayHeartbeat(t *testing.T) {
	t.Parallel()
	s := discordtest.New(t, discordtest.WithHeartbeatInterval(50*time.Millisecond))
	if err := s.Session("").Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	st := s.WaitGateway(t, func(st discordtest.GatewayStats) bool { return st.Heartbeats >= 10 }, wait)
	if st.Connections != 1 || st.Identifies != 1 {
		t.Errorf("stats = %+v, want one connection and identify", st)
	}
}

// TestGateway runs a session through READY, an interaction answered from
// its handler, a dropped connection (resumed, with the missed event
// replayed) and a Reconnect request, with zlib-compressed and plain
// dispatches. discordgo's Close, its reconnects and op 7 each wait a
// second, so the two cases run in parallel.
func TestGateway(t *testing.T) {
	t.Parallel()
	for _, compress := range []bool{true, false} {
		name := map[bool]string{true: "zlib", false: "plain"}[compress]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := discordtest.New(t) // default heartbeat: see WithHeartbeatInterval
			c := openClient(t, s, compress)
			checkIdentify(t, s, compress)
			checkInteraction(t, s, c)

			// A dropped connection: the message sent meanwhile arrives on resume.
			s.Disconnect()
			mention := s.SendMessageCreate(discordtest.GuildMessage(discordtest.Mention(discordtest.DefaultAppID) + " what happened?"))
			s.WaitGateway(t, func(st discordtest.GatewayStats) bool { return st.Resumes == 1 && st.Live == 1 }, wait)
			recv(t, c.resumed, "RESUMED")
			if m := recv(t, c.messages, "replayed MESSAGE_CREATE"); m.ID != mention.ID || len(m.Mentions) != 1 || m.Mentions[0].ID != discordtest.DefaultAppID {
				t.Errorf("replayed message = %+v, want %s mentioning the bot", m.Message, mention.ID)
			}
			if m := s.SendMessageCreate(discordtest.DirectMessage("brief")); recv(t, c.messages, "DM").GuildID != "" || m.ChannelID != discordtest.DefaultDMChannelID {
				t.Errorf("DM message in guild or wrong channel: %+v", m)
			}

			// Reconnect (op 7): discordgo closes with 1012 and resumes.
			s.ReconnectRequest()
			st := s.WaitGateway(t, func(st discordtest.GatewayStats) bool { return st.Resumes == 2 && st.Live == 1 }, wait)
			if st.Identifies != 1 || st.InvalidSessions != 0 || st.Connections != 3 {
				t.Errorf("stats = %+v, want 1 identify and 3 connections", st)
			}
			if rej := s.Rejected(); len(rej) != 0 {
				t.Errorf("Rejected() = %v", rej)
			}
		})
	}
}

// A client is an open discordgo session and what its handlers received.
type client struct {
	dg       *discordgo.Session
	appID    string
	resumed  <-chan *discordgo.Resumed
	messages <-chan *discordgo.MessageCreate
	answered <-chan error // from InteractionRespond in the handler
}

// openClient opens a session that answers /ask, and checks READY and
// GUILD_CREATE.
func openClient(tb testing.TB, s *discordtest.Server, compress bool) client {
	tb.Helper()
	dg := s.Session("")
	dg.Compress = compress
	ready := handled[*discordgo.Ready](dg)
	guilds := handled[*discordgo.GuildCreate](dg)
	answered := make(chan error, 1)
	dg.AddHandler(func(dg *discordgo.Session, ic *discordgo.InteractionCreate) {
		q := ic.ApplicationCommandData().GetOption("question").StringValue()
		answered <- dg.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content:         "You asked: " + q,
				AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
			},
		})
	})
	c := client{dg: dg, resumed: handled[*discordgo.Resumed](dg), messages: handled[*discordgo.MessageCreate](dg), answered: answered}
	if err := dg.Open(); err != nil {
		tb.Fatalf("Open: %v", err)
	}
	s.WaitReady(tb, wait)
	r := recv(tb, ready, "READY")
	if r.User.ID != discordtest.DefaultAppID || r.Application.ID != discordtest.DefaultAppID || r.SessionID == "" {
		tb.Errorf("READY = user %+v, application %+v, session %q", r.User, r.Application, r.SessionID)
	}
	if g := recv(tb, guilds, "GUILD_CREATE"); g.ID != discordtest.DefaultGuildID || len(g.Channels) != 1 {
		tb.Errorf("GUILD_CREATE = %+v", g.Guild)
	}
	c.appID = r.Application.ID
	return c
}

// checkInteraction registers /ask, sends an interaction for it and checks
// the callback the handler made.
func checkInteraction(tb testing.TB, s *discordtest.Server, c client) {
	tb.Helper()
	cmds, err := c.dg.ApplicationCommandBulkOverwrite(c.appID, "", []*discordgo.ApplicationCommand{{
		Name: "ask", Description: "Ask the articles",
		Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "What to ask"}},
	}})
	if err != nil {
		tb.Fatalf("ApplicationCommandBulkOverwrite: %v", err)
	}
	sent := s.SendInteraction(discordtest.CommandInteraction("ask", discordtest.Arg("question", "rates?")))
	if sent.ApplicationCommandData().ID != cmds[0].ID {
		tb.Errorf("interaction data.id = %q, want the registered %q", sent.ApplicationCommandData().ID, cmds[0].ID)
	}
	if err := recv(tb, c.answered, "interaction answer"); err != nil {
		tb.Fatalf("InteractionRespond: %v", err)
	}
	cb := s.WaitRequests(tb, discordtest.Match("POST", "/interactions/{id}/{token}/callback"), 1, wait)[0]
	if want := "/interactions/" + sent.ID + "/" + sent.Token + "/callback"; cb.Path != want {
		tb.Errorf("callback path = %s, want %s", cb.Path, want)
	}
	var resp discordgo.InteractionResponse
	if err := cb.Decode(&resp); err != nil {
		tb.Fatal(err)
	}
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Content != "You asked: rates?" {
		tb.Errorf("callback = type %d %+v", resp.Type, resp.Data)
	}
}

func checkIdentify(tb testing.TB, s *discordtest.Server, compress bool) {
	tb.Helper()
	ids := s.Identifies()
	if len(ids) != 1 {
		tb.Fatalf("Identifies() = %d, want 1", len(ids))
	}
	id := ids[0]
	if id.Token != "Bot "+discordtest.DefaultToken || id.Intents != discordgo.IntentsAllWithoutPrivileged ||
		id.Compress != compress || !strings.HasPrefix(id.Properties.Browser, "DiscordGo") {
		tb.Errorf("Identify = %+v", id)
	}
}

func TestGatewayBadToken(t *testing.T) {
	t.Parallel()
	s := discordtest.New(t)
	err := s.Session("Bot stolen").Open()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 4004 {
		t.Fatalf("Open = %v, want close 4004", err)
	}
	if ids := s.Identifies(); len(ids) != 1 || ids[0].Token != "Bot stolen" {
		t.Errorf("Identifies() = %+v", ids)
	}
	if st := s.GatewayStats(); st.Sessions != 0 || st.Live != 0 {
		t.Errorf("stats = %+v, want no session", st)
	}
}

// TestGatewayReopen closes a session and opens it again. discordgo keeps
// its session ID and sequence, so it resumes; a session closed with 1000
// cannot be, so the fake answers op 9 and discordgo identifies afresh.
func TestGatewayReopen(t *testing.T) {
	t.Parallel()
	s := discordtest.New(t)
	dg := s.Session("")
	if err := dg.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.WaitReady(t, wait)
	if err := dg.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := dg.Open(); err != nil {
		t.Fatalf("Open again: %v", err)
	}
	st := s.WaitGateway(t, func(st discordtest.GatewayStats) bool { return st.Identifies == 2 && st.Live == 1 }, wait)
	if st.InvalidSessions != 1 || st.Resumes != 0 || st.Sessions != 1 {
		t.Errorf("stats = %+v, want one refused resume and one live session", st)
	}
}

// TestGatewayHold holds the gateway: Open waits, accepted but without
// Hello, until the gateway is released.
func TestGatewayHold(t *testing.T) {
	t.Parallel()
	s := discordtest.New(t)
	s.HoldGateway()
	dg := s.Session("")
	opened := make(chan error, 1)
	go func() { opened <- dg.Open() }()
	s.WaitGateway(t, func(st discordtest.GatewayStats) bool { return st.Connections == 1 }, wait)
	select {
	case err := <-opened:
		t.Fatalf("Open returned (%v) while the gateway was held", err)
	case <-time.After(100 * time.Millisecond):
	}
	if st := s.GatewayStats(); st.Identifies != 0 || st.Live != 0 {
		t.Errorf("stats while held = %+v, want no identify and nothing live", st)
	}
	s.ReleaseGateway()
	if err := recv(t, opened, "Open"); err != nil {
		t.Fatalf("Open: %v", err)
	}
	s.WaitReady(t, wait)
}
