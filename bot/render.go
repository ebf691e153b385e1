package bot

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"newsdesk/retrieval"
)

// Discord's documented message limits, in characters (runes).
const (
	maxContent     = 2000
	maxEmbedTitle  = 256
	maxEmbedDesc   = 4096
	maxEmbedFields = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbeds      = 10
	maxEmbedsTotal = 6000
	maxChoiceName  = 100
	maxChoices     = 25
	maxCustomID    = 100
	maxButtonLabel = 80
)

// Colors of Newsdesk's embeds.
const (
	colorAnswer   = 0x2b6cb0
	colorNotFound = 0x718096
	colorBrief    = 0x2f855a
)

// noMentions lets no text in a message ping anyone: Parse is an empty,
// non-nil slice, which encodes as [] (a nil slice would be null).
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// runes counts characters as Discord does.
func runes(s string) int { return utf8.RuneCountInString(s) }

// clip shortens s to at most n characters, cutting at a word boundary when
// there is one in the second half and ending with "…" when it had to cut.
func clip(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	cut, count := 0, 0
	for i := range s {
		if count == n-1 {
			cut = i
			break
		}
		count++
	}
	if sp := strings.LastIndexFunc(s[:cut], unicode.IsSpace); sp > cut/2 {
		cut = sp
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + "…"
}

// joinBlocks joins blocks (quotes, sentences) with blank lines within limit
// characters. When they do not all fit it keeps the leading blocks that
// fit together with a note of how many were left out; a first block that
// does not fit even alone is clipped.
func joinBlocks(blocks []string, limit int, unit string) string {
	if all := strings.Join(blocks, "\n\n"); runes(all) <= limit {
		return all
	}
	note := func(n int) string {
		return fmt.Sprintf("\n\n*(%d more %s left out to fit Discord's limits)*", n, plural(n, unit))
	}
	var b strings.Builder
	n := 0 // characters in b
	for i, blk := range blocks {
		sep := ""
		if i > 0 {
			sep = "\n\n"
		}
		size := n + runes(sep) + runes(blk)
		left := len(blocks) - i - 1 // blocks after this one
		// Not all blocks fit, so whatever follows this one needs a note.
		if left == 0 && size <= limit || left > 0 && size+runes(note(left)) <= limit {
			b.WriteString(sep + blk)
			n = size
			continue
		}
		if i > 0 {
			return b.String() + note(left+1)
		}
		if left == 0 {
			return clip(blk, limit)
		}
		return clip(blk, limit-runes(note(left))) + note(left)
	}
	return b.String()
}

func plural(n int, unit string) string {
	if n == 1 {
		return unit
	}
	return unit + "s"
}

// quoteBlock renders one quote: the sentence as a block quote with the
// matched words in bold, then its citation and any other sources.
func quoteBlock(q retrieval.Quote) string {
	var b strings.Builder
	b.WriteString("> ")
	b.WriteString(highlight(q.Article.Text(q.Sentence), q.Terms))
	b.WriteString("\n")
	b.WriteString(Citation(q.Hit))
	for _, h := range q.Also {
		b.WriteString("; ")
		b.WriteString(strings.TrimPrefix(Citation(h), "— "))
	}
	return b.String()
}

// answerEmbed renders an answer as an embed titled with the question.
func answerEmbed(question string, ans retrieval.Answer) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title: clip(Escape(oneLine(question)), maxEmbedTitle),
		Color: colorAnswer,
	}
	if !ans.Found || len(ans.Quotes) == 0 {
		e.Description = NotFound
		e.Color = colorNotFound
		return e
	}
	blocks := make([]string, len(ans.Quotes))
	for i, q := range ans.Quotes {
		blocks[i] = quoteBlock(q)
	}
	e.Description = joinBlocks(blocks, maxEmbedDesc, "quote")
	e.Footer = &discordgo.MessageEmbedFooter{Text: "Quotes are verbatim; bold words matched your question."}
	return e
}

// oneLine folds white space runs, newlines included, into single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// embedChars counts the characters Discord adds up against its 6,000
// limit across a message's embeds.
func embedChars(embeds []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range embeds {
		n += runes(e.Title) + runes(e.Description)
		if e.Footer != nil {
			n += runes(e.Footer.Text)
		}
		if e.Author != nil {
			n += runes(e.Author.Name)
		}
		for _, f := range e.Fields {
			n += runes(f.Name) + runes(f.Value)
		}
	}
	return n
}
