package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// runHealthcheck asks a running `newsdesk serve` whether it is healthy:
// it GETs /healthz at HTTP_ADDR and succeeds on 200, printing "ok";
// otherwise it fails with the reason serve gave. It is the container's
// HEALTHCHECK, since a distroless image has no curl or wget.
func runHealthcheck(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "healthcheck", "[--timeout D]")
	timeout := fs.Duration("timeout", 5*time.Second, "give up after this long")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	addr := strings.TrimSpace(env.getenv("HTTP_ADDR"))
	if addr == "" {
		return errors.New("healthcheck: HTTP_ADDR is not set; set it as for newsdesk serve, such as 127.0.0.1:9090")
	}
	url, err := healthURL(addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	// No proxy: serve is on this machine (or in this container).
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 512))
	reason := strings.TrimSpace(string(body))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s: %s: %s", url, res.Status, reason)
	}
	fmt.Fprintln(env.stdout, reason)
	return nil
}

// healthURL is the /healthz URL of a serve listening on addr (HTTP_ADDR):
// an address that listens everywhere (":9090", "0.0.0.0:9090",
// "[::]:9090") is asked on loopback.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("HTTP_ADDR %q: want host:port, such as 127.0.0.1:9090, or :9090 for every address", addr)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
