package schedule

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"
)

// fakeTime is a TimeSource that moves only when a test says so. The
// scheduler is its only user of timers, so a pending timer means the
// scheduler is asleep and waiting for the test.
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
// nothing runs (between a stop and a start).
func (f *fakeTime) set(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = t
}

// advance waits until the scheduler sleeps on a timer, then moves the
// clock to that timer's time and fires it, or to limit if that is sooner.
// It reports whether it fired a timer; it returns false at limit, or when
// done is closed because Run has returned.
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

// waitTimer waits until the scheduler sleeps on a timer set for at.
func (f *fakeTime) waitTimer(tb testing.TB, at time.Time) {
	tb.Helper()
	deadline := time.After(10 * time.Second)
	for {
		f.mu.Lock()
		ok := slices.ContainsFunc(f.timers, func(t *fakeTimer) bool { return t.at.Equal(at) })
		f.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-f.armed:
		case <-deadline:
			tb.Fatalf("the scheduler never went to sleep until %v", at)
		}
	}
}

// A call is one call of a PostFunc.
type call struct {
	guild, channel, day string
	at                  time.Time
}

// recorder is a PostFunc that records every call and answers with fail.
type recorder struct {
	ft   *fakeTime
	mu   sync.Mutex
	all  []call
	fail func(n int, c call) error // n counts calls from 1; nil: every post succeeds
}

func (r *recorder) post(ctx context.Context, guildID, channelID string, day time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := call{guildID, channelID, day.Format(dateLayout), r.ft.Now()}
	r.all = append(r.all, c)
	if r.fail != nil {
		return r.fail(len(r.all), c)
	}
	return nil
}

func (r *recorder) calls() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.all)
}

// times returns when guild's brief was posted (or tried), in loc.
func (r *recorder) times(guild string, loc *time.Location) []string {
	var out []string
	for _, c := range r.calls() {
		if c.guild == guild {
			out = append(out, c.at.In(loc).Format(simLayout))
		}
	}
	return out
}

// syncBuffer is a log sink safe for the scheduler goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newTestLogger(buf *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// A run is a Scheduler.Run in its own goroutine, driven by fake time.
type run struct {
	tb     testing.TB
	ft     *fakeTime
	cancel context.CancelFunc
	done   chan struct{}
}

// startRun starts sc.Run; the test's cleanup stops it.
func startRun(tb testing.TB, ft *fakeTime, sc *Scheduler) *run {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &run{tb: tb, ft: ft, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		if err := sc.Run(ctx); err != nil {
			tb.Errorf("Run: %v", err)
		}
	}()
	tb.Cleanup(r.stop)
	return r
}

// until lets the scheduler run until the clock reaches limit, and
// reports whether Run is still running.
func (r *run) until(limit time.Time) bool {
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
func (r *run) stop() {
	r.cancel()
	select {
	case <-r.done:
	case <-time.After(10 * time.Second):
		r.tb.Fatal("Run did not return after cancel")
	}
}
