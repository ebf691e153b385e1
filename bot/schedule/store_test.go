package schedule

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"newsdesk/bot/schedule/scheduletest"
)

func TestStoreCRUD(t *testing.T) {
	ctx := context.Background()
	st := newTestStore(t, t.TempDir())
	kyiv := scheduletest.MustLoad(t, "Europe/Kyiv")
	now := scheduletest.MustTime(t, "2026-03-05 12:00", kyiv)

	// Zone names come back canonical.
	s := mustSet(t, st, "g2", "europe/kyiv", "07:30", now)
	if s.Zone != "Europe/Kyiv" || s.Clock != (Clock{7, 30}) || s.ChannelID != "c-g2" || !s.Enabled || s.CreatedBy != "u1" {
		t.Errorf("Set = %+v, want g2 at 07:30 Europe/Kyiv in c-g2, enabled, by u1", s)
	}
	if !s.CreatedAt.Equal(now) || !s.UpdatedAt.Equal(now) {
		t.Errorf("Set: created %v, updated %v; want both %v", s.CreatedAt, s.UpdatedAt, now)
	}
	mustSet(t, st, "g1", "UTC", "18:00", now)

	got, err := st.Get(ctx, "g2")
	if err != nil || got != s {
		t.Errorf("Get(g2) = %+v, %v; want %+v", got, err, s)
	}
	list, err := st.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range list {
		ids = append(ids, s.GuildID)
	}
	if !slices.Equal(ids, []string{"g1", "g2"}) {
		t.Errorf("List = %v, want [g1 g2]", ids)
	}

	// Replacing keeps the creation time and moves the rest.
	later := now.Add(time.Hour)
	c, _ := ParseClock("19:05")
	s2, err := st.Set(ctx, Schedule{GuildID: "g2", ChannelID: "c9", Clock: c, Zone: "America/New_York", CreatedBy: "u2"}, later)
	if err != nil {
		t.Fatal(err)
	}
	if s2.ChannelID != "c9" || s2.Clock != c || s2.Zone != "America/New_York" || s2.CreatedBy != "u2" ||
		!s2.CreatedAt.Equal(now) || !s2.UpdatedAt.Equal(later) {
		t.Errorf("Set again = %+v", s2)
	}

	if err := st.Delete(ctx, "g2"); err != nil {
		t.Errorf("Delete(g2) = %v", err)
	}
	if _, err := st.Get(ctx, "g2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(g2) after Delete = %v, want ErrNotFound", err)
	}
	if err := st.Delete(ctx, "g2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete(g2) twice = %v, want ErrNotFound", err)
	}
}

func TestStoreSetRefuses(t *testing.T) {
	ctx := context.Background()
	st := newTestStore(t, t.TempDir())
	now := time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)
	mustSet(t, st, "g1", "UTC", "07:00", now)
	tests := []struct {
		name string
		s    Schedule
	}{
		{"no guild", Schedule{ChannelID: "c", Zone: "UTC"}},
		{"no channel", Schedule{GuildID: "g1", Zone: "UTC"}},
		{"unknown zone", Schedule{GuildID: "g1", ChannelID: "c", Zone: "Mars/Base"}},
		{"empty zone", Schedule{GuildID: "g1", ChannelID: "c"}},
		{"bad clock", Schedule{GuildID: "g1", ChannelID: "c", Zone: "UTC", Clock: Clock{24, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := st.Set(ctx, tt.s, now); err == nil {
				t.Errorf("Set(%+v) = nil error", tt.s)
			}
			got, err := st.Get(ctx, "g1")
			if err != nil || got.ChannelID != "c-g1" || got.Zone != "UTC" || got.Clock != (Clock{7, 0}) {
				t.Errorf("after a refused Set, g1 = %+v, %v; want it unchanged", got, err)
			}
		})
	}
}

// A schedule set after today's time starts tomorrow; moving the time
// never posts a second brief for a date already posted.
func TestStoreSetStartsAfterNow(t *testing.T) {
	ctx := context.Background()
	st := newTestStore(t, t.TempDir())
	ny := scheduletest.MustLoad(t, "America/New_York")
	tests := []struct {
		name    string
		posted  string // last brief posted, "" for none
		clock   string
		now     string
		settled string
	}{
		{"time passed today", "", "07:00", "2026-03-05 09:00", "2026-03-05"},
		{"time still ahead", "", "18:00", "2026-03-05 09:00", "2026-03-04"},
		{"moved later after today's post", "2026-03-05", "18:00", "2026-03-05 09:00", "2026-03-05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := scheduletest.MustTime(t, tt.now, ny)
			mustSet(t, st, "g", "America/New_York", "06:00", now.Add(-72*time.Hour))
			if tt.posted != "" {
				if err := st.posted(ctx, "g", tt.posted, now); err != nil {
					t.Fatal(err)
				}
			}
			s := mustSet(t, st, "g", "America/New_York", tt.clock, now)
			if s.settled != tt.settled {
				t.Errorf("settled = %q, want %q", s.settled, tt.settled)
			}
			if tt.posted != "" && s.LastPostedDate != tt.posted {
				t.Errorf("LastPostedDate = %q, want %q kept", s.LastPostedDate, tt.posted)
			}
			st.Delete(ctx, "g")
		})
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data", "nested")
	st, err := Open(dir)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	if want := filepath.Join(dir, FileName); st.Path() != want {
		t.Errorf("Path() = %s, want %s", st.Path(), want)
	}
	var mode string
	if err := st.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	var busy int
	if err := st.db.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil || busy != 5000 {
		t.Errorf("busy_timeout = %d, %v; want 5000", busy, err)
	}
	mustSet(t, st, "g1", "Europe/Kyiv", "07:30", time.Now())
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	// A second Open of the same file sees the schedule.
	st = newTestStore(t, dir)
	if s, err := st.Get(ctx, "g1"); err != nil || s.Zone != "Europe/Kyiv" {
		t.Errorf("after reopening, Get(g1) = %+v, %v", s, err)
	}
}

func TestOpenUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(filepath.Join(file, "data")); err == nil {
		t.Error("Open(a path under a file) = nil error")
	}
}
