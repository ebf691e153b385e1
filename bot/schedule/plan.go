package schedule

import "time"

// An action is what a schedule needs at a moment.
type action int

const (
	wait   action = iota // nothing until at
	due                  // post the brief for day now
	missed               // the brief for day is too late: skip it
)

// A plan is what to do about one schedule at one moment.
type plan struct {
	act      action
	at       time.Time // wait: when to look again
	day      time.Time // due, missed: the local date of the brief (civil)
	occ      time.Time // due, missed: when that brief was due
	end      time.Time // due: the brief is not posted from this instant on
	attempts int       // due: failed posts so far for day
}

// planFor decides what enabled schedule s needs at now, in loc. The brief
// for a date is due from its occurrence until grace later (or until the
// next date's occurrence, if sooner); failed posts wait for NextRetryAt.
// A date at or before the settled one is never due again.
func planFor(s Schedule, loc *time.Location, now time.Time, grace time.Duration) plan {
	day, occ := latest(s.Clock, loc, now)
	if day.Format(dateLayout) <= s.settled {
		return plan{act: wait, at: nextRun(s.Clock, loc, now)}
	}
	end := occ.Add(grace)
	if next := occurrence(day.AddDate(0, 0, 1), s.Clock, loc); next.Before(end) {
		end = next
	}
	if !now.Before(end) {
		return plan{act: missed, day: day, occ: occ}
	}
	p := plan{act: due, day: day, occ: occ, end: end}
	// A retry time after this occurrence belongs to this date; an older
	// one is left from an earlier date and means nothing now.
	if s.NextRetryAt.After(occ) {
		p.attempts = s.Attempts
		if now.Before(s.NextRetryAt) {
			return plan{act: wait, at: s.NextRetryAt}
		}
	}
	return p
}
