package bot

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/discordtest"
)

var commandNames = []string{"ask", "summary", "brief", "articles", "help"}

func names(cmds []*discordgo.ApplicationCommand) []string {
	var out []string
	for _, c := range cmds {
		out = append(out, c.Name)
	}
	return out
}

// TestRegister starts bots against one fake Discord: the first registers
// the commands with one bulk overwrite, the second finds them registered
// and makes no call, and a third, after a command was deleted, overwrites
// again.
func TestRegister(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		guild string
		path  string
	}{
		{"global", "", "/applications/" + discordtest.DefaultAppID + "/commands"},
		{"guild", discordtest.DefaultGuildID, "/applications/" + discordtest.DefaultAppID + "/guilds/" + discordtest.DefaultGuildID + "/commands"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := discordtest.New(t)
			inGuild := func(c *Config) { c.GuildID = tt.guild }
			start := func() *testBot {
				b := newTestBotOn(t, fake, inGuild)
				if err := b.login(context.Background()); err != nil {
					t.Fatalf("login: %v", err)
				}
				return b
			}
			puts := func() int { return len(fake.Find(discordtest.Match("PUT", tt.path))) }

			first := start()
			if n := puts(); n != 1 {
				t.Fatalf("first start: %d PUT %s, want 1", n, tt.path)
			}
			cmds := fake.Commands(tt.guild)
			if got := names(cmds); !slices.Equal(got, commandNames) {
				t.Errorf("registered %v, want %v", got, commandNames)
			}
			for _, c := range cmds {
				if global := tt.guild == ""; global != (c.Contexts != nil) || global != (c.IntegrationTypes != nil) {
					t.Errorf("%s: contexts %v, integration types %v; want them on global commands only", c.Name, c.Contexts, c.IntegrationTypes)
				}
			}
			if len(first.logs.lines("registered slash commands")) != 1 {
				t.Errorf("no log line for the registration:\n%s", first.logs)
			}

			second := start()
			if n := puts(); n != 1 {
				t.Errorf("second start with the same commands: %d PUT in all, want 1", n)
			}
			if len(second.logs.lines("slash commands up to date")) != 1 {
				t.Errorf("second start did not log that commands are up to date:\n%s", second.logs)
			}

			dg := fake.Session("")
			if err := dg.ApplicationCommandDelete(discordtest.DefaultAppID, tt.guild, cmds[0].ID); err != nil {
				t.Fatal(err)
			}
			start()
			if n := puts(); n != 2 {
				t.Errorf("start after a command was deleted: %d PUT in all, want 2", n)
			}
		})
	}
}

// TestSameCommands compares the commands Newsdesk registers with what
// Discord lists back: its own fields added (ids, version, localizations,
// the deprecated dm_permission, defaults) must not count as a change;
// a changed description or a lost option must.
func TestSameCommands(t *testing.T) {
	b := &Bot{}
	want := b.commandList(false)
	listed := func(edit func([]map[string]any)) []*discordgo.ApplicationCommand {
		raw, _ := json.Marshal(want)
		var cmds []map[string]any
		if err := json.Unmarshal(raw, &cmds); err != nil {
			t.Fatal(err)
		}
		for i, c := range cmds {
			c["id"] = strconv.Itoa(1000 + i)
			c["application_id"] = discordtest.DefaultAppID
			c["version"] = "1300000000000000000"
			c["default_member_permissions"] = nil
			c["dm_permission"] = true
			c["nsfw"] = false
			c["name_localizations"] = nil
			c["description_localizations"] = nil
			opts, _ := c["options"].([]any)
			for _, o := range opts {
				o := o.(map[string]any)
				o["name_localizations"] = nil
				o["description_localizations"] = nil
				if _, ok := o["required"]; !ok {
					o["required"] = false
				}
			}
		}
		edit(cmds)
		raw, _ = json.Marshal(cmds)
		var out []*discordgo.ApplicationCommand
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	tests := []struct {
		name string
		edit func([]map[string]any)
		want bool
	}{
		{"as Discord lists them", func([]map[string]any) {}, true},
		{"description changed", func(c []map[string]any) { c[0]["description"] = "Ask" }, false},
		{"option lost", func(c []map[string]any) { c[0]["options"] = c[0]["options"].([]any)[:1] }, false},
		{"autocomplete off", func(c []map[string]any) {
			c[1]["options"].([]any)[0].(map[string]any)["autocomplete"] = false
		}, false},
		{"command missing", func(c []map[string]any) { c[len(c)-1]["name"] = "old" }, false},
		{"contexts changed", func(c []map[string]any) { c[0]["contexts"] = []any{0} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sameCommands(listed(tt.edit), want); got != tt.want {
				t.Errorf("sameCommands = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOpenBadToken checks that a token Discord refuses is reported as
// ErrBadToken, before any gateway connection.
func TestOpenBadToken(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	b := newTestBotOn(t, fake, func(c *Config) { c.Token = "not-the-token" })
	err := b.Open(context.Background())
	if !errors.Is(err, ErrBadToken) {
		t.Fatalf("Open with a bad token = %v, want ErrBadToken", err)
	}
	if st := fake.GatewayStats(); st.Connections != 0 {
		t.Errorf("gateway connections = %d, want 0", st.Connections)
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no token", Config{Token: "  "}, "no Discord bot token"},
		{"no index", Config{Token: "x"}, "no index"},
		{"bad API URL", Config{Token: "x", Index: testIndexFunc(t), APIURL: "discord.example"}, "DISCORD_API_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestInviteURL checks the scopes and the least permissions in the link.
func TestInviteURL(t *testing.T) {
	u, err := url.Parse(InviteURL("42"))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("client_id") != "42" || q.Get("scope") != "bot applications.commands" {
		t.Errorf("InviteURL = %s, want client_id 42 and scope \"bot applications.commands\"", u)
	}
	perms, _ := strconv.ParseInt(q.Get("permissions"), 10, 64)
	want := int64(discordgo.PermissionViewChannel | discordgo.PermissionSendMessages | discordgo.PermissionSendMessagesInThreads |
		discordgo.PermissionEmbedLinks | discordgo.PermissionReadMessageHistory)
	if perms != want {
		t.Errorf("permissions = %d, want %d", perms, want)
	}
	if perms&(discordgo.PermissionAdministrator|discordgo.PermissionMentionEveryone|discordgo.PermissionManageMessages) != 0 {
		t.Errorf("permissions %d include more than the bot needs", perms)
	}
}
