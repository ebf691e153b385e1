package discordtest

import "time"

// readyJSON is READY for a new session: the bot user, guilds as
// unavailable stubs (their GUILD_CREATE follows), the session ID and
// resume URL, and the application.
func (s *Server) readyJSON(sess *gwSession, shard *[2]int) map[string]any {
	guilds := make([]any, len(s.cfg.guilds))
	for i, id := range s.cfg.guilds {
		guilds[i] = map[string]any{"id": id, "unavailable": true}
	}
	user := s.botJSON()
	user["verified"], user["mfa_enabled"], user["flags"] = true, false, 0
	ready := map[string]any{
		"v":                  apiVersion,
		"user":               user,
		"guilds":             guilds,
		"session_id":         sess.id,
		"session_type":       "normal",
		"resume_gateway_url": s.GatewayURL(),
		"private_channels":   []any{},
		"relationships":      []any{},
		"presences":          []any{},
		"application":        map[string]any{"id": s.cfg.appID, "flags": 0},
		"_trace":             []string{`["discordtest"]`},
	}
	if shard != nil {
		ready["shard"] = shard
	}
	return ready
}

// guildJSON is the GUILD_CREATE of a small guild: an @everyone role, a
// "news" text channel (DefaultChannelID in DefaultGuildID) and the bot.
func (s *Server) guildJSON(id string) map[string]any {
	now := time.Now().UTC().Format(time.RFC3339Nano)
	var channels []any
	if id == DefaultGuildID {
		channels = append(channels, map[string]any{
			"id": DefaultChannelID, "type": 0, "name": "news", "position": 0,
			"guild_id": id, "permission_overwrites": []any{}, "nsfw": false,
		})
	}
	return map[string]any{
		"id":               id,
		"name":             "Newsdesk Test",
		"icon":             nil,
		"owner_id":         DefaultUserID,
		"unavailable":      false,
		"large":            false,
		"member_count":     2,
		"joined_at":        now,
		"preferred_locale": "en-US",
		"features":         []any{},
		"roles": []any{map[string]any{
			"id": id, "name": "@everyone", "permissions": DefaultAppPermissions,
			"position": 0, "color": 0, "hoist": false, "managed": false, "mentionable": false,
		}},
		"channels":     channels,
		"members":      []any{map[string]any{"user": s.botJSON(), "roles": []any{}, "joined_at": now, "deaf": false, "mute": false}},
		"threads":      []any{},
		"emojis":       []any{},
		"stickers":     []any{},
		"voice_states": []any{},
		"presences":    []any{},
	}
}
