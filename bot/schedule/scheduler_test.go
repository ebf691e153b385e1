package schedule

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"newsdesk/bot/schedule/scheduletest"
)

// simSleep is MaxSleep in the simulations that span days: each wake-up
// reads the database, and with the race detector a week of 5-minute
// wake-ups takes seconds. Post times do not depend on it (the scheduler
// sleeps exactly until the next one when it is nearer); the shutdown test
// keeps the default.
const simSleep = time.Hour

// A sched is a schedule in a simulation: guild, zone, clock.
type sched struct{ guild, zone, clock string }

// weeks are simulated weeks around daylight-saving changes, with the
// post times each schedule must see: exactly one per local day, at the
// right instant. Times are in each schedule's own zone.
var weeks = []struct {
	name       string
	zone       string // of start and end
	start, end string
	schedules  []sched
	want       map[string][]string
}{
	{
		name: "New York springs forward", zone: "America/New_York",
		start: "2026-03-05 12:00", end: "2026-03-12 12:00",
		schedules: []sched{
			{"ny-0730", "America/New_York", "07:30"},
			{"ny-0230", "America/New_York", "02:30"}, // in the gap on 03-08
			{"kyiv-0900", "Europe/Kyiv", "09:00"},    // Kyiv changes later
		},
		want: map[string][]string{
			"ny-0730": {
				"2026-03-06 07:30 EST", "2026-03-07 07:30 EST", "2026-03-08 07:30 EDT",
				"2026-03-09 07:30 EDT", "2026-03-10 07:30 EDT", "2026-03-11 07:30 EDT", "2026-03-12 07:30 EDT",
			},
			"ny-0230": {
				"2026-03-06 02:30 EST", "2026-03-07 02:30 EST", "2026-03-08 03:00 EDT",
				"2026-03-09 02:30 EDT", "2026-03-10 02:30 EDT", "2026-03-11 02:30 EDT", "2026-03-12 02:30 EDT",
			},
			"kyiv-0900": {
				"2026-03-06 09:00 EET", "2026-03-07 09:00 EET", "2026-03-08 09:00 EET",
				"2026-03-09 09:00 EET", "2026-03-10 09:00 EET", "2026-03-11 09:00 EET", "2026-03-12 09:00 EET",
			},
		},
	},
	{
		name: "New York falls back", zone: "America/New_York",
		start: "2026-10-29 12:00", end: "2026-11-05 12:00",
		schedules: []sched{
			{"ny-0130", "America/New_York", "01:30"}, // twice on 11-01
			{"ny-0730", "America/New_York", "07:30"},
		},
		want: map[string][]string{
			"ny-0130": {
				"2026-10-30 01:30 EDT", "2026-10-31 01:30 EDT", "2026-11-01 01:30 EDT",
				"2026-11-02 01:30 EST", "2026-11-03 01:30 EST", "2026-11-04 01:30 EST", "2026-11-05 01:30 EST",
			},
			"ny-0730": {
				"2026-10-30 07:30 EDT", "2026-10-31 07:30 EDT", "2026-11-01 07:30 EST",
				"2026-11-02 07:30 EST", "2026-11-03 07:30 EST", "2026-11-04 07:30 EST", "2026-11-05 07:30 EST",
			},
		},
	},
	{
		name: "Kyiv springs forward", zone: "Europe/Kyiv",
		start: "2026-03-26 12:00", end: "2026-04-02 12:00",
		schedules: []sched{
			{"kyiv-0330", "Europe/Kyiv", "03:30"}, // in the gap on 03-29
			{"kyiv-0000", "Europe/Kyiv", "00:00"},
		},
		want: map[string][]string{
			"kyiv-0330": {
				"2026-03-27 03:30 EET", "2026-03-28 03:30 EET", "2026-03-29 04:00 EEST",
				"2026-03-30 03:30 EEST", "2026-03-31 03:30 EEST", "2026-04-01 03:30 EEST", "2026-04-02 03:30 EEST",
			},
			"kyiv-0000": {
				"2026-03-27 00:00 EET", "2026-03-28 00:00 EET", "2026-03-29 00:00 EET",
				"2026-03-30 00:00 EEST", "2026-03-31 00:00 EEST", "2026-04-01 00:00 EEST", "2026-04-02 00:00 EEST",
			},
		},
	},
	{
		name: "Kyiv falls back", zone: "Europe/Kyiv",
		start: "2026-10-22 12:00", end: "2026-10-29 12:00",
		schedules: []sched{
			{"kyiv-0330", "Europe/Kyiv", "03:30"}, // twice on 10-25
		},
		want: map[string][]string{
			"kyiv-0330": {
				"2026-10-23 03:30 EEST", "2026-10-24 03:30 EEST", "2026-10-25 03:30 EEST",
				"2026-10-26 03:30 EET", "2026-10-27 03:30 EET", "2026-10-28 03:30 EET", "2026-10-29 03:30 EET",
			},
		},
	},
}

