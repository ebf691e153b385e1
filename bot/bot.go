// Package bot is Newsdesk's Discord adapter: it registers the slash
// commands, answers interactions, mentions and direct messages, and keeps
// every message within Discord's limits with mentions disabled. It is the
// only package that imports discordgo; the answers themselves come from
// retrieval and summarize.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/schedule"
	"newsdesk/retrieval"
)

// Config configures a Bot. Token is required; everything else has a
// working default.
type Config struct {
	Token   string // the bot token, without the "Bot " prefix
	GuildID string // register commands in this guild only (instant); empty: global
	APIURL  string // origin replacing https://discord.com for REST, e.g. http://127.0.0.1:8080

	// Index returns the index to answer from; it is called for every
	// question, so a live corpus can swap indexes underneath.
	Index func() *retrieval.Index

	Logger     *slog.Logger     // default: slog.Default()
	Now        func() time.Time // default: time.Now
	Location   *time.Location   // the brief's day boundary; default: time.Local
	HTTP       *http.Client     // default: a client with a 20 s timeout
	RateLimit  int              // questions per user per RateWindow; default 5, < 0 for none
	RateWindow time.Duration    // default 10 s

	// DeferAfter is how long an answer may take before Newsdesk defers
	// the interaction ("Newsdesk is thinking…") and edits the answer in
	// when it is ready; default 1.5 s, which leaves a second of Discord's
	// three for the callback to travel. Negative: always defer.
	DeferAfter time.Duration

	// Schedules, when not nil, is where servers' daily brief schedules
	// are kept: the bot then registers /schedule for server managers and
	// has a scheduler over them, which the caller runs ([Bot.Scheduler]).
	// ScheduleOptions tune it; their Logger defaults to Logger, and their
	// Time is also the clock of /schedule's replies.
	Schedules       *schedule.Store
	ScheduleOptions schedule.Options

	// Hooks are told of questions, scheduled posts and Discord's errors,
	// for metrics; the state of the gateway is [Bot.Gateway].
	Hooks Hooks
}

// MaxQuestion is the longest question, in characters, Newsdesk accepts.
const MaxQuestion = 300

// A Bot is a connected Newsdesk Discord bot. Create it with [New], start
// it with [Bot.Open] and stop it with [Bot.Close].
type Bot struct {
	cfg     Config
	s       *discordgo.Session
	log     *slog.Logger
	limiter *limiter
	sched   *schedule.Scheduler // nil without Config.Schedules
	schedAt func() time.Time    // the scheduler's clock

	mu       sync.Mutex // guards the fields below
	appID    string
	user     *discordgo.User
	closing  bool // set by Close: no new work starts
	inflight sync.WaitGroup

	// answered holds the IDs of interactions that have been sent a
	// response (or one was attempted), so that a handler that panics
	// can still tell the user, once.
	answered sync.Map

	tallies sync.Map // interaction or message ID → *tally, for Hooks.Question
	gw      gatewayState
}

// ErrBadToken reports a token Discord rejects.
var ErrBadToken = errors.New("Discord rejected the bot token") //lint:ignore ST1005 Discord is a name

