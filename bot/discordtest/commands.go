package discordtest

import (
	"encoding/json"
	"maps"
	"net/http"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// maxCommands is how many commands of one type an application may have
// globally or in one guild.
const maxCommands = 100

// listCommands serves GET /applications/{app}[/guilds/{guild}]/commands.
func (s *Server) listCommands(c *call) reply {
	if rep, ok := s.checkApp(c, false); !ok {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []any{} // an empty list, never null
	for _, cmd := range s.commands[c.params["guild"]] {
		out = append(out, maps.Clone(cmd))
	}
	return jsonOK(out)
}

// overwriteCommands serves PUT …/commands: the body replaces every
// command; a command keeps its ID when one of the same name and type
// existed, as on Discord.
func (s *Server) overwriteCommands(c *call) reply {
	if rep, ok := s.checkApp(c, false); !ok {
		return rep
	}
	list, isList := c.req.JSON.([]any)
	if !isList && c.req.JSON != nil {
		var fe formErrors
		fe.add(nil, "BASE_TYPE_ARRAY", "Must be an array.")
		return invalidForm(c.req, &fe)
	}
	var fe formErrors
	if len(list) > maxCommands {
		fe.add(nil, "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
	}
	seen := make(map[string]bool)
	cmds := make([]map[string]any, len(list))
	for i, v := range list {
		cmd, _ := v.(map[string]any)
		fe.checkCommand(at(nil, i), cmd)
		key := commandKey(cmd)
		if seen[key] {
			fe.add(at(nil, i, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
		}
		seen[key] = true
		cmds[i] = cmd
	}
	if !fe.empty() {
		return invalidForm(c.req, &fe)
	}

	guild := c.params["guild"]
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.commands[guild]
	stored := make([]map[string]any, len(cmds))
	out := make([]any, len(cmds))
	for i, cmd := range cmds {
		stored[i] = s.commandJSON(cmd, guild, findCommand(old, commandKey(cmd)))
		out[i] = maps.Clone(stored[i])
	}
	s.commands[guild] = stored
	return jsonOK(out)
}

// createCommand serves POST …/commands: creating a command whose name and
// type exist replaces it (200); a new one answers 201.
func (s *Server) createCommand(c *call) reply {
	if rep, ok := s.checkApp(c, false); !ok {
		return rep
	}
	cmd := c.object()
	if cmd == nil {
		return s.notObject(c)
	}
	var fe formErrors
	fe.checkCommand(nil, cmd)
	if !fe.empty() {
		return invalidForm(c.req, &fe)
	}
	guild := c.params["guild"]
	s.mu.Lock()
	defer s.mu.Unlock()
	cmds := s.commands[guild]
	old := findCommand(cmds, commandKey(cmd))
	stored := s.commandJSON(cmd, guild, old)
	if old == nil {
		s.commands[guild] = append(cmds, stored)
		return reply{status: http.StatusCreated, body: maps.Clone(stored)}
	}
	for i := range cmds {
		if cmds[i]["id"] == old["id"] {
			cmds[i] = stored
		}
	}
	return jsonOK(maps.Clone(stored))
}

// getCommand serves GET …/commands/{command}.
func (s *Server) getCommand(c *call) reply {
	if rep, ok := s.checkApp(c, false); !ok {
		return rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, cmd := range s.commands[c.params["guild"]] {
		if cmd["id"] == c.params["command"] {
			return jsonOK(maps.Clone(cmd))
		}
	}
	return notFound(10063, "Unknown application command")
}

// deleteCommand serves DELETE …/commands/{command}.
func (s *Server) deleteCommand(c *call) reply {
	if rep, ok := s.checkApp(c, false); !ok {
		return rep
	}
	guild := c.params["guild"]
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, cmd := range s.commands[guild] {
		if cmd["id"] == c.params["command"] {
			s.commands[guild] = append(s.commands[guild][:i:i], s.commands[guild][i+1:]...)
			return noContent()
		}
	}
	return notFound(10063, "Unknown application command")
}

// commandKey identifies a command for overwrites: names are unique per
// command type.
func commandKey(cmd map[string]any) string {
	name, _ := cmd["name"].(string)
	typ := num(cmd["type"])
	if typ == 0 {
		typ = 1
	}
	return strconv.Itoa(typ) + ":" + name
}

func findCommand(cmds []map[string]any, key string) map[string]any {
	for _, c := range cmds {
		if commandKey(c) == key {
			return c
		}
	}
	return nil
}

// commandJSON is cmd as Discord stores and answers it: the client's
// fields plus id (old's, if any), application_id, guild_id, version and
// defaults.
func (s *Server) commandJSON(cmd map[string]any, guild string, old map[string]any) map[string]any {
	out := map[string]any{
		"type":                       1,
		"description":                "",
		"default_member_permissions": nil,
		"nsfw":                       false,
	}
	for k, v := range cmd {
		if v != nil {
			out[k] = v
		}
	}
	out["id"] = newID()
	if old != nil {
		out["id"] = old["id"]
	}
	out["application_id"] = s.cfg.appID
	out["version"] = newID()
	if guild != "" {
		out["guild_id"] = guild
	}
	return out
}

// Commands returns the application commands registered globally (guildID
// empty) or in a guild, in the order they were set.
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	b, err := json.Marshal(s.commands[guildID])
	s.mu.Unlock()
	if err != nil {
		s.tb.Fatalf("discordtest: encode commands: %v", err)
	}
	var out []*discordgo.ApplicationCommand
	if err := json.Unmarshal(b, &out); err != nil {
		s.tb.Fatalf("discordtest: decode commands: %v", err)
	}
	return out
}

// commandID returns the ID of the registered command named name, in guild
// or else globally, or "" if there is none.
func (s *Server) commandID(guild, name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range []string{guild, ""} {
		if cmd := findCommand(s.commands[g], commandKey(map[string]any{"name": name})); cmd != nil {
			id, _ := cmd["id"].(string)
			return id
		}
	}
	return ""
}
