package schedule

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestLoadLocation(t *testing.T) {
	tests := []struct {
		in   string
		want string // the zone's name, or "error: " and the start of the message
	}{
		{"Europe/Kyiv", "Europe/Kyiv"},
		{"America/New_York", "America/New_York"},
		{"UTC", "UTC"},
		{" Asia/Tokyo ", "Asia/Tokyo"},
		// Case is forgiven; the canonical name comes back.
		{"europe/kyiv", "Europe/Kyiv"},
		{"AMERICA/NEW_YORK", "America/New_York"},
		// Legacy names load, though autocomplete does not offer them.
		{"Europe/Kiev", "Europe/Kiev"},
		{"US/Eastern", "US/Eastern"},
		// Refused.
		{"", "error: no time zone given"},
		{"Local", `error: time zone "Local" depends on the host`},
		{"Kyiv", `error: unknown time zone "Kyiv": did you mean Europe/Kyiv?`},
		{"new york", `error: unknown time zone "new york": did you mean America/New_York?`},
		{"Mars/Olympus_Mons", `error: unknown time zone "Mars/Olympus_Mons": use an IANA name`},
		{"../../etc/passwd", `error: unknown time zone "../../etc/passwd"`},
		{"/usr/share/zoneinfo/UTC", `error: unknown time zone "/usr/share/zoneinfo/UTC"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			loc, err := LoadLocation(tt.in)
			var got string
			if err != nil {
				got = "error: " + err.Error()
			} else {
				got = loc.String()
			}
			if got != tt.want && !(strings.HasPrefix(tt.want, "error: ") && strings.HasPrefix(got, tt.want)) {
				t.Errorf("LoadLocation(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestZoneNames(t *testing.T) {
	tests := []struct {
		query string
		limit int
		want  []string // the first names returned
		n     int      // how many, or -1 for any
	}{
		{"Europe/Kyiv", 25, []string{"Europe/Kyiv"}, 1},
		{"kyiv", 25, []string{"Europe/Kyiv"}, 1},
		{"new york", 25, []string{"America/New_York"}, 1},
		{"york", 25, []string{"America/New_York"}, 1},
		// A part of the name that starts with the query comes before a
		// name that merely contains it.
		{"lon", 25, []string{"Arctic/Longyearbyen", "Europe/London", "America/Blanc-Sablon", "America/Miquelon"}, 4},
		{"utc", 25, []string{"UTC", "Etc/UTC"}, 2},
		{"america/n", 3, []string{"America/Nassau", "America/New_York", "America/Nipigon"}, 3},
		{"", 5, []string{"Africa/Abidjan", "Africa/Accra", "Africa/Addis_Ababa", "Africa/Algiers", "Africa/Asmara"}, 5},
		{"a", 100, nil, 25},
		{"a", 0, nil, 25},
		{"a", 3, nil, 3},
		{"zzz", 25, nil, 0},
		{"US/Eastern", 25, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := ZoneNames(tt.query, tt.limit)
			if tt.n >= 0 && len(got) != tt.n {
				t.Errorf("ZoneNames(%q, %d) = %d names %v, want %d", tt.query, tt.limit, len(got), got, tt.n)
			}
			if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
				t.Errorf("ZoneNames(%q, %d) = %v, want it to start %v", tt.query, tt.limit, got, tt.want)
			}
		})
	}
}

// Every name offered must load, with the embedded database if the host
// has none.
func TestZoneListLoads(t *testing.T) {
	if len(zoneList) < 400 {
		t.Fatalf("zoneList has %d names; run go generate", len(zoneList))
	}
	if !slices.IsSorted(zoneList[:]) {
		t.Error("zoneList is not sorted")
	}
	for _, name := range zoneList {
		if _, err := time.LoadLocation(name); err != nil {
			t.Errorf("LoadLocation(%q): %v", name, err)
		}
	}
}
