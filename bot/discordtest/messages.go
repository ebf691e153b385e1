package discordtest

import (
	"encoding/json"
	"maps"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// createMessage serves POST /channels/{channel}/messages: it checks the
// payload as Discord would and answers the created message.
func (s *Server) createMessage(c *call) reply {
	m, rep, ok := s.checkNewMessage(c, nil)
	if !ok {
		return rep
	}
	return jsonOK(s.copyOf(s.storeMessage(c.params["channel"], m, c.req.Files, nil)))
}

// checkNewMessage checks the message payload at path in the request body,
// as for a new message: within limits and not empty.
func (s *Server) checkNewMessage(c *call, path []string) (map[string]any, reply, bool) {
	body := c.object()
	if body == nil {
		return nil, s.notObject(c), false
	}
	m := body
	for _, p := range path {
		m, _ = m[p].(map[string]any)
	}
	var fe formErrors
	fe.checkMessage(path, m)
	if !fe.empty() {
		return nil, invalidForm(c.req, &fe), false
	}
	if emptyMessage(m, len(c.req.Files)) {
		c.req.Problems = []string{"content: Cannot send an empty message"}
		return nil, reply{status: http.StatusBadRequest, body: APIError{Code: 50006, Message: "Cannot send an empty message"}}, false
	}
	return m, reply{}, true
}

// notObject answers a body that is valid JSON but not an object.
func (s *Server) notObject(c *call) reply {
	var fe formErrors
	fe.add(nil, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
	return invalidForm(c.req, &fe)
}

// invalidForm answers 400 with code 50035 and records the problems.
func invalidForm(req *Request, fe *formErrors) reply {
	req.Problems = fe.problems
	return reply{status: http.StatusBadRequest, body: APIError{Code: 50035, Message: "Invalid Form Body", Errors: fe.tree}}
}

// storeMessage creates a message by the bot in channelID from payload and
// extra fields, as Discord answers it, and keeps it for [Server.Messages].
// The message returned is the one kept: read it only under s.mu.
func (s *Server) storeMessage(channelID string, payload map[string]any, files []string, extra map[string]any) map[string]any {
	id := newID()
	msg := map[string]any{
		"id":               id,
		"channel_id":       channelID,
		"type":             0,
		"author":           s.botJSON(),
		"content":          "",
		"timestamp":        time.Now().UTC().Format(time.RFC3339Nano),
		"edited_timestamp": nil,
		"tts":              false,
		"mention_everyone": false,
		"mentions":         []any{},
		"mention_roles":    []any{},
		"attachments":      []any{},
		"embeds":           []any{},
		"components":       []any{},
		"pinned":           false,
		"flags":            0,
	}
	for _, k := range []string{"content", "embeds", "components", "flags", "tts", "nonce"} {
		if v, ok := payload[k]; ok && v != nil {
			msg[k] = v
		}
	}
	var atts []any
	for _, name := range files {
		aid := newID()
		url := "https://cdn.discordapp.com/attachments/" + channelID + "/" + aid + "/" + name
		atts = append(atts, map[string]any{"id": aid, "filename": name, "size": 0, "url": url, "proxy_url": url})
	}
	if atts != nil {
		msg["attachments"] = atts
	}
	maps.Copy(msg, extra)
	s.mu.Lock()
	s.messages = append(s.messages, msg)
	s.mu.Unlock()
	return msg
}

// copyOf returns a shallow copy of a kept message to answer with: edits
// replace its top-level values rather than change them.
func (s *Server) copyOf(msg map[string]any) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(msg)
}

// editMessage applies an edit payload to msg in place: keys present
// replace what was there, null clears it.
func (s *Server) editMessage(msg, payload map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range []string{"content", "embeds", "components", "flags", "attachments"} {
		v, ok := payload[k]
		switch {
		case !ok:
		case v == nil && k == "content":
			msg[k] = ""
		case v == nil && k == "flags":
			msg[k] = 0
		case v == nil:
			msg[k] = []any{}
		default:
			msg[k] = v
		}
	}
	// An edit ends a deferred response's loading state.
	msg["flags"] = num(msg["flags"]) &^ messageFlagLoading
	msg["edited_timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
}

// Messages returns the messages the bot created in channelID (all
// channels if empty), by any route, as they stand after edits, oldest
// first. Interaction responses count, in the interaction's channel;
// deleted messages do not.
func (s *Server) Messages(channelID string) []*discordgo.Message {
	s.mu.Lock()
	b, err := json.Marshal(s.messages)
	s.mu.Unlock()
	if err != nil {
		s.tb.Fatalf("discordtest: encode messages: %v", err)
	}
	var all, out []*discordgo.Message
	if err := json.Unmarshal(b, &all); err != nil {
		s.tb.Fatalf("discordtest: decode messages: %v", err)
	}
	for _, m := range all {
		if channelID == "" || m.ChannelID == channelID {
			out = append(out, m)
		}
	}
	return out
}

// getChannel serves GET /channels/{channel}: a DM channel the bot opened,
// or else a text channel in the default guild.
func (s *Server) getChannel(c *call) reply {
	id := c.params["channel"]
	s.mu.Lock()
	defer s.mu.Unlock()
	for user, ch := range s.dms {
		if ch == id {
			return jsonOK(dmChannelJSON(id, user))
		}
	}
	if id == DefaultDMChannelID {
		return jsonOK(dmChannelJSON(id, DefaultUserID))
	}
	return jsonOK(map[string]any{
		"id":                    id,
		"type":                  0,
		"guild_id":              DefaultGuildID,
		"name":                  "news",
		"position":              0,
		"topic":                 nil,
		"nsfw":                  false,
		"parent_id":             nil,
		"last_message_id":       nil,
		"rate_limit_per_user":   0,
		"permission_overwrites": []any{},
		"flags":                 0,
	})
}

// createDM serves POST /users/@me/channels: the same channel every time
// for the same recipient, DefaultDMChannelID for DefaultUserID.
func (s *Server) createDM(c *call) reply {
	body := c.object()
	rid, _ := body["recipient_id"].(string)
	if rid == "" {
		var fe formErrors
		fe.add([]string{"recipient_id"}, "BASE_TYPE_REQUIRED", "This field is required")
		return invalidForm(c.req, &fe)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.dms[rid]
	if !ok {
		id = newID()
		if rid == DefaultUserID {
			id = DefaultDMChannelID
		}
		s.dms[rid] = id
	}
	return jsonOK(dmChannelJSON(id, rid))
}

func dmChannelJSON(id, recipient string) map[string]any {
	return map[string]any{
		"id":              id,
		"type":            1,
		"last_message_id": nil,
		"flags":           0,
		"recipients":      []any{userFor(recipient)},
	}
}
