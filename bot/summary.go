package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsdesk/summarize"
)

func (b *Bot) cmdSummary(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) {
	b.summaryReply(i, stringOption(options(data.Options), "article"), false)
}

// summaryReply answers with the summary of the article ref names (an ID
// or words of a title); private when asked from a button.
func (b *Bot) summaryReply(i *discordgo.Interaction, ref string, private bool) {
	ix := b.index(i)
	if ix == nil {
		return
	}
	a := findArticle(ix, ref)
	if a == nil {
		b.refuse(i, unknownArticle)
		return
	}
	b.answer(i, private, func() (*discordgo.InteractionResponseData, error) {
		return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{summaryEmbed(summarize.Summarize(a, 0))}}, nil
	})
}

// SummaryMarkdown renders a summary as Newsdesk posts it: the title, then
// each sentence as a block quote with its line.
func SummaryMarkdown(s summarize.Summary) string {
	return "**" + Escape(s.Article.Title) + "**\n\n" + summaryBody(s, -1) + "\n"
}

// summaryBody renders the quotes of a summary within limit characters
// (limit < 0: no limit).
func summaryBody(s summarize.Summary, limit int) string {
	if len(s.Quotes) == 0 {
		return "This article has no sentences I can quote."
	}
	blocks := make([]string, len(s.Quotes))
	for i, q := range s.Quotes {
		blocks[i] = fmt.Sprintf("> %s\n— line %d", Escape(s.Article.Text(q.Sentence)), q.Sentence.Line)
	}
	if limit < 0 {
		return strings.Join(blocks, "\n\n")
	}
	return joinBlocks(blocks, limit, "sentence")
}

func summaryEmbed(s summarize.Summary) *discordgo.MessageEmbed {
	return &discordgo.MessageEmbed{
		Title:       clip(Escape(oneLine(s.Article.Title)), maxEmbedTitle),
		Description: summaryBody(s, maxEmbedDesc),
		Color:       colorAnswer,
		Footer:      &discordgo.MessageEmbedFooter{Text: clip("Summary of "+s.Article.ID+" · quotes are verbatim", maxFooter)},
	}
}
