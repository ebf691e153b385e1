// Package scheduletest provides a fake clock for tests of
// schedule.Scheduler, and a way to drive a Scheduler.Run with it, so that
// a week of briefs runs in milliseconds and daylight saving changes on
// the test's word.
//
// It depends only on the standard library: [TimeSource] satisfies
// schedule.TimeSource by its methods, and [Start] takes the Run method as
// a func, so bot/schedule's own internal tests can use it without an
// import cycle.
package scheduletest

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// A TimeSource is a schedule.TimeSource that moves only when a test says
// so. The scheduler is the only user of its timers, so a pending timer
// means the scheduler is asleep and waiting for the test. A TimeSource is
// safe for concurrent use.
type TimeSource struct {
	mu     sync.Mutex
	now    time.Time
	timers []*timer
	armed  chan struct{} // signalled when a timer is made
}

type timer struct {
	at time.Time
	c  chan time.Time
}

// NewTimeSource returns a TimeSource standing at now.
func NewTimeSource(now time.Time) *TimeSource {
	return &TimeSource{now: now, armed: make(chan struct{}, 1)}
}

// Now returns the fake time.
func (f *TimeSource) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Timer returns a channel that receives the fake time when the clock
// reaches now+d, and a function that stops the timer, reporting whether
// it was still pending. A timer with d ≤ 0 has fired already.
func (f *TimeSource) Timer(d time.Duration) (<-chan time.Time, func() bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := &timer{at: f.now.Add(d), c: make(chan time.Time, 1)}
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

// Set moves the clock to t without firing timers, as time passes while
// nothing runs (between a stop and a start, while Newsdesk is down).
// Call it when no timer is pending: a stopped scheduler has stopped its
// own.
func (f *TimeSource) Set(t time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = t
}

// Advance waits until the scheduler sleeps on a timer, then moves the
// clock to that timer's time and fires it, or to limit if that is sooner.
// It reports whether it fired a timer; it returns false at limit, or when
// done is closed because Run has returned. It fails the test if the
// scheduler neither sleeps nor returns within 10 seconds of real time.
func (f *TimeSource) Advance(tb testing.TB, limit time.Time, done <-chan struct{}) bool {
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
	t := slices.MinFunc(f.timers, func(a, b *timer) int { return a.at.Compare(b.at) })
	if !t.at.Before(limit) {
		f.now = limit
		return false
	}
	f.now = t.at
	f.timers = slices.DeleteFunc(f.timers, func(x *timer) bool { return x == t })
	t.c <- f.now
	return true
}

// WaitTimer waits until the scheduler sleeps on a timer set for at. It
// fails the test if that does not happen within 10 seconds of real time.
func (f *TimeSource) WaitTimer(tb testing.TB, at time.Time) {
	tb.Helper()
	deadline := time.After(10 * time.Second)
	for {
		f.mu.Lock()
		ok := slices.ContainsFunc(f.timers, func(t *timer) bool { return t.at.Equal(at) })
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
