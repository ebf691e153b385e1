package schedule

import (
	"context"
	"fmt"
	"time"
)

// The scheduler moves a schedule's day through these writes, each one
// statement and so one transaction:
//
//	claim ──► post ──► posted      (settled = day)
//	               ├─► failed      (attempts+1, retry later; unsettled)
//	               ├─► settle      (gave up for the day; settled = day)
//	               └─► disable     (permanent error; enabled = 0)
//	claim ──► crash ──► settle     (interrupted: never posted again)
//
// A claim commits before the post is sent, so a crash between posting and
// recording leaves attempt_date set, and the next look at the schedule
// settles that day without posting it again: at most once.

// claim marks day as being posted, unless the schedule changed since it
// was read (another channel, disabled, deleted, already settled or
// claimed). It reports whether the claim took.
func (st *Store) claim(ctx context.Context, s Schedule, day string, now time.Time) (bool, error) {
	res, err := st.db.ExecContext(ctx, `
		UPDATE schedules SET attempt_date = ?, attempt_started_at = ?
		WHERE guild_id = ? AND channel_id = ? AND enabled = 1
			AND attempt_date = '' AND settled_date < ?`,
		day, stamp(now), s.GuildID, s.ChannelID, day)
	if err != nil {
		return false, fmt.Errorf("claim %s for %s: %w", day, s.GuildID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// posted records the brief for day as posted at now.
func (st *Store) posted(ctx context.Context, guildID, day string, now time.Time) error {
	_, err := st.db.ExecContext(ctx, `
		UPDATE schedules SET settled_date = max(settled_date, ?), last_posted_date = ?,
			last_post_at = ?, last_error = '', last_error_at = '', attempts = 0,
			next_retry_at = '', attempt_date = '', attempt_started_at = ''
		WHERE guild_id = ?`,
		day, day, stamp(now), guildID)
	return wrap(err, "record post for %s on %s", guildID, day)
}

// failed records a failed post, to be retried at retry.
func (st *Store) failed(ctx context.Context, guildID string, attempts int, retry time.Time, msg string, now time.Time) error {
	_, err := st.db.ExecContext(ctx, `
		UPDATE schedules SET attempts = ?, next_retry_at = ?, last_error = ?,
			last_error_at = ?, attempt_date = '', attempt_started_at = ''
		WHERE guild_id = ?`,
		attempts, stamp(retry), msg, stamp(now), guildID)
	return wrap(err, "record failed post for %s", guildID)
}

// settle records that day is done with although nothing was posted for
// it (skipped, given up, or interrupted), and why.
func (st *Store) settle(ctx context.Context, guildID, day, msg string, now time.Time) error {
	_, err := st.db.ExecContext(ctx, `
		UPDATE schedules SET settled_date = max(settled_date, ?), last_error = ?,
			last_error_at = ?, attempts = 0, next_retry_at = '',
			attempt_date = '', attempt_started_at = ''
		WHERE guild_id = ?`,
		day, msg, stamp(now), guildID)
	return wrap(err, "settle %s for %s", day, guildID)
}

// disable turns the schedule off for good, with the reason.
func (st *Store) disable(ctx context.Context, guildID, reason string, now time.Time) error {
	_, err := st.db.ExecContext(ctx, `
		UPDATE schedules SET enabled = 0, disabled_reason = ?, last_error = ?,
			last_error_at = ?, attempts = 0, next_retry_at = '',
			attempt_date = '', attempt_started_at = ''
		WHERE guild_id = ?`,
		reason, reason, stamp(now), guildID)
	return wrap(err, "disable schedule %s", guildID)
}

func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
