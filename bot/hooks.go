package bot

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/schedule"
)

// Hooks let the caller count what the bot does, for metrics. Any field
// may be nil. They are called from discordgo's goroutines, so they must
// be safe for concurrent use, and the bot waits for them: they should
// only count.
type Hooks struct {
	// Question is called once for each slash command, button click,
	// mention or DM the bot answers, once the reply has gone out (or
	// failed), with the command, the outcome ([OutcomeAnswered] …) and
	// the time from receiving it to the reply. command is "ask",
	// "summary", "brief", "articles", "help", "schedule", "more_quotes"
	// (the More quotes button), "mention" (mentions and DMs) or "other".
	// Autocomplete, which runs on every keystroke, is not counted.
	Question func(command, outcome string, took time.Duration)

	// ScheduledBrief is called after each attempt to post a scheduled
	// brief, with "posted", "failed" (retried later) or "refused"
	// (Discord's 403 or 404: the schedule stops).
	ScheduledBrief func(result string)

	// RESTError is called for each answer from Discord's REST API with
	// an HTTP status of 400 or more, rate limits (429) included, with the
	// status and Discord's JSON error code (0 when the body has none),
	// and with status 0 for a request that got no answer (a network
	// error or a timeout).
	RESTError func(status, code int)
}

// The outcomes of a question, for [Hooks].Question. When several apply
// (a question found nothing, then its reply failed), the last listed
// wins.
const (
	OutcomeAnswered    = "answered"     // the reply was sent
	OutcomeNotFound    = "not_found"    // the articles do not answer it, and the user was told so
	OutcomeRefused     = "refused"      // input the bot does not take: no words to search, too long, an unknown article, date, time, zone or channel
	OutcomeRateLimited = "rate_limited" // the user asked too quickly
	OutcomeError       = "error"        // preparing or sending the reply failed, or there were no articles yet
)

// An outcome is one of the Outcome constants as a rank: a question's
// outcome only moves up.
type outcome int32

const (
	outAnswered outcome = iota
	outNotFound
	outRefused
	outRateLimited
	outFailed
)

var outcomeNames = [...]string{OutcomeAnswered, OutcomeNotFound, OutcomeRefused, OutcomeRateLimited, OutcomeError}

// A tally follows one question from its arrival to its reply.
type tally struct {
	command string
	start   time.Time
	worst   atomic.Int32
}

// track starts a tally for the interaction or message id, or returns
// nil when nothing counts questions.
func (b *Bot) track(id, command string) *tally {
	if b.cfg.Hooks.Question == nil {
		return nil
	}
	t := &tally{command: command, start: time.Now()}
	b.tallies.Store(id, t)
	return t
}

// mark raises the outcome of the question id to o.
func (b *Bot) mark(id string, o outcome) {
	v, ok := b.tallies.Load(id)
	if !ok {
		return
	}
	w := &v.(*tally).worst
	for {
		old := w.Load()
		if outcome(old) >= o || w.CompareAndSwap(old, int32(o)) {
			return
		}
	}
}

// finish reports the question id to Hooks.Question.
func (b *Bot) finish(id string, t *tally) {
	if t == nil {
		return
	}
	b.tallies.Delete(id)
	b.cfg.Hooks.Question(t.command, outcomeNames[t.worst.Load()], time.Since(t.start))
}

// commandOf names an interaction for Hooks.Question, or returns "" for
// one that is not counted (autocomplete).
func commandOf(i *discordgo.Interaction) string {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		switch name := i.ApplicationCommandData().Name; name {
		case "ask", "summary", "brief", "articles", "help", "schedule":
			return name
		}
		return "other"
	case discordgo.InteractionMessageComponent:
		switch id := i.MessageComponentData().CustomID; {
		case strings.HasPrefix(id, moreQuotesID):
			return "more_quotes"
		case strings.HasPrefix(id, summaryID):
			return "summary"
		}
		return "other"
	}
	return ""
}

// refuse tells the user why their input cannot be used, privately, and
// counts the question as refused.
func (b *Bot) refuse(i *discordgo.Interaction, text string) {
	b.mark(i.ID, outRefused)
	b.ephemeral(i, text)
}

// countedPost is PostScheduled reporting each attempt to
// Hooks.ScheduledBrief.
func (b *Bot) countedPost(ctx context.Context, guildID, channelID string, day time.Time) (err error) {
	result := "failed" // also when PostScheduled panics
	defer func() { b.cfg.Hooks.ScheduledBrief(result) }()
	err = b.PostScheduled(ctx, guildID, channelID, day)
	switch {
	case err == nil:
		result = "posted"
	case errors.Is(err, schedule.ErrPermanent):
		result = "refused"
	}
	return err
}
