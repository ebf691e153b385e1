package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/schedule"
)

// channelCheckTimeout bounds the REST call that checks a channel.
const channelCheckTimeout = 5 * time.Second

// unchanged ends every refusal of /schedule set.
const unchanged = " Nothing was changed."

// scheduleSet handles /schedule set. Input it can check alone (time,
// zone, channel type, the bot's permissions in the channel where the
// command was used) is refused at once; the check of another channel
// and the write run as work that may be deferred.
func (b *Bot) scheduleSet(i *discordgo.Interaction, resolved *discordgo.ApplicationCommandInteractionDataResolved, opts map[string]*discordgo.ApplicationCommandInteractionDataOption) {
	clock, err := schedule.ParseClock(stringOption(opts, "time"))
	if err != nil {
		b.refuse(i, "I can't use that time: "+sentence(err)+unchanged)
		return
	}
	loc, err := schedule.LoadLocation(stringOption(opts, "timezone"))
	if err != nil {
		b.refuse(i, "I can't use that time zone: "+sentence(err)+" Pick one from the list as you type."+unchanged)
		return
	}
	channelID := ""
	if o, ok := opts["channel"]; ok && o.Type == discordgo.ApplicationCommandOptionChannel {
		channelID = fmt.Sprint(o.Value)
	}
	if channelID == "" {
		b.refuse(i, "Pick the channel to post the brief in."+unchanged)
		return
	}
	if resolved != nil {
		if ch := resolved.Channels[channelID]; ch != nil && !postable(ch.Type) {
			b.refuse(i, "Pick a text or announcement channel: the brief is posted as a message."+unchanged)
			return
		}
	}
	// app_permissions are the bot's permissions in the channel the
	// command was used in. A resolved channel's permissions are the
	// member's, not the bot's, so another channel is checked with Discord.
	if channelID == i.ChannelID {
		if missing := missingPermissions(i.AppPermissions); missing != "" {
			b.refuse(i, cantPost(channelID, "I'm missing "+missing+" there")+unchanged)
			return
		}
	}
	s := schedule.Schedule{GuildID: i.GuildID, ChannelID: channelID, Clock: clock, Zone: loc.String(), CreatedBy: userID(i)}
	b.answer(i, true, func() (*discordgo.InteractionResponseData, error) {
		if channelID != i.ChannelID {
			if note, o := b.checkChannel(i.GuildID, channelID); note != "" {
				b.mark(i.ID, o)
				return privateNote(note), nil
			}
		}
		return b.setSchedule(s, channelID != i.ChannelID)
	})
}

// setSchedule stores s through the scheduler and says when the first
// brief is due. elsewhere reports whether the channel is not the one the
// command was used in, whose permissions could not be fully checked.
func (b *Bot) setSchedule(s schedule.Schedule, elsewhere bool) (*discordgo.InteractionResponseData, error) {
	ctx := context.Background()
	old, err := b.sched.Status(ctx, s.GuildID, b.schedAt())
	if err != nil && !errors.Is(err, schedule.ErrNotFound) {
		return nil, err
	}
	if _, err := b.sched.Set(ctx, s); err != nil {
		return nil, err
	}
	st, err := b.sched.Status(ctx, s.GuildID, b.schedAt())
	if err != nil {
		return nil, err
	}
	var msg strings.Builder
	fmt.Fprintf(&msg, "Scheduled: I'll post the daily brief in <#%s> every day at **%s** (%s).", st.ChannelID, st.Clock, Escape(st.Zone))
	if !st.Next.IsZero() {
		fmt.Fprintf(&msg, "\nFirst post: **%s** (%s).", when(st.Next), relative(st.Next))
	}
	if old.GuildID != "" && (old.ChannelID != st.ChannelID || old.Clock != st.Clock || old.Zone != st.Zone) {
		fmt.Fprintf(&msg, "\nThis replaces the schedule for <#%s> at %s (%s).", old.ChannelID, old.Clock, Escape(old.Zone))
	}
	if elsewhere {
		msg.WriteString("\nI can see that channel; I also need Send Messages and Embed Links there. If a post is refused, the schedule stops and /schedule status says why.")
	}
	return privateNote(msg.String()), nil
}

// checkChannel asks Discord for a channel other than the one the command
// was used in, and returns a note for the admin when the bot cannot post
// there, with the outcome to count, or "" when it can at least see it. A
// 403 or 404 means it cannot; another failure is not a verdict on the
// channel, so the admin is asked to try again.
func (b *Bot) checkChannel(guildID, channelID string) (string, outcome) {
	ctx, cancel := context.WithTimeout(context.Background(), channelCheckTimeout)
	defer cancel()
	ch, err := b.s.Channel(channelID, discordgo.WithContext(ctx))
	var re *discordgo.RESTError
	switch {
	case err == nil && (ch.GuildID != guildID || !postable(ch.Type)):
		return "Pick a text or announcement channel of this server." + unchanged, outRefused
	case err == nil:
		return "", outAnswered
	case errors.As(err, &re) && re.Response != nil &&
		(re.Response.StatusCode == http.StatusForbidden || re.Response.StatusCode == http.StatusNotFound):
		return cantPost(channelID, "I can't see that channel") + unchanged, outRefused
	}
	b.logFailure("check schedule channel failed", err, "channel", channelID)
	return "I could not check that channel with Discord just now. Please try again in a minute." + unchanged, outFailed
}

// postable reports whether a brief can be posted in a channel of type t.
func postable(t discordgo.ChannelType) bool {
	return t == discordgo.ChannelTypeGuildText || t == discordgo.ChannelTypeGuildNews
}

// missingPermissions names the permissions to post a brief that perms
// lacks, "View Channel and Send Messages", or "" when it has them all.
func missingPermissions(perms int64) string {
	var missing []string
	for _, p := range []struct {
		bit  int64
		name string
	}{
		{discordgo.PermissionViewChannel, "View Channel"},
		{discordgo.PermissionSendMessages, "Send Messages"},
		{discordgo.PermissionEmbedLinks, "Embed Links"},
	} {
		if perms&p.bit == 0 {
			missing = append(missing, p.name)
		}
	}
	switch len(missing) {
	case 0:
		return ""
	case 1:
		return missing[0]
	}
	return strings.Join(missing[:len(missing)-1], ", ") + " and " + missing[len(missing)-1]
}

// cantPost is the note for a channel the bot cannot post in.
func cantPost(channelID, why string) string {
	return fmt.Sprintf("I can't post in <#%s>: %s. Give Newsdesk View Channel, Send Messages and Embed Links in that channel, or pick another one.", channelID, why)
}

// sentence is err's message, escaped, as a sentence for the admin: the
// schedule package words its input errors for them.
func sentence(err error) string {
	s := Escape(err.Error())
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

// privateNote is an ephemeral reply with text.
func privateNote(text string) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{Content: clip(text, maxContent), Flags: discordgo.MessageFlagsEphemeral}
}

// when shows t in its own zone as an admin reads it:
// "Thursday 29 October 2026, 07:30 EET".
func when(t time.Time) string { return t.Format("Monday 2 January 2006, 15:04 MST") }

// relative is a Discord timestamp that each reader sees as "in 5 hours".
func relative(t time.Time) string { return fmt.Sprintf("<t:%d:R>", t.Unix()) }
