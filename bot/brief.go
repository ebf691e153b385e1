package bot

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/retrieval"
	"newsdesk/summarize"
)

// A brief is one message: a headline line as content, one embed per
// story (its headline as title, 1–3 quotes with citations, its sources),
// and a last embed listing the day's other stories. Discord allows 10
// embeds and 6,000 characters across them, so each story's quotes get at
// most storyBudget characters, and stories that do not fit join the list.
const (
	storyBudget = 1500
	alsoReserve = 700 // kept for the list when not every story fits
	alsoShown   = 150 // characters of a headline in the list
)

func (b *Bot) cmdBrief(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) {
	day, err := parseDay(stringOption(options(data.Options), "date"), b.cfg.Now(), b.cfg.Location)
	if err != nil {
		b.refuse(i, "I could not read that date. Please give it as YYYY-MM-DD, for example `2025-01-14`, or leave it out for today.")
		return
	}
	ix := b.index(i)
	if ix == nil {
		return
	}
	// The brief always defers: grouping a busy day's articles into stories
	// can take longer than Discord's 3 seconds.
	b.answerAfter(i, false, -1, func() (*discordgo.InteractionResponseData, error) {
		br := summarize.NewBrief(ix.Articles(), day, b.cfg.Location)
		if len(br.Stories) == 0 {
			b.mark(i.ID, outNotFound)
		}
		content, embeds := briefMessage(br, b.cfg.Location)
		return &discordgo.InteractionResponseData{Content: content, Embeds: embeds}, nil
	})
}

// parseDay reads the date option: empty, "today" or "yesterday", or
// YYYY-MM-DD, a day in loc. It returns noon of that day, which is inside
// it whatever daylight saving does.
func parseDay(s string, now time.Time, loc *time.Location) (time.Time, error) {
	now = now.In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, loc)
	switch s = strings.ToLower(strings.TrimSpace(s)); s {
	case "", "today":
		return today, nil
	case "yesterday":
		return today.AddDate(0, 0, -1), nil
	}
	d, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return d.Add(12 * time.Hour), nil
}

// PostBrief posts the brief of day (the local date of day in its
// location) to a channel as one message, so that it is posted whole or
// not at all. A day without articles posts a one-line note rather than
// an earlier day's brief again. Discord's refusals come back wrapped, as
// *discordgo.RESTError: errors.As tells 403 Missing Access or Permissions
// from 404 Unknown Channel. It is safe for concurrent use.
func (b *Bot) PostBrief(ctx context.Context, channelID string, day time.Time) error {
	ix := b.cfg.Index()
	if ix == nil {
		return errors.New("post brief: no articles loaded")
	}
	br := summarize.NewBrief(ix.Articles(), day, day.Location())
	ms := &discordgo.MessageSend{AllowedMentions: noMentions()}
	if br.Requested != "" || len(br.Stories) == 0 {
		ms.Content = "No news for " + longDate(day.Format(time.DateOnly), day.Location()) + "."
	} else {
		ms.Content, ms.Embeds = briefMessage(br, day.Location())
	}
	if _, err := b.s.ChannelMessageSendComplex(channelID, ms, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("post brief to channel %s: %w", channelID, err)
	}
	return nil
}

// briefMessage renders a brief as content and embeds within Discord's
// limits.
func briefMessage(br summarize.Brief, loc *time.Location) (string, []*discordgo.MessageEmbed) {
	if len(br.Stories) == 0 {
		return "There is no news to brief yet.", nil
	}
	content := "**Newsdesk brief — " + longDate(br.Date, loc) + "**"
	if br.Date == summarize.Latest {
		content = "**Newsdesk brief — the latest stories**"
	}
	if br.Requested != "" {
		content += "\n*No articles from " + longDate(br.Requested, loc) + "; this brief covers " + longDate(br.Date, loc) + ".*"
	}
	embeds, rest := fitStories(br.Stories, 0)
	if len(rest) > 0 || len(br.Also) > 0 {
		embeds, rest = fitStories(br.Stories, alsoReserve)
		also := append(rest, br.Also...)
		title := "Also in the news"
		budget := min(maxEmbedDesc, maxEmbedsTotal-embedChars(embeds)-runes(title))
		embeds = append(embeds, &discordgo.MessageEmbed{Title: title, Description: alsoList(also, budget), Color: colorBrief})
	}
	return clip(content, maxContent), embeds
}

// fitStories renders the leading stories that fit in the embeds of one
// message, leaving reserve characters and, when reserve > 0, one embed
// free; it returns the stories left out.
func fitStories(stories []summarize.Story, reserve int) ([]*discordgo.MessageEmbed, []summarize.Story) {
	maxN := maxEmbeds
	if reserve > 0 {
		maxN--
	}
	var embeds []*discordgo.MessageEmbed
	used := 0
	for k, st := range stories {
		e := storyEmbed(st)
		n := embedChars([]*discordgo.MessageEmbed{e})
		if len(embeds) == maxN || used+n > maxEmbedsTotal-reserve {
			return embeds, stories[k:]
		}
		embeds = append(embeds, e)
		used += n
	}
	return embeds, nil
}

// storyEmbed renders one story: its headline, linked to its first
// source when that has a web address, its quotes and its sources.
func storyEmbed(st summarize.Story) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: clip(Escape(oneLine(st.Title)), maxEmbedTitle), Color: colorBrief}
	if len(st.Articles) > 0 && isWebURL(st.Articles[0].URL) {
		e.URL = st.Articles[0].URL
	}
	blocks := make([]string, len(st.Quotes))
	for k, q := range st.Quotes {
		cite := Citation(retrieval.Hit{Article: q.Article, Sentence: q.Sentence})
		if q.Article.Title == st.Title { // the headline says which article
			cite = fmt.Sprintf("— %s, line %d", codeSpan(q.Article.ID), q.Sentence.Line)
		}
		blocks[k] = "> " + Escape(q.Article.Text(q.Sentence)) + "\n" + cite
	}
	e.Description = joinBlocks(blocks, storyBudget, "quote")
	if src := sources(st.Articles); src != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: clip(src, maxFooter)}
	}
	return e
}

// sources names a story's articles by outlet (or file, when an article
// has no source), each once: "2 reports: Example Gazette, Wire Service".
// It is reportsLine in plain text, for a footer, which Discord does not
// render as Markdown.
func sources(articles []*retrieval.Article) string {
	var names []string
	seen := map[string]bool{}
	for _, a := range articles {
		name := a.Source
		if name == "" {
			name = a.ID
		}
		if !seen[name] {
			seen[name] = true
			names = append(names, oneLine(name))
		}
	}
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf("%d %s: %s", len(articles), plural(len(articles), "report"), strings.Join(names, ", "))
}

// alsoList lists stories by headline and first source within limit
// characters, saying how many more there were.
func alsoList(stories []summarize.Story, limit int) string {
	var b strings.Builder
	for k, st := range stories {
		line := "• " + Escape(clip(oneLine(st.Title), alsoShown))
		if len(st.Articles) > 0 && st.Articles[0].Source != "" {
			line += " (" + Escape(oneLine(st.Articles[0].Source)) + ")"
		}
		if k > 0 {
			line = "\n" + line
		}
		left := len(stories) - k - 1
		more := ""
		if left > 0 {
			more = fmt.Sprintf("\n*…and %d more*", left)
		}
		if runes(b.String())+runes(line)+runes(more) > limit {
			return b.String() + fmt.Sprintf("\n*…and %d more*", left+1)
		}
		b.WriteString(line)
	}
	return b.String()
}

// isWebURL reports whether s is an http or https address Discord accepts
// as an embed link.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
