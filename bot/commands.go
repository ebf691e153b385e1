package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/bwmarrin/discordgo"
)

// Discord's rules shape the commands: default_member_permissions covers a
// whole command, and a command with subcommands takes no options of its
// own. So what every member may use (ask, summary, brief, articles, help)
// lives in commands open to all, and the admin-only schedule controls live
// in a command of their own (schedule.go).

func ptr[T any](v T) *T { return &v }

// everywhere lets a command run in servers and in DMs with the bot.
var everywhere = &[]discordgo.InteractionContextType{
	discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM,
}

// guildInstall is where Newsdesk is installed: in servers, not on users'
// accounts. Set explicitly so that the commands Discord lists back (with
// its default filled in) compare equal to the ones registered.
var guildInstall = &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}

// commandList returns the slash commands Newsdesk registers, globally or
// (guild true) in one server. Contexts and installation types exist only
// for global commands, so a guild's commands go without them.
func (b *Bot) commandList(guild bool) []*discordgo.ApplicationCommand {
	cmds := append(b.openCommands(), b.extraCommands()...)
	for _, c := range cmds {
		if guild {
			c.Contexts, c.IntegrationTypes = nil, nil
		} else if c.IntegrationTypes == nil {
			c.IntegrationTypes = guildInstall
		}
	}
	return cmds
}

// openCommands are the commands every member may use.
func (b *Bot) openCommands() []*discordgo.ApplicationCommand {
	cmds := []*discordgo.ApplicationCommand{
		{
			Name:        "ask",
			Description: "Ask the news articles a question; get verbatim, cited quotes",
			Contexts:    everywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true, MaxLength: MaxQuestion},
				{Type: discordgo.ApplicationCommandOptionString, Name: "article", Description: "Search this article only", Autocomplete: true},
			},
		},
		{
			Name:        "summary",
			Description: "The sentences that best sum up one article, verbatim",
			Contexts:    everywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "article", Description: "Start typing a title", Required: true, Autocomplete: true},
			},
		},
		{
			Name:        "brief",
			Description: "The day's stories in brief",
			Contexts:    everywhere,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "date", Description: "A day as YYYY-MM-DD (default: today, or the latest day with news)", MaxLength: 10},
			},
		},
		{Name: "articles", Description: "What Newsdesk knows: how many articles, the newest, how to ask", Contexts: everywhere},
		{Name: "help", Description: "What Newsdesk does and how to use it", Contexts: everywhere},
	}
	return cmds
}

// register overwrites the application's commands with commandList in one
// call, guild-scoped when GuildID is set, and skips the call when Discord
// already has the same set.
func (b *Bot) register(ctx context.Context) error {
	want := b.commandList(b.cfg.GuildID != "")
	have, err := b.s.ApplicationCommands(b.appID, b.cfg.GuildID, discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("read registered commands: %w", err)
	}
	if sameCommands(have, want) {
		b.log.Info("slash commands up to date", "count", len(want))
		return nil
	}
	if _, err := b.s.ApplicationCommandBulkOverwrite(b.appID, b.cfg.GuildID, want, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	b.log.Info("registered slash commands", "count", len(want), "guild", b.cfg.GuildID)
	return nil
}

// sameCommands reports whether the registered commands match the wanted
// ones in every field Newsdesk sets, ignoring ids and versions Discord adds.
func sameCommands(have, want []*discordgo.ApplicationCommand) bool {
	if len(have) != len(want) {
		return false
	}
	byName := map[string]any{}
	for _, c := range have {
		byName[c.Name] = commandShape(c)
	}
	for _, c := range want {
		h, ok := byName[c.Name]
		if !ok || !reflect.DeepEqual(h, commandShape(c)) {
			return false
		}
	}
	return true
}

// commandShape is the JSON of a command without the fields Discord fills
// in, decoded generically so that absent and empty compare equal. The
// deprecated dm_permission, which Discord still lists (true), is left out:
// Contexts says where a command runs.
func commandShape(c *discordgo.ApplicationCommand) any {
	cc := *c
	cc.ID, cc.ApplicationID, cc.GuildID, cc.Version = "", "", "", ""
	cc.DMPermission = nil //lint:ignore SA1019 cleared because Discord still lists it
	if cc.Type == 0 {
		cc.Type = discordgo.ChatApplicationCommand
	}
	data, _ := json.Marshal(cc)
	var v any
	_ = json.Unmarshal(data, &v)
	return dropEmpty(v)
}

// dropEmpty removes false, empty and null values from decoded JSON.
func dropEmpty(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			e = dropEmpty(e)
			if e == nil || e == false || e == "" || e == float64(0) {
				delete(x, k)
				continue
			}
			if s, ok := e.([]any); ok && len(s) == 0 {
				delete(x, k)
				continue
			}
			x[k] = e
		}
		return x
	case []any:
		for i := range x {
			x[i] = dropEmpty(x[i])
		}
	}
	return v
}
