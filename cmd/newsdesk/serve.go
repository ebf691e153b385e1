package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"newsdesk/bot"
	"newsdesk/retrieval"
)

// tokenHelp tells a self-hoster where a token comes from and where it goes.
const tokenHelp = "create an application at https://discord.com/developers/applications, " +
	"copy its bot token (Bot tab, Reset Token) into .env as DISCORD_TOKEN=..., and run newsdesk serve again (see README.md)"

// serveConfig is what `newsdesk serve` reads from the environment.
type serveConfig struct {
	token, guildID, apiURL, articlesDir string
	logLevel                            slog.Level
}

func readServeConfig(getenv func(string) string) (serveConfig, error) {
	c := serveConfig{
		token:       strings.TrimSpace(getenv("DISCORD_TOKEN")),
		guildID:     strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		apiURL:      strings.TrimRight(strings.TrimSpace(getenv("DISCORD_API_URL")), "/"),
		articlesDir: getenv("ARTICLES_DIR"),
	}
	if c.token == "" {
		return c, errors.New("no Discord bot token: " + tokenHelp)
	}
	if lvl := getenv("LOG_LEVEL"); lvl != "" {
		if err := c.logLevel.UnmarshalText([]byte(lvl)); err != nil {
			return c, fmt.Errorf("LOG_LEVEL %q: want debug, info, warn or error", lvl)
		}
	}
	return c, nil
}

func runServe(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "serve", "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := readServeConfig(env.getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: cfg.logLevel}))
	ix, err := loadIndex(cfg.articlesDir, env.stderr)
	if err != nil {
		return err
	}
	b, err := bot.New(bot.Config{
		Token:   cfg.token,
		GuildID: cfg.guildID,
		APIURL:  cfg.apiURL,
		Index:   func() *retrieval.Index { return ix },
		Logger:  log,
	})
	if err != nil {
		return err
	}
	if err := b.Open(ctx); err != nil {
		if errors.Is(err, bot.ErrBadToken) {
			return errors.New("Discord rejected DISCORD_TOKEN: " + tokenHelp)
		}
		return err
	}
	log.Info("newsdesk is running", "articles", len(ix.Articles()), "sentences", ix.Len(), "invite", b.InviteURL())
	<-ctx.Done()
	log.Info("shutting down")
	closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return b.Close(closeCtx)
}