// A simulated week posts exactly one brief per local day per schedule,
// across a daylight-saving change, with the date of the brief passed to
// the PostFunc matching the day it is posted.
func TestSchedulerWeek(t *testing.T) {
	for _, tt := range weeks {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			loc := scheduletest.MustLoad(t, tt.zone)
			start, end := scheduletest.MustTime(t, tt.start, loc), scheduletest.MustTime(t, tt.end, loc)
			ft := scheduletest.NewTimeSource(start)
			rec := &recorder{ft: ft}
			st := newTestStore(t, t.TempDir())
			for _, s := range tt.schedules {
				mustSet(t, st, s.guild, s.zone, s.clock, start)
			}
			r := scheduletest.Start(t, ft, New(st, rec.post, Options{Time: ft, MaxSleep: simSleep}).Run)
			r.Until(end)
			r.Stop()
			checkWeek(t, st, rec, tt.schedules, tt.want)
		})
	}
}

// checkWeek compares the posts each schedule got with want, and checks
// that each post was for its own local date, to the right channel, and
// that the store remembers the last one.
func checkWeek(t *testing.T, st *Store, rec *recorder, schedules []sched, want map[string][]string) {
	t.Helper()
	for _, s := range schedules {
		loc := scheduletest.MustLoad(t, s.zone)
		if got := rec.times(s.guild, loc); !slices.Equal(got, want[s.guild]) {
			t.Errorf("%s posted at\n\t%s\nwant\n\t%s", s.guild, strings.Join(got, "\n\t"), strings.Join(want[s.guild], "\n\t"))
		}
		for _, c := range rec.calls() {
			if c.guild == s.guild && (c.day != c.at.In(loc).Format(dateLayout) || c.channel != "c-"+s.guild) {
				t.Errorf("%s: post at %s was for %s in %s", s.guild, c.at.In(loc).Format(simLayout), c.day, c.channel)
			}
		}
		got, err := st.Get(context.Background(), s.guild)
		last := want[s.guild][len(want[s.guild])-1][:10]
		if err != nil || got.LastPostedDate != last || got.LastError != "" {
			t.Errorf("%s stored: last posted %q, last error %q, %v; want %s and no error", s.guild, got.LastPostedDate, got.LastError, err, last)
		}
	}
}

// Restarting in the middle of the week, on the same database file, loses
// no brief and posts none twice. The first restart keeps Newsdesk down
// across 07:30 on the day of the change, so that brief is posted when it
// comes back at 08:00; the second is immediate.
func TestSchedulerRestart(t *testing.T) {
	tt := weeks[0]
	loc := scheduletest.MustLoad(t, tt.zone)
	segments := [][2]string{
		{"2026-03-05 12:00", "2026-03-08 07:00"},
		{"2026-03-08 08:00", "2026-03-10 15:17"},
		{"2026-03-10 15:17", "2026-03-12 12:00"},
	}
	want := map[string][]string{}
	for g, times := range tt.want {
		want[g] = slices.Clone(times)
	}
	want["ny-0730"][2] = "2026-03-08 08:00 EDT"

	dir := t.TempDir()
	ft := scheduletest.NewTimeSource(scheduletest.MustTime(t, segments[0][0], loc))
	rec := &recorder{ft: ft} // Discord outlives Newsdesk's restarts
	for i, seg := range segments {
		ft.Set(scheduletest.MustTime(t, seg[0], loc))
		st, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			for _, s := range tt.schedules {
				mustSet(t, st, s.guild, s.zone, s.clock, ft.Now())
			}
		}
		r := scheduletest.Start(t, ft, New(st, rec.post, Options{Time: ft, MaxSleep: simSleep}).Run)
		r.Until(scheduletest.MustTime(t, seg[1], loc))
		r.Stop()
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	checkWeek(t, newTestStore(t, dir), rec, tt.schedules, want)
}

