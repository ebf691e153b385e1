package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"newsdesk/bot"
)

// health says whether serve is ready to answer: its articles are
// indexed and its Discord gateway session is READY. Until the bot
// exists, and once serve is stopping, reason says what it is doing.
// It is safe for concurrent use.
type health struct {
	mu     sync.Mutex
	reason string   // "" once the bot runs
	bot    *bot.Bot // nil until then
}

func newHealth() *health { return &health{reason: "loading articles"} }

// starting records what serve is doing before the bot runs, or after.
func (h *health) starting(reason string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.reason = reason
}

// running hands the health of serve to the bot's gateway.
func (h *health) running(b *bot.Bot) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.reason, h.bot = "", b
}

// status reports whether serve is healthy and, when it is not, why.
func (h *health) status() (bool, string) {
	h.mu.Lock()
	reason, b := h.reason, h.bot
	h.mu.Unlock()
	if reason != "" || b == nil {
		return false, reason
	}
	g := b.Gateway()
	return g.Ready, g.Reason
}

// ServeHTTP answers /healthz: 200 "ok", or 503 and one line saying why
// not. Both are plain text, never cached.
func (h *health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	ok, reason := h.status()
	if !ok {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, reason)
		return
	}
	fmt.Fprintln(w, "ok")
}

// startHTTP listens on addr and serves /healthz and /metrics there until
// the returned stop is called. A port already taken, or an address that
// is not this machine's, is an error at once, before serve connects to
// Discord.
func startHTTP(addr string, h *health, m *metrics, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("HTTP_ADDR %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", h)
	mux.Handle("GET /metrics", promhttp.InstrumentMetricHandler(m.reg, promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelError),
	})))
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			log.Error("health and metrics server stopped", "err", err)
		}
	}()
	log.Info("serving health and metrics", "addr", ln.Addr().String(), "paths", "/healthz /metrics")
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			log.Warn("closing the health and metrics server", "err", err)
		}
		<-done
	}, nil
}
