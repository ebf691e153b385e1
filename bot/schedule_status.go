package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/schedule"
)

// noSchedule is the note for a server without a schedule.
const noSchedule = "No daily brief is scheduled in this server. Set one with /schedule set."

// scheduleStatus answers /schedule status for a guild.
func (b *Bot) scheduleStatus(guildID string) (*discordgo.InteractionResponseData, error) {
	now := b.schedAt()
	st, err := b.sched.Status(context.Background(), guildID, now)
	if errors.Is(err, schedule.ErrNotFound) {
		return privateNote(noSchedule), nil
	}
	if err != nil {
		return nil, err
	}
	return privateNote(statusText(st, now)), nil
}

// scheduleRemove answers /schedule remove for a guild.
func (b *Bot) scheduleRemove(guildID string) (*discordgo.InteractionResponseData, error) {
	ctx := context.Background()
	st, err := b.sched.Status(ctx, guildID, b.schedAt())
	if err == nil {
		err = b.sched.Remove(ctx, guildID)
	}
	if errors.Is(err, schedule.ErrNotFound) {
		return privateNote("No daily brief is scheduled in this server; there is nothing to remove."), nil
	}
	if err != nil {
		return nil, err
	}
	return privateNote(fmt.Sprintf("Removed: I'll no longer post the daily brief in <#%s>. Set a new schedule any time with /schedule set.", st.ChannelID)), nil
}

// statusText shows a schedule to an admin: channel, time and zone, the
// next post in the schedule's zone, the last post, the last problem
// and, for a stopped schedule, why. Stored texts are escaped: they are
// Newsdesk's own, but may quote Discord's.
func statusText(st schedule.Status, now time.Time) string {
	var b strings.Builder
	b.WriteString("**Daily brief**\n")
	fmt.Fprintf(&b, "Channel: <#%s>\n", st.ChannelID)
	fmt.Fprintf(&b, "Time: %s every day, %s\n", st.Clock, Escape(st.Zone))
	switch {
	case !st.Enabled:
		b.WriteString("Next post: none, the schedule is stopped (see below)\n")
	case st.Posting:
		b.WriteString("Next post: being posted now\n")
	case st.Location == nil || st.Next.IsZero():
		b.WriteString("Next post: unknown, the time zone no longer loads\n")
	case !st.Next.After(now):
		b.WriteString("Next post: due now\n")
	default:
		fmt.Fprintf(&b, "Next post: **%s** (%s)\n", when(st.Next), relative(st.Next))
	}
	if st.LastPostedDate == "" {
		b.WriteString("Last post: none yet\n")
	} else {
		fmt.Fprintf(&b, "Last post: the brief for %s, posted %s\n", longDate(st.LastPostedDate, time.UTC), stamp(st.LastPostAt))
	}
	if st.LastError != "" && st.LastError != st.DisabledReason {
		fmt.Fprintf(&b, "Last problem (%s): %s\n", stamp(st.LastErrorAt), Escape(st.LastError))
	}
	if !st.Enabled {
		fmt.Fprintf(&b, "**Stopped** (%s): %s\nFix that and run /schedule set again to restart it.\n", stamp(st.LastErrorAt), Escape(st.DisabledReason))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// stamp is a Discord timestamp that each reader sees in their own time
// zone, "29 October 2026 07:30"; "at an unknown time" for the zero Time.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "at an unknown time"
	}
	return fmt.Sprintf("<t:%d:f>", t.Unix())
}
