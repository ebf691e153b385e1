package schedule

import (
	"context"
	"time"
)

// A Status is a guild's schedule as /schedule status shows it.
type Status struct {
	Schedule // as stored: channel, clock, zone, last post, last error, disabled reason

	// Location is the schedule's time zone; nil if Zone no longer loads.
	Location *time.Location
	// Next is when the next brief is due, in Location: now when one is
	// due or being posted, the retry time after a failed post, the zero
	// Time when the schedule is disabled.
	Next time.Time
	// Posting reports whether a post is under way (or was cut short by a
	// crash and not yet settled).
	Posting bool
}

// Status returns the schedule of guildID as of now, or [ErrNotFound].
func (sc *Scheduler) Status(ctx context.Context, guildID string, now time.Time) (Status, error) {
	s, err := sc.store.Get(ctx, guildID)
	if err != nil {
		return Status{}, err
	}
	st := Status{Schedule: s, Posting: s.attempt != ""}
	loc, err := LoadLocation(s.Zone)
	if err != nil {
		return st, nil
	}
	st.Location = loc
	switch p := planFor(s, loc, now, sc.opt.Grace); {
	case !s.Enabled:
	case st.Posting || p.act == due:
		st.Next = now.In(loc)
	case p.act == missed:
		st.Next = nextRun(s.Clock, loc, now)
	default:
		st.Next = p.at.In(loc)
	}
	return st, nil
}
