package schedule

import (
	"context"
	"log/slog"
	"os"
	"testing"
	"time"
)

// TestMain keeps the scheduler's default logger quiet; tests that look at
// the log pass their own.
func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}

// newTestStore opens a store in dir, closed when the test ends.
func newTestStore(tb testing.TB, dir string) *Store {
	tb.Helper()
	st, err := Open(dir)
	if err != nil {
		tb.Fatalf("Open(%s): %v", dir, err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// mustSet stores a schedule for guild posting to "c-"+guild.
func mustSet(tb testing.TB, st *Store, guild, zone, clock string, now time.Time) Schedule {
	tb.Helper()
	c, err := ParseClock(clock)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := st.Set(context.Background(), Schedule{GuildID: guild, ChannelID: "c-" + guild, Clock: c, Zone: zone, CreatedBy: "u1"}, now)
	if err != nil {
		tb.Fatalf("Set(%s): %v", guild, err)
	}
	return s
}

// simLayout shows a post time with its zone abbreviation, so DST is visible.
const simLayout = "2006-01-02 15:04 MST"
