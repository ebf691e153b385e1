package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsdesk/bot/discordtest"
)

// serveAddr waits for serve's log line saying where it serves /healthz
// and /metrics, and returns that address.
func serveAddr(tb testing.TB, stderr *lockedBuffer) string {
	tb.Helper()
	waitLog(tb, stderr, "serving health and metrics")
	for _, f := range strings.Fields(logLines(stderr.String(), "serving health and metrics")[0]) {
		if addr, ok := strings.CutPrefix(f, "addr="); ok {
			return addr
		}
	}
	tb.Fatalf("no addr= in the log:\n%s", stderr)
	return ""
}

// mustGet GETs http://addr/path and returns the status and body.
func mustGet(tb testing.TB, addr, path string) (int, string) {
	tb.Helper()
	res, err := http.Get("http://" + addr + path)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res.StatusCode, string(body)
}

// waitHealth polls /healthz until it answers status with the one line
// want.
func waitHealth(tb testing.TB, addr string, status int, want string) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := mustGet(tb, addr, "/healthz")
		if code == status && body == want+"\n" {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("/healthz = %d %q after 10 s, want %d %q", code, body, status, want+"\n")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// metricValue returns the value of sample, such as
// `newsdesk_questions_total{command="ask",outcome="answered"}`, in a
// /metrics page, and whether it is there.
func metricValue(page, sample string) (float64, bool) {
	for _, l := range strings.Split(page, "\n") {
		if v, ok := strings.CutPrefix(l, sample+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			return f, err == nil
		}
	}
	return 0, false
}

// waitMetric scrapes /metrics until sample has the value want.
func waitMetric(tb testing.TB, addr, sample string, want float64) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, page := mustGet(tb, addr, "/metrics")
		got, ok := metricValue(page, sample)
		if ok && got == want {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%s = %v (exported %v) after 10 s, want %v; /metrics:\n%s", sample, got, ok, want, page)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// healthcheck runs "newsdesk healthcheck" in-process against addr.
func healthcheck(addr string) (string, error) {
	out := &lockedBuffer{}
	err := run(context.Background(), &environment{
		args:   []string{"healthcheck"},
		getenv: func(k string) string { return map[string]string{"HTTP_ADDR": addr}[k] },
		stdin:  strings.NewReader(""),
		stdout: out,
		stderr: out,
	})
	return out.String(), err
}

// TestServeHealth runs serve with HTTP_ADDR against the fake Discord and
// asks /healthz, /metrics and the healthcheck command over real HTTP:
// 503 while the gateway is held before READY, 200 once READY, 503 while
// a dropped connection is reconnecting, 200 after the resume; the
// metrics count the reconnect, an answer and a reply Discord refused;
// the server stops with serve.
func TestServeHealth(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	fake.HoldGateway()
	stderr, cancel, done := startServe(t, map[string]string{
		"DISCORD_TOKEN":   discordtest.DefaultToken,
		"DISCORD_API_URL": fake.URL(),
		"HTTP_ADDR":       "127.0.0.1:0",
	})
	defer cancel()
	addr := serveAddr(t, stderr)

	waitHealth(t, addr, http.StatusServiceUnavailable, "connecting to the Discord gateway")
	if out, err := healthcheck(addr); err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "503 Service Unavailable: connecting to the Discord gateway") {
		t.Errorf("healthcheck before READY = %v (%q), want exit status 1 with the reason", err, out)
	}
	waitMetric(t, addr, "newsdesk_gateway_ready", 0)
	fake.ReleaseGateway()
	fake.WaitReady(t, 10*time.Second)
	waitHealth(t, addr, http.StatusOK, "ok")
	if out, err := healthcheck(addr); err != nil || out != "ok\n" {
		t.Errorf("healthcheck when ready = %v, %q; want ok", err, out)
	}
	waitMetric(t, addr, "newsdesk_gateway_ready", 1)
	waitMetric(t, addr, "newsdesk_articles_indexed", 5)

	fake.HoldGateway()
	fake.Disconnect()
	waitHealth(t, addr, http.StatusServiceUnavailable, "Discord gateway connection lost; reconnecting")
	fake.ReleaseGateway()
	waitHealth(t, addr, http.StatusOK, "ok")
	waitMetric(t, addr, "newsdesk_gateway_reconnects_total", 1)

	waitMetric(t, addr, `newsdesk_questions_total{command="ask",outcome="answered"}`, 0)
	fake.SendInteraction(discordtest.CommandInteraction("ask", discordtest.Arg("question", "Who is leading the talks in Miami?")))
	fake.WaitRequests(t, isCallback, 1, 10*time.Second)
	waitMetric(t, addr, `newsdesk_questions_total{command="ask",outcome="answered"}`, 1)
	waitMetric(t, addr, `newsdesk_answer_duration_seconds_count{command="ask"}`, 1)
	fake.FailNext("POST", "/interactions/{id}/{token}/callback", discordtest.MissingPermissions())
	fake.SendInteraction(discordtest.CommandInteraction("help"))
	fake.WaitRequests(t, isCallback, 2, 10*time.Second)
	waitMetric(t, addr, `newsdesk_questions_total{command="help",outcome="error"}`, 1)
	waitMetric(t, addr, `newsdesk_discord_rest_errors_total{code="50013",status="403"}`, 1)
	_, page := mustGet(t, addr, "/metrics")
	for _, want := range []string{"go_goroutines ", "process_resident_memory_bytes ", "go_build_info{", `newsdesk_scheduled_briefs_total{result="posted"} 0`} {
		if !strings.Contains(page, want) {
			t.Errorf("/metrics has no %s", want)
		}
	}

	stopServe(t, fake, cancel, done)
	if _, err := http.Get("http://" + addr + "/healthz"); err == nil {
		t.Error("/healthz still answers after serve returned")
	}
}

// TestHealthURL checks where healthcheck looks for serve's /healthz.
func TestHealthURL(t *testing.T) {
	tests := []struct {
		addr, want string
	}{
		{"127.0.0.1:9090", "http://127.0.0.1:9090/healthz"},
		{":9090", "http://127.0.0.1:9090/healthz"},
		{"0.0.0.0:9090", "http://127.0.0.1:9090/healthz"},
		{"[::]:9090", "http://[::1]:9090/healthz"},
		{"[::1]:9090", "http://[::1]:9090/healthz"},
		{"localhost:9090", "http://localhost:9090/healthz"},
		{"9090", ""},
	}
	for _, tt := range tests {
		got, err := healthURL(tt.addr)
		if got != tt.want || (err != nil) != (tt.want == "") {
			t.Errorf("healthURL(%q) = %q, %v; want %q", tt.addr, got, err, tt.want)
		}
	}
}

// TestHealthcheckErrors runs healthcheck with no HTTP_ADDR and with
// nothing listening there: exit status 1 and a line saying why.
func TestHealthcheckErrors(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	for _, tt := range []struct{ addr, want string }{
		{"", "HTTP_ADDR is not set"},
		{closed, "connection refused"},
	} {
		_, err := healthcheck(tt.addr)
		if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("healthcheck with HTTP_ADDR=%q = %v, want exit status 1 saying %q", tt.addr, err, tt.want)
		}
	}
}
