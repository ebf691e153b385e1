package bot

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Discord gives an interaction 3 seconds for its first response.
// Newsdesk answers within this budget or defers and edits.
const responseBudget = 2500 * time.Millisecond

// editTimeout bounds the edit of a deferred response and its follow-ups;
// Discord keeps an interaction's token valid for 15 minutes.
const editTimeout = 30 * time.Second

// sorry is what a user sees when answering failed; the log has why.
const sorry = "Sorry, something went wrong while preparing that. Please try again later."

func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil || !b.begin() {
		return
	}
	defer b.inflight.Done()
	i := ic.Interaction
	defer b.answered.Delete(i.ID)
	if cmd := commandOf(i); cmd != "" {
		t := b.track(i.ID, cmd)
		defer b.finish(i.ID, t) // after the guard, which may mark an error
	}
	defer b.guardInteraction(i)
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		b.onCommand(i)
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.onAutocomplete(i)
	case discordgo.InteractionMessageComponent:
		b.onComponent(i)
	}
}

// guardInteraction recovers a panic in an interaction handler and, when
// nothing was sent yet, tells the user something went wrong.
func (b *Bot) guardInteraction(i *discordgo.Interaction) {
	r := recover()
	if r == nil {
		return
	}
	b.log.Error("handler panic", "event", "interaction", "interaction", i.ID, "panic", r, "stack", string(debug.Stack()))
	b.mark(i.ID, outFailed)
	if _, done := b.answered.Load(i.ID); !done && i.Type != discordgo.InteractionApplicationCommandAutocomplete {
		b.ephemeral(i, sorry)
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
			b.refuse(i, "I don't know that command. Try /help.")
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
// a rate limit (see postCallback): an interaction that cannot be answered
// within Discord's deadline is lost anyway, so a 429 is logged, not slept
// on.
func (b *Bot) respond(i *discordgo.Interaction, typ discordgo.InteractionResponseType, data *discordgo.InteractionResponseData) error {
	if data != nil && data.AllowedMentions == nil && typ != discordgo.InteractionApplicationCommandAutocompleteResult {
		data.AllowedMentions = noMentions()
	}
	b.answered.Store(i.ID, true)
	ctx, cancel := context.WithTimeout(context.Background(), responseBudget)
	defer cancel()
	err := b.postCallback(ctx, i, &discordgo.InteractionResponse{Type: typ, Data: data})
	if err != nil {
		b.mark(i.ID, outFailed)
		b.logFailure("interaction response failed", err, "interaction", i.ID, "type", int(typ))
	}
	return err
}

// reply answers with a message visible to the channel (or only to the
// user, when data has the ephemeral flag).
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

// A work function prepares an answer; it may take a while.
type work func() (*discordgo.InteractionResponseData, error)

// answer runs w and sends its result. When w is done within
// Config.DeferAfter the result is the response itself; otherwise the
// interaction is deferred at once ("Newsdesk is thinking…", visible only
// to the user when private) and the result edited in when ready. Work
// that fails or panics reaches the user as a short private apology, and
// the log gets the details.
func (b *Bot) answer(i *discordgo.Interaction, private bool, w work) {
	b.answerAfter(i, private, b.cfg.DeferAfter, w)
}

// answerAfter is answer with its own deferral delay; after < 0 always
// defers, at once.
func (b *Bot) answerAfter(i *discordgo.Interaction, private bool, after time.Duration, w work) {
	type result struct {
		data *discordgo.InteractionResponseData
		err  error
	}
	done := make(chan result, 1)
	run := func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				b.log.Error("handler panic", "event", "answer", "interaction", i.ID, "panic", p, "stack", string(debug.Stack()))
				r = result{err: fmt.Errorf("panic: %v", p)}
			}
			done <- r
		}()
		if r.data, r.err = w(); r.data == nil && r.err == nil {
			r.err = errors.New("no answer prepared")
		}
	}
	go run()
	if after >= 0 {
		timer := time.NewTimer(after)
		select {
		case r := <-done:
			timer.Stop()
			b.sendResult(i, private, r.data, r.err)
			return
		case <-timer.C:
		}
	}
	var flags discordgo.MessageFlags
	if private {
		flags = discordgo.MessageFlagsEphemeral
	}
	err := b.respond(i, discordgo.InteractionResponseDeferredChannelMessageWithSource, &discordgo.InteractionResponseData{Flags: flags})
	r := <-done // wait even when the deferral failed: the work must not outlive Close
	if err != nil {
		return
	}
	b.editResult(i, private, r.data, r.err)
}

