package bot

import (
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsdesk/retrieval"
)

// Buttons are stateless: everything a click needs is in the button's
// custom id ("more:" + article scope, "sum:" + article id) or in the
// message it sits under (the question is the answer embed's title).
const (
	moreQuotesID = "more:"
	summaryID    = "sum:"
	moreQuotesK  = 6
)

// answerButtons returns the buttons under an answer, or nil when there is
// nothing more to offer.
func answerButtons(question, articleID string, ans retrieval.Answer) *discordgo.ActionsRow {
	if !ans.Found || len(ans.Quotes) == 0 {
		return nil
	}
	var row discordgo.ActionsRow
	if runes(Escape(oneLine(question))) <= maxEmbedTitle && len(moreQuotesID+articleID) <= maxCustomID {
		row.Components = append(row.Components, discordgo.Button{Label: "More quotes", Style: discordgo.SecondaryButton, CustomID: moreQuotesID + articleID})
	}
	top := ans.Quotes[0].Article
	if len(summaryID+top.ID) <= maxCustomID {
		row.Components = append(row.Components, discordgo.Button{
			Label: clip("Summary: "+oneLine(top.Title), maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: summaryID + top.ID,
		})
	}
	if len(row.Components) == 0 {
		return nil
	}
	return &row
}

func (b *Bot) onComponent(i *discordgo.Interaction) {
	id := i.MessageComponentData().CustomID
	switch {
	case strings.HasPrefix(id, moreQuotesID):
		b.moreQuotes(i, strings.TrimPrefix(id, moreQuotesID))
	case strings.HasPrefix(id, summaryID):
		b.summaryReply(i, strings.TrimPrefix(id, summaryID), true)
	default:
		b.refuse(i, "That button no longer works; please ask again.")
	}
}

// moreQuotes answers the question under which the button sits with the
// best sentences, privately to whoever clicked.
func (b *Bot) moreQuotes(i *discordgo.Interaction, articleID string) {
	question := ""
	if i.Message != nil && len(i.Message.Embeds) > 0 {
		question = Unescape(i.Message.Embeds[0].Title)
	}
	if checkQuestion(question) != "" {
		b.refuse(i, "I could not read the question under that button; please ask again.")
		return
	}
	ix := b.index(i)
	if ix == nil {
		return
	}
	if articleID != "" && ix.Article(articleID) == nil {
		b.refuse(i, "That article is no longer in my collection.")
		return
	}
	if !b.allowQuestion(i) {
		return
	}
	b.answer(i, true, func() (*discordgo.InteractionResponseData, error) {
		ans := ix.Answer(searchText(question), retrieval.AnswerOptions{Article: articleID, Top: moreQuotesK})
		if !ans.Found {
			b.mark(i.ID, outNotFound)
		}
		return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{answerEmbed(question, ans)}}, nil
	})
}
