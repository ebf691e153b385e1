package discordtest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"sync/atomic"
	"time"
)

// Defaults shared by [New] and the event builders, so that an event built
// without a server matches a server built without options.
const (
	// DefaultToken is the bot token the fake accepts, without "Bot ".
	DefaultToken = "newsdesk-test-token"
	// DefaultAppID is the application ID and the bot's user ID (the same
	// snowflake for applications created since 2016).
	DefaultAppID = "1187000000000000001"
	// DefaultBotName is the bot's username.
	DefaultBotName = "Newsdesk"
	// DefaultGuildID is the guild events happen in.
	DefaultGuildID = "1187000000000000100"
	// DefaultChannelID is the guild text channel events happen in.
	DefaultChannelID = "1187000000000000200"
	// DefaultDMChannelID is the DM channel of DefaultUserID with the bot.
	DefaultDMChannelID = "1187000000000000201"
	// DefaultUserID is the person who invokes commands and sends messages.
	DefaultUserID = "1187000000000000300"
	// DefaultUsername is DefaultUserID's username.
	DefaultUsername = "reader"
)

// DefaultAppPermissions is the app_permissions (and member permissions)
// of built interactions, a decimal string as Discord sends it: view
// channel, send messages (also in threads), embed links, read message
// history and use application commands.
const DefaultAppPermissions = "277025475584"

// discordEpoch is the first millisecond of 2015, where snowflake time starts.
const discordEpoch = 1420070400000

var idCounter atomic.Int64

// newID returns a fresh snowflake: milliseconds since the Discord epoch
// shifted left 22 bits, and a counter in the low bits (Discord puts worker,
// process and increment there) so IDs stay unique within a millisecond.
func newID() string {
	ms := time.Now().UnixMilli() - discordEpoch
	n := idCounter.Add(1) & (1<<22 - 1)
	return strconv.FormatInt(ms<<22|n, 10)
}

// newInteractionToken returns a token shaped like Discord's: base64 of
// "interaction:<id>:<random>".
func newInteractionToken(id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("interaction:" + id + ":" + randomHex(32)))
}

func randomHex(n int) string {
	b := make([]byte, n/2)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}
