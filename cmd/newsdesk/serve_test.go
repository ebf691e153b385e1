package main

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"newsdesk/bot"
	"newsdesk/bot/discordtest"
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
// cancel is called; the error of run arrives on the channel.
func startServe(env map[string]string) (stderr *lockedBuffer, cancel context.CancelFunc, done <-chan error) {
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &lockedBuffer{}
	e := &environment{
		args:   []string{"serve"},
		getenv: func(k string) string { return env[k] },
		stdin:  strings.NewReader(""),
		stdout: &lockedBuffer{},
		stderr: stderr,
	}
	ch := make(chan error, 1)
	go func() { ch <- run(ctx, e) }()
	return stderr, cancel, ch
}

// TestServeConfigErrors checks that a missing or refused token, and other
// configuration mistakes, end serve with one line saying what to do and
// exit status 1, before any gateway connection.
func TestServeConfigErrors(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, cancel, done := startServe(tt.env)
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
	stderr, cancel, done := startServe(map[string]string{
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
