package scheduletest

import (
	"testing"
	"time"
)

// MustTime parses s, laid out as "2006-01-02 15:04", in loc, failing the
// test if it cannot.
func MustTime(tb testing.TB, s string, loc *time.Location) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// MustLoad loads the time zone called name, failing the test if it
// cannot.
func MustLoad(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}
