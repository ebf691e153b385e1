package bot

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"newsdesk/bot/discordtest"
	"newsdesk/bot/schedule"
	"newsdesk/bot/schedule/scheduletest"
	"newsdesk/retrieval"
)

// The week of TestScheduleWeek: two servers, one in New York posting at
// 01:30, an hour that happens twice when its clocks go back on 1
// November 2026, and one in Kyiv posting at 07:00.
const (
	nyGuild     = discordtest.DefaultGuildID
	nyChannel   = briefsChannel
	kyivGuild   = "1187000000000000110"
	kyivChannel = "1187000000000000220"
)

// TestScheduleWeek is the end-to-end test of scheduled briefs: the fake
// Discord, which outlives Newsdesk's restarts, receives exactly one brief
// per local day per schedule across a simulated week that includes New
// York's return to standard time, with Newsdesk
//
//   - stopped over a night and started again on the same database file
//     (new store, bot and scheduler), after both briefs were due: they
//     are posted on start, within the grace period;
//   - killed between posting a brief and recording it: the brief reached
//     Discord, and Newsdesk, which cannot know that, does not post it
//     again (at most once) and says so in /schedule status.
//
// The PostFunc is the bot's own, PostBrief over the real discordgo client;
// the clock is the scheduler's TimeSource, moved by the test.
func TestScheduleWeek(t *testing.T) {
	t.Parallel()
	ny, kyiv := scheduletest.MustLoad(t, "America/New_York"), scheduletest.MustLoad(t, "Europe/Kyiv")
	ix := mustWeekIndex(t)
	fake := discordtest.New(t)
	dir := t.TempDir()
	ft := scheduletest.NewTimeSource(scheduletest.MustTime(t, "2026-10-28 12:00", ny))
	posts := &postLog{ft: ft}

	// start starts Newsdesk on the database in dir.
	start := func() (*schedule.Store, *testBot) {
		t.Helper()
		store := mustOpenStore(t, dir)
		b := newScheduleBot(t, fake, store, ft, func(c *Config) {
			c.Index = func() *retrieval.Index { return ix }
			c.HTTP = &http.Client{Transport: posts, Timeout: 10 * time.Second}
			c.DeferAfter = 30 * time.Second
		})
		return store, b
	}
	// stop stops it as a shutdown would, after Run has returned.
	stop := func(store *schedule.Store, b *testBot) {
		t.Helper()
		if err := b.Close(context.Background()); err != nil {
			t.Error(err)
		}
		if err := store.Close(); err != nil {
			t.Error(err)
		}
	}

	// Wednesday: the admins of both servers set their schedules.
	store, b := start()
	for _, e := range []discordtest.Event{
		weekSetEvent(t, 1, nyGuild, discordtest.DefaultChannelID, nyChannel, "01:30", "America/New_York"),
		weekSetEvent(t, 2, kyivGuild, kyivChannel, kyivChannel, "07:00", "Europe/Kyiv"),
	} {
		n := len(fake.Requests())
		b.send(t, e)
		if cbs := callbacks(b.since(n)); len(cbs) != 1 || !strings.Contains(string(cbs[0].Body), "Scheduled:") {
			t.Fatalf("/schedule set answered %v", cbs)
		}
	}
	r := scheduletest.Start(t, ft, b.Scheduler().Run)
	r.Until(scheduletest.MustTime(t, "2026-10-30 00:45", ny))
	r.Stop()
	stop(store, b)

	// Friday: back at 03:00, after both briefs were due; then killed
	// right after Discord accepted Saturday's New York brief.
	ft.Set(scheduletest.MustTime(t, "2026-10-30 03:00", ny))
	store, b = start()
	crashing := func(ctx context.Context, guildID, channelID string, day time.Time) error {
		err := b.PostScheduled(ctx, guildID, channelID, day)
		if guildID == nyGuild && day.Format(time.DateOnly) == "2026-10-31" {
			runtime.Goexit() // nothing after the post runs, as if the process died
		}
		return err
	}
	sc := schedule.New(store, crashing, schedule.Options{Time: ft, MaxSleep: time.Hour, Logger: b.log})
	r = scheduletest.Start(t, ft, sc.Run)
	if r.Until(scheduletest.MustTime(t, "2026-10-31 12:00", ny)) {
		t.Fatal("the simulated crash did not stop Run")
	}
	if got := ft.Now().In(ny).Format(simLayout); got != "2026-10-31 01:30 EDT" {
		t.Fatalf("crashed at %s, want 2026-10-31 01:30 EDT", got)
	}
	stop(store, b)

	// Back half an hour later: status tells the admins what happened,
	// and the week goes on.
	ft.Set(scheduletest.MustTime(t, "2026-10-31 02:00", ny))
	store, b = start()
	r = scheduletest.Start(t, ft, b.Scheduler().Run)
	r.Until(scheduletest.MustTime(t, "2026-10-31 02:01", ny)) // it settles the interrupted post at once
	status := weekStatus(t, b, 3)
	for _, want := range []string{
		"the brief for 2026-10-31 may not have been posted: Newsdesk was interrupted while posting it",
		"Last post: the brief for Friday 30 October 2026",
		"Next post: **Sunday 1 November 2026, 01:30 EDT**",
	} {
		if !strings.Contains(status, want) {
			t.Errorf("status after the crash does not say %q:\n%s", want, status)
		}
	}
	r.Until(scheduletest.MustTime(t, "2026-11-04 12:00", ny))
	r.Stop()
	stop(store, b)

	checkWeekPosts(t, fake, posts, nyChannel, ny, []string{
		"2026-10-29 01:30 EDT",
		"2026-10-30 03:00 EDT", // missed while stopped: posted on start
		"2026-10-31 01:30 EDT", // posted, then the crash: not posted again
		"2026-11-01 01:30 EDT", // the first of the two 01:30s
		"2026-11-02 01:30 EST",
		"2026-11-03 01:30 EST",
		"2026-11-04 01:30 EST",
	})
	checkWeekPosts(t, fake, posts, kyivChannel, kyiv, []string{
		"2026-10-29 07:00 EET",
		"2026-10-30 09:00 EET", // missed while stopped: posted on start
		"2026-10-31 07:00 EET",
		"2026-11-01 07:00 EET",
		"2026-11-02 07:00 EET",
		"2026-11-03 07:00 EET",
		"2026-11-04 07:00 EET",
	})
	for _, r := range fake.Find(isChannelMessage) {
		if ch := strings.Split(r.Path, "/")[2]; ch != nyChannel && ch != kyivChannel {
			t.Errorf("%s: a brief in a channel no schedule names", r)
		}
	}
	if rej := fake.Rejected(); len(rej) > 0 {
		t.Errorf("rejected by the fake: %v", rej)
	}
	if t.Failed() {
		t.Logf("log of the last start:\n%s", b.logs)
	}
}

