package bot

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/schedule"
)

// PostScheduled is the scheduler's [schedule.PostFunc]: it posts the
// brief of day to channelID with [Bot.PostBrief], whole or not at all.
// Discord's answers that retrying cannot change, 403 Missing Access
// (50001) or Missing Permissions (50013) and 404 Unknown Channel
// (10003), come back marked [schedule.Permanent] with a reason worded
// for /schedule status, so the scheduler stops the schedule; every
// other error is retried. guildID is not needed to post. It is safe for
// concurrent use.
func (b *Bot) PostScheduled(ctx context.Context, guildID, channelID string, day time.Time) error {
	err := b.PostBrief(ctx, channelID, day)
	if reason := refusal(err); reason != "" {
		return schedule.Permanent(refused{reason: reason, err: err})
	}
	return err
}

// refusal words Discord's refusal of a post for an admin, or returns ""
// when err is not one that disables a schedule.
func refusal(err error) string {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil || re.Message == nil {
		return ""
	}
	status, code := re.Response.StatusCode, re.Message.Code
	switch {
	case status == http.StatusForbidden && code == discordgo.ErrCodeMissingAccess:
		return "Discord refused the brief: Newsdesk cannot see the channel (403 Missing Access, code 50001). " + fixChannel
	case status == http.StatusForbidden && code == discordgo.ErrCodeMissingPermissions:
		return "Discord refused the brief: Newsdesk may not post in the channel (403 Missing Permissions, code 50013). " + fixChannel
	case status == http.StatusNotFound && code == discordgo.ErrCodeUnknownChannel:
		return "Discord refused the brief: the channel no longer exists (404 Unknown Channel, code 10003). Pick another channel."
	}
	return ""
}

// fixChannel says what to change in a channel that refused a post.
const fixChannel = "Give Newsdesk View Channel, Send Messages and Embed Links there, or pick another channel."

// refused is a post Discord refused: its message is the reason shown to
// admins, and it wraps Discord's error.
type refused struct {
	reason string
	err    error
}

func (r refused) Error() string { return r.reason }
func (r refused) Unwrap() error { return r.err }
