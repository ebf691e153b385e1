package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Discord gives an interaction 3 seconds for its first response.
// Newsdesk answers within this budget or defers and edits.
const responseBudget = 2500 * time.Millisecond

func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if !b.begin() {
		return
	}
	defer b.inflight.Done()
	defer b.guard("interaction")
	i := ic.Interaction
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		b.onCommand(i)
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.onAutocomplete(i)
	case discordgo.InteractionMessageComponent:
		b.onComponent(i)
	}
}

func (b *Bot) onCommand(i *discordgo.Interaction) {
	data := i.ApplicationCommandData()
	switch data.Name {
	case "ask":
		b.cmdAsk(i, data)
	case "summary":
		b.cmdSummary(i, data)
	case "brief":
		b.cmdBrief(i, data)
	case "articles":
		b.cmdArticles(i)
	case "help":
		b.cmdHelp(i)
	default:
		if !b.extraCommand(i, data) {
			b.log.Warn("unknown command", "name", data.Name)
			b.ephemeral(i, "I don't know that command. Try /help.")
		}
	}
}

// userID returns the id of whoever caused the interaction, in a guild or a DM.
func userID(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

// options maps a command's options by name.
func options(opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]*discordgo.ApplicationCommandInteractionDataOption {
	m := make(map[string]*discordgo.ApplicationCommandInteractionDataOption, len(opts))
	for _, o := range opts {
		m[o.Name] = o
	}
	return m
}

func stringOption(m map[string]*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	if o, ok := m[name]; ok && o.Type == discordgo.ApplicationCommandOptionString {
		return o.StringValue()
	}
	return ""
}

// respond sends the first response to an interaction. It never waits on
// a rate limit: an interaction that cannot be answered within Discord's
// deadline is lost anyway, so a 429 is logged, not slept on.
func (b *Bot) respond(i *discordgo.Interaction, typ discordgo.InteractionResponseType, data *discordgo.InteractionResponseData) error {
	if data != nil && data.AllowedMentions == nil {
		data.AllowedMentions = noMentions()
	}
	ctx, cancel := context.WithTimeout(context.Background(), responseBudget)
	defer cancel()
	err := b.s.InteractionRespond(i, &discordgo.InteractionResponse{Type: typ, Data: data},
		discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0))
	if err != nil {
		b.log.Error("interaction response failed", "interaction", i.ID, "err", err)
	}
	return err
}

// reply answers with a message visible to the channel.
func (b *Bot) reply(i *discordgo.Interaction, data *discordgo.InteractionResponseData) {
	_ = b.respond(i, discordgo.InteractionResponseChannelMessageWithSource, data)
}

// ephemeral answers with a short note only the user sees.
func (b *Bot) ephemeral(i *discordgo.Interaction, text string) {
	_ = b.respond(i, discordgo.InteractionResponseChannelMessageWithSource, &discordgo.InteractionResponseData{
		Content: clip(text, maxContent),
		Flags:   discordgo.MessageFlagsEphemeral,
	})
}

// deferred acknowledges an interaction at once ("Newsdesk is thinking…"),
// runs work, and edits the original response with its result. Work that
// fails edits in a short apology; the details go to the log.
func (b *Bot) deferred(i *discordgo.Interaction, work func() (*discordgo.WebhookEdit, error)) {
	if err := b.respond(i, discordgo.InteractionResponseDeferredChannelMessageWithSource, nil); err != nil {
		return
	}
	edit, err := work()
	if err != nil {
		b.log.Error("command failed", "interaction", i.ID, "err", err)
		msg := "Sorry, something went wrong while preparing that. Please try again later."
		edit = &discordgo.WebhookEdit{Content: &msg, Embeds: &[]*discordgo.MessageEmbed{}}
	}
	if edit.AllowedMentions == nil {
		edit.AllowedMentions = noMentions()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := b.s.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx)); err != nil {
		b.log.Error("edit deferred response failed", "interaction", i.ID, "err", err)
	}
}

// allowQuestion applies the per-user rate limit and reports whether to go
// on; when not, the user has been told.
func (b *Bot) allowQuestion(i *discordgo.Interaction) bool {
	ok, wait := b.limiter.allow(userID(i), b.cfg.Now())
	if !ok {
		b.ephemeral(i, fmt.Sprintf("You're asking quickly! Please wait %d seconds and try again.", int(wait.Seconds())+1))
	}
	return ok
}
