package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// errNoSession is why Dispatch cannot send anything.
var errNoSession = errors.New("no gateway session: open a discordgo Session and call WaitReady first")

// GatewayStats counts what happened on the gateway.
type GatewayStats struct {
	Connections     int // WebSocket connections accepted
	Identifies      int // Identify (op 2) received, accepted or not
	Resumes         int // Resume (op 6) accepted
	InvalidSessions int // Resume refused with op 9
	Heartbeats      int // heartbeats (op 1) received
	Disconnects     int // connections dropped by [Server.Disconnect]
	Reconnects      int // op 7 sent by [Server.ReconnectRequest]
	Sessions        int // sessions that can still receive or resume
	// Live counts open connections where discordgo's Open has finished:
	// READY or RESUMED sent, and the heartbeat it sends as Open returns
	// received.
	Live int
}

// GatewayStats returns the gateway's counters now.
func (s *Server) GatewayStats() GatewayStats {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	st := g.stats
	st.Sessions = len(g.sessions)
	for c := range g.conns {
		if c.live && c.beat {
			st.Live++
		}
	}
	return st
}

// Identifies returns every Identify payload received, in order, with the
// token, intents, properties, compress flag and shard the client sent;
// Presence is left empty.
func (s *Server) Identifies() []discordgo.Identify {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	return slices.Clone(s.gw.identifies)
}

// WaitGateway waits until cond holds for the gateway's counters and
// returns them, or calls tb.Fatal after timeout.
func (s *Server) WaitGateway(tb testing.TB, cond func(GatewayStats) bool, timeout time.Duration) GatewayStats {
	tb.Helper()
	var st GatewayStats
	s.waitFor(tb, timeout, func() string {
		return fmt.Sprintf("gateway condition not met: %+v", st)
	}, func() bool {
		st = s.GatewayStats()
		return cond(st)
	})
	return st
}

// WaitReady waits until a client's Open has finished on a connection that
// is still open (see [GatewayStats].Live), so that dispatches reach it at
// once. Wait for it before closing a session too: discordgo v0.29.0's
// first heartbeat, if it runs after Close, fails and closes whatever
// connection the session has by then, such as the next Open's.
func (s *Server) WaitReady(tb testing.TB, timeout time.Duration) {
	tb.Helper()
	s.WaitGateway(tb, func(st GatewayStats) bool { return st.Live > 0 }, timeout)
}

// Dispatch sends event (such as "MESSAGE_CREATE") with data, encoded as
// JSON, as the next op 0 of every session. A session that is
// disconnected but resumable gets it on resume. It calls Fatal when data
// does not encode or no session exists.
func (s *Server) Dispatch(event string, data any) {
	s.tb.Helper()
	raw, err := json.Marshal(data)
	if err != nil {
		s.tb.Fatalf("discordtest: dispatch %s: encode: %v", event, err)
	}
	g := &s.gw
	g.mu.Lock()
	if len(g.sessions) == 0 {
		g.mu.Unlock()
		s.tb.Fatalf("discordtest: dispatch %s: %v", event, errNoSession)
	}
	for _, sess := range g.sessions {
		if err := sess.dispatchLocked(event, json.RawMessage(raw), true); err != nil {
			// The connection is broken; its reader will notice and
			// the session will get the event on resume.
			sess.conn.live = false
			_ = sess.conn.ws.Close()
		}
	}
	g.mu.Unlock()
	s.notify()
}

// SendInteraction is [Server.Interaction] followed by dispatching
// INTERACTION_CREATE to every session.
func (s *Server) SendInteraction(v any) *discordgo.Interaction {
	s.tb.Helper()
	i, e := s.interaction(v)
	s.Dispatch("INTERACTION_CREATE", e)
	return i
}

