package schedule

import (
	"strings"
	"testing"
)

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want string // the clock, or "error: " and a fragment of the message
	}{
		// 24-hour, the canonical form.
		{"07:30", "07:30"},
		{"00:00", "00:00"},
		{"23:59", "23:59"},
		{"19:05", "19:05"},
		{" 7:30 ", "07:30"},
		// 12-hour with am or pm.
		{"7:30pm", "19:30"},
		{"7:30 PM", "19:30"},
		{"7pm", "19:00"},
		{"7 am", "07:00"},
		{"12am", "00:00"},
		{"12:15 a.m.", "00:15"},
		{"12pm", "12:00"},
		{"11:59 p.m.", "23:59"},
		// Refused, with what to type.
		{"", "error: no time given: use HH:MM"},
		{"7.30", `error: "7.30" is not a time: use HH:MM, 24-hour, such as 07:30`},
		{"0730", `error: "0730" is not a time`},
		{"7", `error: "7" is not a time`},
		{"7:3", `error: "7:3" is not a time`},
		{"07:300", `error: "07:300" is not a time`},
		{"-1:00", `error: "-1:00" is not a time`},
		{"+7:00", `error: "+7:00" is not a time`},
		{"seven", `error: "seven" is not a time`},
		{"25:00", `error: "25:00": hour 25 is not between 00 and 23`},
		{"24:00", `error: "24:00": hour 24 is not between 00 and 23`},
		{"07:60", `error: "07:60": minute 60 is not between 00 and 59`},
		{"13pm", `error: "13pm": with am or pm the hour is 1 to 12`},
		{"0am", `error: "0am": with am or pm the hour is 1 to 12`},
		{"pm", `error: "pm" is not a time`},
		{"7:30 xm", `error: "7:30 xm" is not a time`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := ParseClock(tt.in)
			got := c.String()
			if err != nil {
				got = "error: " + err.Error()
			}
			if got != tt.want && !(strings.HasPrefix(tt.want, "error: ") && strings.HasPrefix(got, tt.want)) {
				t.Errorf("ParseClock(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
