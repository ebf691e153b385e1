package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/discordtest"
)

// The tests here connect to the fake's gateway. discordgo's Close waits a
// second and so does its reconnect, so they are few and run in parallel;
// they keep the default heartbeat interval (see
// discordtest.WithHeartbeatInterval).

const gatewayWait = 10 * time.Second

// openTestBot opens b's gateway connection and waits until it is live.
func openTestBot(tb testing.TB, b *testBot) {
	tb.Helper()
	if err := b.Open(context.Background()); err != nil {
		tb.Fatalf("Open: %v", err)
	}
	b.fake.WaitReady(tb, gatewayWait)
}

// TestGateway runs the bot end to end: Open registers the commands and
// identifies without the Message Content intent; an interaction and a
// mention dispatched on the gateway are answered; the connection drops,
// an interaction sent meanwhile is answered after the resume, and so is
// one sent after it; Close ends the session.
func TestGateway(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	b := newTestBotOn(t, fake)
	openTestBot(t, b)

	if n := len(fake.Find(discordtest.Match("PUT", "/applications/{app}/commands"))); n != 1 {
		t.Errorf("command registrations = %d, want 1", n)
	}
	ids := fake.Identifies()
	if len(ids) != 1 {
		t.Fatalf("identifies = %d, want 1", len(ids))
	}
	if in := ids[0].Intents; in&discordgo.IntentMessageContent != 0 || in&discordgo.IntentGuildMessages == 0 || in&discordgo.IntentDirectMessages == 0 {
		t.Errorf("intents = %b: want guild and direct messages, and not the privileged message content", in)
	}

	answered := func(n int) {
		t.Helper()
		fake.WaitRequests(t, isCallback, n, gatewayWait)
	}
	fake.SendInteraction(askAs("1187000000000000401", question))
	answered(1)
	fake.SendMessageCreate(mentionAs("1187000000000000402", question))
	fake.WaitRequests(t, isChannelMessage, 1, gatewayWait)

	fake.Disconnect()
	fake.SendInteraction(askAs("1187000000000000403", question)) // replayed on resume
	fake.WaitGateway(t, func(st discordtest.GatewayStats) bool { return st.Resumes == 1 && st.Live == 1 }, gatewayWait)
	answered(2)
	fake.SendInteraction(discordtest.CommandInteraction("help"))
	answered(3)

	st := fake.GatewayStats()
	if st.Identifies != 1 || st.InvalidSessions != 0 {
		t.Errorf("gateway stats = %+v, want one identify and a resume", st)
	}
	for _, r := range callbacks(fake.Requests()) {
		if typ, _ := callbackData(r); typ != discordgo.InteractionResponseChannelMessageWithSource {
			t.Errorf("%s: callback type %d, want an answer", r, typ)
		}
	}
	if err := b.Close(context.Background()); err != nil {
		t.Errorf("Close: %v", err)
	}
	fake.WaitGateway(t, func(st discordtest.GatewayStats) bool { return st.Sessions == 0 }, gatewayWait)
}

// TestLoad sends 200 questions from 200 users at once through the gateway
// and checks that every one is answered exactly once, with an answer, and
// that nothing Discord would reject was sent (checked at cleanup).
func TestLoad(t *testing.T) {
	t.Parallel()
	const n = 200
	fake := discordtest.New(t)
	b := newTestBotOn(t, fake)
	openTestBot(t, b)
	questions := []string{
		question,
		"What did the governor say about rates?",
		"How much will council tax rise?",
		"What did the inquiry find about the flood defences?",
		"Who won the World Cup final?",
	}
	want := make(map[string]bool, n)
	start := time.Now()
	for k := range n {
		i := fake.SendInteraction(askAs(fmt.Sprintf("11870000000010%05d", k), questions[k%len(questions)]))
		want[i.ID] = true
	}
	reqs := fake.WaitRequests(t, isCallback, n, 30*time.Second)
	t.Logf("%d questions from %d users answered in %v", n, n, time.Since(start))
	got := make(map[string]int, n)
	for _, r := range reqs {
		id := strings.Split(r.Path, "/")[2] // /interactions/{id}/{token}/callback
		got[id]++
		if r.Status != 204 {
			t.Errorf("%s", r)
		}
		if typ, data := callbackData(r); typ != discordgo.InteractionResponseChannelMessageWithSource || !isAnswer(data) {
			t.Errorf("%s: type %d, data %v; want an answer", r, typ, data)
		}
	}
	for id := range want {
		if got[id] != 1 {
			t.Errorf("interaction %s answered %d times, want once", id, got[id])
		}
	}
	if len(got) != n {
		t.Errorf("%d interactions answered, want %d", len(got), n)
	}
}

// TestGatewayStatus follows Bot.Gateway through a first connection held
// before Hello, READY, a dropped connection whose reconnect is held, the
// resume, and Close.
func TestGatewayStatus(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	b := newTestBotOn(t, fake)
	want := func(ready bool, reason string, reconnects int) {
		t.Helper()
		w := GatewayStatus{Ready: ready, Reason: reason, Reconnects: reconnects}
		deadline := time.Now().Add(gatewayWait)
		for b.Gateway() != w {
			if time.Now().After(deadline) {
				t.Fatalf("Gateway() = %+v, want %+v", b.Gateway(), w)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	const connecting, lost = "connecting to the Discord gateway", "Discord gateway connection lost; reconnecting"
	want(false, connecting, 0)

	fake.HoldGateway()
	opened := make(chan error, 1)
	go func() { opened <- b.Open(context.Background()) }()
	fake.WaitGateway(t, func(st discordtest.GatewayStats) bool { return st.Connections == 1 }, gatewayWait)
	want(false, connecting, 0)
	fake.ReleaseGateway()
	if err := <-opened; err != nil {
		t.Fatalf("Open: %v", err)
	}
	fake.WaitReady(t, gatewayWait)
	want(true, "", 0)

	fake.HoldGateway()
	fake.Disconnect()
	fake.WaitGateway(t, func(st discordtest.GatewayStats) bool { return st.Connections == 2 }, gatewayWait)
	want(false, lost, 0)
	fake.ReleaseGateway()
	fake.WaitGateway(t, func(st discordtest.GatewayStats) bool { return st.Resumes == 1 && st.Live == 1 }, gatewayWait)
	want(true, "", 1)

	if err := b.Close(context.Background()); err != nil {
		t.Errorf("Close: %v", err)
	}
	want(false, "shutting down", 1)
}
