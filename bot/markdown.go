package bot

import (
	"fmt"
	"strings"

	"newsdesk/retrieval"
)

// NotFound is what Newsdesk says when the articles do not answer.
const NotFound = "I could not find that in the articles."

// AnswerMarkdown renders an answer as the Markdown message Newsdesk posts:
// each quote as a block quote with the words that matched the question in
// bold, followed by its citation (article title, file and line). Quote text
// is escaped so Discord shows it exactly as it stands in the article.
func AnswerMarkdown(ans retrieval.Answer) string {
	if !ans.Found || len(ans.Quotes) == 0 {
		return NotFound
	}
	var b strings.Builder
	for i, q := range ans.Quotes {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("> ")
		b.WriteString(highlight(q.Sentence.Text, q.Terms))
		b.WriteString("\n")
		b.WriteString(Citation(q.Hit))
		for _, h := range q.Also {
			b.WriteString("; ")
			b.WriteString(strings.TrimPrefix(Citation(h), "— "))
		}
		b.WriteString("\n")
	}
	return b.String()
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
