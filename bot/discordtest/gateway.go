package discordtest

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// The gateway speaks Discord's protocol as discordgo v0.29.0 drives it
// (wsapi.go):
//
//   - The client dials the URL from GET /gateway plus "/?v=9&encoding=json"
//     with "accept-encoding: zlib", and reads one message: Hello (op 10).
//   - It sends Identify (op 2), or Resume (op 6) when it has a session ID
//     or sequence from before, and reads one more message, expecting READY
//     or RESUMED; only then does Session.Open return and its heartbeat
//     (op 1, answered by op 11) and listen loops start.
//   - Identify carries "compress": true by default. discordgo then accepts
//     a binary frame as one zlib stream per message, so the fake sends
//     dispatches (op 0) of such sessions that way, and text otherwise.
//   - discordgo ignores resume_gateway_url and resumes at the same URL.
//   - On a read error it closes (sleeping a second) and reconnects with
//     Resume; on op 7 it closes with 1012 and does the same; on op 9 it
//     identifies again on the same socket.
//
// The fake closes with 4004 on a bad token, 4002 on undecodable JSON,
// 4001 on an unknown opcode, 4003 on anything but a heartbeat before
// identifying and 4005 on a second Identify. A session ends when the
// client closes with 1000 or 1001; otherwise it can be resumed, and
// events dispatched meanwhile are replayed.

// A payload is a gateway message in Discord's envelope.
type payload struct {
	Op int     `json:"op"`
	D  any     `json:"d"`
	S  *int64  `json:"s"`
	T  *string `json:"t"`
}

type gateway struct {
	mu         sync.Mutex // guards the fields below; taken before any gwConn.wmu
	sessions   map[string]*gwSession
	conns      map[*gwConn]bool
	identifies []discordgo.Identify
	stats      GatewayStats
	closed     bool
	hold       chan struct{}  // while not nil, new connections wait for it to close before Hello
	wg         sync.WaitGroup // connection goroutines
}

// A gwSession is one identified session; it outlives its connection when
// resumable.
type gwSession struct {
	id       string
	token    string
	compress bool
	seq      int64
	log      []payload // dispatches sent, for replay on resume
	conn     *gwConn   // nil while disconnected
}

type gwConn struct {
	ws      *websocket.Conn
	wmu     sync.Mutex // serializes writes
	session *gwSession // set once identified or resumed, under gateway.mu
	live    bool       // READY or RESUMED sent and not disconnected, under gateway.mu
	beat    bool       // a heartbeat received, under gateway.mu
}

func (g *gateway) init() {
	g.sessions = make(map[string]*gwSession)
	g.conns = make(map[*gwConn]bool)
}

// shutdown closes every connection and waits for their goroutines.
func (g *gateway) shutdown() {
	g.mu.Lock()
	g.closed = true
	for c := range g.conns {
		_ = c.ws.Close()
	}
	if g.hold != nil {
		close(g.hold)
		g.hold = nil
	}
	g.mu.Unlock()
	g.wg.Wait()
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered with an HTTP error
	}
	c := &gwConn{ws: ws}
	g := &s.gw
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		_ = ws.Close()
		return
	}
	g.conns[c] = true
	g.stats.Connections++
	g.wg.Add(1)
	hold := g.hold
	g.mu.Unlock()
	defer g.wg.Done()
	s.notify()
	if hold != nil {
		<-hold
	}

	err = s.runConn(c)
	s.lost(c, err)
}

// runConn sends Hello and serves the client's messages until the
// connection ends, returning why.
func (s *Server) runConn(c *gwConn) error {
	hello := map[string]any{"heartbeat_interval": s.cfg.heartbeat.Milliseconds(), "_trace": []string{`["discordtest"]`}}
	if err := c.write(payload{Op: 10, D: hello}, false); err != nil {
		return fmt.Errorf("send hello: %w", err)
	}
	for {
		_, msg, err := c.ws.ReadMessage()
		if err != nil {
			return err
		}
		var in struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(msg, &in); err != nil {
			return c.close(4002, "Error while decoding payload.")
		}
		s.gw.mu.Lock()
		authed := c.session != nil
		s.gw.mu.Unlock()
		switch {
		case in.Op == 1:
			s.gw.mu.Lock()
			s.gw.stats.Heartbeats++
			c.beat = true
			s.gw.mu.Unlock()
			s.notify()
			if err := c.write(payload{Op: 11}, false); err != nil {
				return fmt.Errorf("send heartbeat ack: %w", err)
			}
		case in.Op == 2:
			if err := s.identify(c, in.D); err != nil {
				return err
			}
		case in.Op == 6:
			if err := s.resume(c, in.D); err != nil {
				return err
			}
		case !authed:
			return c.close(4003, "Not authenticated.")
		case in.Op == 3 || in.Op == 4 || in.Op == 8: // presence, voice state, request members: accepted, ignored
		default:
			return c.close(4001, "Unknown opcode.")
		}
	}
}

