package schedule

import (
	"testing"
	"time"

	"newsdesk/bot/schedule/scheduletest"
)

func TestNextRun(t *testing.T) {
	tests := []struct {
		name  string
		zone  string
		clock string
		after string // in zone, "2006-01-02 15:04"
		want  string // simLayout in zone
	}{
		{"ordinary day", "America/New_York", "07:30", "2026-03-05 12:00", "2026-03-06 07:30 EST"},
		{"just before", "America/New_York", "07:30", "2026-03-06 07:29", "2026-03-06 07:30 EST"},
		{"exactly at it", "America/New_York", "07:30", "2026-03-06 07:30", "2026-03-07 07:30 EST"},
		{"no DST", "Asia/Kolkata", "09:00", "2026-03-08 10:00", "2026-03-09 09:00 IST"},
		{"midnight", "Europe/Kyiv", "00:00", "2026-06-01 00:00", "2026-06-02 00:00 EEST"},

		// Spring forward in New York, 2026-03-08: 02:00 EST becomes 03:00 EDT.
		{"before the gap", "America/New_York", "01:59", "2026-03-07 12:00", "2026-03-08 01:59 EST"},
		{"start of the gap", "America/New_York", "02:00", "2026-03-07 12:00", "2026-03-08 03:00 EDT"},
		{"in the gap", "America/New_York", "02:30", "2026-03-07 12:00", "2026-03-08 03:00 EDT"},
		{"end of the gap", "America/New_York", "03:00", "2026-03-07 12:00", "2026-03-08 03:00 EDT"},
		{"after the gap", "America/New_York", "07:30", "2026-03-07 12:00", "2026-03-08 07:30 EDT"},
		{"day after the gap", "America/New_York", "02:30", "2026-03-08 03:00", "2026-03-09 02:30 EDT"},

		// Fall back in New York, 2026-11-01: 02:00 EDT becomes 01:00 EST,
		// so 01:00–01:59 happen twice. The first counts, once.
		{"repeated hour", "America/New_York", "01:30", "2026-10-31 12:00", "2026-11-01 01:30 EDT"},
		{"start of repeat", "America/New_York", "01:00", "2026-10-31 12:00", "2026-11-01 01:00 EDT"},
		{"after the change", "America/New_York", "02:00", "2026-10-31 12:00", "2026-11-01 02:00 EST"},

		// Kyiv: 03:00 EET becomes 04:00 EEST on 2026-03-29, 04:00 EEST
		// becomes 03:00 EET on 2026-10-25.
		{"Kyiv gap", "Europe/Kyiv", "03:30", "2026-03-28 12:00", "2026-03-29 04:00 EEST"},
		{"Kyiv repeat", "Europe/Kyiv", "03:30", "2026-10-24 12:00", "2026-10-25 03:30 EEST"},
		{"Kyiv after", "Europe/Kyiv", "09:00", "2026-03-28 12:00", "2026-03-29 09:00 EEST"},

		// Lord Howe Island moves its clocks by half an hour: 02:00 +1030
		// becomes 02:30 +11 on 2026-10-04.
		{"half-hour gap", "Australia/Lord_Howe", "02:15", "2026-10-03 12:00", "2026-10-04 02:30 +11"},

		// São Paulo used to skip midnight: 2018-11-04 00:00 -03 became
		// 01:00 -02.
		{"midnight gap", "America/Sao_Paulo", "00:00", "2018-11-03 12:00", "2018-11-04 01:00 -02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := scheduletest.MustLoad(t, tt.zone)
			c, err := ParseClock(tt.clock)
			if err != nil {
				t.Fatal(err)
			}
			after := scheduletest.MustTime(t, tt.after, loc)
			got := NextRun(Schedule{Clock: c, Zone: tt.zone}, after)
			if s := got.Format(simLayout); s != tt.want {
				t.Errorf("NextRun(%s %s, %s) = %s, want %s", tt.clock, tt.zone, tt.after, s, tt.want)
			}
			if got.Location().String() != tt.zone {
				t.Errorf("NextRun(%s %s, %s) is in %v, want the schedule's zone", tt.clock, tt.zone, tt.after, got.Location())
			}
		})
	}
}

// NextRun from a repeated-hour post must move to the next day, not to the
// second 01:30: the brief is posted once.
func TestNextRunFallBackOnce(t *testing.T) {
	loc := scheduletest.MustLoad(t, "America/New_York")
	first := NextRun(Schedule{Clock: Clock{1, 30}, Zone: "America/New_York"}, scheduletest.MustTime(t, "2026-10-31 12:00", loc))
	next := NextRun(Schedule{Clock: Clock{1, 30}, Zone: "America/New_York"}, first)
	if got, want := next.Format(simLayout), "2026-11-02 01:30 EST"; got != want {
		t.Errorf("NextRun after %s = %s, want %s", first.Format(simLayout), got, want)
	}
}

func TestNextRunUnknownZone(t *testing.T) {
	if got := NextRun(Schedule{Zone: "Mars/Olympus_Mons"}, time.Now()); !got.IsZero() {
		t.Errorf("NextRun(unknown zone) = %v, want the zero Time", got)
	}
}

func TestLocalDate(t *testing.T) {
	tests := []struct {
		zone, day, want string
	}{
		{"Europe/Kyiv", "2026-03-29", "2026-03-29 00:00 EET"},
		{"America/New_York", "2026-11-01", "2026-11-01 00:00 EDT"},
		{"America/Sao_Paulo", "2018-11-04", "2018-11-04 01:00 -02"},
	}
	for _, tt := range tests {
		day, _ := parseDate(tt.day)
		if got := localDate(day, scheduletest.MustLoad(t, tt.zone)).Format(simLayout); got != tt.want {
			t.Errorf("localDate(%s, %s) = %s, want %s", tt.day, tt.zone, got, tt.want)
		}
	}
}
