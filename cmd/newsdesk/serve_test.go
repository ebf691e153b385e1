package main

import (
	"bytes"
	"context"
	"maps"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot"
	"newsdesk/bot/discordtest"
	"newsdesk/bot/schedule"
)

// A lockedBuffer is a bytes.Buffer safe for concurrent use: serve logs
// from discordgo's goroutines while the test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs "newsdesk serve" in-process with env until the returned
// cancel is called; the error of run arrives on the channel. Without
// DATA_DIR in env, the schedules go to a temporary folder, not ./data.
func startServe(tb testing.TB, env map[string]string) (stderr *lockedBuffer, cancel context.CancelFunc, done <-chan error) {
	stderr, _, cancel, done = startServeFile(tb, env, "")
	return stderr, cancel, done
}

// startServeFile is startServe with envFile as the .env file main read,
// and serve's standard output too.
func startServeFile(tb testing.TB, env map[string]string, envFile string) (stderr, stdout *lockedBuffer, cancel context.CancelFunc, done <-chan error) {
	if _, ok := env["DATA_DIR"]; !ok {
		env = maps.Clone(env)
		if env == nil {
			env = map[string]string{}
		}
		env["DATA_DIR"] = tb.TempDir()
	}
	ctx, cancel := context.WithCancel(context.Background())
	stderr, stdout = &lockedBuffer{}, &lockedBuffer{}
	e := &environment{
		args:    []string{"serve"},
		getenv:  func(k string) string { return env[k] },
		stdin:   strings.NewReader(""),
		stdout:  stdout,
		stderr:  stderr,
		envFile: envFile,
	}
	ch := make(chan error, 1)
	go func() { ch <- run(ctx, e) }()
	return stderr, stdout, cancel, ch
}

// TestServeConfigErrors checks that a missing or refused token, and other
// configuration mistakes, end serve with one line saying what to do and
// exit status 1, before any gateway connection.
func TestServeConfigErrors(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	withToken := func(kv ...string) map[string]string {
		env := map[string]string{"DISCORD_TOKEN": discordtest.DefaultToken, "DISCORD_API_URL": fake.URL()}
		for i := 0; i+1 < len(kv); i += 2 {
			env[kv[i]] = kv[i+1]
		}
		return env
	}
	file := filepath.Join(t.TempDir(), "data")
	mustWrite(t, file, "not a folder\n")
	newer := mustNewerDatabase(t)
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	tests := []struct {
		name string
		env  map[string]string
		want []string // in the error
	}{
		{"no token", map[string]string{}, []string{"no Discord bot token", "https://discord.com/developers/applications", ".env", "DISCORD_TOKEN="}},
		{"blank token", map[string]string{"DISCORD_TOKEN": "  "}, []string{"no Discord bot token", ".env"}},
		{"token refused", map[string]string{"DISCORD_TOKEN": "not-the-token", "DISCORD_API_URL": fake.URL()},
			[]string{"Discord rejected DISCORD_TOKEN", "https://discord.com/developers/applications", ".env"}},
		{"bad API URL", map[string]string{"DISCORD_TOKEN": discordtest.DefaultToken, "DISCORD_API_URL": "discord.example"}, []string{"DISCORD_API_URL"}},
		{"bad log level", map[string]string{"DISCORD_TOKEN": discordtest.DefaultToken, "LOG_LEVEL": "loud"}, []string{"LOG_LEVEL"}},
		{"bad grace", withToken("SCHEDULE_GRACE", "soon"), []string{"SCHEDULE_GRACE", "6h"}},
		{"zero grace", withToken("SCHEDULE_GRACE", "0"), []string{"SCHEDULE_GRACE", "from 1m to 24h"}},
		{"feeds without folder", withToken("FEEDS", "https://example.com/rss.xml"), []string{"FEEDS", "ARTICLES_DIR"}},
		{"missing articles folder", withToken("ARTICLES_DIR", filepath.Join(t.TempDir(), "none")), []string{"articles folder", "no such file"}},
		{"data dir is a file", withToken("DATA_DIR", file), []string{"DATA_DIR " + file, "not a directory"}},
		{"newer database", withToken("DATA_DIR", newer), []string{"DATA_DIR " + newer, "schema version 99 is newer than this newsdesk", "restore a backup"}},
		{"HTTP_ADDR without port", withToken("HTTP_ADDR", "9090"), []string{`HTTP_ADDR "9090"`, "host:port", "127.0.0.1:9090"}},
		{"HTTP_ADDR taken", withToken("HTTP_ADDR", taken.Addr().String()), []string{"HTTP_ADDR " + taken.Addr().String(), "address already in use"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, cancel, done := startServe(t, tt.env)
			defer cancel()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("serve still running after 10 s")
			}
			if err == nil {
				t.Fatal("serve succeeded, want an error")
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("error has more than one line: %q", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not say %q", msg, w)
				}
			}
			if code := exitCode(err); code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
		})
	}
	if st := fake.GatewayStats(); st.Connections != 0 {
		t.Errorf("gateway connections = %d, want none", st.Connections)
	}
}

