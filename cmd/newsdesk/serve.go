package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	"newsdesk/bot"
	"newsdesk/bot/schedule"
	"newsdesk/retrieval"
	"newsdesk/retrieval/feeds"
	"newsdesk/retrieval/live"
)

// tokenHelp tells a self-hoster where a token comes from and where it goes.
const tokenHelp = "create an application at https://discord.com/developers/applications, " +
	"copy its bot token (Bot tab, Reset Token) into .env as DISCORD_TOKEN=..., and run newsdesk serve again (see README.md)"

// serveConfig is what `newsdesk serve` reads from the environment.
type serveConfig struct {
	token, guildID, apiURL, articlesDir string
	dataDir                             string        // DATA_DIR: the schedules database
	grace                               time.Duration // SCHEDULE_GRACE
	feeds                               feeds.Config  // FEEDS, FEEDS_FILE and their settings; Dir is articlesDir
	httpAddr                            string        // HTTP_ADDR: /healthz and /metrics; "" for none
	logLevel                            slog.Level
}

// defaultStateDir is where schedules live without DATA_DIR.
const defaultStateDir = "data"

// defaultGrace is how late a scheduled brief may be posted without
// SCHEDULE_GRACE.
const defaultGrace = 6 * time.Hour

func readServeConfig(getenv func(string) string) (serveConfig, error) {
	c := serveConfig{
		token:       strings.TrimSpace(getenv("DISCORD_TOKEN")),
		guildID:     strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		apiURL:      strings.TrimRight(strings.TrimSpace(getenv("DISCORD_API_URL")), "/"),
		articlesDir: getenv("ARTICLES_DIR"),
		dataDir:     strings.TrimSpace(getenv("DATA_DIR")),
		grace:       defaultGrace,
	}
	if c.token == "" {
		return c, errors.New("no Discord bot token: " + tokenHelp)
	}
	if lvl := getenv("LOG_LEVEL"); lvl != "" {
		if err := c.logLevel.UnmarshalText([]byte(lvl)); err != nil {
			return c, fmt.Errorf("LOG_LEVEL %q: want debug, info, warn or error", lvl)
		}
	}
	if c.dataDir == "" {
		c.dataDir = defaultStateDir
	}
	if c.httpAddr = strings.TrimSpace(getenv("HTTP_ADDR")); c.httpAddr != "" {
		if _, _, err := net.SplitHostPort(c.httpAddr); err != nil {
			return c, fmt.Errorf("HTTP_ADDR %q: want host:port, such as 127.0.0.1:9090, or :9090 for every address", c.httpAddr)
		}
	}
	// Past a day the grace period changes nothing: a brief is never
	// posted once the next day's is due.
	if s := strings.TrimSpace(getenv("SCHEDULE_GRACE")); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil || d < time.Minute || d > 24*time.Hour {
			return c, fmt.Errorf("SCHEDULE_GRACE %q: want a duration from 1m to 24h, such as 6h or 90m", s)
		}
		c.grace = d
	}
	fc, err := readFeedConfig(getenv)
	if err != nil {
		return c, err
	}
	if len(fc.Feeds) > 0 && c.articlesDir == "" {
		return c, errors.New("FEEDS is set but ARTICLES_DIR is not: feed articles are saved as files under ARTICLES_DIR/feeds/, so set ARTICLES_DIR to a folder")
	}
	fc.Dir = c.articlesDir
	c.feeds = fc
	return c, nil
}

