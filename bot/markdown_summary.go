package bot

import (
	"fmt"
	"strings"
	"time"

	"newsdesk/retrieval"
	"newsdesk/summarize"
)

// briefAlsoShown is how many of the day's other stories BriefMarkdown
// lists by headline before saying how many more there are.
const briefAlsoShown = 10

// BriefMarkdown renders a brief as Markdown text, as `newsdesk brief`
// prints it: a headline line naming the day (and, when the day asked for
// had no articles, which day the brief covers instead), then each story
// as its headline in bold, its quotes as block quotes with their
// citations (file and line; the title too when it is not the headline's),
// and its sources; then the day's other stories by headline.
// Dates are shown in loc. Text from articles is escaped.
func BriefMarkdown(br summarize.Brief, loc *time.Location) string {
	var b strings.Builder
	switch {
	case br.Date == summarize.Latest:
		b.WriteString("**Newsdesk brief — the latest stories**\n")
	default:
		b.WriteString("**Newsdesk brief — " + longDate(br.Date, loc) + "**\n")
	}
	if br.Requested != "" {
		fmt.Fprintf(&b, "*No articles from %s; this brief covers %s.*\n", longDate(br.Requested, loc), longDate(br.Date, loc))
	}
	if len(br.Stories) == 0 {
		b.WriteString("\nThere is no news to brief yet.\n")
		return b.String()
	}
	for _, st := range br.Stories {
		b.WriteString("\n**" + Escape(oneLine(st.Title)) + "**\n")
		for _, q := range st.Quotes {
			b.WriteString("> " + Escape(q.Article.Text(q.Sentence)) + "\n")
			if q.Article.Title == st.Title {
				fmt.Fprintf(&b, "— %s, line %d\n", codeSpan(q.Article.ID), q.Sentence.Line)
			} else {
				b.WriteString(Citation(retrieval.Hit{Article: q.Article, Sentence: q.Sentence}) + "\n")
			}
		}
		b.WriteString("*" + reportsLine(st.Articles) + "*\n")
	}
	if len(br.Also) > 0 {
		b.WriteString("\n**Also in the news**\n")
		for _, st := range br.Also[:min(briefAlsoShown, len(br.Also))] {
			b.WriteString("• " + Escape(oneLine(st.Title)) + " (" + codeSpan(st.Articles[0].ID) + ")\n")
		}
		if n := len(br.Also) - briefAlsoShown; n > 0 {
			fmt.Fprintf(&b, "*…and %d more*\n", n)
		}
	}
	return b.String()
}

// reportsLine names a story's articles by outlet, else by file, each
// once: "2 reports: Example Gazette, Wire Service".
func reportsLine(articles []*retrieval.Article) string {
	var names []string
	seen := map[string]bool{}
	for _, a := range articles {
		name := Escape(oneLine(a.Source))
		if a.Source == "" {
			name = codeSpan(a.ID)
		}
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	return fmt.Sprintf("%d %s: %s", len(articles), plural(len(articles), "report"), strings.Join(names, ", "))
}

// longDate shows a "2006-01-02" date as "Friday 16 January 2026"; other
// text is shown as it is.
func longDate(date string, loc *time.Location) string {
	d, err := time.ParseInLocation(time.DateOnly, date, loc)
	if err != nil {
		return date
	}
	return d.Format("Monday 2 January 2006")
}
