package discordtest

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"time"

	"github.com/bwmarrin/discordgo"
)

// An Event is the data ("d") of a gateway dispatch as Discord sends it, a
// JSON object. The builders below fill in what Discord would, with the
// Default IDs; change keys directly (e["app_permissions"] = "0") or with
// [Event.With] before sending or decoding.
type Event map[string]any

// With sets key to value and returns e, for chaining.
func (e Event) With(key string, value any) Event {
	e[key] = value
	return e
}

// InDM moves an interaction or message from the guild to the DM of its
// user with the bot, as Discord sends those: no guild_id or member; an
// interaction's invoker is in "user" instead. It returns e.
func (e Event) InDM() Event {
	userID := DefaultUserID
	if m, ok := e["member"].(map[string]any); ok {
		if u, ok := m["user"].(map[string]any); ok {
			userID, _ = u["id"].(string)
		}
	}
	if a, ok := e["author"].(map[string]any); ok {
		userID, _ = a["id"].(string)
	}
	delete(e, "guild_id")
	delete(e, "member")
	delete(e, "guild_locale")
	e["channel_id"] = DefaultDMChannelID
	if _, ok := e["token"]; ok { // an interaction
		e["user"] = userFor(userID)
		e["channel"] = dmChannelJSON(DefaultDMChannelID, userID)
		e["context"] = 1 // BOT_DM
		e["authorizing_integration_owners"] = map[string]any{"0": "0"}
	}
	return e
}

// Decode unmarshals e into v through JSON, as discordgo decodes events.
func (e Event) Decode(v any) error {
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode event: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode event into %T: %w", v, err)
	}
	return nil
}

// Interaction decodes e as discordgo decodes INTERACTION_CREATE.
func (e Event) Interaction() (*discordgo.Interaction, error) {
	var i discordgo.Interaction
	return &i, e.Decode(&i)
}

// Message decodes e as discordgo decodes MESSAGE_CREATE.
func (e Event) Message() (*discordgo.Message, error) {
	var m discordgo.Message
	return &m, e.Decode(&m)
}

// ReadEvent reads an event from a JSON file, such as one in testdata/.
func ReadEvent(path string) (Event, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read event: %w", err)
	}
	var e Event
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, fmt.Errorf("read event %s: %w", path, err)
	}
	return e, nil
}

// CommandInteraction builds an APPLICATION_COMMAND interaction (type 2)
// for the chat input command name with args (see [Arg]), invoked by
// DefaultUserID in DefaultChannelID of DefaultGuildID, with a fresh ID and
// token. [Server.SendInteraction] fills in data.id from the registered
// commands.
func CommandInteraction(name string, args ...map[string]any) Event {
	return interactionEvent(2, commandData(name, args))
}

// AutocompleteInteraction builds an APPLICATION_COMMAND_AUTOCOMPLETE
// interaction (type 4): as [CommandInteraction], where one of args should
// be a [FocusedArg].
func AutocompleteInteraction(name string, args ...map[string]any) Event {
	return interactionEvent(4, commandData(name, args))
}

// ComponentInteraction builds a MESSAGE_COMPONENT interaction (type 3):
// a click on the button customID under an earlier message of the bot.
func ComponentInteraction(customID string) Event {
	e := interactionEvent(3, map[string]any{"custom_id": customID, "component_type": 2})
	msg := messageJSON("", userFor(DefaultAppID))
	msg["components"] = []any{map[string]any{"type": 1, "components": []any{
		map[string]any{"type": 2, "style": 1, "label": "More", "custom_id": customID},
	}}}
	e["message"] = msg
	return e
}

func commandData(name string, args []map[string]any) map[string]any {
	data := map[string]any{"name": name, "type": 1}
	if len(args) > 0 {
		opts := make([]any, len(args))
		for i, a := range args {
			opts[i] = a
		}
		data["options"] = opts
	}
	return data
}

func interactionEvent(typ int, data map[string]any) Event {
	id := newID()
	return Event{
		"id":                             id,
		"application_id":                 DefaultAppID,
		"type":                           typ,
		"data":                           data,
		"guild_id":                       DefaultGuildID,
		"channel_id":                     DefaultChannelID,
		"channel":                        map[string]any{"id": DefaultChannelID, "type": 0, "guild_id": DefaultGuildID, "name": "news"},
		"member":                         memberJSON(DefaultUserID),
		"app_permissions":                DefaultAppPermissions,
		"token":                          newInteractionToken(id),
		"version":                        1,
		"locale":                         "en-US",
		"guild_locale":                   "en-US",
		"entitlements":                   []any{},
		"context":                        0, // GUILD
		"authorizing_integration_owners": map[string]any{"0": DefaultGuildID},
	}
}

