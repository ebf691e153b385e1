package schedule

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// userVersion reads the schema version of the database file at path.
func userVersion(tb testing.TB, path string) int {
	tb.Helper()
	db := mustRawOpen(tb, path)
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		tb.Fatal(err)
	}
	return v
}

// mustRawOpen opens path with database/sql alone, as an older or newer
// Newsdesk, or sqlite3, would.
func mustRawOpen(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

func TestMigrate(t *testing.T) {
	ctx := context.Background()
	v2 := append(migrations[:len(migrations):len(migrations)],
		`ALTER TABLE schedules ADD COLUMN note TEXT NOT NULL DEFAULT 'added by v2'`)
	bad := append(migrations[:len(migrations):len(migrations)],
		`CREATE TABLE extra (id INTEGER PRIMARY KEY)`,
		`ALTER TABLE nonesuch ADD COLUMN x TEXT`)
	tests := []struct {
		name    string
		steps   [][]string // migration lists to open with, in turn
		wantErr string     // from the last open
		version int        // afterwards
	}{
		{"fresh", [][]string{migrations}, "", len(migrations)},
		{"already current", [][]string{migrations, migrations}, "", len(migrations)},
		{"forward", [][]string{migrations, v2}, "", len(migrations) + 1},
		{"failed step rolls back", [][]string{migrations, bad}, "migrate schema to version 3", len(migrations)},
		{"newer refused", [][]string{v2, migrations}, fmt.Sprintf("database schema version %d is newer than this newsdesk (%d); upgrade newsdesk or restore a backup", len(v2), len(migrations)), len(v2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			var err error
			for i, m := range tt.steps {
				var st *Store
				st, err = open(ctx, path, m)
				if err != nil {
					if i < len(tt.steps)-1 {
						t.Fatalf("open #%d: %v", i+1, err)
					}
					break
				}
				if i == 0 {
					mustSet(t, st, "g1", "Europe/Kyiv", "07:30", time.Now())
				}
				st.Close()
			}
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("open = %v, want error %q", err, tt.wantErr)
			}
			if got := userVersion(t, path); got != tt.version {
				t.Errorf("user_version = %d, want %d", got, tt.version)
			}
			// The schedule written at the first step survives every step.
			db := mustRawOpen(t, path)
			defer db.Close()
			var zone string
			if err := db.QueryRow("SELECT timezone FROM schedules WHERE guild_id = 'g1'").Scan(&zone); err != nil || zone != "Europe/Kyiv" {
				t.Errorf("schedule g1 after migrating: %q, %v", zone, err)
			}
			var extra int
			db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").Scan(&extra)
			if extra != 0 {
				t.Error("a failed migration left table extra behind")
			}
		})
	}
}

// A database from a newer Newsdesk is refused with a clear message, and
// Open changes nothing in it, not even the journal mode.
func TestOpenNewerSchema(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	st := newTestStore(t, dir)
	mustSet(t, st, "g1", "Europe/Kyiv", "07:30", time.Now())
	st.Close()
	db := mustRawOpen(t, path)
	newer := len(migrations) + 2
	for _, q := range []string{"PRAGMA journal_mode = DELETE", fmt.Sprintf("PRAGMA user_version = %d", newer)} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	_, err = Open(dir)
	want := fmt.Sprintf("open %s: database schema version %d is newer than this newsdesk (%d); upgrade newsdesk or restore a backup",
		path, newer, len(migrations))
	if err == nil || err.Error() != want {
		t.Fatalf("Open = %v\nwant %s", err, want)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("Open changed the newer database")
	}
	if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
		t.Errorf("Open left %s-wal behind (%v): it switched the journal mode", path, err)
	}
}
