package bot

import (
	"context"
	"testing"
	"time"

	"newsdesk/bot/discordtest"
	"newsdesk/bot/schedule"
	"newsdesk/bot/schedule/scheduletest"
)

// mustOpenStore opens the schedule store in dir, closed when the test
// ends (after the bots made later, whose cleanups run first).
func mustOpenStore(tb testing.TB, dir string) *schedule.Store {
	tb.Helper()
	st, err := schedule.Open(dir)
	if err != nil {
		tb.Fatalf("open schedules: %v", err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// newScheduleBot returns a logged-in bot on fake with /schedule over
// store, its scheduler on ft; opts adjust its Config further.
func newScheduleBot(tb testing.TB, fake *discordtest.Server, store *schedule.Store, ft *scheduletest.TimeSource, opts ...func(*Config)) *testBot {
	tb.Helper()
	with := func(c *Config) {
		c.Schedules = store
		c.ScheduleOptions = schedule.Options{Time: ft, MaxSleep: time.Hour}
	}
	b := newTestBotOn(tb, fake, append([]func(*Config){with}, opts...)...)
	if err := b.login(context.Background()); err != nil {
		tb.Fatalf("login: %v", err)
	}
	return b
}
