package schedule

import (
	"fmt"
	"strconv"
	"strings"
)

// A Clock is a time of day on a wall clock, to the minute: when a schedule
// posts in its own time zone. The zero Clock is midnight.
type Clock struct {
	Hour   int // 0–23
	Minute int // 0–59
}

// String returns the clock as HH:MM, 24-hour: "07:30".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// valid reports whether c names a minute of the day.
func (c Clock) valid() bool {
	return c.Hour >= 0 && c.Hour < 24 && c.Minute >= 0 && c.Minute < 60
}

// clockHelp ends every ParseClock error: the bot shows the error as is.
const clockHelp = "use HH:MM, 24-hour, such as 07:30 or 19:05"

// ParseClock parses a time of day as an admin types it. The canonical form
// is HH:MM on the 24-hour clock ("07:30", "19:05"); a one-digit hour
// ("7:30") is accepted, and so is a 12-hour time with am or pm, with or
// without minutes, a space or dots ("7:30pm", "7 PM", "12 a.m." is
// midnight). Everything else is refused with an error that says what to
// type: "7.30", "0730", "25:00", "07:60", "24:00", "13pm". The error text
// is meant for the admin as it is.
func ParseClock(s string) (Clock, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return Clock{}, fmt.Errorf("no time given: %s", clockHelp)
	}
	body, pm, twelve := cutMeridiem(in)
	hs, ms, hasColon := strings.Cut(body, ":")
	if !hasColon && !twelve {
		return Clock{}, fmt.Errorf("%q is not a time: %s", s, clockHelp)
	}
	if !hasColon {
		ms = "00"
	}
	h, okH := digits(hs, 1, 2)
	m, okM := digits(ms, 2, 2)
	if !okH || !okM {
		return Clock{}, fmt.Errorf("%q is not a time: %s", s, clockHelp)
	}
	if m > 59 {
		return Clock{}, fmt.Errorf("%q: minute %d is not between 00 and 59", s, m)
	}
	if twelve {
		if h < 1 || h > 12 {
			return Clock{}, fmt.Errorf("%q: with am or pm the hour is 1 to 12; or %s", s, clockHelp)
		}
		h %= 12
		if pm {
			h += 12
		}
	} else if h > 23 {
		return Clock{}, fmt.Errorf("%q: hour %d is not between 00 and 23", s, h)
	}
	return Clock{Hour: h, Minute: m}, nil
}

// cutMeridiem strips a trailing "am", "pm", "a.m." or "p.m." (any case,
// optionally after a space) and reports which it was.
func cutMeridiem(s string) (body string, pm, ok bool) {
	l := strings.ToLower(s)
	for _, suf := range []struct {
		text string
		pm   bool
	}{{"a.m.", false}, {"p.m.", true}, {"am", false}, {"pm", true}} {
		if strings.HasSuffix(l, suf.text) {
			return strings.TrimSpace(s[:len(s)-len(suf.text)]), suf.pm, true
		}
	}
	return s, false, false
}

// digits parses s as a decimal of lo to hi ASCII digits.
func digits(s string, lo, hi int) (int, bool) {
	if len(s) < lo || len(s) > hi {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
