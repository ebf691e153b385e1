package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/discordtest"
	"newsdesk/retrieval"
)

func TestParseDay(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	now := time.Date(2025, 1, 14, 23, 30, 0, 0, time.UTC) // already the 15th in Paris
	tests := []struct {
		in      string
		loc     *time.Location
		want    string
		wantErr bool
	}{
		{"", time.UTC, "2025-01-14", false},
		{"today", time.UTC, "2025-01-14", false},
		{"", paris, "2025-01-15", false},
		{" Yesterday ", paris, "2025-01-14", false},
		{"2024-02-29", time.UTC, "2024-02-29", false},
		{"2025-02-29", time.UTC, "", true},
		{"14/01/2025", time.UTC, "", true},
		{"tomorrow", time.UTC, "", true},
	}
	for _, tt := range tests {
		got, err := parseDay(tt.in, now, tt.loc)
		if (err != nil) != tt.wantErr || err == nil && (got.Format(time.DateOnly) != tt.want || got.Location() != tt.loc) {
			t.Errorf("parseDay(%q, %v) = %v, %v; want %s (error %v)", tt.in, tt.loc, got, err, tt.want, tt.wantErr)
		}
	}
}

// TestPostBrief posts the brief of the test day to a channel, as the
// scheduler does, and a note for a day without news.
func TestPostBrief(t *testing.T) {
	t.Parallel()
	b := newTestBot(t)
	ctx := context.Background()
	const channel = "1187000000000000210"
	if err := b.PostBrief(ctx, channel, time.Date(2025, 1, 14, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("PostBrief: %v", err)
	}
	if err := b.PostBrief(ctx, channel, time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("PostBrief on a day without news: %v", err)
	}
	msgs := b.fake.Messages(channel)
	if len(msgs) != 2 {
		t.Fatalf("%d messages in the channel, want 2", len(msgs))
	}
	// The storm, reported twice, comes first, headed by one of its
	// reports and linked to it; then the rates.
	urls := map[string]string{
		"Storm closes schools across the north":                "https://example.com/storm-schools",
		"Storm Ida shuts hundreds of schools across the north": "https://example.org/storm-ida",
	}
	if got := msgs[0]; got.Content != "**Newsdesk brief — Tuesday 14 January 2025**" || len(got.Embeds) != 2 ||
		urls[got.Embeds[0].Title] == "" || got.Embeds[0].URL != urls[got.Embeds[0].Title] ||
		got.Embeds[0].Footer == nil || !strings.HasPrefix(got.Embeds[0].Footer.Text, "2 reports: ") ||
		got.Embeds[1].Title != "Central bank holds interest rates at 4.5%" {
		t.Errorf("brief = %q with %d embeds, want the storm (two reports) and the rates", got.Content, len(got.Embeds))
		for _, e := range got.Embeds {
			t.Logf("embed %q %s footer %+v", e.Title, e.URL, e.Footer)
		}
	}
	if msgs[1].Content != "No news for Monday 20 January 2025." || len(msgs[1].Embeds) != 0 {
		t.Errorf("day without news: %q with %d embeds, want a note", msgs[1].Content, len(msgs[1].Embeds))
	}
}

// TestPostBriefErrors checks that Discord's refusals reach the caller as
// *discordgo.RESTError with their status and code, so the scheduler can
// tell a channel it may not post in from one that is gone.
func TestPostBriefErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		fail   discordtest.Failure
		status int
		code   int
	}{
		{"missing permissions", discordtest.MissingPermissions(), 403, 50013},
		{"missing access", discordtest.MissingAccess(), 403, 50001},
		{"unknown channel", discordtest.Fail(404, 10003, "Unknown Channel"), 404, 10003},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newTestBot(t)
			b.fake.FailNext("POST", "/channels/{id}/messages", tt.fail)
			err := b.PostBrief(context.Background(), "1187000000000000210", testDay)
			var re *discordgo.RESTError
			if !errors.As(err, &re) || re.Response.StatusCode != tt.status || re.Message == nil || re.Message.Code != tt.code {
				t.Fatalf("PostBrief = %v, want a RESTError %d with code %d", err, tt.status, tt.code)
			}
			if !strings.Contains(err.Error(), "1187000000000000210") {
				t.Errorf("error %q does not name the channel", err)
			}
		})
	}
}

// TestBriefLimits makes a day of 30 unrelated stories with long
// headlines and quotes: the brief must fit one message (at most 10
// embeds, 6,000 characters; the fake refuses anything more) and account
// for every story, quoted or in the list.
func TestBriefLimits(t *testing.T) {
	t.Parallel()
	const n = 30
	fsys := fstest.MapFS{}
	for k := range n {
		// Words of their own, so that no two articles make one story.
		word := func(j int) string { return fmt.Sprintf("w%dz%c", k, 'a'+j%26) }
		var title, body []string
		for j := range 40 {
			title = append(title, word(j))
		}
		for s := range 4 {
			var sent []string
			for j := range 70 {
				sent = append(sent, word(j*7+s))
			}
			body = append(body, "The "+strings.Join(sent, " ")+".")
		}
		fsys[fmt.Sprintf("s%02d.txt", k)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Story %d %s\nsource: Outlet %d\npublished: 2025-01-14T%02d:00:00Z\n---\n\n%s\n",
			k, strings.Join(title, " "), k, k%24, strings.Join(body, "\n\n")))}
	}
	articles, err := retrieval.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ix := mustIndex(t, articles)
	b := newTestBot(t, func(c *Config) { c.Index = func() *retrieval.Index { return ix } })
	if err := b.PostBrief(context.Background(), discordtest.DefaultChannelID, testDay); err != nil {
		t.Fatalf("PostBrief: %v", err)
	}
	msgs := b.fake.Messages(discordtest.DefaultChannelID)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	embeds := msgs[0].Embeds
	if len(embeds) > maxEmbeds || embedChars(embeds) > maxEmbedsTotal {
		t.Fatalf("%d embeds, %d characters", len(embeds), embedChars(embeds))
	}
	last := embeds[len(embeds)-1]
	if last.Title != "Also in the news" {
		t.Fatalf("last embed %q, want the list of other stories", last.Title)
	}
	listed := strings.Count(last.Description, "• ")
	more := 0
	fmt.Sscanf(last.Description[strings.LastIndex(last.Description, "…and ")+len("…and "):], "%d", &more)
	if stories := len(embeds) - 1; stories+listed+more != n {
		t.Errorf("%d stories quoted, %d listed, %d more: want %d in all", stories, listed, more, n)
	}
	t.Logf("%d stories quoted, %d listed, %d more; %d embed characters", len(embeds)-1, listed, more, embedChars(embeds))
}
