package scheduletest

import (
	"context"
	"testing"
	"time"
)

// A Run is a Scheduler.Run in its own goroutine, driven by a fake
// [TimeSource].
type Run struct {
	tb     testing.TB
	ft     *TimeSource
	cancel context.CancelFunc
	done   chan struct{}
}

// Start calls run (a Scheduler's Run method, whose Options.Time is ft)
// in a new goroutine; the test's cleanup stops it. An error from run
// fails the test.
func Start(tb testing.TB, ft *TimeSource, run func(context.Context) error) *Run {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &Run{tb: tb, ft: ft, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		if err := run(ctx); err != nil {
			tb.Errorf("Run: %v", err)
		}
	}()
	tb.Cleanup(r.Stop)
	return r
}

// Until lets the scheduler run until the clock reaches limit, and
// reports whether Run is still running.
func (r *Run) Until(limit time.Time) bool {
	r.tb.Helper()
	for r.ft.Advance(r.tb, limit, r.done) {
	}
	select {
	case <-r.done:
		return false
	default:
		return true
	}
}

// Done returns a channel that is closed when Run has returned.
func (r *Run) Done() <-chan struct{} { return r.done }

// Cancel cancels Run's context and returns at once, without waiting for
// Run to return.
func (r *Run) Cancel() { r.cancel() }

// Stop cancels Run and waits for it to return; it fails the test if Run
// has not returned within 10 seconds. Stopping twice is fine.
func (r *Run) Stop() {
	r.cancel()
	select {
	case <-r.done:
	case <-time.After(10 * time.Second):
		r.tb.Fatal("Run did not return after cancel")
	}
}
