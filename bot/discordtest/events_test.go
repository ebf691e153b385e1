package discordtest_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/discordtest"
)

func TestDefaultAppPermissions(t *testing.T) {
	want := strconv.FormatInt(discordgo.PermissionViewChannel|discordgo.PermissionSendMessages|
		discordgo.PermissionSendMessagesInThreads|discordgo.PermissionEmbedLinks|
		discordgo.PermissionReadMessageHistory|discordgo.PermissionUseApplicationCommands, 10)
	if discordtest.DefaultAppPermissions != want {
		t.Errorf("DefaultAppPermissions = %s, want %s", discordtest.DefaultAppPermissions, want)
	}
}

func mustReadEvent(tb testing.TB, name string) discordtest.Event {
	tb.Helper()
	e, err := discordtest.ReadEvent(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// TestInteractionEvents decodes the sample payloads in testdata/ and the
// builders' events with discordgo, and checks they agree.
func TestInteractionEvents(t *testing.T) {
	const (
		guild = discordtest.DefaultGuildID
		user  = discordtest.DefaultUserID
	)
	tests := []struct {
		name      string
		event     discordtest.Event
		wantType  discordgo.InteractionType
		wantGuild string
		wantKey   string // command name or custom_id
	}{
		// Application commands.
		{"command file", mustReadEvent(t, "interaction_command.json"), discordgo.InteractionApplicationCommand, guild, "ask"},
		{"command", discordtest.CommandInteraction("ask", discordtest.Arg("question", "rates?")), discordgo.InteractionApplicationCommand, guild, "ask"},
		{"command in DM", discordtest.CommandInteraction("ask").InDM(), discordgo.InteractionApplicationCommand, "", "ask"},

		// Autocomplete.
		{"autocomplete file", mustReadEvent(t, "interaction_autocomplete.json"), discordgo.InteractionApplicationCommandAutocomplete, guild, "summary"},
		{"autocomplete", discordtest.AutocompleteInteraction("summary", discordtest.FocusedArg("article", "rat")), discordgo.InteractionApplicationCommandAutocomplete, guild, "summary"},

		// Buttons.
		{"component file", mustReadEvent(t, "interaction_component.json"), discordgo.InteractionMessageComponent, guild, "summary:more:rates"},
		{"component", discordtest.ComponentInteraction("summary:more:rates"), discordgo.InteractionMessageComponent, guild, "summary:more:rates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, err := tt.event.Interaction()
			if err != nil {
				t.Fatal(err)
			}
			if i.Type != tt.wantType || i.GuildID != tt.wantGuild || i.AppID != discordtest.DefaultAppID || i.ID == "" || i.Token == "" {
				t.Errorf("interaction = type %v guild %q app %q id %q token %q", i.Type, i.GuildID, i.AppID, i.ID, i.Token)
			}
			invoker := i.User
			if i.Member != nil {
				invoker = i.Member.User
			}
			if invoker == nil || invoker.ID != user || (i.Member == nil) != (tt.wantGuild == "") {
				t.Errorf("invoker = member %+v user %+v", i.Member, i.User)
			}
			if tt.wantGuild != "" && i.AppPermissions&discordgo.PermissionSendMessages == 0 {
				t.Errorf("app_permissions = %d, want send messages", i.AppPermissions)
			}
			var key string
			switch i.Type {
			case discordgo.InteractionMessageComponent:
				key = i.MessageComponentData().CustomID
				if i.Message == nil || i.Message.Author.ID != discordtest.DefaultAppID {
					t.Errorf("component message = %+v, want one by the bot", i.Message)
				}
			default:
				key = i.ApplicationCommandData().Name
			}
			if key != tt.wantKey {
				t.Errorf("name or custom_id = %q, want %q", key, tt.wantKey)
			}
			if i.Type == discordgo.InteractionApplicationCommandAutocomplete && !focused(i.ApplicationCommandData().Options) {
				t.Errorf("autocomplete without a focused option")
			}
		})
	}
}

func focused(opts []*discordgo.ApplicationCommandInteractionDataOption) bool {
	for _, o := range opts {
		if o.Focused {
			return true
		}
	}
	return false
}

func TestMessageEvents(t *testing.T) {
	bot := discordtest.DefaultAppID
	tests := []struct {
		name         string
		event        discordtest.Event
		wantGuild    string
		wantChannel  string
		wantMentions []string
	}{
		{"guild mention file", mustReadEvent(t, "message_guild_mention.json"), discordtest.DefaultGuildID, discordtest.DefaultChannelID, []string{bot}},
		{"guild mention", discordtest.GuildMessage(discordtest.Mention(bot) + " what happened to rates?"), discordtest.DefaultGuildID, discordtest.DefaultChannelID, []string{bot}},
		{"nickname mention", discordtest.GuildMessage("<@!" + bot + "> and <@1187000000000000777>"), discordtest.DefaultGuildID, discordtest.DefaultChannelID, []string{bot, "1187000000000000777"}},
		{"DM file", mustReadEvent(t, "message_dm.json"), "", discordtest.DefaultDMChannelID, nil},
		{"DM", discordtest.DirectMessage("brief"), "", discordtest.DefaultDMChannelID, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := tt.event.Message()
			if err != nil {
				t.Fatal(err)
			}
			if m.GuildID != tt.wantGuild || m.ChannelID != tt.wantChannel || m.Author.ID != discordtest.DefaultUserID || (m.Member != nil) != (tt.wantGuild != "") {
				t.Errorf("message = guild %q channel %q author %+v member %+v", m.GuildID, m.ChannelID, m.Author, m.Member)
			}
			var got []string
			for _, u := range m.Mentions {
				got = append(got, u.ID)
			}
			if len(got) != len(tt.wantMentions) || (len(got) > 0 && got[0] != tt.wantMentions[0]) {
				t.Errorf("mentions = %v, want %v", got, tt.wantMentions)
			}
			if len(m.Mentions) > 0 && !m.Mentions[0].Bot {
				t.Errorf("mention of the bot is not a bot: %+v", m.Mentions[0])
			}
		})
	}
}

func TestArgs(t *testing.T) {
	i, err := discordtest.CommandInteraction("ask",
		discordtest.Arg("text", "rates"),
		discordtest.Arg("count", 3),
		discordtest.Arg("public", true),
		discordtest.Arg("weight", 0.5),
		discordtest.TypedArg("who", discordgo.ApplicationCommandOptionUser, discordtest.DefaultUserID),
		discordtest.SubcommandArg("today", discordtest.Arg("topic", "markets")),
	).Interaction()
	if err != nil {
		t.Fatal(err)
	}
	d := i.ApplicationCommandData()
	if got := d.GetOption("text").StringValue(); got != "rates" {
		t.Errorf("text = %q", got)
	}
	if got := d.GetOption("count").IntValue(); got != 3 {
		t.Errorf("count = %d", got)
	}
	if got := d.GetOption("public").BoolValue(); !got {
		t.Errorf("public = %v", got)
	}
	if got := d.GetOption("weight").FloatValue(); got != 0.5 {
		t.Errorf("weight = %v", got)
	}
	if got := d.GetOption("who"); got.Type != discordgo.ApplicationCommandOptionUser || got.Value != discordtest.DefaultUserID {
		t.Errorf("who = %+v", got)
	}
	if got := d.GetOption("today").GetOption("topic").StringValue(); got != "markets" {
		t.Errorf("today topic = %q", got)
	}
}
