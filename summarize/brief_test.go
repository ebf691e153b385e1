package summarize

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"newsdesk/retrieval"
)

// storyIDs returns the articles of each story, sorted, one story a string.
func storyIDs(stories []Story) []string {
	var out []string
	for _, st := range stories {
		var ids []string
		for _, a := range st.Articles {
			ids = append(ids, a.ID)
		}
		slices.Sort(ids)
		out = append(out, strings.Join(ids, "+"))
	}
	slices.Sort(out)
	return out
}

func utcDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d.Add(12 * time.Hour)
}

// undated returns copies of articles without a publication time.
func undated(articles []*retrieval.Article) []*retrieval.Article {
	var out []*retrieval.Article
	for _, a := range articles {
		c := *a
		c.Published = time.Time{}
		out = append(out, &c)
	}
	return out
}

// TestStoryGrouping groups small sets of articles written for it: one
// event reported twice, the second a rewrite; two events of one topic (an
// ECB cut and a Fed hold, both on rates); the same outlet's follow-up the
// next day; and the seeds, where only the two reports of Rubio's Miami
// remarks are one event.
func TestStoryGrouping(t *testing.T) {
	stories := mustLoad(t, "stories")
	seeds := mustSeeds(t)
	var storm, ecb, sameDay []*retrieval.Article
	for _, a := range stories {
		if a.ID != "storm-followup.md" {
			sameDay = append(sameDay, a)
		}
		switch {
		case strings.HasPrefix(a.ID, "storm-wire"), strings.HasPrefix(a.ID, "storm-rewrite"):
			storm = append(storm, a)
		case strings.HasPrefix(a.ID, "ecb"), strings.HasPrefix(a.ID, "fed"):
			ecb = append(ecb, a)
		}
	}
	tests := []struct {
		name     string
		articles []*retrieval.Article
		day      time.Time
		want     []string
	}{
		{"rewrite of one report", storm, utcDay("2026-01-16"),
			[]string{"storm-rewrite.md+storm-wire.md"}},
		{"two events of one topic", ecb, utcDay("2026-01-16"),
			[]string{"ecb-cut.md+ecb-rewrite.md", "fed-hold.md"}},
		{"the day of the storm", stories, utcDay("2026-01-16"),
			[]string{"drought.md", "ecb-cut.md+ecb-rewrite.md", "fed-hold.md", "storm-rewrite.md+storm-wire.md"}},
		{"the next day's follow-up", stories, utcDay("2026-01-17"),
			[]string{"storm-followup.md"}},
		{"seeds", seeds, time.Time{},
			[]string{"000_a2b38275930963c8.txt+001_e23c1adbc54749fb.txt", "002_2febd623e457be3d.txt", "003_1a5226c0d40cfbf9.txt", "004_0e41236b8ab5037e.txt"}},
		{"seeds among other news", append(undated(sameDay), seeds...), time.Time{},
			[]string{"000_a2b38275930963c8.txt+001_e23c1adbc54749fb.txt", "002_2febd623e457be3d.txt", "003_1a5226c0d40cfbf9.txt", "004_0e41236b8ab5037e.txt",
				"drought.md", "ecb-cut.md+ecb-rewrite.md", "fed-hold.md", "storm-rewrite.md+storm-wire.md"}},
		// Without dates nothing tells the follow-up, which repeats the
		// first reports' facts, from them.
		{"the follow-up undated", undated(stories), time.Time{},
			[]string{"drought.md", "ecb-cut.md+ecb-rewrite.md", "fed-hold.md", "storm-followup.md+storm-rewrite.md+storm-wire.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBrief(tt.articles, tt.day, time.UTC)
			if got := storyIDs(append(b.Stories, b.Also...)); !slices.Equal(got, tt.want) {
				t.Errorf("stories\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestBriefDay(t *testing.T) {
	at := func(s string) time.Time {
		d, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return d
	}
	article := func(id, published string) *retrieval.Article {
		a := &retrieval.Article{ID: id, Title: id, Body: id}
		if published != "" {
			a.Published = at(published)
		}
		return a
	}
	dated := []*retrieval.Article{
		article("a", "2026-01-14T09:00:00Z"),
		article("b", "2026-01-16T23:30:00Z"), // 17 January in Paris
		article("c", "2026-01-16T08:00:00Z"),
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	tests := []struct {
		name         string
		articles     []*retrieval.Article
		day          time.Time
		loc          *time.Location
		date, asked  string
		wantArticles []string
	}{
		{"that day", dated, utcDay("2026-01-16"), time.UTC, "2026-01-16", "", []string{"b", "c"}},
		{"that day in Paris", dated, utcDay("2026-01-16"), paris, "2026-01-16", "", []string{"c"}},
		{"the next day in Paris", dated, utcDay("2026-01-17"), paris, "2026-01-17", "", []string{"b"}},
		{"a day without news", dated, utcDay("2026-01-15"), time.UTC, "2026-01-14", "2026-01-15", []string{"a"}},
		{"after the last news", dated, utcDay("2026-02-01"), time.UTC, "2026-01-16", "2026-02-01", []string{"b", "c"}},
		{"before the first news", dated, utcDay("2025-12-01"), time.UTC, "2026-01-16", "2025-12-01", []string{"b", "c"}},
		{"zero day, all dated", dated, time.Time{}, time.UTC, "2026-01-16", "", []string{"b", "c"}},
		{"undated", []*retrieval.Article{article("u", ""), article("v", "")}, utcDay("2026-01-16"), time.UTC, Latest, "", []string{"u", "v"}},
		{"zero day with undated", append([]*retrieval.Article{article("u", "")}, dated...), time.Time{}, nil, Latest, "", []string{"u"}},
		{"no articles", nil, utcDay("2026-01-16"), time.UTC, Latest, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBrief(tt.articles, tt.day, tt.loc)
			var got []string
			for _, st := range append(b.Stories, b.Also...) {
				for _, a := range st.Articles {
					got = append(got, a.ID)
				}
			}
			slices.Sort(got)
			if b.Date != tt.date || b.Requested != tt.asked || !slices.Equal(got, tt.wantArticles) {
				t.Errorf("NewBrief = date %q, requested %q, articles %v; want %q, %q, %v", b.Date, b.Requested, got, tt.date, tt.asked, tt.wantArticles)
			}
		})
	}
}

// TestBriefSeeds records the brief of the seeds in testdata/brief.golden
// and checks every quote against its line.
func TestBriefSeeds(t *testing.T) {
	b := NewBrief(mustSeeds(t), utcDay("2026-01-16"), time.UTC)
	var out strings.Builder
	fmt.Fprintf(&out, "date %s requested %q\n", b.Date, b.Requested)
	for _, st := range b.Stories {
		fmt.Fprintf(&out, "\n%s (score %.4f)\n", st.Title, st.Score)
		for _, a := range st.Articles {
			fmt.Fprintf(&out, "  source %s\n", a.ID)
		}
		for _, q := range st.Quotes {
			checkVerbatim(t, q.Article, q.Sentence)
			fmt.Fprintf(&out, "  %s:%d: %s\n", q.Article.ID, q.Sentence.Line, q.Article.Text(q.Sentence))
		}
	}
	checkGolden(t, "brief.golden", out.String())
}

// TestBriefBusyDay makes a day of 40 unrelated stories: ten are quoted,
// the rest listed, and no quote is repeated or leans on a sentence left
// out.
func TestBriefBusyDay(t *testing.T) {
	files := map[string]string{}
	topics := strings.Fields("harbour tram museum bridge library stadium airport hospital school market " +
		"ferry theatre orchestra vineyard glacier volcano reef forest river canal " +
		"railway tunnel dam lighthouse castle cathedral observatory zoo aquarium park " +
		"festival marathon regatta carnival exhibition auction election census budget strike")
	for i, topic := range topics {
		files[fmt.Sprintf("%02d-%s.md", i, topic)] = fmt.Sprintf(`---
title: Council approves new %[1]s plan
published: 2026-01-16T%02[2]d:00:00Z
---
The city council approved a plan for the %[1]s on Friday, officials said.

Work on the %[1]s will start in spring and cost about %[3]d million euros, according to the plan.

Residents near the %[1]s said it had been promised for %[4]d years.
`, topic, i%24, 100+i, 200+i)
	}
	b := NewBrief(mustMapFS(t, files), utcDay("2026-01-16"), time.UTC)
	if len(b.Stories) != MaxStories || len(b.Stories)+len(b.Also) != len(topics) {
		t.Fatalf("%d stories and %d others, want %d and %d", len(b.Stories), len(b.Also), MaxStories, len(topics)-MaxStories)
	}
	seen := map[string]bool{}
	for i, st := range b.Stories {
		if len(st.Quotes) < 1 || len(st.Quotes) > quotesFor(i) {
			t.Errorf("story %d %q has %d quotes, want 1–%d", i, st.Title, len(st.Quotes), quotesFor(i))
		}
		for _, q := range st.Quotes {
			checkVerbatim(t, q.Article, q.Sentence)
			if seen[q.Article.Text(q.Sentence)] {
				t.Errorf("quote %q repeated", q.Article.Text(q.Sentence))
			}
			seen[q.Article.Text(q.Sentence)] = true
		}
		if i > 0 && st.Score > b.Stories[i-1].Score {
			t.Errorf("story %d scores %.3f, above the one before (%.3f)", i, st.Score, b.Stories[i-1].Score)
		}
	}
	for _, st := range b.Also {
		if len(st.Quotes) != 0 {
			t.Errorf("listed story %q has quotes", st.Title)
		}
	}
}

// TestBriefNoRepeat has two stories that share a sentence of background:
// the second story does not quote it again.
func TestBriefNoRepeat(t *testing.T) {
	shared := "The region has had three years of drought, the worst in a century, according to the national weather service."
	files := map[string]string{
		"a.md": "---\ntitle: Barcelona limits water use\n---\n" + shared + "\n\nBarcelona limited households to 200 litres of water per person per day from Monday.\n",
		"b.md": "---\ntitle: Farmers in Lleida cut irrigation\n---\n" + shared + "\n\nFarmers in Lleida must cut irrigation by 80 per cent, the regional agriculture office said.\n",
	}
	b := NewBrief(mustMapFS(t, files), time.Time{}, nil)
	count := 0
	for _, st := range b.Stories {
		for _, q := range st.Quotes {
			if q.Article.Text(q.Sentence) == shared {
				count++
			}
		}
	}
	if len(b.Stories) != 2 || count > 1 {
		t.Errorf("%d stories quote the shared sentence %d times; want 2 stories, once at most", len(b.Stories), count)
	}
}