// sendResult answers an interaction with data, or with an apology for err.
func (b *Bot) sendResult(i *discordgo.Interaction, private bool, data *discordgo.InteractionResponseData, err error) {
	if err != nil {
		b.mark(i.ID, outFailed)
		b.logFailure("command failed", err, "interaction", i.ID)
		b.ephemeral(i, sorry)
		return
	}
	if private {
		data.Flags |= discordgo.MessageFlagsEphemeral
	}
	b.reply(i, data)
}

// editResult puts data into a deferred response. For err, a private
// response becomes the apology; a public one is replaced by a private
// apology, so the channel does not keep it (apologizeInPrivate).
func (b *Bot) editResult(i *discordgo.Interaction, private bool, data *discordgo.InteractionResponseData, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), editTimeout)
	defer cancel()
	if err != nil {
		b.mark(i.ID, outFailed)
		b.logFailure("command failed", err, "interaction", i.ID)
		if !private {
			b.apologizeInPrivate(ctx, i)
			return
		}
		data = &discordgo.InteractionResponseData{Content: sorry}
	}
	edit := &discordgo.WebhookEdit{
		Content:         &data.Content,
		Embeds:          &data.Embeds,
		AllowedMentions: noMentions(),
	}
	if data.Embeds == nil {
		edit.Embeds = &[]*discordgo.MessageEmbed{}
	}
	if data.Components != nil {
		edit.Components = &data.Components
	}
	if _, err := b.s.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx)); err != nil {
		b.mark(i.ID, outFailed)
		b.logFailure("edit deferred response failed", err, "interaction", i.ID)
	}
}

// apologizeInPrivate answers a public deferred response that failed with
// a private apology. A deferred response keeps the visibility it was
// deferred with, and a follow-up sent while it still loads only edits it,
// public (Create Followup Message in Discord's documentation). So the
// response first becomes the apology, which ends its loading; then the
// apology goes in a private follow-up of its own, and the public response
// is deleted: the channel sees it only for those two requests.
func (b *Bot) apologizeInPrivate(ctx context.Context, i *discordgo.Interaction) {
	text := sorry
	if _, err := b.s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &text, AllowedMentions: noMentions()}, discordgo.WithContext(ctx)); err != nil {
		b.logFailure("edit deferred response failed", err, "interaction", i.ID)
		return
	}
	b.followUp(ctx, i, sorry)
	if err := b.s.InteractionResponseDelete(i, discordgo.WithContext(ctx)); err != nil {
		b.logFailure("delete deferred response failed", err, "interaction", i.ID)
	}
}

// followUp sends a private follow-up message to an acknowledged interaction
// whose response no longer loads.
func (b *Bot) followUp(ctx context.Context, i *discordgo.Interaction, text string) {
	_, err := b.s.FollowupMessageCreate(i, false, &discordgo.WebhookParams{
		Content:         clip(text, maxContent),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	}, discordgo.WithContext(ctx))
	if err != nil {
		b.logFailure("follow-up failed", err, "interaction", i.ID)
	}
}

// allowQuestion applies the per-user rate limit and reports whether to go
// on; when not, the user has been told.
func (b *Bot) allowQuestion(i *discordgo.Interaction) bool {
	ok, wait := b.limiter.allow(userID(i), b.cfg.Now())
	if !ok {
		b.mark(i.ID, outRateLimited)
		b.ephemeral(i, slowDown(wait))
	}
	return ok
}

// slowDown is the note for a user over the rate limit.
func slowDown(wait time.Duration) string {
	secs := int((wait + time.Second - 1) / time.Second)
	return fmt.Sprintf("You're asking quickly! Please wait %d %s and try again.", secs, plural(secs, "second"))
}

// logFailure logs a failed Discord call with what Discord said: the HTTP
// status and JSON error code of a *discordgo.RESTError, or the retry
// delay of a 429.
func (b *Bot) logFailure(msg string, err error, attrs ...any) {
	var re *discordgo.RESTError
	var rl *discordgo.RateLimitError
	switch {
	case errors.As(err, &rl):
		attrs = append(attrs, "status", 429, "retry_after", rl.RetryAfter)
	case errors.As(err, &re) && re.Response != nil:
		attrs = append(attrs, "status", re.Response.StatusCode)
		if re.Message != nil {
			attrs = append(attrs, "code", re.Message.Code, "message", re.Message.Message)
		}
	}
	b.log.Error(msg, append(attrs, "err", err)...)
}
