package schedule

import (
	"context"
	"errors"
	"testing"

	"newsdesk/bot/schedule/scheduletest"
)

func TestStatus(t *testing.T) {
	ctx := context.Background()
	kyiv := scheduletest.MustLoad(t, "Europe/Kyiv")
	created := scheduletest.MustTime(t, "2026-03-05 12:00", kyiv)
	tests := []struct {
		name  string
		setup func(st *Store) error // after the schedule is set at created
		now   string                // in Kyiv
		next  string                // simLayout in Kyiv, "" for none
	}{
		{"new", nil, "2026-03-05 12:00", "2026-03-06 07:30 EET"},
		{"due, not yet posted", nil, "2026-03-06 07:31", "2026-03-06 07:31 EET"},
		{"posted today", func(st *Store) error {
			return st.posted(ctx, "g", "2026-03-06", scheduletest.MustTime(t, "2026-03-06 07:30", kyiv))
		}, "2026-03-06 09:00", "2026-03-07 07:30 EET"},
		{"retry pending", func(st *Store) error {
			return st.failed(ctx, "g", 2, scheduletest.MustTime(t, "2026-03-06 07:34", kyiv), "503", scheduletest.MustTime(t, "2026-03-06 07:32", kyiv))
		}, "2026-03-06 07:33", "2026-03-06 07:34 EET"},
		{"missed while down", nil, "2026-03-06 20:00", "2026-03-07 07:30 EET"},
		{"across the DST change", nil, "2026-03-28 20:00", "2026-03-29 07:30 EEST"},
		{"disabled", func(st *Store) error {
			return st.disable(ctx, "g", "403 Missing Access", created)
		}, "2026-03-06 09:00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newTestStore(t, t.TempDir())
			mustSet(t, st, "g", "Europe/Kyiv", "07:30", created)
			if tt.setup != nil {
				if err := tt.setup(st); err != nil {
					t.Fatal(err)
				}
			}
			sc := New(st, nil, Options{})
			s, err := sc.Status(ctx, "g", scheduletest.MustTime(t, tt.now, kyiv))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if !s.Next.IsZero() {
				got = s.Next.Format(simLayout)
			}
			if got != tt.next {
				t.Errorf("Status at %s: Next = %q, want %q", tt.now, got, tt.next)
			}
			if s.Location == nil || s.Location.String() != "Europe/Kyiv" || s.ChannelID != "c-g" {
				t.Errorf("Status: Location %v, channel %s", s.Location, s.ChannelID)
			}
		})
	}
	if _, err := New(newTestStore(t, t.TempDir()), nil, Options{}).Status(ctx, "nobody", created); !errors.Is(err, ErrNotFound) {
		t.Errorf("Status(unknown guild) = %v, want ErrNotFound", err)
	}
}
