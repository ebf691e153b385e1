package bot

import (
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/schedule"
)

// /schedule is the admin-only control of a server's daily brief: set,
// status and remove. Discord shows it only in servers, and only to
// members with Manage Server (default_member_permissions). A server's
// admins may grant it to other roles in Server Settings > Integrations;
// that is their call, so the handlers do not check the member's
// permissions again.

// guildOnly lets a command run in servers only.
var guildOnly = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}

// scheduleCommand is /schedule with its subcommands.
func scheduleCommand() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:                     "schedule",
		Description:              "Post the daily brief to a channel every day at a set time",
		DefaultMemberPermissions: ptr(int64(discordgo.PermissionManageGuild)),
		Contexts:                 guildOnly,
		Options: []*discordgo.ApplicationCommandOption{
			{
				Type:        discordgo.ApplicationCommandOptionSubCommand,
				Name:        "set",
				Description: "Post the daily brief to a channel every day at a time of day",
				Options: []*discordgo.ApplicationCommandOption{
					{
						Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "The channel to post in", Required: true,
						ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews},
					},
					{Type: discordgo.ApplicationCommandOptionString, Name: "time", Description: "Time of day, HH:MM on the 24-hour clock, such as 07:30", Required: true, MaxLength: 16},
					{Type: discordgo.ApplicationCommandOptionString, Name: "timezone", Description: "Time zone, such as Europe/Kyiv or America/New_York", Required: true, Autocomplete: true, MaxLength: 64},
				},
			},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "status", Description: "The schedule, the next post and how the last one went"},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove", Description: "Stop posting the daily brief"},
		},
	}
}

// newScheduler makes the scheduler of Config.Schedules, posting with
// PostScheduled.
func (b *Bot) newScheduler() {
	opts := b.cfg.ScheduleOptions
	if opts.Logger == nil {
		opts.Logger = b.log
	}
	b.schedAt = time.Now
	if opts.Time != nil {
		b.schedAt = opts.Time.Now
	}
	post := b.PostScheduled
	if b.cfg.Hooks.ScheduledBrief != nil {
		post = b.countedPost
	}
	b.sched = schedule.New(b.cfg.Schedules, post, opts)
}

// Scheduler returns the scheduler over Config.Schedules, or nil when the
// bot has none. It posts nothing until the caller runs
// [schedule.Scheduler.Run], once; /schedule changes wake it.
func (b *Bot) Scheduler() *schedule.Scheduler { return b.sched }

// extraCommands are the admin-only commands, registered beside the open
// ones: /schedule, when the bot has a schedule store.
func (b *Bot) extraCommands() []*discordgo.ApplicationCommand {
	if b.sched == nil {
		return nil
	}
	return []*discordgo.ApplicationCommand{scheduleCommand()}
}

// extraCommand handles an admin-only command and reports whether it knew it.
func (b *Bot) extraCommand(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) bool {
	if data.Name != "schedule" || b.sched == nil {
		return false
	}
	if i.GuildID == "" {
		b.refuse(i, "A daily brief belongs to a server: use /schedule in one of its channels.")
		return true
	}
	var sub *discordgo.ApplicationCommandInteractionDataOption
	if len(data.Options) > 0 {
		sub = data.Options[0]
	}
	switch {
	case sub == nil:
		b.refuse(i, "Use /schedule set, /schedule status or /schedule remove.")
	case sub.Name == "set":
		b.scheduleSet(i, data.Resolved, options(sub.Options))
	case sub.Name == "status":
		b.answer(i, true, func() (*discordgo.InteractionResponseData, error) { return b.scheduleStatus(i.GuildID) })
	case sub.Name == "remove":
		b.answer(i, true, func() (*discordgo.InteractionResponseData, error) { return b.scheduleRemove(i.GuildID) })
	default:
		b.refuse(i, "Use /schedule set, /schedule status or /schedule remove.")
	}
	return true
}

// extraAutocomplete answers autocomplete for the admin-only commands and
// reports whether it was one of theirs: time zones for /schedule set,
// at most 25, matching any part of the name typed.
func (b *Bot) extraAutocomplete(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) bool {
	if data.Name != "schedule" {
		return false
	}
	typed := ""
	for _, sub := range data.Options {
		for _, o := range sub.Options {
			if o.Focused && o.Name == "timezone" {
				typed = fmt.Sprint(o.Value)
			}
		}
	}
	var choices []*discordgo.ApplicationCommandOptionChoice
	for _, z := range schedule.ZoneNames(typed, maxChoices) {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: z, Value: z})
	}
	_ = b.respond(i, discordgo.InteractionApplicationCommandAutocompleteResult, &discordgo.InteractionResponseData{Choices: choices})
	return true
}
