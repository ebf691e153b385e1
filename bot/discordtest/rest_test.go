package discordtest_test

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/discordtest"
)

// restError returns err as a *discordgo.RESTError, failing the test if it
// is not one.
func restError(tb testing.TB, err error) *discordgo.RESTError {
	tb.Helper()
	var re *discordgo.RESTError
	if !errors.As(err, &re) {
		tb.Fatalf("err = %v (%T), want *discordgo.RESTError", err, err)
	}
	return re
}

// code returns the Discord error code of a RESTError, or -1.
func code(re *discordgo.RESTError) int {
	if re.Message == nil {
		return -1
	}
	return re.Message.Code
}

func TestUserMe(t *testing.T) {
	s := discordtest.New(t)
	dg := s.Session("")
	u, err := dg.User("@me")
	if err != nil {
		t.Fatalf("User(@me): %v", err)
	}
	if u.ID != discordtest.DefaultAppID || u.Username != discordtest.DefaultBotName || !u.Bot {
		t.Errorf("User(@me) = %+v, want bot %s %s", u, discordtest.DefaultAppID, discordtest.DefaultBotName)
	}
	reqs := s.Find(discordtest.Match("GET", "/users/@me"))
	if len(reqs) != 1 {
		t.Fatalf("requests = %v, want one GET /users/@me", s.Requests())
	}
	r := reqs[0]
	if got, want := r.Header.Get("Authorization"), "Bot "+discordtest.DefaultToken; got != want {
		t.Errorf("Authorization = %q, want %q", got, want)
	}
	if r.Host != "discord.com" {
		t.Errorf("Host = %q, want discord.com (kept by Transport)", r.Host)
	}
	if !strings.HasPrefix(r.Header.Get("User-Agent"), "DiscordBot (") {
		t.Errorf("User-Agent = %q, want DiscordBot (…)", r.Header.Get("User-Agent"))
	}
}