// identify handles op 2: a new session, READY, then GUILD_CREATE for each
// guild.
func (s *Server) identify(c *gwConn, raw json.RawMessage) error {
	id, err := decodeIdentify(raw)
	if err != nil {
		return c.close(4002, "Error while decoding payload.")
	}
	g := &s.gw
	g.mu.Lock()
	defer s.notify()
	defer g.mu.Unlock()
	g.identifies = append(g.identifies, id)
	g.stats.Identifies++
	if c.session != nil {
		return c.close(4005, "Already authenticated.")
	}
	token := strings.TrimPrefix(id.Token, "Bot ")
	if !s.cfg.tokens[token] {
		return c.close(4004, "Authentication failed.")
	}
	sess := &gwSession{id: randomHex(32), token: token, compress: id.Compress, conn: c}
	g.sessions[sess.id] = sess
	c.session = sess
	if err := sess.dispatchLocked("READY", s.readyJSON(sess, id.Shard), true); err != nil {
		return fmt.Errorf("send READY: %w", err)
	}
	c.live = true
	for _, guild := range s.cfg.guilds {
		if err := sess.dispatchLocked("GUILD_CREATE", s.guildJSON(guild), true); err != nil {
			return fmt.Errorf("send GUILD_CREATE: %w", err)
		}
	}
	return nil
}

// decodeIdentify decodes op 2's data into discordgo's Identify, except
// presence: discordgo encodes presence.game.created_at as a time string
// but decodes it only as a number, so its own Identify does not round-trip.
func decodeIdentify(raw json.RawMessage) (discordgo.Identify, error) {
	var in struct {
		Token          string                       `json:"token"`
		Properties     discordgo.IdentifyProperties `json:"properties"`
		Compress       bool                         `json:"compress"`
		LargeThreshold int                          `json:"large_threshold"`
		Shard          *[2]int                      `json:"shard"`
		Intents        discordgo.Intent             `json:"intents"`
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		return discordgo.Identify{}, fmt.Errorf("decode identify: %w", err)
	}
	return discordgo.Identify{
		Token: in.Token, Properties: in.Properties, Compress: in.Compress,
		LargeThreshold: in.LargeThreshold, Shard: in.Shard, Intents: in.Intents,
	}, nil
}

// resume handles op 6: replay what the session missed, then RESUMED; or
// op 9 (not resumable) when the session is unknown or ended.
func (s *Server) resume(c *gwConn, raw json.RawMessage) error {
	var r struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	if err := json.Unmarshal(raw, &r); err != nil {
		return c.close(4002, "Error while decoding payload.")
	}
	g := &s.gw
	g.mu.Lock()
	defer s.notify()
	defer g.mu.Unlock()
	sess := g.sessions[r.SessionID]
	if sess == nil || sess.token != strings.TrimPrefix(r.Token, "Bot ") {
		g.stats.InvalidSessions++
		return c.write(payload{Op: 9, D: false}, false)
	}
	if old := sess.conn; old != nil && old != c {
		old.live = false
		_ = old.ws.Close()
	}
	sess.conn, c.session = c, sess
	g.stats.Resumes++
	for _, p := range sess.log {
		if *p.S > r.Seq {
			if err := c.write(p, sess.compress); err != nil {
				return fmt.Errorf("replay %s: %w", *p.T, err)
			}
		}
	}
	if err := sess.dispatchLocked("RESUMED", map[string]any{"_trace": []string{`["discordtest"]`}}, false); err != nil {
		return fmt.Errorf("send RESUMED: %w", err)
	}
	c.live = true
	return nil
}

// lost forgets a connection that ended. Its session stays resumable
// unless the client closed it normally (1000 or 1001), as on Discord.
func (s *Server) lost(c *gwConn, err error) {
	_ = c.ws.Close()
	g := &s.gw
	g.mu.Lock()
	delete(g.conns, c)
	c.live = false
	if sess := c.session; sess != nil && sess.conn == c {
		sess.conn = nil
		if websocket.IsCloseError(err, websocket.CloseNormalClosure, websocket.CloseGoingAway) {
			delete(g.sessions, sess.id)
		}
	}
	g.mu.Unlock()
	s.notify()
}

// dispatchLocked sends event as the session's next dispatch (op 0) if it
// is connected, keeping it for replay when logged. gateway.mu must be held.
func (sess *gwSession) dispatchLocked(event string, data any, logged bool) error {
	sess.seq++
	seq := sess.seq
	p := payload{Op: 0, D: data, S: &seq, T: &event}
	if logged {
		sess.log = append(sess.log, p)
	}
	if sess.conn == nil {
		return nil
	}
	return sess.conn.write(p, sess.compress)
}

// write sends p as a text frame, or as a zlib-compressed binary frame.
func (c *gwConn) write(p payload, compress bool) error {
	b, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode op %d: %w", p.Op, err)
	}
	kind := websocket.TextMessage
	if compress {
		var buf bytes.Buffer
		zw := zlib.NewWriter(&buf)
		_, _ = zw.Write(b) // writes to a bytes.Buffer do not fail
		if err := zw.Close(); err != nil {
			return fmt.Errorf("compress op %d: %w", p.Op, err)
		}
		b, kind = buf.Bytes(), websocket.BinaryMessage
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteMessage(kind, b)
}

// close ends the connection with a close frame, and returns why.
func (c *gwConn) close(code int, text string) error {
	msg := websocket.FormatCloseMessage(code, text)
	_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
	_ = c.ws.Close()
	return &websocket.CloseError{Code: code, Text: text}
}
