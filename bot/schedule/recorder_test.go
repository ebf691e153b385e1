package schedule

import (
	"bytes"
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"newsdesk/bot/schedule/scheduletest"
)

// A call is one call of a PostFunc.
type call struct {
	guild, channel, day string
	at                  time.Time
}

// recorder is a PostFunc that records every call and answers with fail.
type recorder struct {
	ft   *scheduletest.TimeSource
	mu   sync.Mutex
	all  []call
	fail func(n int, c call) error // n counts calls from 1; nil: every post succeeds
}

func (r *recorder) post(ctx context.Context, guildID, channelID string, day time.Time) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := call{guildID, channelID, day.Format(dateLayout), r.ft.Now()}
	r.all = append(r.all, c)
	if r.fail != nil {
		return r.fail(len(r.all), c)
	}
	return nil
}

func (r *recorder) calls() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.all)
}

// times returns when guild's brief was posted (or tried), in loc.
func (r *recorder) times(guild string, loc *time.Location) []string {
	var out []string
	for _, c := range r.calls() {
		if c.guild == guild {
			out = append(out, c.at.In(loc).Format(simLayout))
		}
	}
	return out
}

// syncBuffer is a log sink safe for the scheduler goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newTestLogger(buf *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
