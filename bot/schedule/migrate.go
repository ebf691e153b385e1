package schedule

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations brings a database from schema version i to i+1 at index i;
// the version is SQLite's user_version in the file header, 0 in a new
// file. Append to the list; never edit or reorder a migration that has
// shipped, since databases in the field already ran it.
//
// Times are TEXT in RFC 3339 UTC ("" when unset) and local dates TEXT
// YYYY-MM-DD, so `sqlite3 newsdesk.db 'select * from schedules'` reads well.
var migrations = []string{
	// 1: one schedule per guild.
	`CREATE TABLE schedules (
		guild_id           TEXT PRIMARY KEY,
		channel_id         TEXT NOT NULL,
		clock              TEXT NOT NULL,             -- local time of day, HH:MM
		timezone           TEXT NOT NULL,             -- IANA name
		created_by         TEXT NOT NULL DEFAULT '',  -- user who last set it
		created_at         TEXT NOT NULL,
		updated_at         TEXT NOT NULL,
		enabled            INTEGER NOT NULL DEFAULT 1,
		disabled_reason    TEXT NOT NULL DEFAULT '',
		last_posted_date   TEXT NOT NULL DEFAULT '',  -- local date of the last brief posted
		last_post_at       TEXT NOT NULL DEFAULT '',
		settled_date       TEXT NOT NULL DEFAULT '',  -- last local date done with: posted, skipped or given up
		last_error         TEXT NOT NULL DEFAULT '',
		last_error_at      TEXT NOT NULL DEFAULT '',
		attempts           INTEGER NOT NULL DEFAULT 0, -- failed posts for the day being retried
		next_retry_at      TEXT NOT NULL DEFAULT '',
		attempt_date       TEXT NOT NULL DEFAULT '',  -- local date being posted right now
		attempt_started_at TEXT NOT NULL DEFAULT ''
	) STRICT`,
}

// migrate applies the migrations the database has not run, all in one
// transaction, and refuses a database from a newer Newsdesk without
// writing to it.
func migrate(ctx context.Context, db *sql.DB, migrations []string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this newsdesk (%d); upgrade newsdesk or restore a backup", v, len(migrations))
	}
	if v == len(migrations) {
		return nil
	}
	for i := v; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", i+1, err)
		}
	}
	// PRAGMA takes no parameters; len(migrations) is ours, not input.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
		return fmt.Errorf("set schema version: %w", err)
	}
	return tx.Commit()
}
