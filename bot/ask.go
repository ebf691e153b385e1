package bot

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"newsdesk/retrieval"
)

// checkQuestion returns a note for the user when a question cannot be
// asked as given, or "" when it can.
func checkQuestion(q string) string {
	q = strings.TrimSpace(q)
	switch {
	case searchText(q) == "":
		return "Please ask a question about the news, for example: `What did the minister say about the budget?`"
	case runes(q) > MaxQuestion:
		return fmt.Sprintf("That question is %d characters long; please keep it under %d.", runes(q), MaxQuestion)
	case !retrieval.HasSubject(searchText(q)):
		return NoSubject
	}
	return ""
}

// discordTokens are Discord's markup for mentions of users, roles and
// channels, custom emoji, timestamps and @everyone/@here: nothing a news
// article can match.
var discordTokens = regexp.MustCompile(`<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|<t:-?\d+(?::[tTdDfFR])?>|@(?:everyone|here)\b`)

// searchText is a question as searched: without Discord's markup, which
// is echoed (escaped) in the answer's title but would only dilute the
// search.
func searchText(q string) string {
	return strings.Join(strings.Fields(discordTokens.ReplaceAllString(q, " ")), " ")
}

func (b *Bot) cmdAsk(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) {
	opts := options(data.Options)
	question := strings.TrimSpace(stringOption(opts, "question"))
	if note := checkQuestion(question); note != "" {
		b.refuse(i, note)
		return
	}
	ix := b.index(i)
	if ix == nil {
		return
	}
	articleID := ""
	if ref := stringOption(opts, "article"); ref != "" {
		a := findArticle(ix, ref)
		if a == nil {
			b.refuse(i, unknownArticle)
			return
		}
		articleID = a.ID
	}
	if !b.allowQuestion(i) {
		return
	}
	b.answer(i, false, func() (*discordgo.InteractionResponseData, error) {
		ans := ix.Answer(searchText(question), retrieval.AnswerOptions{Article: articleID})
		if !ans.Found {
			b.mark(i.ID, outNotFound)
		}
		return answerMessage(question, articleID, ans), nil
	})
}

// unknownArticle is the note for an article option that names nothing.
const unknownArticle = "I don't know that article. Pick one from the list as you type, or see /articles."

// index returns the index to answer from, or nil after telling the user
// when there is none yet.
func (b *Bot) index(i *discordgo.Interaction) *retrieval.Index {
	ix := b.cfg.Index()
	if ix == nil {
		b.mark(i.ID, outFailed)
		b.ephemeral(i, "I have no articles loaded yet; please try again in a minute.")
	}
	return ix
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

// answerText answers a question that came as a mention or a DM, as a
// message, with the outcome to count.
func (b *Bot) answerText(question string) (*discordgo.MessageSend, outcome) {
	ix := b.cfg.Index()
	if ix == nil {
		return &discordgo.MessageSend{Content: "I have no articles loaded yet; please try again in a minute."}, outFailed
	}
	ans := ix.Answer(searchText(question), retrieval.AnswerOptions{})
	data := answerMessage(question, "", ans)
	o := outAnswered
	if !ans.Found {
		o = outNotFound
	}
	return &discordgo.MessageSend{Embeds: data.Embeds, Components: data.Components}, o
}

// findArticle resolves what a user typed for an article: its ID (what
// autocomplete sends), else the newest article whose title has every
// word typed. Nothing typed names no article.
func findArticle(ix *retrieval.Index, ref string) *retrieval.Article {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil
	}
	if a := ix.Article(ref); a != nil {
		return a
	}
	if m := matchTitles(ix.Articles(), ref, 1); len(m) == 1 {
		return m[0]
	}
	return nil
}

// matchTitles returns up to limit articles whose titles contain every word
// typed (a word typed may be the start of a title word, so what is being
// typed matches as it grows), newest first. Case, accents of quotes and
// punctuation are ignored. An empty query lists the newest articles.
func matchTitles(articles []*retrieval.Article, typed string, limit int) []*retrieval.Article {
	words := titleWords(typed)
	var out []*retrieval.Article
	for _, a := range newestFirst(articles) {
		if len(out) == limit {
			break
		}
		if titleMatches(titleWords(a.Title), words) {
			out = append(out, a)
		}
	}
	return out
}

// titleWords splits s into lower-case words of letters, digits and
// apostrophes (curly ones folded to straight).
func titleWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(strings.Map(foldQuote, s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// titleMatches reports whether every word typed starts some title word.
func titleMatches(title, typed []string) bool {
	for _, w := range typed {
		found := false
		for _, t := range title {
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
	case '’', '‘', 'ʼ':
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
	if b.extraAutocomplete(i, data) {
		return
	}
	typed := ""
	for _, o := range data.Options {
		if o.Focused {
			typed = fmt.Sprint(o.Value)
		}
	}
	// No choices go without a "choices" key (discordgo omits an empty
	// list), which Discord shows as "No options match your search".
	var choices []*discordgo.ApplicationCommandOptionChoice
	if ix := b.cfg.Index(); ix != nil {
		choices = articleChoices(ix, typed)
	}
	_ = b.respond(i, discordgo.InteractionApplicationCommandAutocompleteResult, &discordgo.InteractionResponseData{Choices: choices})
}
