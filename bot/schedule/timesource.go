package schedule

import "time"

// A TimeSource tells a [Scheduler] the time and wakes it up later. The
// default is the system clock; tests pass one they move by hand.
type TimeSource interface {
	Now() time.Time
	// Timer returns a channel that receives the time once d has passed,
	// and a function that stops the timer, reporting whether it was still
	// pending (as time.Timer.Stop does).
	Timer(d time.Duration) (c <-chan time.Time, stop func() bool)
}

// systemTime is the TimeSource of the real world.
type systemTime struct{}

func (systemTime) Now() time.Time { return time.Now() }

func (systemTime) Timer(d time.Duration) (<-chan time.Time, func() bool) {
	t := time.NewTimer(d)
	return t.C, t.Stop
}
