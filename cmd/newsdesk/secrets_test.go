package main

import (
	"bytes"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsdesk/bot/discordtest"
)

// TestServeKeepsTokenSecret runs serve with a recognisable token through
// start-up, questions, a reply Discord refuses, a dropped gateway
// connection, /healthz and /metrics and shutdown, then once more with a
// token Discord rejects, all at LOG_LEVEL=debug and with a world-readable
// .env; neither token may appear in anything serve wrote, returned or
// served, nor in what discordgo logged. It is not parallel: it captures
// the standard logger, which discordgo writes to.
func TestServeKeepsTokenSecret(t *testing.T) {
	const (
		token    = "MTE4NzAwMDAwMDAwMDAwMDAx.NEWSDESK.secret-token-never-to-be-logged-XYZZY"
		rejected = "MTE4NzAwMDAwMDAwMDAwMDAx.NEWSDESK.rejected-token-also-secret-PLUGH"
	)
	var stdlog lockedBuffer
	log.SetOutput(&stdlog)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })

	fake := discordtest.New(t, discordtest.WithTokens(token))
	envFile := filepath.Join(t.TempDir(), ".env")
	mustWrite(t, envFile, "DISCORD_TOKEN="+token+"\n")
	if err := os.Chmod(envFile, 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"DISCORD_TOKEN":   token,
		"DISCORD_API_URL": fake.URL(),
		"HTTP_ADDR":       "127.0.0.1:0",
		"LOG_LEVEL":       "debug",
	}
	stderr, stdout, cancel, done := startServeFile(t, env, envFile)
	defer cancel()
	addr := serveAddr(t, stderr)
	fake.WaitReady(t, 10*time.Second)

	fake.SendInteraction(discordtest.CommandInteraction("ask", discordtest.Arg("question", "Who is leading the talks in Miami?")))
	fake.SendMessageCreate(discordtest.GuildMessage(discordtest.Mention(discordtest.DefaultAppID) + " who won the world cup?"))
	fake.FailNext("POST", "/interactions/{id}/{token}/callback", discordtest.MissingPermissions())
	fake.SendInteraction(discordtest.CommandInteraction("summary", discordtest.Arg("article", "001")))
	fake.WaitRequests(t, isCallback, 2, 10*time.Second)
	fake.Disconnect()
	fake.WaitGateway(t, func(st discordtest.GatewayStats) bool { return st.Resumes == 1 && st.Live == 1 }, 10*time.Second)
	waitHealth(t, addr, 200, "ok")
	waitMetric(t, addr, `newsdesk_discord_rest_errors_total{code="50013",status="403"}`, 1)
	_, health := mustGet(t, addr, "/healthz")
	_, page := mustGet(t, addr, "/metrics")
	stopServe(t, fake, cancel, done)

	env["DISCORD_TOKEN"] = rejected
	stderr2, stdout2, cancel2, done2 := startServeFile(t, env, envFile)
	defer cancel2()
	var refusal error
	select {
	case refusal = <-done2:
	case <-time.After(10 * time.Second):
		t.Fatal("serve with a rejected token still running after 10 s")
	}
	if refusal == nil || !strings.Contains(refusal.Error(), "Discord rejected DISCORD_TOKEN") {
		t.Fatalf("serve with a rejected token = %v", refusal)
	}

	if warned := logLines(stderr.String(), "level=WARN", ".env", "chmod 600", "mode=0644"); len(warned) != 1 {
		t.Errorf("no warning about the world-readable .env:\n%s", stderr)
	}
	if len(logLines(stderr.String(), "level=DEBUG")) == 0 && len(logLines(stderr.String(), "level=INFO")) < 3 {
		t.Errorf("serve logged too little for this test to mean much:\n%s", stderr)
	}
	outputs := map[string]string{
		"serve's log":                     stderr.String(),
		"serve's standard output":         stdout.String(),
		"/healthz":                        health,
		"/metrics":                        page,
		"the refusing serve's log":        stderr2.String(),
		"the refusing serve's output":     stdout2.String(),
		"the refusing serve's error":      refusal.Error(),
		"the standard logger (discordgo)": stdlog.String(),
	}
	for what, out := range outputs {
		for _, secret := range []string{token, rejected, "secret-token-never", "rejected-token-also"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s contains the token %q:\n%s", what, secret, out)
			}
		}
	}
}

// TestWarnEnvFile checks which modes of .env get a warning: any that
// lets every user of the machine read it.
func TestWarnEnvFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		name string
		mode os.FileMode // 0: no file
		warn bool
	}{
		{"private", 0o600, false},
		{"group", 0o640, false},
		{"world-readable", 0o644, true},
		{"world only", 0o604, true},
		{"missing", 0, false},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name+".env")
		if tt.mode != 0 {
			mustWrite(t, path, "DISCORD_TOKEN=x\n")
			if err := os.Chmod(path, tt.mode); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		warnEnvFile(slog.New(slog.NewTextHandler(&buf, nil)), path)
		if got := strings.Contains(buf.String(), "level=WARN"); got != tt.warn {
			t.Errorf("%s (%04o): warned %v, want %v: %q", tt.name, tt.mode, got, tt.warn, buf.String())
		}
	}
}
