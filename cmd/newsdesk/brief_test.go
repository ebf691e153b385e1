package main

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"newsdesk/bot"
	"newsdesk/retrieval"
	"newsdesk/seeds"
	"newsdesk/summarize"
)

// storiesDir holds articles of two days written for summarize's tests.
const storiesDir = "../../summarize/testdata/stories"

func TestBriefPlainSeeds(t *testing.T) {
	out, _, err := runCLI(t, "", map[string]string{"TZ": "UTC"}, "brief", "--date", "2026-01-16")
	if err != nil {
		t.Fatal(err)
	}
	articles, err := retrieval.Load(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	want := bot.BriefMarkdown(summarize.NewBrief(articles, time.Now(), time.UTC), time.UTC)
	if out != want {
		t.Errorf("brief printed\n%s\nwant\n%s", out, want)
	}
	if !strings.HasPrefix(out, "**Newsdesk brief — the latest stories**") || !strings.Contains(out, "2 reports:") {
		t.Errorf("brief of the seeds:\n%s\nwant the latest edition with a story of 2 reports", out)
	}
}

func TestBriefJSON(t *testing.T) {
	tests := []struct {
		date, covers, requested string
		stories                 [][]string // articles of each story, in order
	}{
		{"2026-01-16", "2026-01-16", "", [][]string{
			{"ecb-cut.md", "ecb-rewrite.md"}, {"storm-wire.md", "storm-rewrite.md"}, {"fed-hold.md"}, {"drought.md"}}},
		{"2026-01-17", "2026-01-17", "", [][]string{{"storm-followup.md"}}},
		{"2026-01-20", "2026-01-17", "2026-01-20", [][]string{{"storm-followup.md"}}},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			out, _, err := runCLI(t, "", map[string]string{"TZ": "UTC"}, "brief", "--json", "--date", tt.date, "--articles", storiesDir)
			if err != nil {
				t.Fatal(err)
			}
			var b jsonBrief
			if err := json.Unmarshal([]byte(out), &b); err != nil {
				t.Fatalf("%v in %s", err, out)
			}
			if b.Date != tt.covers || b.Requested != tt.requested {
				t.Errorf("date %q requested %q, want %q %q", b.Date, b.Requested, tt.covers, tt.requested)
			}
			var got [][]string
			for _, st := range b.Stories {
				got = append(got, st.Articles)
				if len(st.Quotes) < 1 || len(st.Quotes) > 3 {
					t.Errorf("story %q has %d quotes, want 1–3", st.Title, len(st.Quotes))
				}
				for _, q := range st.Quotes {
					data, err := os.ReadFile(storiesDir + "/" + q.Article)
					if err != nil {
						t.Fatal(err)
					}
					if lines := strings.Split(string(data), "\n"); q.Line < 1 || q.Line > len(lines) || !strings.Contains(lines[q.Line-1], q.Text) {
						t.Errorf("%s: %q is not on line %d", q.Article, q.Text, q.Line)
					}
				}
			}
			if !slices.EqualFunc(got, tt.stories, slices.Equal) {
				t.Errorf("stories %v, want %v", got, tt.stories)
			}
		})
	}
}

func TestBriefErrors(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"brief", "--date", "16/01/2026"}, nil, "want YYYY-MM-DD"},
		{[]string{"brief", "2026-01-16"}, nil, "unexpected argument"},
		{[]string{"brief"}, map[string]string{"TZ": "Mars/Olympus"}, "TZ"},
	}
	for _, tt := range tests {
		_, _, err := runCLI(t, "", tt.env, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want one containing %q", tt.args, err, tt.want)
		}
	}
}
