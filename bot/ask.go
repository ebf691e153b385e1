package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"newsdesk/retrieval"
)

// checkQuestion returns a note for the user when a question cannot be
// asked as given, or "" when it can.
func checkQuestion(q string) string {
	q = strings.TrimSpace(q)
	switch {
	case q == "":
		return "Please ask a question, for example: `/ask question: Who is leading the talks?`"
	case runes(q) > MaxQuestion:
		return fmt.Sprintf("That question is %d characters long; please keep it under %d.", runes(q), MaxQuestion)
	case len(retrieval.Analyze(q)) == 0:
		return "I need a few words about the news to search for, for example: `Who is leading the talks?`"
	}
	return ""
}

func (b *Bot) cmdAsk(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) {
	opts := options(data.Options)
	question := stringOption(opts, "question")
	if note := checkQuestion(question); note != "" {
		b.ephemeral(i, note)
		return
	}
	if !b.allowQuestion(i) {
		return
	}
	ix := b.cfg.Index()
	articleID := ""
	if ref := stringOption(opts, "article"); ref != "" {
		a := findArticle(ix, ref)
		if a == nil {
			b.ephemeral(i, "I don't know that article. Pick one from the list as you type, or see /articles.")
			return
		}
		articleID = a.ID
	}
	ans := ix.Answer(question, retrieval.AnswerOptions{Article: articleID})
	b.reply(i, answerMessage(question, articleID, ans))
}

// answerMessage is the response to a question: the answer embed and, when
// something was found, buttons for more quotes and the top article's
// summary.
func answerMessage(question, articleID string, ans retrieval.Answer) *discordgo.InteractionResponseData {
	data := &discordgo.InteractionResponseData{
		Embeds:          []*discordgo.MessageEmbed{answerEmbed(question, ans)},
		AllowedMentions: noMentions(),
	}
	if row := answerButtons(question, articleID, ans); row != nil {
		data.Components = []discordgo.MessageComponent{row}
	}
	return data
}

// askFromMessage answers a question that came as a mention or a DM.
func (b *Bot) answerText(question string) *discordgo.MessageSend {
	ans := b.cfg.Index().Answer(question, retrieval.AnswerOptions{})
	data := answerMessage(question, "", ans)
	return &discordgo.MessageSend{Embeds: data.Embeds, Components: data.Components, AllowedMentions: noMentions()}
}

// findArticle resolves what a user typed for an article: its ID (what
// autocomplete sends), else the best title match.
func findArticle(ix *retrieval.Index, ref string) *retrieval.Article {
	if a := ix.Article(ref); a != nil {
		return a
	}
	if m := matchTitles(ix.Articles(), ref, 1); len(m) == 1 {
		return m[0]
	}
	return nil
}

// matchTitles returns up to limit articles whose titles contain every word
// typed (a word may be the start of a title word), newest first. An empty
// query lists the newest articles.
func matchTitles(articles []*retrieval.Article, typed string, limit int) []*retrieval.Article {
	words := strings.Fields(strings.ToLower(strings.Map(foldQuote, typed)))
	var out []*retrieval.Article
	for _, a := range newestFirst(articles) {
		if titleMatches(strings.ToLower(strings.Map(foldQuote, a.Title)), words) {
			out = append(out, a)
			if len(out) == limit {
				break
			}
		}
	}
	return out
}

func titleMatches(title string, words []string) bool {
	tw := strings.FieldsFunc(title, func(r rune) bool { return r == ' ' || r == ',' || r == ':' || r == '—' || r == '-' })
	for _, w := range words {
		found := false
		for _, t := range tw {
			if strings.HasPrefix(t, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func foldQuote(r rune) rune {
	switch r {
	case '’', '‘':
		return '\''
	}
	return r
}

// articleChoices answers autocomplete for an article option: at most 25
// titles matching what was typed, each naming its article ID.
func articleChoices(ix *retrieval.Index, typed string) []*discordgo.ApplicationCommandOptionChoice {
	var choices []*discordgo.ApplicationCommandOptionChoice
	for _, a := range matchTitles(ix.Articles(), typed, maxChoices*2) {
		if len(a.ID) > 100 || len(choices) == maxChoices {
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: clip(oneLine(a.Title), maxChoiceName), Value: a.ID})
	}
	return choices
}

func (b *Bot) onAutocomplete(i *discordgo.Interaction) {
	data := i.ApplicationCommandData()
	typed := ""
	for _, o := range data.Options {
		if o.Focused {
			typed = fmt.Sprint(o.Value)
		}
	}
	choices := articleChoices(b.cfg.Index(), typed)
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	_ = b.respond(i, discordgo.InteractionApplicationCommandAutocompleteResult, &discordgo.InteractionResponseData{Choices: choices})
}
