package bot

import (
	"sync"

	"github.com/bwmarrin/discordgo"
)

// GatewayStatus is the state of the bot's gateway connection, for a
// health check.
type GatewayStatus struct {
	// Ready reports whether a session is READY (or RESUMED) and has not
	// been lost since: events reach the bot.
	Ready bool
	// Reason says in a few words why the bot is not Ready; "" when it is.
	Reason string
	// Reconnects counts the connections made after the first one.
	Reconnects int
}

// gatewayState follows discordgo's connection events. discordgo emits
// Connect once READY or RESUMED has arrived, and Disconnect when it has
// closed a connection, before it reconnects (after a second's wait);
// each handler runs in its own goroutine, but a reconnect takes longer
// than a goroutine takes to start, so they arrive in order.
type gatewayState struct {
	mu       sync.Mutex
	ready    bool
	connects int
}

func (g *gatewayState) up(connect bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.ready = true
	if connect {
		g.connects++
	}
}

func (g *gatewayState) down() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.ready = false
}

// Gateway returns the state of the gateway connection. It is safe for
// concurrent use and never waits on Discord.
func (b *Bot) Gateway() GatewayStatus {
	b.mu.Lock()
	closing := b.closing
	b.mu.Unlock()
	g := &b.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	st := GatewayStatus{Ready: g.ready && !closing, Reconnects: max(0, g.connects-1)}
	switch {
	case closing:
		st.Reason = "shutting down"
	case st.Ready:
	case g.connects == 0:
		st.Reason = "connecting to the Discord gateway"
	default:
		st.Reason = "Discord gateway connection lost; reconnecting"
	}
	return st
}

func (b *Bot) onConnect(*discordgo.Session, *discordgo.Connect)       { b.gw.up(true) }
func (b *Bot) onResumed(*discordgo.Session, *discordgo.Resumed)       { b.gw.up(false) }
func (b *Bot) onDisconnect(*discordgo.Session, *discordgo.Disconnect) { b.gw.down() }
