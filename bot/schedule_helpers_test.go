package bot

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"newsdesk/bot/discordtest"
	"newsdesk/bot/schedule"
)

// fakeTime is a schedule.TimeSource that moves only when a test says
// so, as in bot/schedule's own tests. The scheduler is the only user of
// its timers, so a pending timer means the scheduler is asleep.
type fakeTime struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
	armed  chan struct{} // signalled when a timer is made
}

type fakeTimer struct {
	at time.Time
	c  chan time.Time
}

func newFakeTime(now time.Time) *fakeTime {
	return &fakeTime{now: now, armed: make(chan struct{}, 1)}
}

func (f *fakeTime) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeTime) Timer(d time.Duration) (<-chan time.Time, func() bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := &fakeTimer{at: f.now.Add(d), c: make(chan time.Time, 1)}
	if d <= 0 {
		t.c <- f.now
		return t.c, func() bool { return false }
	}
	f.timers = append(f.timers, t)
	select {
	case f.armed <- struct{}{}:
	default:
	}
	return t.c, func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		i := slices.Index(f.timers, t)
		if i >= 0 {
			f.timers = slices.Delete(f.timers, i, i+1)
		}
		return i >= 0
	}
}

// set moves the clock to t without firing timers, as time passes while
// Newsdesk is down.
func (f *fakeTime) set(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = t
	f.timers = nil
}

// advance waits until the scheduler sleeps on a timer, then moves the
// clock to that timer and fires it, or to limit if that is sooner. It
// reports whether it fired a timer; false at limit, or once done is
// closed because Run has returned.
func (f *fakeTime) advance(tb testing.TB, limit time.Time, done <-chan struct{}) bool {
	tb.Helper()
	deadline := time.After(10 * time.Second)
	for {
		f.mu.Lock()
		if len(f.timers) > 0 {
			break
		}
		f.mu.Unlock()
		select {
		case <-f.armed:
		case <-done:
			return false
		case <-deadline:
			tb.Fatalf("fake time %v: the scheduler never went to sleep", f.Now())
		}
	}
	defer f.mu.Unlock()
	t := slices.MinFunc(f.timers, func(a, b *fakeTimer) int { return a.at.Compare(b.at) })
	if !t.at.Before(limit) {
		f.now = limit
		return false
	}
	f.now = t.at
	f.timers = slices.DeleteFunc(f.timers, func(x *fakeTimer) bool { return x == t })
	t.c <- f.now
	return true
}

// A schedRun is a Scheduler.Run in its own goroutine, driven by fake time.
type schedRun struct {
	tb     testing.TB
	ft     *fakeTime
	cancel context.CancelFunc
	done   chan struct{}
}

// startRun starts sc.Run; the test's cleanup stops it.
func startRun(tb testing.TB, ft *fakeTime, sc *schedule.Scheduler) *schedRun {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &schedRun{tb: tb, ft: ft, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		if err := sc.Run(ctx); err != nil {
			tb.Errorf("Run: %v", err)
		}
	}()
	tb.Cleanup(r.stop)
	return r
}

// until lets the scheduler run until the clock reaches limit and reports
// whether Run is still running.
func (r *schedRun) until(limit time.Time) bool {
	r.tb.Helper()
	for r.ft.advance(r.tb, limit, r.done) {
	}
	select {
	case <-r.done:
		return false
	default:
		return true
	}
}

// stop cancels Run and waits for it to return.
func (r *schedRun) stop() {
	r.cancel()
	select {
	case <-r.done:
	case <-time.After(10 * time.Second):
		r.tb.Fatal("Run did not return after cancel")
	}
}

// mustOpenStore opens the schedule store in dir, closed when the test
// ends (after the bots made later, whose cleanups run first).
func mustOpenStore(tb testing.TB, dir string) *schedule.Store {
	tb.Helper()
	st, err := schedule.Open(dir)
	if err != nil {
		tb.Fatalf("open schedules: %v", err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// newScheduleBot returns a logged-in bot on fake with /schedule over
// store, its scheduler on ft; opts adjust its Config further.
func newScheduleBot(tb testing.TB, fake *discordtest.Server, store *schedule.Store, ft *fakeTime, opts ...func(*Config)) *testBot {
	tb.Helper()
	with := func(c *Config) {
		c.Schedules = store
		c.ScheduleOptions = schedule.Options{Time: ft, MaxSleep: time.Hour}
	}
	b := newTestBotOn(tb, fake, append([]func(*Config){with}, opts...)...)
	if err := b.login(context.Background()); err != nil {
		tb.Fatalf("login: %v", err)
	}
	return b
}

// mustTime parses "2006-01-02 15:04" in loc.
func mustTime(tb testing.TB, s string, loc *time.Location) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// mustLoad loads a time zone.
func mustLoad(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}
