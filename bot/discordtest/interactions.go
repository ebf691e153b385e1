package discordtest

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
)

// An interaction is what the fake knows of one interaction, by token.
// Interactions sent with [Server.SendInteraction] are known from the start
// and checked strictly: one callback, of a type that fits, before any
// webhook call. Others (a test that calls a handler directly with a
// decoded payload) are created on first use and taken on trust.
type interaction struct {
	id, token string
	typ       int // interaction type; 0 when not sent by the fake
	channelID string
	acked     bool
	original  map[string]any // the response message; nil before one
	followups map[string]map[string]any
}

// callbackTypes are the interaction callback types Discord accepts, and
// for each the interaction types it answers (Interactions > Receiving and
// Responding in Discord's documentation).
var callbackTypes = map[int][]int{
	1:  {1},          // PONG
	4:  {2, 3, 5},    // CHANNEL_MESSAGE_WITH_SOURCE
	5:  {2, 3, 5},    // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
	6:  {3, 5},       // DEFERRED_UPDATE_MESSAGE
	7:  {3, 5},       // UPDATE_MESSAGE
	8:  {4},          // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
	9:  {2, 3},       // MODAL
	10: {2, 3},       // PREMIUM_REQUIRED (deprecated)
	12: {2, 3, 4, 5}, // LAUNCH_ACTIVITY
}

// Message flags the fake acts on.
const (
	messageFlagEphemeral = 1 << 6
	messageFlagLoading   = 1 << 7 // a deferred response ("Bot is thinking…")
)

// loading reports whether msg is a deferred response not yet edited.
func loading(msg map[string]any) bool {
	return msg != nil && num(msg["flags"])&messageFlagLoading != 0
}