// Arg is a command option as an interaction carries it, its type taken
// from value: string (3), int (4), bool (5) or float64 (10). It panics on
// other types: use [TypedArg] for users, channels, roles and mentionables.
func Arg(name string, value any) map[string]any {
	var typ discordgo.ApplicationCommandOptionType
	switch value.(type) {
	case string:
		typ = discordgo.ApplicationCommandOptionString
	case int, int64:
		typ = discordgo.ApplicationCommandOptionInteger
	case bool:
		typ = discordgo.ApplicationCommandOptionBoolean
	case float64:
		typ = discordgo.ApplicationCommandOptionNumber
	default:
		panic(fmt.Sprintf("discordtest.Arg(%q, %T): use TypedArg", name, value))
	}
	return TypedArg(name, typ, value)
}

// TypedArg is a command option of an explicit type; for users, channels,
// roles and mentionables the value is the snowflake string.
func TypedArg(name string, typ discordgo.ApplicationCommandOptionType, value any) map[string]any {
	return map[string]any{"name": name, "type": int(typ), "value": value}
}

// FocusedArg is the string option being typed in an autocomplete
// interaction, with what has been typed so far.
func FocusedArg(name, partial string) map[string]any {
	a := Arg(name, partial)
	a["focused"] = true
	return a
}

// SubcommandArg is a subcommand (type 1) with its own args.
func SubcommandArg(name string, args ...map[string]any) map[string]any {
	opts := make([]any, len(args))
	for i, a := range args {
		opts[i] = a
	}
	return map[string]any{"name": name, "type": int(discordgo.ApplicationCommandOptionSubCommand), "options": opts}
}

// Mention returns the mention syntax for a user, "<@id>".
func Mention(userID string) string { return "<@" + userID + ">" }

// GuildMessage builds a MESSAGE_CREATE by DefaultUserID in DefaultChannelID
// of DefaultGuildID. Users mentioned in content as <@id> are listed in
// "mentions", as Discord does; mention the bot with
// Mention(DefaultAppID).
func GuildMessage(content string) Event {
	e := Event(messageJSON(content, userFor(DefaultUserID)))
	e["guild_id"] = DefaultGuildID
	m := memberJSON(DefaultUserID)
	delete(m, "user") // MESSAGE_CREATE carries a partial member
	e["member"] = m
	return e
}

// DirectMessage builds a MESSAGE_CREATE by DefaultUserID in its DM with the
// bot: no guild_id, no member.
func DirectMessage(content string) Event {
	return GuildMessage(content).InDM()
}

var mentionRE = regexp.MustCompile(`<@!?(\d+)>`)

func messageJSON(content string, author map[string]any) map[string]any {
	mentions := []any{}
	seen := make(map[string]bool)
	for _, m := range mentionRE.FindAllStringSubmatch(content, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			mentions = append(mentions, userFor(m[1]))
		}
	}
	return map[string]any{
		"id":               newID(),
		"channel_id":       DefaultChannelID,
		"author":           author,
		"content":          content,
		"timestamp":        time.Now().UTC().Format(time.RFC3339Nano),
		"edited_timestamp": nil,
		"tts":              false,
		"mention_everyone": false,
		"mentions":         mentions,
		"mention_roles":    []any{},
		"attachments":      []any{},
		"embeds":           []any{},
		"components":       []any{},
		"pinned":           false,
		"type":             0,
		"flags":            0,
	}
}

// userFor is the user object of a default ID, or of another ID with a
// made-up name.
func userFor(id string) map[string]any {
	switch id {
	case DefaultAppID:
		return userJSON(id, DefaultBotName, true)
	case DefaultUserID:
		return userJSON(id, DefaultUsername, false)
	}
	name := id
	if len(name) > 4 {
		name = name[len(name)-4:]
	}
	return userJSON(id, "user"+name, false)
}

func memberJSON(userID string) map[string]any {
	return map[string]any{
		"user":                         userFor(userID),
		"roles":                        []any{},
		"joined_at":                    "2024-01-15T10:00:00.000000+00:00",
		"nick":                         nil,
		"avatar":                       nil,
		"premium_since":                nil,
		"deaf":                         false,
		"mute":                         false,
		"pending":                      false,
		"flags":                        0,
		"permissions":                  DefaultAppPermissions,
		"communication_disabled_until": nil,
	}
}