// A crash after Discord accepted a brief and before Newsdesk recorded it
// costs nothing more: the brief is not posted again when Newsdesk comes
// back (at most once), status says the day's post was interrupted, and the
// next day posts as usual.
func TestSchedulerCrashAfterPost(t *testing.T) {
	ny := scheduletest.MustLoad(t, "America/New_York")
	dir := t.TempDir()
	ft := scheduletest.NewTimeSource(scheduletest.MustTime(t, "2026-03-05 12:00", ny))
	st, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	mustSet(t, st, "g", "America/New_York", "07:30", ft.Now())

	// The process dies right after the PostFunc returns: nothing after
	// it in the scheduler runs.
	rec := &recorder{ft: ft, fail: func(int, call) error { runtime.Goexit(); return nil }}
	r := scheduletest.Start(t, ft, New(st, rec.post, Options{Time: ft, MaxSleep: simSleep}).Run)
	if r.Until(scheduletest.MustTime(t, "2026-03-06 12:00", ny)) {
		t.Fatal("the simulated crash did not stop Run")
	}
	st.Close()

	// Newsdesk comes back a minute later on the same file.
	ft.Set(scheduletest.MustTime(t, "2026-03-06 07:31", ny))
	rec.fail = nil
	st = newTestStore(t, dir)
	logs := &syncBuffer{}
	sc := New(st, rec.post, Options{Time: ft, MaxSleep: simSleep, Logger: newTestLogger(logs)})
	r = scheduletest.Start(t, ft, sc.Run)
	r.Until(scheduletest.MustTime(t, "2026-03-06 12:00", ny))
	status, err := sc.Status(context.Background(), "g", ft.Now())
	if err != nil {
		t.Fatal(err)
	}
	if want := "the brief for 2026-03-06 may not have been posted: Newsdesk was interrupted while posting it"; !strings.HasPrefix(status.LastError, want) {
		t.Errorf("after the crash, LastError = %q, want it to start %q", status.LastError, want)
	}
	if status.Posting || status.LastPostedDate != "" {
		t.Errorf("after the crash, Posting = %v, LastPostedDate = %q; want false, none", status.Posting, status.LastPostedDate)
	}
	if got, want := status.Next.Format(simLayout), "2026-03-07 07:30 EST"; got != want {
		t.Errorf("after the crash, Next = %s, want %s", got, want)
	}
	if !strings.Contains(logs.String(), "post interrupted, not retried") {
		t.Errorf("the interrupted post was not logged:\n%s", logs)
	}
	r.Until(scheduletest.MustTime(t, "2026-03-08 12:00", ny))

	want := []string{"2026-03-06 07:30 EST", "2026-03-07 07:30 EST", "2026-03-08 07:30 EDT"}
	if got := rec.times("g", ny); !slices.Equal(got, want) {
		t.Errorf("posts = %v, want %v: one per day, none repeated", got, want)
	}
}

