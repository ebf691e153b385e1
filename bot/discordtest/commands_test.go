package discordtest_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/discordtest"
)

func TestCommands(t *testing.T) {
	s := discordtest.New(t)
	dg := s.Session("")
	app := discordtest.DefaultAppID
	cmds := []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask the articles a question", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "What to ask", Required: true},
		}},
		{Name: "help", Description: "How to use Newsdesk"},
	}
	for _, guild := range []string{"", discordtest.DefaultGuildID} {
		created, err := dg.ApplicationCommandBulkOverwrite(app, guild, cmds)
		if err != nil {
			t.Fatalf("ApplicationCommandBulkOverwrite(%q): %v", guild, err)
		}
		got, err := dg.ApplicationCommands(app, guild)
		if err != nil {
			t.Fatalf("ApplicationCommands(%q): %v", guild, err)
		}
		if names(got) != "ask help" || names(created) != "ask help" {
			t.Errorf("guild %q: commands = %s, created %s, want ask help", guild, names(got), names(created))
		}
		for i, c := range got {
			if c.ID == "" || c.ID != created[i].ID || c.ApplicationID != app || c.GuildID != guild {
				t.Errorf("guild %q: command %d = %+v", guild, i, c)
			}
		}
		// Overwriting again keeps IDs by name and drops the rest.
		again, err := dg.ApplicationCommandBulkOverwrite(app, guild, cmds[:1])
		if err != nil || len(again) != 1 || again[0].ID != created[0].ID {
			t.Errorf("guild %q: overwrite again = %v, %v; want ask with ID %s", guild, again, err, created[0].ID)
		}
	}
	if got := s.Commands(""); names(got) != "ask" || got[0].Options[0].Name != "question" {
		t.Errorf("Commands(\"\") = %s", names(got))
	}

	c, err := dg.ApplicationCommandCreate(app, "", &discordgo.ApplicationCommand{Name: "brief", Description: "Today's brief"})
	if err != nil {
		t.Fatalf("ApplicationCommandCreate: %v", err)
	}
	if err := dg.ApplicationCommandDelete(app, "", c.ID); err != nil {
		t.Fatalf("ApplicationCommandDelete: %v", err)
	}
	err = dg.ApplicationCommandDelete(app, "", c.ID)
	if re := restError(t, err); code(re) != 10063 {
		t.Errorf("second delete: %v, want code 10063", err)
	}
	_, err = dg.ApplicationCommands("999", "")
	if re := restError(t, err); re.Response.StatusCode != http.StatusForbidden {
		t.Errorf("commands of another application: %v, want 403", err)
	}
}

func names(cmds []*discordgo.ApplicationCommand) string {
	var out []string
	for _, c := range cmds {
		out = append(out, c.Name)
	}
	return strings.Join(out, " ")
}