// New creates a bot from cfg without connecting.
func New(cfg Config) (*Bot, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("no Discord bot token")
	}
	if cfg.Index == nil {
		return nil, errors.New("bot: no index")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = 5
	}
	if cfg.RateWindow <= 0 {
		cfg.RateWindow = 10 * time.Second
	}
	if cfg.DeferAfter == 0 {
		cfg.DeferAfter = 1500 * time.Millisecond
	}
	s, err := discordgo.New("Bot " + strings.TrimPrefix(strings.TrimSpace(cfg.Token), "Bot "))
	if err != nil {
		return nil, fmt.Errorf("bot: %w", err)
	}
	client := cfg.HTTP
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second}
	}
	if cfg.APIURL != "" {
		t, err := newOriginTransport(cfg.APIURL, client.Transport)
		if err != nil {
			return nil, err
		}
		c := *client
		c.Transport = t
		client = &c
	}
	if cfg.Hooks.RESTError != nil {
		c := *client
		c.Transport = &restObserver{next: transportOrDefault(c.Transport), report: cfg.Hooks.RESTError}
		client = &c
	}
	s.Client = client
	s.UserAgent = "DiscordBot (https://github.com/newsdesk/newsdesk, 1.0) Newsdesk"
	// Mentions and DMs carry their content without the privileged
	// Message Content intent, so Newsdesk does not ask for it.
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	s.MaxRestRetries = 2
	s.ShouldReconnectOnError = true
	s.StateEnabled = false
	b := &Bot{
		cfg:     cfg,
		s:       s,
		log:     cfg.Logger,
		limiter: newLimiter(cfg.RateLimit, cfg.RateWindow),
	}
	if cfg.Schedules != nil {
		b.newScheduler()
	}
	s.AddHandler(b.onReady)
	s.AddHandler(b.onResumed)
	s.AddHandler(b.onConnect)
	s.AddHandler(b.onDisconnect)
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	return b, nil
}

// Open checks the token, registers the slash commands (skipping the call
// when Discord already has the same set) and connects to the gateway. A
// token Discord rejects gives an error wrapping [ErrBadToken].
func (b *Bot) Open(ctx context.Context) error {
	if err := b.login(ctx); err != nil {
		return err
	}
	if err := b.s.Open(); err != nil {
		return fmt.Errorf("connect to the gateway: %w", err)
	}
	return nil
}

// login is the REST half of Open: who the bot is, its application, and
// the registration of its commands.
func (b *Bot) login(ctx context.Context) error {
	user, err := b.s.User("@me", discordgo.WithContext(ctx))
	if err != nil {
		var re *discordgo.RESTError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
			return ErrBadToken
		}
		return fmt.Errorf("reach Discord: %w", err)
	}
	app, err := b.s.Application("@me")
	if err != nil {
		return fmt.Errorf("read application: %w", err)
	}
	b.mu.Lock()
	b.user, b.appID = user, app.ID
	b.mu.Unlock()
	return b.register(ctx)
}

// InviteURL returns the link that adds the bot to a server with the
// scopes and the least permissions it needs: view channels, send messages,
// embed links, read message history (to reply), send messages in threads.
func (b *Bot) InviteURL() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return InviteURL(b.appID)
}

// invitePermissions: View Channel, Send Messages, Send Messages in
// Threads, Embed Links, Read Message History.
const invitePermissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionSendMessagesInThreads | discordgo.PermissionEmbedLinks | discordgo.PermissionReadMessageHistory

// InviteURL returns the invite link of application appID.
func InviteURL(appID string) string {
	return fmt.Sprintf("https://discord.com/oauth2/authorize?client_id=%s&scope=bot+applications.commands&permissions=%d", appID, invitePermissions)
}

// Close stops taking new work, waits for answers in flight (at most until
// ctx is done) and closes the gateway connection, which takes discordgo
// about a second. Calling it again, or without Open, is harmless.
func (b *Bot) Close(ctx context.Context) error {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		b.log.Warn("closing with answers still in flight")
	}
	// A heartbeat that fails while the socket closes would otherwise
	// make discordgo reconnect after Close.
	b.s.Lock()
	b.s.ShouldReconnectOnError = false
	b.s.Unlock()
	return b.s.Close()
}

// Session returns the underlying discordgo session (for tests and wiring).
func (b *Bot) Session() *discordgo.Session { return b.s }

// begin registers one piece of work in flight; it reports false once the
// bot is closing. The check and the Add share the lock Close takes, so
// Close never waits on a WaitGroup that is still being added to.
func (b *Bot) begin() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing {
		return false
	}
	b.inflight.Add(1)
	return true
}

func (b *Bot) onReady(s *discordgo.Session, r *discordgo.Ready) {
	b.gw.up(false)
	name := ""
	if r.User != nil {
		name = r.User.Username
	}
	b.log.Info("connected to Discord", "user", name, "guilds", len(r.Guilds))
}

func (b *Bot) botUserID() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.user == nil {
		return ""
	}
	return b.user.ID
}
