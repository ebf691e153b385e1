package bot

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// onMessage answers a message that mentions the bot, or any message in a
// DM with it, as a reply. Without the Message Content intent Discord still
// sends the content of exactly these messages.
func (b *Bot) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	if m.Author == nil || m.Author.Bot || !b.begin() {
		return
	}
	defer b.inflight.Done()
	defer b.guard("message")
	me := b.botUserID()
	if me == "" || m.Author.ID == me {
		return
	}
	if m.GuildID != "" && !mentions(m.Message, me) {
		return
	}
	question := stripMention(m.Content, me)
	send := func(ms *discordgo.MessageSend) {
		ms.Reference = m.Reference()
		ms.Reference.FailIfNotExists = ptr(false)
		ms.AllowedMentions = noMentions()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if _, err := b.s.ChannelMessageSendComplex(m.ChannelID, ms, discordgo.WithContext(ctx)); err != nil {
			b.log.Error("reply failed", "channel", m.ChannelID, "err", err)
		}
	}
	if note := checkQuestion(question); note != "" {
		send(&discordgo.MessageSend{Content: note})
		return
	}
	if ok, wait := b.limiter.allow(m.Author.ID, b.cfg.Now()); !ok {
		send(&discordgo.MessageSend{Content: "You're asking quickly! Please wait " + (wait.Round(time.Second) + time.Second).String() + " and try again."})
		return
	}
	send(b.answerText(question))
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
