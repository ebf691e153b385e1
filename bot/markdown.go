package bot

import (
	"fmt"
	"strings"

	"newsdesk/retrieval"
)

// NotFound is what Newsdesk says when the articles do not answer.
const NotFound = "I could not find that in the articles."

// NoSubject is what Newsdesk says to a question with no word left to
// search for once its stop words, light words and framing are set aside
// ("hey!", "thanks", "what did they say?"): asking for words is more
// helpful there than saying nothing was found.
const NoSubject = "I need a few words about the news to search for, for example: `What did the minister say about the budget?`"

// AnswerMarkdown renders an answer as the Markdown message Newsdesk posts:
// each quote as a block quote with the words that matched the question in
// bold, followed by its citation (article title, file and line). Quote text
// is escaped so Discord shows it exactly as it stands in the article. An
// answer with no quotes is NotFound, or NoSubject when the question had
// nothing to search for.
func AnswerMarkdown(ans retrieval.Answer) string {
	if !ans.Found || len(ans.Quotes) == 0 {
		if !retrieval.HasSubject(ans.Question) {
			return NoSubject
		}
		return NotFound
	}
	blocks := make([]string, len(ans.Quotes))
	for i, q := range ans.Quotes {
		blocks[i] = quoteBlock(q)
	}
	return strings.Join(blocks, "\n\n") + "\n"
}

// Citation renders "— *Title* (`id`, line N)".
func Citation(h retrieval.Hit) string {
	return fmt.Sprintf("— *%s* (%s, line %d)", Escape(h.Article.Title), codeSpan(h.Article.ID), h.Sentence.Line)
}

// codeSpan shows s literally as inline code; a backtick inside falls back
// to escaping.
func codeSpan(s string) string {
	if strings.Contains(s, "`") {
		return Escape(s)
	}
	return "`" + s + "`"
}

// highlight escapes text and puts the words at the matched terms in bold.
func highlight(text string, terms []string) string {
	var b strings.Builder
	last := 0
	for _, sp := range retrieval.Highlights(text, terms) {
		b.WriteString(Escape(text[last:sp[0]]))
		b.WriteString("**")
		b.WriteString(Escape(text[sp[0]:sp[1]]))
		b.WriteString("**")
		last = sp[1]
	}
	b.WriteString(Escape(text[last:]))
	return b.String()
}

// markdownSpecial are the characters Discord's Markdown gives a meaning.
var markdownSpecial = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`,
	`>`, `\>`, `[`, `\[`, `]`, `\]`, `@`, "@\u200b", `<`, `\<`,
)

// Escape makes text show literally in Discord Markdown: formatting
// characters are backslash-escaped and "@" cannot start a mention.
func Escape(text string) string {
	return markdownSpecial.Replace(text)
}

// Unescape reverses [Escape].
func Unescape(text string) string {
	text = strings.ReplaceAll(text, "@\u200b", "@")
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '\\' && i+1 < len(text) && strings.IndexByte("\\*_~`|>[]<", text[i+1]) >= 0 {
			i++
		}
		b.WriteByte(text[i])
	}
	return b.String()
}