func runServe(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "serve", "")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	cfg, err := readServeConfig(env.getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: cfg.logLevel}))
	warnEnvFile(log, env.envFile)
	m, h := newMetrics(), newHealth()
	if cfg.httpAddr != "" {
		stop, err := startHTTP(cfg.httpAddr, h, m, log)
		if err != nil {
			return err
		}
		defer stop() // last: /healthz says "shutting down" until then
	}
	s, err := newServer(cfg, m, log, env.stderr)
	if err != nil {
		return err
	}
	store, err := schedule.Open(cfg.dataDir)
	if err != nil {
		return fmt.Errorf("DATA_DIR %s: %w", cfg.dataDir, err)
	}
	defer store.Close() // on early returns; a run closes it after the bot and scheduler, below
	if err := s.newBot(cfg, store, m, log); err != nil {
		return err
	}
	h.running(s.bot) // not ready until the gateway is
	if err := s.bot.Open(ctx); err != nil {
		if errors.Is(err, bot.ErrBadToken) {
			return errors.New("Discord rejected DISCORD_TOKEN: " + tokenHelp) //lint:ignore ST1005 Discord is a name
		}
		return err
	}
	ix := s.index()
	if len(ix.Articles()) == 0 {
		log.Warn("no articles yet: add .txt or .md files to ARTICLES_DIR, or set FEEDS", "dir", cfg.articlesDir)
	}
	log.Info("newsdesk is running", "articles", len(ix.Articles()), "sentences", ix.Len(),
		"schedules", store.Path(), "invite", s.bot.InviteURL())
	var wg sync.WaitGroup
	s.start(ctx, &wg, log)
	<-ctx.Done()
	h.starting("shutting down")
	log.Info("shutting down")
	closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = s.bot.Close(closeCtx) // answers in flight finish
	wg.Wait()                   // a scheduled post under way finishes and is recorded
	if cerr := store.Close(); err == nil {
		err = cerr
	}
	return err
}

// A server is what serve runs: the bot with its scheduler, and, with
// ARTICLES_DIR, the watched folder and the feed poller that fills it.
type server struct {
	bot    *bot.Bot
	index  func() *retrieval.Index
	corpus *live.Corpus  // nil for the built-in articles
	poller *feeds.Poller // nil without feeds
}

// newServer loads the articles and prepares the feed poller, counting
// into m; the bot comes after, with the schedules (newBot).
func newServer(cfg serveConfig, m *metrics, log *slog.Logger, stderr io.Writer) (*server, error) {
	s := &server{}
	if cfg.articlesDir == "" {
		ix, err := loadIndex("", stderr)
		if err != nil {
			return nil, err
		}
		m.indexed(ix)
		s.index = func() *retrieval.Index { return ix }
	} else {
		if len(cfg.feeds.Feeds) > 0 {
			fc := cfg.feeds
			fc.Logger = log
			fc.OnPoll = m.polled
			p, err := feeds.New(fc)
			if err != nil {
				return nil, err
			}
			s.poller = p
		}
		c, err := live.Open(cfg.articlesDir, live.Options{Logger: log, OnSwap: m.swapped})
		if err != nil {
			return nil, err
		}
		s.corpus, s.index = c, c.Current
	}
	return s, nil
}

// newBot makes the bot, with its scheduler over store, counting into m,
// without connecting it.
func (s *server) newBot(cfg serveConfig, store *schedule.Store, m *metrics, log *slog.Logger) error {
	b, err := bot.New(bot.Config{
		Token:           cfg.token,
		GuildID:         cfg.guildID,
		APIURL:          cfg.apiURL,
		Index:           s.index,
		Logger:          log,
		Schedules:       store,
		ScheduleOptions: schedule.Options{Grace: cfg.grace, Logger: log},
		Hooks:           m.hooks(),
	})
	if err != nil {
		return err
	}
	s.bot = b
	m.bot.Store(b)
	return nil
}

// start runs the scheduler, the folder watch and the feed poller in
// goroutines counted by wg, until ctx is done. One that stops with an
// error is logged; the bot goes on with what it has.
func (s *server) start(ctx context.Context, wg *sync.WaitGroup, log *slog.Logger) {
	run := func(what string, f func(context.Context) error) {
		wg.Go(func() {
			if err := f(ctx); err != nil {
				log.Error(what+" stopped", "err", err)
			}
		})
	}
	run("scheduler", s.bot.Scheduler().Run)
	if s.corpus != nil {
		run("articles folder watch", s.corpus.Watch)
	}
	if s.poller != nil {
		run("feed poller", s.poller.Run)
	}
}