func TestApplicationAndGateway(t *testing.T) {
	s := discordtest.New(t, discordtest.WithApplicationID("42"))
	dg := s.Session("")
	app, err := dg.Application("@me")
	if err != nil || app.ID != "42" {
		t.Fatalf("Application(@me) = %+v, %v; want ID 42", app, err)
	}
	gw, err := dg.Gateway()
	if err != nil || gw != s.GatewayURL()+"/" { // discordgo adds the slash
		t.Errorf("Gateway() = %q, %v; want %q", gw, err, s.GatewayURL()+"/")
	}
	bot, err := dg.GatewayBot()
	if err != nil || bot.Shards != 1 || bot.SessionStartLimit.MaxConcurrency != 1 {
		t.Errorf("GatewayBot() = %+v, %v; want 1 shard", bot, err)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name       string
		token      string
		fail       *discordtest.Failure // injected on POST /channels/{id}/messages
		url        string               // requested instead of sending a message
		wantStatus int
		wantCode   int
	}{
		{name: "missing permissions", fail: ptr(discordtest.MissingPermissions()), wantStatus: 403, wantCode: 50013},
		{name: "missing access", fail: ptr(discordtest.MissingAccess()), wantStatus: 403, wantCode: 50001},
		{name: "custom", fail: ptr(discordtest.Fail(404, 10003, "Unknown Channel")), wantStatus: 404, wantCode: 10003},
		{name: "bad token", token: "Bot nope", wantStatus: 401, wantCode: 0},
		{name: "unknown route", url: discordgo.EndpointAPI + "no/such/route", wantStatus: 404, wantCode: 0},
		{name: "wrong method", url: discordgo.EndpointUser("@me"), wantStatus: 405, wantCode: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := discordtest.New(t)
			dg := s.Session(tt.token)
			if tt.fail != nil {
				s.FailNext("POST", "/channels/{id}/messages", *tt.fail)
			}
			var err error
			if tt.url != "" {
				_, err = dg.Request("DELETE", tt.url, nil)
			} else {
				_, err = dg.ChannelMessageSend(discordtest.DefaultChannelID, "hello")
			}
			re := restError(t, err)
			if re.Response.StatusCode != tt.wantStatus || code(re) != tt.wantCode {
				t.Errorf("error = %d code %d, want %d code %d (%v)", re.Response.StatusCode, code(re), tt.wantStatus, tt.wantCode, re)
			}
			if got := s.Requests(); len(got) != 1 || got[0].Status != tt.wantStatus {
				t.Errorf("recorded %v, want one request answered %d", got, tt.wantStatus)
			}
			if r := s.Rejected(); len(r) != 0 {
				t.Errorf("Rejected() = %v, want none", r)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestRateLimitRetried(t *testing.T) {
	s := discordtest.New(t)
	dg := s.Session("")
	limited := make(chan *discordgo.RateLimit, 1)
	dg.AddHandler(func(_ *discordgo.Session, rl *discordgo.RateLimit) { limited <- rl })
	s.FailNext("POST", "/channels/{id}/messages", discordtest.RateLimited(50*time.Millisecond, false))

	start := time.Now()
	m, err := dg.ChannelMessageSend(discordtest.DefaultChannelID, "after the limit")
	if err != nil {
		t.Fatalf("ChannelMessageSend: %v", err)
	}
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("send took %v, want at least retry_after (50ms)", d)
	}
	if m.Content != "after the limit" || m.ID == "" {
		t.Errorf("message = %+v", m)
	}
	reqs := s.Find(discordtest.Match("POST", "/channels/{id}/messages"))
	var statuses []int
	for _, r := range reqs {
		statuses = append(statuses, r.Status)
	}
	if !slices.Equal(statuses, []int{429, 200}) {
		t.Errorf("statuses = %v, want [429 200]", statuses)
	}
	if h := reqs[0]; h.Injected != true {
		t.Errorf("first request Injected = false")
	}
	select {
	case rl := <-limited:
		if rl.RetryAfter != 50*time.Millisecond {
			t.Errorf("RateLimit.RetryAfter = %v, want 50ms", rl.RetryAfter)
		}
	case <-time.After(2 * time.Second):
		t.Error("no RateLimit event")
	}
}

func TestRateLimitNotRetried(t *testing.T) {
	s := discordtest.New(t)
	dg := s.Session("")
	dg.ShouldRetryOnRateLimit = false
	s.FailNext("", "/channels/{id}/messages", discordtest.RateLimited(2*time.Second, true))
	_, err := dg.ChannelMessageSend(discordtest.DefaultChannelID, "hello")
	var rle *discordgo.RateLimitError
	if !errors.As(err, &rle) || rle.RetryAfter != 2*time.Second {
		t.Fatalf("err = %v, want *discordgo.RateLimitError retry after 2s", err)
	}
	if r := s.Requests(); len(r) != 1 || r[0].Status != http.StatusTooManyRequests {
		t.Errorf("requests = %v, want one answered 429", r)
	}
}

func TestDMChannel(t *testing.T) {
	s := discordtest.New(t)
	dg := s.Session("")
	ch, err := dg.UserChannelCreate(discordtest.DefaultUserID)
	if err != nil || ch.ID != discordtest.DefaultDMChannelID || ch.Type != discordgo.ChannelTypeDM {
		t.Fatalf("UserChannelCreate = %+v, %v", ch, err)
	}
	other, err := dg.UserChannelCreate("1187000000000000999")
	if err != nil || other.ID == ch.ID || other.Recipients[0].ID != "1187000000000000999" {
		t.Fatalf("UserChannelCreate(other) = %+v, %v", other, err)
	}
	again, err := dg.Channel(other.ID)
	if err != nil || again.Type != discordgo.ChannelTypeDM {
		t.Errorf("Channel(%s) = %+v, %v; want the DM", other.ID, again, err)
	}
	guildCh, err := dg.Channel(discordtest.DefaultChannelID)
	if err != nil || guildCh.Type != discordgo.ChannelTypeGuildText || guildCh.GuildID != discordtest.DefaultGuildID {
		t.Errorf("Channel(default) = %+v, %v", guildCh, err)
	}
	if _, err := dg.ChannelMessageSend(ch.ID, "Today's brief"); err != nil {
		t.Fatalf("ChannelMessageSend(DM): %v", err)
	}
	if got := s.Messages(ch.ID); len(got) != 1 || got[0].Content != "Today's brief" {
		t.Errorf("Messages(DM) = %v", got)
	}
}

func TestMessageBody(t *testing.T) {
	s := discordtest.New(t)
	dg := s.Session("")
	_, err := dg.ChannelMessageSendComplex(discordtest.DefaultChannelID, &discordgo.MessageSend{
		Content:         "See attached.",
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		Files:           []*discordgo.File{{Name: "brief.txt", Reader: strings.NewReader("rates held")}},
	})
	if err != nil {
		t.Fatalf("ChannelMessageSendComplex: %v", err)
	}
	r := s.Find(discordtest.Match("POST", "/channels/{id}/messages"))[0]
	var body struct {
		Content         string `json:"content"`
		AllowedMentions struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
	}
	if err := r.Decode(&body); err != nil {
		t.Fatal(err)
	}
	if body.Content != "See attached." || body.AllowedMentions.Parse == nil || len(body.AllowedMentions.Parse) != 0 {
		t.Errorf("body = %+v, want content and allowed_mentions.parse []", body)
	}
	if !slices.Equal(r.Files, []string{"brief.txt"}) {
		t.Errorf("Files = %v, want [brief.txt]", r.Files)
	}
}

func TestLatency(t *testing.T) {
	s := discordtest.New(t)
	dg := s.Session("")
	s.SetLatency(80 * time.Millisecond)
	start := time.Now()
	if _, err := dg.User("@me"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("request took %v, want at least 80ms", d)
	}
}