// Interaction makes the fake know v as an interaction Discord created,
// without dispatching it, and returns it as discordgo decodes it, for a
// test that calls a handler directly. v is an [Event],
// *discordgo.Interaction or raw JSON ([]byte, json.RawMessage). A command
// without data.id gets the ID of the registered command of that name.
// The fake then checks the interaction's callback strictly: one only, of
// a type that fits the interaction, before any follow-up.
func (s *Server) Interaction(v any) *discordgo.Interaction {
	s.tb.Helper()
	i, _ := s.interaction(v)
	return i
}

func (s *Server) interaction(v any) (*discordgo.Interaction, Event) {
	s.tb.Helper()
	e := s.event("INTERACTION_CREATE", v)
	if data, ok := e["data"].(map[string]any); ok {
		id, _ := data["id"].(string)
		name, _ := data["name"].(string)
		guild, _ := e["guild_id"].(string)
		if id == "" && name != "" {
			if id = s.commandID(guild, name); id != "" {
				data["id"] = id
			}
		}
	}
	var i discordgo.Interaction
	s.decode("INTERACTION_CREATE", e, &i)
	s.registerInteraction(i.ID, i.Token, int(i.Type), i.ChannelID)
	return &i, e
}

// SendMessageCreate dispatches MESSAGE_CREATE with v: an [Event],
// *discordgo.Message, or raw JSON. It returns the message as discordgo
// decodes it.
func (s *Server) SendMessageCreate(v any) *discordgo.Message {
	s.tb.Helper()
	e := s.event("MESSAGE_CREATE", v)
	var m discordgo.Message
	s.decode("MESSAGE_CREATE", e, &m)
	s.Dispatch("MESSAGE_CREATE", e)
	return &m
}

// event turns v into a JSON object, calling Fatal when it is not one.
func (s *Server) event(name string, v any) Event {
	s.tb.Helper()
	var raw []byte
	switch v := v.(type) {
	case []byte:
		raw = v
	case json.RawMessage:
		raw = v
	default:
		b, err := json.Marshal(v)
		if err != nil {
			s.tb.Fatalf("discordtest: %s: encode: %v", name, err)
		}
		raw = b
	}
	var e Event
	if err := json.Unmarshal(raw, &e); err != nil || e == nil {
		s.tb.Fatalf("discordtest: %s: want a JSON object: %v", name, err)
	}
	return e
}

func (s *Server) decode(name string, e Event, v any) {
	s.tb.Helper()
	b, err := json.Marshal(e)
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		s.tb.Fatalf("discordtest: %s: discordgo cannot decode it: %v", name, err)
	}
}

// Disconnect drops every gateway connection without a close frame, as a
// network failure would. discordgo closes its side (waiting a second),
// reconnects and resumes; events dispatched meanwhile are replayed then.
func (s *Server) Disconnect() {
	g := &s.gw
	g.mu.Lock()
	for c := range g.conns {
		c.live = false
		if c.session != nil && c.session.conn == c {
			c.session.conn = nil
		}
		_ = c.ws.Close()
		g.stats.Disconnects++
	}
	g.mu.Unlock()
	s.notify()
}

// HoldGateway makes new gateway connections wait, accepted but silent,
// until [Server.ReleaseGateway]: a client's Open, or its reconnect after
// [Server.Disconnect], blocks waiting for Hello. It lets a test see the
// client between connections, or before its first READY.
func (s *Server) HoldGateway() {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.hold == nil && !g.closed {
		g.hold = make(chan struct{})
	}
}

// ReleaseGateway lets the connections [Server.HoldGateway] held go on,
// and new ones through at once.
func (s *Server) ReleaseGateway() {
	g := &s.gw
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.hold != nil {
		close(g.hold)
		g.hold = nil
	}
}

// ReconnectRequest sends op 7 (Reconnect) on every live connection.
// discordgo closes with 1012, waits a second, reconnects and resumes.
func (s *Server) ReconnectRequest() {
	g := &s.gw
	g.mu.Lock()
	for c := range g.conns {
		if !c.live {
			continue
		}
		if err := c.write(payload{Op: 7}, false); err != nil {
			_ = c.ws.Close()
		}
		g.stats.Reconnects++
	}
	g.mu.Unlock()
	s.notify()
}
