package main

import (
	"fmt"
	"log/slog"
	"os"
)

// warnEnvFile logs a warning when the .env file at path (which holds the
// bot token) may be read by every user of the machine. A missing file,
// or path "", is not worth a word.
func warnEnvFile(log *slog.Logger, path string) {
	if path == "" {
		return
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm()&0o004 == 0 {
		return
	}
	log.Warn("the .env file holding the bot token is readable by every user of this machine; make it private with chmod 600",
		"file", path, "mode", fmt.Sprintf("%04o", info.Mode().Perm()))
}