// checkWeekPosts checks the briefs posted in channel: at the times want
// gives (in loc, by the scheduler's clock), one message per local date,
// for that date, with nobody pinged, and with the day's stories when
// there were articles that day.
func checkWeekPosts(t *testing.T, fake *discordtest.Server, posts *postLog, channel string, loc *time.Location, want []string) {
	t.Helper()
	if got := posts.times(channel, loc); !slices.Equal(got, want) {
		t.Errorf("channel %s: briefs posted at\n\t%s\nwant\n\t%s", channel, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	perDay := map[string]int{}
	var days []string
	for _, m := range fake.Messages(channel) {
		if m.WebhookID != "" { // an interaction response, not a post
			continue
		}
		day := briefDate(m.Content)
		if perDay[day]++; perDay[day] == 1 {
			days = append(days, day)
		}
		if news := day != "2026-11-04"; news != (len(m.Embeds) > 0) {
			t.Errorf("channel %s, brief for %s: %d embeds, content %q", channel, day, len(m.Embeds), m.Content)
		}
	}
	var wantDays []string
	for _, w := range want {
		wantDays = append(wantDays, w[:10])
	}
	if !slices.Equal(days, wantDays) {
		t.Errorf("channel %s: briefs for %v, want %v", channel, days, wantDays)
	}
	for day, n := range perDay {
		if n != 1 {
			t.Errorf("channel %s: %d briefs for %s, want 1", channel, n, day)
		}
	}
	for _, r := range fake.Find(discordtest.Match("POST", "/channels/"+channel+"/messages")) {
		am, _ := messagePayload(r)["allowed_mentions"].(map[string]any)
		if parse, ok := am["parse"].([]any); r.Status != http.StatusOK || !ok || len(parse) != 0 {
			t.Errorf("%s: allowed_mentions %v", r, am)
		}
	}
}

// longDateRE finds a date as briefs write it, "Thursday 29 October 2026".
var longDateRE = regexp.MustCompile(`[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}`)

// briefDate returns the date a brief's content names, as YYYY-MM-DD.
func briefDate(content string) string {
	d, err := time.Parse("Monday 2 January 2006", longDateRE.FindString(content))
	if err != nil {
		return "?" + content
	}
	return d.Format(time.DateOnly)
}

// weekSetEvent is /schedule set by an admin of guild, used in channel
// here, for channel at clock in zone; k makes its ID unique.
func weekSetEvent(tb testing.TB, k int, guild, here, channel, clock, zone string) discordtest.Event {
	tb.Helper()
	e := weekEvent(tb, "schedule_set", k, guild, here)
	data := e["data"].(map[string]any)
	set := data["options"].([]any)[0].(map[string]any)["options"].([]any)
	for _, o := range set {
		o := o.(map[string]any)
		o["value"] = map[string]string{"channel": channel, "time": clock, "timezone": zone}[o["name"].(string)]
	}
	data["resolved"] = map[string]any{"channels": map[string]any{
		channel: map[string]any{"id": channel, "name": "briefs", "type": 0, "permissions": discordtest.DefaultAppPermissions},
	}}
	return e
}

// weekEvent is testdata/events/name.json moved to guild and channel here,
// with an ID and token of its own.
func weekEvent(tb testing.TB, name string, k int, guild, here string) discordtest.Event {
	tb.Helper()
	e := mustReadEvent(tb, name)
	id := fmt.Sprintf("11870000000070%05d", k)
	e["id"], e["token"] = id, "week-"+id
	e["guild_id"], e["channel_id"] = guild, here
	e["channel"] = map[string]any{"id": here, "type": 0, "guild_id": guild, "name": "news"}
	e["authorizing_integration_owners"] = map[string]any{"0": guild}
	return e
}

// weekStatus returns the reply to /schedule status in the New York guild.
func weekStatus(tb testing.TB, b *testBot, k int) string {
	tb.Helper()
	n := len(b.fake.Requests())
	b.send(tb, weekEvent(tb, "schedule_status", k, nyGuild, discordtest.DefaultChannelID))
	cbs := callbacks(b.since(n))
	if len(cbs) != 1 {
		tb.Fatalf("/schedule status: %d callbacks", len(cbs))
	}
	_, data := callbackData(cbs[0])
	s, _ := data["content"].(string)
	return s
}

// mustWeekIndex indexes testdata/week: an article or two a day from
// Thursday 29 October to Tuesday 3 November 2026, none on the Wednesday.
func mustWeekIndex(tb testing.TB) *retrieval.Index {
	tb.Helper()
	articles, err := retrieval.Load(os.DirFS("testdata/week"))
	if err != nil {
		tb.Fatal(err)
	}
	return mustIndex(tb, articles)
}

// simLayout shows a post time with its zone abbreviation, so that
// daylight saving is visible.
const simLayout = "2006-01-02 15:04 MST"

// postLog is the bots' HTTP transport: it records when, by the fake
// clock, each message was posted to a channel, and passes every request
// on.
type postLog struct {
	ft    *scheduletest.TimeSource
	mu    sync.Mutex
	posts []post
}

// A post is a message posted to a channel at a time of the fake clock.
type post struct {
	channel string
	at      time.Time
}

func (p *postLog) RoundTrip(req *http.Request) (*http.Response, error) {
	parts := strings.Split(req.URL.Path, "/") // "", "api", "v9", "channels", id, "messages"
	if n := len(parts); req.Method == http.MethodPost && n >= 3 && parts[n-3] == "channels" && parts[n-1] == "messages" {
		p.mu.Lock()
		p.posts = append(p.posts, post{parts[n-2], p.ft.Now()})
		p.mu.Unlock()
	}
	return http.DefaultTransport.RoundTrip(req)
}

// times returns when messages were posted to channel, in loc.
func (p *postLog) times(channel string, loc *time.Location) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, x := range p.posts {
		if x.channel == channel {
			out = append(out, x.at.In(loc).Format(simLayout))
		}
	}
	return out
}