// TestServe runs "newsdesk serve" against the fake Discord: it logs one
// start-up line with the article count and the invite URL, answers an
// interaction from the gateway, and stops cleanly when its context ends.
func TestServe(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	stderr, cancel, done := startServe(t, map[string]string{
		"DISCORD_TOKEN":   discordtest.DefaultToken,
		"DISCORD_API_URL": fake.URL(),
	})
	defer cancel()
	fake.WaitReady(t, 10*time.Second)

	fake.SendInteraction(discordtest.CommandInteraction("ask", discordtest.Arg("question", "Who is leading the talks in Miami?")))
	cb := fake.WaitRequests(t, discordtest.Match("POST", "/interactions/{id}/{token}/callback"), 1, 10*time.Second)[0]
	if !strings.Contains(string(cb.Body), "001_e23c1adbc54749fb.txt") {
		t.Errorf("answer %s does not cite the seed that answers", cb.Body)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve still running 10 s after its context ended")
	}
	if st := fake.GatewayStats(); st.Sessions != 0 {
		t.Errorf("gateway sessions after shutdown = %d, want 0 (closed normally)", st.Sessions)
	}
	if rej := fake.Rejected(); len(rej) != 0 {
		t.Errorf("rejected by the fake: %v", rej)
	}

	var running []string
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, "newsdesk is running") {
			running = append(running, l)
		}
	}
	if len(running) != 1 {
		t.Fatalf("start-up lines = %q, want one; log:\n%s", running, stderr)
	}
	line := running[0]
	if !strings.Contains(line, "articles=5") {
		t.Errorf("start-up line %q does not give the article count (5)", line)
	}
	invite := bot.InviteURL(discordtest.DefaultAppID)
	if !strings.Contains(line, invite) {
		t.Errorf("start-up line %q does not give the invite URL %s", line, invite)
	}
	if u, err := url.Parse(invite); err != nil || u.Query().Get("scope") != "bot applications.commands" {
		t.Errorf("invite URL %s: scope %q, want bot and applications.commands", invite, u.Query().Get("scope"))
	}
	if !strings.Contains(stderr.String(), "shutting down") {
		t.Errorf("no shutdown line in the log:\n%s", stderr)
	}
}

// mustNewerDatabase returns a data folder whose database a newer
// Newsdesk wrote: schema version 99.
func mustNewerDatabase(tb testing.TB) string {
	tb.Helper()
	dir, db := mustFreshDatabase(tb)
	defer db.Close()
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// stopServe ends a serve started with startServe and checks that it
// returned without error and closed its gateway session.
func stopServe(tb testing.TB, fake *discordtest.Server, cancel context.CancelFunc, done <-chan error) {
	tb.Helper()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			tb.Fatalf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		tb.Fatal("serve still running 10 s after its context ended")
	}
	fake.WaitGateway(tb, func(st discordtest.GatewayStats) bool { return st.Sessions == 0 }, 10*time.Second)
}

var isCallback = discordtest.Match("POST", "/interactions/{id}/{token}/callback")

// replyContent returns the content of an interaction callback, and
// whether it was ephemeral.
func replyContent(tb testing.TB, r discordtest.Request) (string, bool) {
	tb.Helper()
	var resp discordgo.InteractionResponse
	if err := r.Decode(&resp); err != nil || resp.Data == nil {
		tb.Fatalf("%s: %v", r, err)
	}
	return resp.Data.Content, resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0
}