// After downtime, a brief missed by less than the grace period is posted
// on start; an older one is skipped, logged and shown by Status.
func TestSchedulerGrace(t *testing.T) {
	ny := scheduletest.MustLoad(t, "America/New_York")
	tests := []struct {
		name   string
		back   string // when Newsdesk starts again; the brief was due 2026-03-06 07:00
		grace  time.Duration
		want   []string
		status string // start of Status().LastError right after the start
		log    string
	}{
		{"missed by 2h: posted", "2026-03-06 09:00", 0,
			[]string{"2026-03-06 09:00 EST", "2026-03-07 07:00 EST"}, "", ""},
		{"missed by 5h59m: posted", "2026-03-06 12:59", 0,
			[]string{"2026-03-06 12:59 EST", "2026-03-07 07:00 EST"}, "", ""},
		{"missed by 6h: skipped", "2026-03-06 13:00", 0,
			[]string{"2026-03-07 07:00 EST"},
			"skipped the brief for 2026-03-06: it was due at 07:00 EST and Newsdesk could not post it within the 6h0m0s grace period (6h0m0s late)",
			"skipped a brief past the grace period"},
		{"missed by 8h: skipped", "2026-03-06 15:00", 0,
			[]string{"2026-03-07 07:00 EST"},
			"skipped the brief for 2026-03-06: it was due at 07:00 EST and Newsdesk could not post it within the 6h0m0s grace period (8h0m0s late)",
			"skipped a brief past the grace period"},
		{"grace 10h, missed by 8h: posted", "2026-03-06 15:00", 10 * time.Hour,
			[]string{"2026-03-06 15:00 EST", "2026-03-07 07:00 EST"}, "", ""},
		{"down two days, last one within grace", "2026-03-07 09:00", 0,
			[]string{"2026-03-07 09:00 EST"}, "", "skipped briefs while Newsdesk was not running"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ft := scheduletest.NewTimeSource(scheduletest.MustTime(t, "2026-03-05 12:00", ny))
			st := newTestStore(t, t.TempDir())
			mustSet(t, st, "g", "America/New_York", "07:00", ft.Now())
			back := scheduletest.MustTime(t, tt.back, ny)
			ft.Set(back)
			rec := &recorder{ft: ft}
			logs := &syncBuffer{}
			sc := New(st, rec.post, Options{Time: ft, Grace: tt.grace, MaxSleep: simSleep, Logger: newTestLogger(logs)})
			r := scheduletest.Start(t, ft, sc.Run)
			r.Until(back.Add(time.Minute))
			s, err := sc.Status(context.Background(), "g", ft.Now())
			if err != nil || !strings.HasPrefix(s.LastError, tt.status) || (tt.status == "") != (s.LastError == "") {
				t.Errorf("Status after start: LastError = %q, %v; want %q", s.LastError, err, tt.status)
			}
			r.Until(scheduletest.MustTime(t, "2026-03-07 12:00", ny))
			if got := rec.times("g", ny); !slices.Equal(got, tt.want) {
				t.Errorf("posts = %v, want %v", got, tt.want)
			}
			if tt.log != "" && !strings.Contains(logs.String(), tt.log) {
				t.Errorf("log lacks %q:\n%s", tt.log, logs)
			}
		})
	}
}

