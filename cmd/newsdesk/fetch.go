package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"newsdesk/retrieval/feeds"
)

// readFeedConfig reads the feed settings from the environment: FEEDS (URLs
// separated by commas or spaces), FEEDS_FILE (a file of URLs, one a line,
// # comments), FEED_INTERVAL (at least 1m; default 15m), FEED_USER_AGENT
// and FEED_HOST_DELAY (least time between requests to one site; default
// 1s). Dir is left for the caller. No feeds is not an error here.
func readFeedConfig(getenv func(string) string) (feeds.Config, error) {
	var cfg feeds.Config
	list, err := feeds.ParseList(getenv("FEEDS"))
	if err != nil {
		return cfg, fmt.Errorf("FEEDS: %w", err)
	}
	if name := strings.TrimSpace(getenv("FEEDS_FILE")); name != "" {
		data, err := os.ReadFile(name)
		if err != nil {
			return cfg, fmt.Errorf("FEEDS_FILE: %w", err)
		}
		more, err := feeds.ParseList(string(data))
		if err != nil {
			return cfg, fmt.Errorf("FEEDS_FILE %s: %w", name, err)
		}
		for _, u := range more {
			if !slices.Contains(list, u) {
				list = append(list, u)
			}
		}
	}
	cfg.Feeds = list
	if s := strings.TrimSpace(getenv("FEED_INTERVAL")); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d < time.Minute {
			return cfg, fmt.Errorf("FEED_INTERVAL %q: want a duration of at least 1m, such as 15m or 1h", s)
		}
		cfg.Interval = d
	}
	if s := strings.TrimSpace(getenv("FEED_HOST_DELAY")); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return cfg, fmt.Errorf("FEED_HOST_DELAY %q: want a duration such as 1s or 500ms", s)
		}
		cfg.HostDelay = d
		if d == 0 {
			cfg.HostDelay = -1 // none
		}
	}
	cfg.UserAgent = strings.TrimSpace(getenv("FEED_USER_AGENT"))
	return cfg, nil
}

func runFetch(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "fetch", "[--articles DIR] [--feeds URL,...]")
	dir := fs.String("articles", "", "folder to save articles under, in feeds/<site>/ (default: $ARTICLES_DIR)")
	list := fs.String("feeds", "", "feed URLs separated by commas (default: $FEEDS and the file $FEEDS_FILE)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	cfg, err := readFeedConfig(env.getenv)
	if err != nil {
		return err
	}
	if cfg.Dir = articlesDir(env, *dir); cfg.Dir == "" {
		return errors.New("fetch: no articles folder to save to: set ARTICLES_DIR or pass --articles DIR")
	}
	if *list != "" {
		if cfg.Feeds, err = feeds.ParseList(*list); err != nil {
			return fmt.Errorf("--feeds: %w", err)
		}
	}
	if len(cfg.Feeds) == 0 {
		return errors.New("fetch: no feeds: set FEEDS or FEEDS_FILE, or pass --feeds URL,...") //lint:ignore ST1005 the usage ends with "..."
	}
	level := slog.LevelWarn
	if s := env.getenv("LOG_LEVEL"); s != "" {
		if err := level.UnmarshalText([]byte(s)); err != nil {
			return fmt.Errorf("LOG_LEVEL %q: want debug, info, warn or error", s)
		}
	}
	cfg.Logger = slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: level}))
	pl := &progressLine{w: env.stderr, start: time.Now(), every: progressEvery}
	cfg.Progress = pl.update
	p, err := feeds.New(cfg)
	if err != nil {
		return err
	}
	rep, err := p.Poll(ctx)
	if err := printFetchReport(env.stdout, rep, filepath.Join(cfg.Dir, "feeds")); err != nil {
		return err
	}
	if err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	if t := rep.Total(); t.Failed > 0 && t.New+t.Updated+t.Unchanged+t.Duplicate+t.NotModified == 0 {
		return errors.New("fetch: nothing could be fetched (see the warnings above)")
	}
	return nil
}

// progressEvery is how often the progress line is printed; runs shorter
// than that print none.
var progressEvery = 2 * time.Second

// A progressLine prints how far a long poll has got, one line at a time
// on stderr (so it reads well in a terminal and in a log file alike).
type progressLine struct {
	w           io.Writer
	start, last time.Time
	every       time.Duration
}

func (pl *progressLine) update(p feeds.Progress) {
	now := time.Now()
	if now.Sub(pl.start) < pl.every || now.Sub(pl.last) < pl.every {
		return
	}
	pl.last = now
	fmt.Fprintf(pl.w, "newsdesk fetch: %d/%d feeds, %d items, %d new, %d updated, %d failed (%s)\n",
		p.FeedsDone, p.Feeds, p.Items, p.New, p.Updated, p.Failed, now.Sub(pl.start).Round(time.Second))
}

// printFetchReport prints one row per site and a total.
func printFetchReport(w io.Writer, rep *feeds.Report, where string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SITE\tNEW\tUPDATED\tUNCHANGED\tDUPLICATE\tFAILED\tNOT MODIFIED")
	row := func(name string, c feeds.Count) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", name, c.New, c.Updated, c.Unchanged, c.Duplicate, c.Failed, c.NotModified)
	}
	for _, s := range rep.SiteNames() {
		row(s, rep.Sites[s])
	}
	row("total", rep.Total())
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "Articles are in %s (fetched in %s).\n", where, rep.Took.Round(time.Millisecond))
	return err
}
