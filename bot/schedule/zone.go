package schedule

import (
	"fmt"
	"slices"
	"strings"
	"time"

	// The tz database goes into the binary, so a container without
	// /usr/share/zoneinfo still knows Europe/Kyiv; about 450 KB.
	_ "time/tzdata"
)

//go:generate go run ./internal/genzones -o zonelist.go

// MaxChoices is the most autocomplete choices Discord shows.
const MaxChoices = 25

// LoadLocation returns the time zone with the given IANA name, such as
// "Europe/Kyiv" or "America/New_York". Surrounding space is ignored, and a
// name in the wrong case ("europe/kyiv") is taken as the zone it spells.
// An empty name, "Local" (whatever the host happens to use) and unknown
// names are errors meant for the admin as they are; an unknown name gets
// suggestions when [ZoneNames] finds some ("Kyiv" suggests Europe/Kyiv).
func LoadLocation(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	switch name {
	case "":
		return nil, fmt.Errorf("no time zone given: use a name such as Europe/Kyiv or America/New_York")
	case "Local":
		return nil, fmt.Errorf("time zone %q depends on the host: use a name such as Europe/Kyiv or America/New_York", name)
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc, nil
	}
	for _, z := range zoneList {
		if strings.EqualFold(z, name) {
			return time.LoadLocation(z)
		}
	}
	if near := ZoneNames(name, 3); len(near) > 0 {
		return nil, fmt.Errorf("unknown time zone %q: did you mean %s?", name, strings.Join(near, ", "))
	}
	return nil, fmt.Errorf("unknown time zone %q: use an IANA name such as Europe/Kyiv or America/New_York", name)
}

// ZoneNames returns time zone names that contain query, for autocomplete.
// Matching ignores case and treats spaces as underscores, so "new york"
// finds America/New_York. Exact matches come first, then names with a part
// that starts with query ("kyiv" → Europe/Kyiv, "america/n" →
// America/Nassau), then any other name containing it; each group in
// alphabetical order. An empty query lists names from the start of the
// alphabet. At most limit names are returned, and never more than
// [MaxChoices] (limit ≤ 0 means MaxChoices). The names come from the Go
// toolchain's tz database (see zonelist.go) and all load with
// [LoadLocation]; legacy aliases such as US/Eastern load but are not
// offered.
func ZoneNames(query string, limit int) []string {
	if limit <= 0 || limit > MaxChoices {
		limit = MaxChoices
	}
	q := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(query), " ", "_"))
	var groups [3][]string
	for _, z := range zoneList {
		if r, ok := zoneRank(strings.ToLower(z), q); ok {
			groups[r] = append(groups[r], z)
		}
	}
	out := make([]string, 0, limit)
	for _, g := range groups {
		out = append(out, g[:min(len(g), limit-len(out))]...)
	}
	return slices.Clip(out)
}

// zoneRank places lower-cased zone name z for query q: 0 exact, 1 a part
// of the name starts with q, 2 q elsewhere in it.
func zoneRank(z, q string) (int, bool) {
	switch {
	case z == q:
		return 0, true
	case strings.HasPrefix(z, q):
		return 1, true
	}
	i := strings.Index(z, q)
	if i < 0 {
		return 0, false
	}
	for ; i >= 0; i = index(z, q, i+1) {
		if c := z[i-1]; c == '/' || c == '_' || c == '-' {
			return 1, true
		}
	}
	return 2, true
}

// index is strings.Index(s[from:], sub) as an index into s, or -1.
func index(s, sub string, from int) int {
	if from > len(s) {
		return -1
	}
	i := strings.Index(s[from:], sub)
	if i < 0 {
		return -1
	}
	return from + i
}