// A failed post is retried with exponential backoff within the grace
// period, and given up after it.
func TestSchedulerRetry(t *testing.T) {
	ny := scheduletest.MustLoad(t, "America/New_York")
	errDown := errors.New("discord: 503 Service Unavailable")
	tests := []struct {
		name    string
		opts    Options
		fails   int // posts that fail before one succeeds; -1 for all
		want    []string
		lastErr string // stored at the end, before the next day's post
	}{
		{"fails three times", Options{}, 3,
			[]string{"2026-03-06 07:00 EST", "2026-03-06 07:01 EST", "2026-03-06 07:03 EST", "2026-03-06 07:07 EST"}, ""},
		{"capped backoff", Options{RetryMax: 2 * time.Minute}, 4,
			[]string{"2026-03-06 07:00 EST", "2026-03-06 07:01 EST", "2026-03-06 07:03 EST", "2026-03-06 07:05 EST", "2026-03-06 07:07 EST"}, ""},
		{"gives up at the end of the grace period", Options{Grace: 10 * time.Minute}, -1,
			[]string{"2026-03-06 07:00 EST", "2026-03-06 07:01 EST", "2026-03-06 07:03 EST", "2026-03-06 07:07 EST"},
			"gave up on the brief for 2026-03-06 after 4 failed posts: post brief: discord: 503 Service Unavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ft := scheduletest.NewTimeSource(scheduletest.MustTime(t, "2026-03-05 12:00", ny))
			st := newTestStore(t, t.TempDir())
			mustSet(t, st, "g", "America/New_York", "07:00", ft.Now())
			rec := &recorder{ft: ft, fail: func(n int, c call) error {
				if tt.fails < 0 || n <= tt.fails {
					return fmt.Errorf("post brief: %w", errDown)
				}
				return nil
			}}
			tt.opts.Time, tt.opts.MaxSleep = ft, simSleep
			sc := New(st, rec.post, tt.opts)
			r := scheduletest.Start(t, ft, sc.Run)

			// While retrying, Status shows the error and the retry time.
			r.Until(scheduletest.MustTime(t, "2026-03-06 07:00", ny).Add(30 * time.Second))
			s, err := sc.Status(context.Background(), "g", ft.Now())
			if err != nil || s.Attempts != 1 || s.Next.Format(simLayout) != "2026-03-06 07:01 EST" ||
				s.LastError != "brief for 2026-03-06: post brief: discord: 503 Service Unavailable" {
				t.Errorf("Status after one failure = attempts %d, next %s, last error %q, %v",
					s.Attempts, s.Next.Format(simLayout), s.LastError, err)
			}

			r.Until(scheduletest.MustTime(t, "2026-03-06 23:00", ny))
			if got := rec.times("g", ny); !slices.Equal(got, tt.want) {
				t.Errorf("posts at %v, want %v", got, tt.want)
			}
			stored, _ := st.Get(context.Background(), "g")
			if stored.LastError != tt.lastErr || stored.Attempts != 0 {
				t.Errorf("stored last error %q, attempts %d; want %q, 0", stored.LastError, stored.Attempts, tt.lastErr)
			}
			wantPosted := "2026-03-06"
			if tt.fails < 0 {
				wantPosted = ""
			}
			if stored.LastPostedDate != wantPosted {
				t.Errorf("LastPostedDate = %q, want %q", stored.LastPostedDate, wantPosted)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	sc := New(nil, nil, Options{RetryMax: 10 * time.Minute})
	tests := []struct {
		n    int
		want time.Duration
	}{
		{1, time.Minute}, {2, 2 * time.Minute}, {3, 4 * time.Minute}, {4, 8 * time.Minute},
		{5, 10 * time.Minute}, {6, 10 * time.Minute}, {100, 10 * time.Minute},
	}
	for _, tt := range tests {
		if got := sc.backoff(tt.n); got != tt.want {
			t.Errorf("backoff(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
}

// A permanent error disables the schedule with the reason; setting it
// again, while the scheduler runs, enables it.
func TestSchedulerPermanent(t *testing.T) {
	ny := scheduletest.MustLoad(t, "America/New_York")
	tests := []struct {
		name   string
		err    error
		reason string
	}{
		{"Permanent", Permanent(errors.New("Newsdesk may not post in <#c-g> (403 Missing Access)")),
			"Newsdesk may not post in <#c-g> (403 Missing Access)"},
		{"wrapped sentinel", fmt.Errorf("channel c-g is gone (404 Unknown Channel): %w", ErrPermanent),
			"channel c-g is gone (404 Unknown Channel): permanent failure"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			ft := scheduletest.NewTimeSource(scheduletest.MustTime(t, "2026-03-05 12:00", ny))
			st := newTestStore(t, t.TempDir())
			mustSet(t, st, "g", "America/New_York", "07:00", ft.Now())
			rec := &recorder{ft: ft, fail: func(n int, c call) error {
				if n == 1 {
					return tt.err
				}
				return nil
			}}
			sc := New(st, rec.post, Options{Time: ft, MaxSleep: time.Hour})
			r := scheduletest.Start(t, ft, sc.Run)
			r.Until(scheduletest.MustTime(t, "2026-03-08 12:00", ny))
			if got, want := rec.times("g", ny), []string{"2026-03-06 07:00 EST"}; !slices.Equal(got, want) {
				t.Errorf("posts = %v, want %v and none after", got, want)
			}
			s, err := sc.Status(ctx, "g", ft.Now())
			if err != nil || s.Enabled || s.DisabledReason != tt.reason || !s.Next.IsZero() {
				t.Errorf("Status = enabled %v, reason %q, next %v, %v; want disabled, %q, no next",
					s.Enabled, s.DisabledReason, s.Next, err, tt.reason)
			}

			// The admin fixes the channel and sets the schedule again.
			if _, err := sc.Set(ctx, Schedule{GuildID: "g", ChannelID: "c-g", Clock: Clock{7, 0}, Zone: "America/New_York"}); err != nil {
				t.Fatal(err)
			}
			ft.WaitTimer(t, ft.Now().Add(time.Hour)) // woken, and asleep again
			r.Until(scheduletest.MustTime(t, "2026-03-09 12:00", ny))
			if got, want := rec.times("g", ny), []string{"2026-03-06 07:00 EST", "2026-03-09 07:00 EDT"}; !slices.Equal(got, want) {
				t.Errorf("posts = %v, want %v", got, want)
			}
		})
	}
}

// Set and Remove wake a sleeping scheduler, so a new time counts at once.
func TestSchedulerWake(t *testing.T) {
	ctx := context.Background()
	utc := time.UTC
	ft := scheduletest.NewTimeSource(scheduletest.MustTime(t, "2026-03-05 10:00", utc))
	st := newTestStore(t, t.TempDir())
	rec := &recorder{ft: ft}
	sc := New(st, rec.post, Options{Time: ft, MaxSleep: time.Hour})
	r := scheduletest.Start(t, ft, sc.Run)
	ft.WaitTimer(t, scheduletest.MustTime(t, "2026-03-05 11:00", utc))

	if _, err := sc.Set(ctx, Schedule{GuildID: "g", ChannelID: "c-g", Clock: Clock{10, 2}, Zone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	ft.WaitTimer(t, scheduletest.MustTime(t, "2026-03-05 10:02", utc))
	r.Until(scheduletest.MustTime(t, "2026-03-05 10:30", utc))
	if err := sc.Remove(ctx, "g"); err != nil {
		t.Fatal(err)
	}
	if err := sc.Remove(ctx, "g"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Remove twice = %v, want ErrNotFound", err)
	}
	ft.WaitTimer(t, scheduletest.MustTime(t, "2026-03-05 11:30", utc))
	r.Until(scheduletest.MustTime(t, "2026-03-07 12:00", utc))
	if got, want := rec.times("g", utc), []string{"2026-03-05 10:02 UTC"}; !slices.Equal(got, want) {
		t.Errorf("posts = %v, want %v", got, want)
	}
}

// A shutdown during a post lets the post finish and records it: it is not
// a crash.
func TestSchedulerShutdownDuringPost(t *testing.T) {
	ctx := context.Background()
	ft := scheduletest.NewTimeSource(scheduletest.MustTime(t, "2026-03-05 06:00", time.UTC))
	st := newTestStore(t, t.TempDir())
	mustSet(t, st, "g", "UTC", "07:00", ft.Now())
	started, release := make(chan struct{}), make(chan struct{})
	postErr := make(chan error, 1)
	post := func(ctx context.Context, guildID, channelID string, day time.Time) error {
		close(started)
		<-release
		postErr <- ctx.Err()
		return nil
	}
	r := scheduletest.Start(t, ft, New(st, post, Options{Time: ft}).Run)
	r.Until(scheduletest.MustTime(t, "2026-03-05 07:00", time.UTC))
	ft.Advance(t, scheduletest.MustTime(t, "2026-03-05 08:00", time.UTC), r.Done()) // fires 07:00
	<-started
	r.Cancel()
	select {
	case <-r.Done():
		t.Fatal("Run returned during a post")
	case <-time.After(20 * time.Millisecond):
	}
	close(release)
	r.Stop()
	if err := <-postErr; err != nil {
		t.Errorf("the post's context was cancelled by the shutdown: %v", err)
	}
	s, err := st.Get(ctx, "g")
	if err != nil || s.LastPostedDate != "2026-03-05" || s.attempt != "" || s.LastError != "" {
		t.Errorf("after shutdown: last posted %q, attempt %q, error %q, %v; want 2026-03-05 recorded",
			s.LastPostedDate, s.attempt, s.LastError, err)
	}
}

// A PostFunc that panics is a crash without the process dying: the day
// is settled unposted, the scheduler goes on, and the next day posts.
func TestSchedulerPostPanics(t *testing.T) {
	ny := scheduletest.MustLoad(t, "America/New_York")
	ft := scheduletest.NewTimeSource(scheduletest.MustTime(t, "2026-03-05 12:00", ny))
	st := newTestStore(t, t.TempDir())
	mustSet(t, st, "g", "America/New_York", "07:30", ft.Now())
	rec := &recorder{ft: ft, fail: func(n int, c call) error {
		if n == 1 {
			panic("index out of range")
		}
		return nil
	}}
	logs := &syncBuffer{}
	sc := New(st, rec.post, Options{Time: ft, MaxSleep: simSleep, Logger: newTestLogger(logs)})
	r := scheduletest.Start(t, ft, sc.Run)
	r.Until(scheduletest.MustTime(t, "2026-03-06 12:00", ny))
	s, err := sc.Status(context.Background(), "g", ft.Now())
	if want := "the brief for 2026-03-06 may not have been posted: posting it failed unexpectedly (panic: index out of range)"; err != nil || !strings.HasPrefix(s.LastError, want) {
		t.Errorf("LastError = %q, %v; want it to start %q", s.LastError, err, want)
	}
	if !strings.Contains(logs.String(), "PostFunc panicked") {
		t.Errorf("the panic was not logged:\n%s", logs)
	}
	if !r.Until(scheduletest.MustTime(t, "2026-03-07 12:00", ny)) {
		t.Fatal("Run stopped after the panic")
	}
	if got, want := rec.times("g", ny), []string{"2026-03-06 07:30 EST", "2026-03-07 07:30 EST"}; !slices.Equal(got, want) {
		t.Errorf("posts = %v, want %v", got, want)
	}
}