// TestServeSchedule sets a daily brief through serve, stops serve, and
// finds the schedule again in the database and in /schedule status when
// serve starts again on the same DATA_DIR.
func TestServeSchedule(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	env := map[string]string{
		"DISCORD_TOKEN":   discordtest.DefaultToken,
		"DISCORD_API_URL": fake.URL(),
		"DATA_DIR":        t.TempDir(),
		"SCHEDULE_GRACE":  "2h",
	}
	_, cancel, done := startServe(t, env)
	defer cancel()
	fake.WaitReady(t, 10*time.Second)
	var registered *discordgo.ApplicationCommand
	for _, c := range fake.Commands("") {
		if c.Name == "schedule" {
			registered = c
		}
	}
	if registered == nil || registered.DefaultMemberPermissions == nil || *registered.DefaultMemberPermissions != discordgo.PermissionManageGuild {
		t.Fatalf("/schedule registered as %+v, want it for Manage Server", registered)
	}
	fake.SendInteraction(discordtest.CommandInteraction("schedule", discordtest.SubcommandArg("set",
		discordtest.TypedArg("channel", discordgo.ApplicationCommandOptionChannel, discordtest.DefaultChannelID),
		discordtest.Arg("time", "07:30"),
		discordtest.Arg("timezone", "Europe/Kyiv"))))
	reply, private := replyContent(t, fake.WaitRequests(t, isCallback, 1, 10*time.Second)[0])
	if !private || !strings.HasPrefix(reply, "Scheduled:") {
		t.Fatalf("/schedule set answered %q (ephemeral %v)", reply, private)
	}
	stopServe(t, fake, cancel, done)

	st, err := schedule.Open(env["DATA_DIR"])
	if err != nil {
		t.Fatal(err)
	}
	s, err := st.Get(context.Background(), discordtest.DefaultGuildID)
	st.Close()
	if err != nil || s.ChannelID != discordtest.DefaultChannelID || s.Clock.String() != "07:30" || s.Zone != "Europe/Kyiv" || !s.Enabled {
		t.Fatalf("stored schedule %+v, %v", s, err)
	}

	_, cancel, done = startServe(t, env)
	defer cancel()
	fake.WaitReady(t, 10*time.Second)
	fake.SendInteraction(discordtest.CommandInteraction("schedule", discordtest.SubcommandArg("status")))
	reply, private = replyContent(t, fake.WaitRequests(t, isCallback, 2, 10*time.Second)[1])
	for _, want := range []string{"Channel: <#" + discordtest.DefaultChannelID + ">", "Time: 07:30 every day, Europe/Kyiv", "Next post: **"} {
		if !private || !strings.Contains(reply, want) {
			t.Errorf("/schedule status after a restart (ephemeral %v) does not say %q:\n%s", private, want, reply)
		}
	}
	stopServe(t, fake, cancel, done)
	if rej := fake.Rejected(); len(rej) != 0 {
		t.Errorf("rejected by the fake: %v", rej)
	}
}

// TestServeFeeds runs serve on a folder with FEEDS: the poller saves the
// feed's articles under ARTICLES_DIR/feeds/, the watcher indexes them,
// and the bot answers from them without a restart.
func TestServeFeeds(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	feed := newFeedServer(t)
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "budget.txt"), "---\ntitle: Council approves budget\npublished: 2025-01-13T18:45:00Z\n---\n"+
		"Council approves budget\n\nThe town council approved its budget for next year on Monday evening.\n")
	stderr, cancel, done := startServe(t, map[string]string{
		"DISCORD_TOKEN":   discordtest.DefaultToken,
		"DISCORD_API_URL": fake.URL(),
		"ARTICLES_DIR":    dir,
		"FEEDS":           feed.URL + "/rss.xml",
		"FEED_HOST_DELAY": "0",
		"HTTP_ADDR":       "127.0.0.1:0",
	})
	defer cancel()
	addr := serveAddr(t, stderr)
	fake.WaitReady(t, 10*time.Second)
	waitLog(t, stderr, "articles indexed", "articles=3")
	site := strings.TrimPrefix(feed.URL, "http://")
	waitMetric(t, addr, "newsdesk_articles_indexed", 3)
	waitMetric(t, addr, `newsdesk_feed_polls_total{site="`+site+`"}`, 1)
	waitMetric(t, addr, `newsdesk_feed_articles_saved_total{site="`+site+`"}`, 2)
	waitMetric(t, addr, `newsdesk_feed_errors_total{site="`+site+`"}`, 0)
	_, page := mustGet(t, addr, "/metrics")
	if n, _ := metricValue(page, "newsdesk_index_rebuilds_total"); n < 2 {
		t.Errorf("newsdesk_index_rebuilds_total = %v, want the first build and one after the poll", n)
	}
	if n, _ := metricValue(page, "newsdesk_index_rebuild_duration_seconds_count"); n < 2 {
		t.Errorf("newsdesk_index_rebuild_duration_seconds_count = %v, want 2 or more", n)
	}
	fake.SendInteraction(discordtest.CommandInteraction("ask", discordtest.Arg("question", "What did the mayor say about the tram line?")))
	cb := fake.WaitRequests(t, isCallback, 1, 10*time.Second)[0]
	if !strings.Contains(string(cb.Body), "tram-line-opens.txt") {
		t.Errorf("answer %s does not cite the article the feed brought", cb.Body)
	}
	stopServe(t, fake, cancel, done)
	if running := logLines(stderr.String(), "newsdesk is running"); len(running) != 1 || !strings.Contains(running[0], "articles=1") {
		t.Errorf("start-up lines %q, want one counting the folder's article", running)
	}
	if len(logLines(stderr.String(), "feeds polled")) == 0 {
		t.Errorf("no poll logged:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "feeds")); err != nil {
		t.Error(err)
	}
}

// waitLog waits until a line of the log has every one of words.
func waitLog(tb testing.TB, log *lockedBuffer, words ...string) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for len(logLines(log.String(), words...)) == 0 {
		if time.Now().After(deadline) {
			tb.Fatalf("no log line with %q after 10 s:\n%s", words, log)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// logLines returns the lines of log that contain every one of words.
func logLines(log string, words ...string) []string {
	var out []string
	for _, l := range strings.Split(log, "\n") {
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
