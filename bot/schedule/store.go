package schedule

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver; pure Go, no cgo
)

// FileName is the database's name inside the data directory.
const FileName = "newsdesk.db"

// ErrNotFound reports a guild without a schedule.
var ErrNotFound = errors.New("no schedule for this server")

// A Schedule is one guild's daily brief: which channel, at what local
// time, in which time zone, and how the last posts went. A guild has at
// most one.
type Schedule struct {
	GuildID   string
	ChannelID string
	Clock     Clock  // local time of day to post
	Zone      string // IANA time zone name, such as "Europe/Kyiv"
	CreatedBy string // user ID of whoever last set the schedule
	CreatedAt time.Time
	UpdatedAt time.Time

	// Enabled is false once a post failed for good (the channel is gone,
	// or the bot may not post there); DisabledReason says why. Setting the
	// schedule again enables it.
	Enabled        bool
	DisabledReason string

	LastPostedDate string    // local date (YYYY-MM-DD) of the last brief posted; "" if none
	LastPostAt     time.Time // when it was posted
	LastError      string    // the last failure or skipped day, "" after a good post
	LastErrorAt    time.Time
	Attempts       int       // failed posts so far for the day being retried
	NextRetryAt    time.Time // when the next retry is due, if Attempts > 0

	settled     string    // last local date done with: posted, skipped or given up
	attempt     string    // local date whose post has started and not been recorded
	attemptedAt time.Time // when that post started
}

// A Store keeps schedules in the SQLite database newsdesk.db. It is safe
// for concurrent use, and two processes may open the same file, but only
// one [Scheduler] should post from it.
type Store struct {
	db   *sql.DB
	path string
}

// Open opens the database in dir, creating dir and the file if needed,
// and brings its schema up to date. It refuses, changing nothing, a
// database written by a newer Newsdesk. The database is in WAL mode, so a
// backup must copy newsdesk.db together with newsdesk.db-wal, or use
// sqlite3's .backup or VACUUM INTO.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("open schedules: %w", err)
	}
	path := filepath.Join(dir, FileName)
	st, err := open(context.Background(), path, migrations)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return st, nil
}

func open(ctx context.Context, path string, migrations []string) (*Store, error) {
	// Every connection waits up to 5 s for another writer instead of
	// failing with SQLITE_BUSY, and takes the write lock when a
	// transaction begins so that two writers cannot deadlock upgrading a
	// read lock. synchronous=FULL makes a commit durable before it
	// returns, which the at-most-once claim relies on.
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_busy_timeout=5000&_txlock=immediate&_synchronous=FULL"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, db, migrations); err != nil {
		db.Close()
		return nil, err
	}
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		db.Close()
		return nil, fmt.Errorf("set WAL mode: %w", err)
	}
	return &Store{db: db, path: path}, nil
}

// Path returns the database file's path.
func (st *Store) Path() string { return st.path }

// Close closes the database.
func (st *Store) Close() error { return st.db.Close() }

const columns = `guild_id, channel_id, clock, timezone, created_by, created_at,
	updated_at, enabled, disabled_reason, last_posted_date, last_post_at,
	settled_date, last_error, last_error_at, attempts, next_retry_at,
	attempt_date, attempt_started_at`

// Get returns the schedule of guildID, or [ErrNotFound].
func (st *Store) Get(ctx context.Context, guildID string) (Schedule, error) {
	row := st.db.QueryRowContext(ctx, "SELECT "+columns+" FROM schedules WHERE guild_id = ?", guildID)
	s, err := scan(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Schedule{}, ErrNotFound
	}
	if err != nil {
		return Schedule{}, fmt.Errorf("get schedule %s: %w", guildID, err)
	}
	return s, nil
}

