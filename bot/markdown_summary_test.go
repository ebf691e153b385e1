package bot

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"newsdesk/retrieval"
	"newsdesk/summarize"
)

func TestBriefMarkdown(t *testing.T) {
	body := "Lyon *backs* a four-day week for @everyone on staff."
	a := &retrieval.Article{ID: "lyon_week.md", Title: "Mayor backs four-day week", Source: "Wire", Body: body}
	b := &retrieval.Article{ID: "lyon-2.md", Title: "Lyon staff to work four days", Body: body}
	quote := summarize.Excerpt{Article: b, Quote: summarize.Quote{Sentence: retrieval.Sentence{Line: 3, End: int32(len(body))}}}
	var also []summarize.Story
	for i := range 12 {
		also = append(also, summarize.Story{Title: fmt.Sprintf("Other story %d", i), Articles: []*retrieval.Article{a}})
	}
	br := summarize.Brief{
		Date:      "2026-01-16",
		Requested: "2026-01-18",
		Stories:   []summarize.Story{{Title: a.Title, Articles: []*retrieval.Article{a, b}, Quotes: []summarize.Excerpt{quote}}},
		Also:      also,
	}
	got := BriefMarkdown(br, time.UTC)
	for _, want := range []string{
		"**Newsdesk brief — Friday 16 January 2026**\n",
		"*No articles from Sunday 18 January 2026; this brief covers Friday 16 January 2026.*\n",
		"\n**Mayor backs four-day week**\n",
		"> Lyon \\*backs\\* a four-day week for @\u200beveryone on staff.\n",
		"— *Lyon staff to work four days* (`lyon-2.md`, line 3)\n", // not the headline's article: titled
		"*2 reports: Wire, `lyon-2.md`*\n",
		"• Other story 9 (`lyon_week.md`)\n",
		"*…and 2 more*\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("BriefMarkdown lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Other story 10") {
		t.Errorf("BriefMarkdown lists more than %d other stories:\n%s", briefAlsoShown, got)
	}
	empty := BriefMarkdown(summarize.Brief{Date: summarize.Latest}, time.UTC)
	if want := "**Newsdesk brief — the latest stories**\n\nThere is no news to brief yet.\n"; empty != want {
		t.Errorf("empty brief = %q, want %q", empty, want)
	}
}
