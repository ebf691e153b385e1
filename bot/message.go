package bot

import (
	"context"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// onMessage answers a message that mentions the bot, or any message in a
// DM with it, as a reply. Without the Message Content intent Discord still
// sends the content of exactly these messages.
func (b *Bot) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	if m == nil || m.Message == nil || m.Author == nil || m.Author.Bot || !b.begin() {
		return
	}
	defer b.inflight.Done()
	var t *tally // set once the message is a question for the bot
	defer func() { b.finish(m.ID, t) }()
	defer b.guardMessage(m.Message)
	me := b.botUserID()
	if me == "" || m.Author.ID == me {
		return
	}
	if m.GuildID != "" && !mentions(m.Message, me) {
		return
	}
	t = b.track(m.ID, "mention")
	question := stripMention(m.Content, me)
	var reply *discordgo.MessageSend
	if note := checkQuestion(question); note != "" {
		reply = &discordgo.MessageSend{Content: note}
		b.mark(m.ID, outRefused)
	} else if ok, wait := b.limiter.allow(m.Author.ID, b.cfg.Now()); !ok {
		reply = &discordgo.MessageSend{Content: slowDown(wait)}
		b.mark(m.ID, outRateLimited)
	} else {
		var o outcome
		reply, o = b.answerText(question)
		b.mark(m.ID, o)
	}
	b.sendReply(m.Message, reply)
}

// guardMessage recovers a panic while answering m and replies with a
// short apology; the log gets the details.
func (b *Bot) guardMessage(m *discordgo.Message) {
	if r := recover(); r != nil {
		b.log.Error("handler panic", "event", "message", "message", m.ID, "panic", r, "stack", string(debug.Stack()))
		b.mark(m.ID, outFailed)
		b.sendReply(m, &discordgo.MessageSend{Content: sorry})
	}
}

// sendReply posts ms in m's channel as a reply to m, pinging no one. A
// reply to a message deleted meanwhile is posted as a plain message.
func (b *Bot) sendReply(m *discordgo.Message, ms *discordgo.MessageSend) {
	ms.Reference = m.SoftReference()
	ms.AllowedMentions = noMentions()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if _, err := b.s.ChannelMessageSendComplex(m.ChannelID, ms, discordgo.WithContext(ctx)); err != nil {
		b.mark(m.ID, outFailed)
		b.logFailure("reply failed", err, "channel", m.ChannelID, "message", m.ID)
	}
}

// mentions reports whether m mentions user id.
func mentions(m *discordgo.Message, id string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == id {
			return true
		}
	}
	return false
}

var mentionRE = regexp.MustCompile(`<@!?(\d+)>`)

// stripMention removes mentions of the bot from a message's text.
func stripMention(content, id string) string {
	out := mentionRE.ReplaceAllStringFunc(content, func(s string) string {
		if mentionRE.FindStringSubmatch(s)[1] == id {
			return " "
		}
		return s
	})
	return strings.TrimSpace(out)
}