// registerInteraction makes an interaction the fake dispatched known.
func (s *Server) registerInteraction(id, token string, typ int, channelID string) {
	if channelID == "" {
		channelID = DefaultChannelID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.interactions[token] = &interaction{id: id, token: token, typ: typ, channelID: channelID, followups: map[string]map[string]any{}}
}

// interactionLocked returns the interaction for token, creating an
// unknown one if needed. s.mu must be held.
func (s *Server) interactionLocked(token string) *interaction {
	it, ok := s.interactions[token]
	if !ok {
		it = &interaction{token: token, channelID: DefaultChannelID, followups: map[string]map[string]any{}}
		s.interactions[token] = it
	}
	return it
}

// interactionCallback serves POST /interactions/{interaction}/{token}/callback.
func (s *Server) interactionCallback(c *call) reply {
	body := c.object()
	if body == nil {
		return s.notObject(c)
	}
	typ := num(body["type"])
	data, _ := body["data"].(map[string]any)
	var fe formErrors
	switch typ {
	case 4, 7:
		fe.checkMessage([]string{"data"}, data)
	case 8:
		fe.checkChoices([]string{"data"}, data)
	case 9:
		fe.between([]string{"data"}, data, "custom_id", 1, MaxCustomID)
		fe.between([]string{"data"}, data, "title", 1, 45)
		fe.maxItems([]string{"data"}, data, "components", MaxActionRows)
	}
	if _, valid := callbackTypes[typ]; !valid {
		fe.add([]string{"type"}, "BASE_TYPE_CHOICES", "Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.")
	}
	if !fe.empty() {
		return invalidForm(c.req, &fe)
	}
	if typ == 4 && emptyMessage(data, len(c.req.Files)) {
		c.req.Problems = []string{"data.content: Cannot send an empty message"}
		return reply{status: http.StatusBadRequest, body: APIError{Code: 50006, Message: "Cannot send an empty message"}}
	}

	s.mu.Lock()
	it := s.interactionLocked(c.params["token"])
	rep, accepted := s.acknowledgeLocked(c, it, typ)
	channelID := it.channelID
	s.mu.Unlock()
	if !accepted {
		return rep
	}

	var msg map[string]any
	extra := map[string]any{"webhook_id": s.cfg.appID, "application_id": s.cfg.appID}
	switch typ {
	case 4:
		msg = s.storeMessage(channelID, data, c.req.Files, extra)
	case 5:
		flags := num(data["flags"]) | messageFlagLoading
		msg = s.storeMessage(channelID, map[string]any{"flags": flags}, nil, extra)
	}
	if msg != nil {
		s.mu.Lock()
		it.original = msg
		s.mu.Unlock()
	}
	return noContent()
}

// acknowledgeLocked marks it acknowledged by a callback of type typ, or
// answers why Discord would refuse. s.mu must be held.
func (s *Server) acknowledgeLocked(c *call, it *interaction, typ int) (reply, bool) {
	if it.id == "" {
		it.id = c.params["interaction"]
	}
	if it.id != c.params["interaction"] {
		return notFound(10062, "Unknown interaction"), false
	}
	if it.acked {
		return reply{status: http.StatusBadRequest, body: APIError{Code: 40060, Message: "Interaction has already been acknowledged."}}, false
	}
	if it.typ != 0 && !slices.Contains(callbackTypes[typ], it.typ) {
		// Discord's exact answer here is undocumented; the shape is its usual 400.
		var fe formErrors
		fe.add([]string{"type"}, "INTERACTION_CALLBACK_TYPE_INVALID",
			fmt.Sprintf("Callback type %d cannot answer an interaction of type %d", typ, it.typ))
		return invalidForm(c.req, &fe), false
	}
	it.acked = true
	return reply{}, true
}

// executeWebhook serves POST /webhooks/{app}/{token}: an interaction
// follow-up. With ?wait=true it answers the message, else 204 as Discord.
func (s *Server) executeWebhook(c *call) reply {
	if rep, ok := s.checkApp(c, true); !ok {
		return rep
	}
	m, rep, valid := s.checkNewMessage(c, nil)
	if !valid {
		return rep
	}
	s.mu.Lock()
	it := s.interactionLocked(c.params["token"])
	known, acked, channelID := it.typ != 0, it.acked, it.channelID
	msg := it.original
	deferred := loading(msg)
	if deferred {
		// Directly after a deferred response, Create Followup Message
		// functions as Edit Original Interaction Response: no new
		// message, and the ephemeral flag is ignored, the deferral's kept
		// (Discord's documentation, "backwards compatibility").
		m = maps.Clone(m) // not the request's own, which Requests reports
		m["flags"] = num(m["flags"])&^messageFlagEphemeral | num(msg["flags"])&messageFlagEphemeral
	}
	s.mu.Unlock()
	if known && !acked {
		return notFound(10015, "Unknown Webhook")
	}
	if deferred {
		s.editMessage(msg, m)
	} else {
		msg = s.storeMessage(channelID, m, c.req.Files, map[string]any{"webhook_id": s.cfg.appID, "application_id": s.cfg.appID})
		s.mu.Lock()
		it.followups[msg["id"].(string)] = msg
		s.mu.Unlock()
	}
	if c.req.Query.Get("wait") != "true" {
		return noContent()
	}
	return jsonOK(s.copyOf(msg))
}

// webhookMessageLocked returns the message a webhook message route names, or
// the answer when there is none. s.mu must be held.
func (s *Server) webhookMessageLocked(c *call) (*interaction, map[string]any, reply) {
	it := s.interactionLocked(c.params["token"])
	if it.typ != 0 && !it.acked {
		return it, nil, notFound(10015, "Unknown Webhook")
	}
	id := c.params["message"]
	if id == "@original" {
		if it.original == nil {
			return it, nil, notFound(10008, "Unknown Message")
		}
		return it, it.original, reply{}
	}
	if m, ok := it.followups[id]; ok {
		return it, m, reply{}
	}
	return it, nil, notFound(10008, "Unknown Message")
}

// getWebhookMessage serves GET /webhooks/{app}/{token}/messages/{message}.
func (s *Server) getWebhookMessage(c *call) reply {
	if rep, ok := s.checkApp(c, true); !ok {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, msg, rep := s.webhookMessageLocked(c)
	if msg == nil {
		return rep
	}
	return jsonOK(maps.Clone(msg))
}

// editWebhookMessage serves PATCH /webhooks/{app}/{token}/messages/{message}.
// Editing @original of an interaction the fake did not dispatch creates it.
func (s *Server) editWebhookMessage(c *call) reply {
	if rep, ok := s.checkApp(c, true); !ok {
		return rep
	}
	body := c.object()
	if body == nil {
		return s.notObject(c)
	}
	var fe formErrors
	fe.checkMessage(nil, body)
	if !fe.empty() {
		return invalidForm(c.req, &fe)
	}
	s.mu.Lock()
	it, msg, rep := s.webhookMessageLocked(c)
	create := msg == nil && it.typ == 0 && c.params["message"] == "@original"
	s.mu.Unlock()
	if create {
		msg = s.storeMessage(it.channelID, nil, nil, nil)
		s.mu.Lock()
		it.acked, it.original = true, msg
		s.mu.Unlock()
	}
	if msg == nil {
		return rep
	}
	s.editMessage(msg, body)
	return jsonOK(s.copyOf(msg))
}

// deleteWebhookMessage serves DELETE /webhooks/{app}/{token}/messages/{message}.
func (s *Server) deleteWebhookMessage(c *call) reply {
	if rep, ok := s.checkApp(c, true); !ok {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	it, msg, rep := s.webhookMessageLocked(c)
	if msg == nil {
		return rep
	}
	if c.params["message"] == "@original" {
		it.original = nil
	}
	delete(it.followups, c.params["message"])
	s.messages = slices.DeleteFunc(s.messages, func(m map[string]any) bool { return m["id"] == msg["id"] })
	return noContent()
}
