package bot

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsdesk/retrieval"
)

// newestFirst returns the articles ordered by publication time, newest
// first; undated ones follow in ID order.
func newestFirst(articles []*retrieval.Article) []*retrieval.Article {
	out := append([]*retrieval.Article(nil), articles...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Dated() != b.Dated() {
			return a.Dated()
		}
		return a.Published.After(b.Published)
	})
	return out
}

const newestShown = 10

// articlesEmbed says what the bot knows: how many articles, the newest,
// and how to ask.
func articlesEmbed(ix *retrieval.Index) *discordgo.MessageEmbed {
	articles := ix.Articles()
	var lines []string
	for _, a := range newestFirst(articles) {
		if len(lines) == newestShown {
			break
		}
		when := "undated"
		if a.Dated() {
			when = a.Published.Format("2 Jan 2006")
		}
		lines = append(lines, fmt.Sprintf("• **%s** (%s)", Escape(clip(oneLine(a.Title), 150)), when))
	}
	desc := fmt.Sprintf("I know **%d** articles (%d sentences).\n\n**Newest**\n%s\n\n"+
		"Ask with `/ask`, mention me with a question, or send me a DM. "+
		"`/summary` sums up one article; `/brief` gives the day's stories.",
		len(articles), ix.Len(), strings.Join(lines, "\n"))
	return &discordgo.MessageEmbed{Title: "Newsdesk articles", Description: clip(desc, maxEmbedDesc), Color: colorAnswer}
}

func (b *Bot) cmdArticles(i *discordgo.Interaction) {
	ix := b.index(i)
	if ix == nil {
		return
	}
	b.reply(i, &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{articlesEmbed(ix)}})
}

// helpText explains the bot in a few lines; the admin commands are listed
// when they are registered.
func (b *Bot) helpText() string {
	var admin strings.Builder
	for _, c := range b.extraCommands() {
		fmt.Fprintf(&admin, "**/%s** — (server managers) %s\n", c.Name, lowerFirst(c.Description))
	}
	return `I answer questions about the news articles I know, with **verbatim quotes**: every quote is copied exactly from its article and cites the article and line, so you can check every word.

**/ask** ` + "`question`" + ` — quotes that answer it (add ` + "`article`" + ` to search one article). You can also mention me with a question, or DM me.
**/summary** ` + "`article`" + ` — the sentences that best sum up one article.
**/brief** ` + "`date`" + ` — the day's stories, reports of the same event merged.
**/articles** — what I know.
` + admin.String() + `
When the articles don't answer a question, I say so instead of guessing.`
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func (b *Bot) cmdHelp(i *discordgo.Interaction) {
	b.reply(i, &discordgo.InteractionResponseData{
		Embeds: []*discordgo.MessageEmbed{{Title: "Newsdesk help", Description: b.helpText(), Color: colorAnswer}},
		Flags:  discordgo.MessageFlagsEphemeral,
	})
}
