package schedule

import "time"

// dateLayout is how a local date is written in the database and logs.
const dateLayout = "2006-01-02"

// NextRun returns the first time after after at which s is due: its Clock
// on a local date in its Zone, in that zone. It knows nothing of what was
// already posted (see [Scheduler.Status] for that). Across daylight-saving
// changes:
//
//   - a clock that does not exist that day, in the gap when clocks spring
//     forward (02:30 in New York on the second Sunday of March), is due at
//     the first instant after the gap (03:00 EDT, when the clocks jump);
//   - a clock that happens twice, when clocks fall back (01:30 in New York
//     on the first Sunday of November), is due at the first of them (01:30
//     EDT), once.
//
// NextRun returns the zero Time if s.Zone is not a time zone.
func NextRun(s Schedule, after time.Time) time.Time {
	loc, err := LoadLocation(s.Zone)
	if err != nil {
		return time.Time{}
	}
	return nextRun(s.Clock, loc, after)
}

func nextRun(c Clock, loc *time.Location, after time.Time) time.Time {
	day := civil(after.In(loc)).AddDate(0, 0, -1)
	for {
		if t := occurrence(day, c, loc); t.After(after) {
			return t
		}
		day = day.AddDate(0, 0, 1)
	}
}

// latest returns the last local date whose occurrence of c is at or
// before now, and that occurrence.
func latest(c Clock, loc *time.Location, now time.Time) (day time.Time, at time.Time) {
	day = civil(now.In(loc))
	for {
		if t := occurrence(day, c, loc); !t.After(now) {
			return day, t
		}
		day = day.AddDate(0, 0, -1)
	}
}

// civil returns t's calendar date, as noon UTC so that AddDate steps whole
// days whatever the zone.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
}

// occurrence returns the instant the wall clock in loc first shows c on
// the calendar date day (a [civil] date). When c falls in a
// spring-forward gap that day, it is the end of the gap: the first instant
// whose wall clock is later than c.
func occurrence(day time.Time, c Clock, loc *time.Location) time.Time {
	y, m, d := day.Date()
	t := time.Date(y, m, d, c.Hour, c.Minute, 0, 0, loc)
	want := time.Date(y, m, d, c.Hour, c.Minute, 0, 0, time.UTC)
	got := wall(t)
	switch {
	case got.Equal(want):
		// time.Date may pick the second of two instants that show c when
		// clocks fall back; prefer the first, before the change.
		start, _ := t.ZoneBounds()
		if start.IsZero() {
			return t
		}
		_, off := t.Zone()
		_, prevOff := start.Add(-time.Nanosecond).Zone()
		if e := t.Add(time.Duration(off-prevOff) * time.Second); prevOff > off && e.Before(start) {
			return e
		}
		return t
	case got.After(want):
		// t is c read with the offset from before the gap, so it lies
		// past the change: the gap ends where t's zone period starts.
		if start, _ := t.ZoneBounds(); !start.IsZero() {
			return start
		}
	default:
		if _, end := t.ZoneBounds(); !end.IsZero() {
			return end
		}
	}
	return t
}

// wall returns t's wall clock in its own zone, read as if it were UTC.
func wall(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// localDate returns the local date of a brief as passed to a [PostFunc]:
// the first instant of that date in loc (midnight, or the end of a gap
// that swallows midnight).
func localDate(day time.Time, loc *time.Location) time.Time {
	return occurrence(day, Clock{}, loc)
}

// parseDate reads a date written with dateLayout as a civil date.
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, false
	}
	return civil(t), true
}
