package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsdesk/bot/discordtest"
	"newsdesk/bot/schedule"
)

// TestServeNewerDatabase starts serve on a DATA_DIR whose database a
// newer Newsdesk wrote, as after a downgrade: serve exits with status 1
// and a message saying what to do, before connecting to Discord, and the
// database file is byte for byte as it was, with no journal beside it.
func TestServeNewerDatabase(t *testing.T) {
	t.Parallel()
	dir, db := mustFreshDatabase(t)
	path := filepath.Join(dir, schedule.FileName)
	// A database that is not in WAL mode shows any write in the file
	// itself, even the switch to WAL that Open makes.
	for _, q := range []string{"PRAGMA journal_mode = DELETE", "CREATE TABLE from_the_future (x TEXT)", "PRAGMA user_version = 7"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	fake := discordtest.New(t)
	stderr, cancel, done := startServe(t, map[string]string{
		"DISCORD_TOKEN":   discordtest.DefaultToken,
		"DISCORD_API_URL": fake.URL(),
		"DATA_DIR":        dir,
	})
	defer cancel()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("serve still running after 10 s on a newer database")
	}
	want := fmt.Sprintf("DATA_DIR %s: open %s: database schema version 7 is newer than this newsdesk (%d); upgrade newsdesk or restore a backup",
		dir, path, schemaVersion(t))
	if err == nil || err.Error() != want || exitCode(err) != 1 {
		t.Fatalf("serve = %v (exit status %d)\nwant %s (exit status 1)", err, exitCode(err), want)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("serve changed %s (%d bytes before, %d after)", path, len(before), len(after))
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); !os.IsNotExist(err) {
			t.Errorf("serve left %s%s behind (%v)", path, suffix, err)
		}
	}
	if st := fake.GatewayStats(); st.Connections != 0 || len(fake.Requests()) != 0 {
		t.Errorf("serve reached Discord (%d requests, %+v) before refusing the database", len(fake.Requests()), st)
	}
	if strings.Contains(stderr.String(), "newsdesk is running") {
		t.Errorf("serve said it was running:\n%s", stderr)
	}
}

// schemaVersion returns the schema version this Newsdesk writes: that of
// a new database.
func schemaVersion(tb testing.TB) int {
	tb.Helper()
	_, db := mustFreshDatabase(tb)
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		tb.Fatal(err)
	}
	return v
}

// mustFreshDatabase creates a schedules database as this Newsdesk writes it
// in a temporary data folder, and opens it directly with SQL so a test can
// read or rewrite it. The connection is closed at the end of the test.
func mustFreshDatabase(tb testing.TB) (string, *sql.DB) {
	tb.Helper()
	dir := tb.TempDir()
	st, err := schedule.Open(dir)
	if err != nil {
		tb.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", filepath.Join(dir, schedule.FileName))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return dir, db
}