// List returns every schedule, enabled or not, by guild ID.
func (st *Store) List(ctx context.Context) ([]Schedule, error) {
	rows, err := st.db.QueryContext(ctx, "SELECT "+columns+" FROM schedules ORDER BY guild_id")
	if err != nil {
		return nil, fmt.Errorf("list schedules: %w", err)
	}
	defer rows.Close()
	var out []Schedule
	for rows.Next() {
		s, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("list schedules: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list schedules: %w", err)
	}
	return out, nil
}

// Set creates the schedule of s.GuildID or replaces its channel, clock,
// zone and creator, and enables it; now is the time of the change. Only
// those fields of s are read. The first post is at the next occurrence of
// the clock after now: a schedule set at 09:00 for 07:00 starts tomorrow,
// and changing the time never posts a second brief for a date already
// posted. Set returns the stored schedule, with Zone in canonical form.
// An unknown zone or an invalid clock is an error and changes nothing.
// Use [Scheduler.Set] while a Scheduler runs, so it hears of the change.
func (st *Store) Set(ctx context.Context, s Schedule, now time.Time) (Schedule, error) {
	if s.GuildID == "" || s.ChannelID == "" {
		return Schedule{}, errors.New("set schedule: no guild or channel")
	}
	if !s.Clock.valid() {
		return Schedule{}, fmt.Errorf("set schedule: invalid time %02d:%02d", s.Clock.Hour, s.Clock.Minute)
	}
	loc, err := LoadLocation(s.Zone)
	if err != nil {
		return Schedule{}, err
	}
	day, _ := latest(s.Clock, loc, now)
	settled := day.Format(dateLayout)
	ts := stamp(now)
	_, err = st.db.ExecContext(ctx, `
		INSERT INTO schedules (guild_id, channel_id, clock, timezone, created_by,
			created_at, updated_at, settled_date)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (guild_id) DO UPDATE SET
			channel_id = excluded.channel_id, clock = excluded.clock,
			timezone = excluded.timezone, created_by = excluded.created_by,
			updated_at = excluded.updated_at, enabled = 1, disabled_reason = '',
			settled_date = max(settled_date, excluded.settled_date),
			last_error = '', last_error_at = '', attempts = 0, next_retry_at = ''`,
		s.GuildID, s.ChannelID, s.Clock.String(), loc.String(), s.CreatedBy, ts, ts, settled)
	if err != nil {
		return Schedule{}, fmt.Errorf("set schedule %s: %w", s.GuildID, err)
	}
	return st.Get(ctx, s.GuildID)
}

// Delete removes the schedule of guildID, or returns [ErrNotFound].
func (st *Store) Delete(ctx context.Context, guildID string) error {
	res, err := st.db.ExecContext(ctx, "DELETE FROM schedules WHERE guild_id = ?", guildID)
	if err != nil {
		return fmt.Errorf("delete schedule %s: %w", guildID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// scan reads one row of columns.
func scan(row interface{ Scan(...any) error }) (Schedule, error) {
	var s Schedule
	var clock, created, updated, lastPost, lastErr, retry, attempted string
	err := row.Scan(&s.GuildID, &s.ChannelID, &clock, &s.Zone, &s.CreatedBy,
		&created, &updated, &s.Enabled, &s.DisabledReason, &s.LastPostedDate,
		&lastPost, &s.settled, &s.LastError, &lastErr, &s.Attempts, &retry,
		&s.attempt, &attempted)
	if err != nil {
		return Schedule{}, err
	}
	if s.Clock, err = ParseClock(clock); err != nil {
		return Schedule{}, fmt.Errorf("guild %s: stored time: %w", s.GuildID, err)
	}
	s.CreatedAt, s.UpdatedAt = unstamp(created), unstamp(updated)
	s.LastPostAt, s.LastErrorAt = unstamp(lastPost), unstamp(lastErr)
	s.NextRetryAt, s.attemptedAt = unstamp(retry), unstamp(attempted)
	return s, nil
}

// stamp writes t for the database: RFC 3339 in UTC.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// unstamp reads a stamp; "" (never) is the zero Time.
func unstamp(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
