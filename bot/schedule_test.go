package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"newsdesk/bot/discordtest"
	"newsdesk/bot/schedule"
	"newsdesk/bot/schedule/scheduletest"
)

// scheduleNow is the clock of the /schedule reply tests: noon in Kyiv on
// a Wednesday, three days after its clocks went back.
var scheduleNow = time.Date(2026, 10, 28, 10, 0, 0, 0, time.UTC)

// Channels of the default guild in the /schedule events.
const (
	briefsChannel  = "1187000000000000210" // another text channel
	privateChannel = "1187000000000000211" // one the bot cannot see
)

// TestScheduleReplies sends each /schedule event of testdata/events to a
// bot with a schedule store, compares what it sent Discord with
// testdata/<name>.golden, and checks what was stored: bad input and
// channels the bot cannot post in change nothing.
func TestScheduleReplies(t *testing.T) {
	t.Parallel()
	const kyiv = briefsChannel + " 07:30 Europe/Kyiv"
	setKyiv := func(tb testing.TB, b *testBot, st *schedule.Store) {
		tb.Helper()
		s := schedule.Schedule{GuildID: discordtest.DefaultGuildID, ChannelID: briefsChannel, Clock: schedule.Clock{Hour: 7, Minute: 30}, Zone: "Europe/Kyiv"}
		if _, err := st.Set(context.Background(), s, scheduleNow); err != nil {
			tb.Fatal(err)
		}
	}
	failGet := func(f discordtest.Failure) func(testing.TB, *testBot, *schedule.Store) {
		return func(_ testing.TB, b *testBot, _ *schedule.Store) {
			b.fake.FailNext("GET", "/channels/{channel}", f)
		}
	}
	tests := []struct {
		name   string // of the golden file, and of the event unless event is set
		event  string
		setup  func(testing.TB, *testBot, *schedule.Store)
		stored string // "channel clock zone" afterwards; "" for none
	}{
		// Set, in another channel (checked with Discord) and in this one
		// (checked with app_permissions); a zone in the wrong case and a
		// 12-hour time are understood; setting again replaces.
		{name: "schedule_set", stored: kyiv},
		{name: "schedule_set_here", stored: discordtest.DefaultChannelID + " 19:30 America/New_York"},
		{name: "schedule_set_replace", event: "schedule_set_here", setup: setKyiv, stored: discordtest.DefaultChannelID + " 19:30 America/New_York"},

		// Refused, changing nothing.
		{name: "schedule_set_bad_time"},
		{name: "schedule_set_bad_time_kept", event: "schedule_set_bad_time", setup: setKyiv, stored: kyiv},
		{name: "schedule_set_unknown_zone"},
		{name: "schedule_set_no_permission"},
		{name: "schedule_set_hidden", setup: failGet(discordtest.MissingAccess())},
		{name: "schedule_set_gone", event: "schedule_set_hidden", setup: failGet(discordtest.Fail(http.StatusNotFound, 10003, "Unknown Channel"))},
		{name: "schedule_set_check_failed", event: "schedule_set_hidden", setup: failGet(discordtest.Fail(http.StatusInternalServerError, 0, "500: Internal Server Error"))},

		{name: "schedule_status", setup: setKyiv, stored: kyiv},
		{name: "schedule_status_none", event: "schedule_status"},
		{name: "schedule_remove", setup: setKyiv},
		{name: "schedule_remove_none", event: "schedule_remove"},

		{name: "autocomplete_timezone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			store := mustOpenStore(t, t.TempDir())
			// Answers never defer here, so the goldens do not depend on
			// how fast the machine is.
			b := newScheduleBot(t, discordtest.New(t), store, scheduletest.NewTimeSource(scheduleNow), func(c *Config) { c.DeferAfter = 30 * time.Second })
			if tt.setup != nil {
				tt.setup(t, b, store)
			}
			event := tt.event
			if event == "" {
				event = tt.name
			}
			e := mustReadEvent(t, event)
			n := len(b.fake.Requests())
			b.send(t, e)
			id, _ := e["id"].(string)
			golden(t, tt.name, renderRequests(b.since(n), id))
			if got := storedSchedule(t, store); got != tt.stored {
				t.Errorf("stored schedule %q, want %q", got, tt.stored)
			}
			for _, r := range callbacks(b.since(n)) {
				typ, data := callbackData(r)
				flags, _ := data["flags"].(float64)
				if typ != discordgo.InteractionApplicationCommandAutocompleteResult && int(flags)&int(discordgo.MessageFlagsEphemeral) == 0 {
					t.Errorf("%s: reply is not ephemeral", r)
				}
				if choices, _ := data["choices"].([]any); len(choices) > maxChoices {
					t.Errorf("%d choices, want at most %d", len(choices), maxChoices)
				}
			}
		})
	}
}

// storedSchedule returns the default guild's schedule as "channel clock
// zone", or "" when it has none.
func storedSchedule(tb testing.TB, store *schedule.Store) string {
	tb.Helper()
	s, err := store.Get(context.Background(), discordtest.DefaultGuildID)
	if errors.Is(err, schedule.ErrNotFound) {
		return ""
	}
	if err != nil {
		tb.Fatal(err)
	}
	return fmt.Sprintf("%s %s %s", s.ChannelID, s.Clock, s.Zone)
}

// TestScheduleCommand checks how /schedule is registered: only with a
// schedule store, for members with Manage Server ("32"), in servers
// only, with a channel option limited to text and announcement channels;
// a second start finds it registered and changes nothing; /help lists it.
func TestScheduleCommand(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	store := mustOpenStore(t, t.TempDir())
	ft := scheduletest.NewTimeSource(scheduleNow)
	b := newScheduleBot(t, fake, store, ft)

	puts := fake.Find(discordtest.Match("PUT", "/applications/{app}/commands"))
	if len(puts) != 1 {
		t.Fatalf("%d PUT of the global commands, want 1", len(puts))
	}
	var sent []map[string]any
	if err := puts[0].Decode(&sent); err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	for _, c := range sent {
		if c["name"] == "schedule" {
			raw = c
		}
	}
	if raw == nil {
		t.Fatalf("/schedule not registered: %s", puts[0].Body)
	}
	if raw["default_member_permissions"] != "32" || fmt.Sprint(raw["contexts"]) != "[0]" {
		t.Errorf("/schedule sent with default_member_permissions %#v and contexts %v; want \"32\" (Manage Server) and [0] (guild only)",
			raw["default_member_permissions"], raw["contexts"])
	}

	var cmd *discordgo.ApplicationCommand
	for _, c := range fake.Commands("") {
		if c.Name == "schedule" {
			cmd = c
		}
	}
	if cmd == nil || cmd.DefaultMemberPermissions == nil || *cmd.DefaultMemberPermissions != discordgo.PermissionManageGuild ||
		cmd.Contexts == nil || !slices.Equal(*cmd.Contexts, []discordgo.InteractionContextType{discordgo.InteractionContextGuild}) {
		t.Fatalf("registered /schedule = %+v", cmd)
	}
	subs := map[string]*discordgo.ApplicationCommandOption{}
	for _, o := range cmd.Options {
		subs[o.Name] = o
	}
	if len(subs) != 3 || subs["set"] == nil || subs["status"] == nil || subs["remove"] == nil {
		t.Fatalf("subcommands %v, want set, status, remove", optionNames(cmd.Options))
	}
	set := map[string]*discordgo.ApplicationCommandOption{}
	for _, o := range subs["set"].Options {
		set[o.Name] = o
	}
	if ch := set["channel"]; ch == nil || !ch.Required ||
		!slices.Equal(ch.ChannelTypes, []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}) {
		t.Errorf("channel option %+v, want required, text and announcement channels", ch)
	}
	if tz := set["timezone"]; tz == nil || !tz.Autocomplete || !tz.Required {
		t.Errorf("timezone option %+v, want required, with autocomplete", tz)
	}

	newScheduleBot(t, fake, store, ft)
	if n := len(fake.Find(discordtest.Match("PUT", "/applications/{app}/commands"))); n != 1 {
		t.Errorf("second start: %d PUT in all, want 1 (the commands were up to date)", n)
	}
	if !strings.Contains(b.helpText(), "**/schedule** — (server managers)") {
		t.Errorf("help does not list /schedule:\n%s", b.helpText())
	}
	if (&Bot{}).extraCommands() != nil {
		t.Error("a bot without a schedule store registers /schedule")
	}

	// Guild commands carry no contexts, but keep the permission.
	guild := discordtest.New(t)
	newScheduleBot(t, guild, store, ft, func(c *Config) { c.GuildID = discordtest.DefaultGuildID })
	for _, c := range guild.Commands(discordtest.DefaultGuildID) {
		if c.Name == "schedule" && (c.DefaultMemberPermissions == nil || *c.DefaultMemberPermissions != discordgo.PermissionManageGuild) {
			t.Errorf("guild /schedule default_member_permissions = %v, want 32", c.DefaultMemberPermissions)
		}
	}
}

func optionNames(opts []*discordgo.ApplicationCommandOption) []string {
	var out []string
	for _, o := range opts {
		out = append(out, o.Name)
	}
	return out
}

// TestPostScheduled checks the scheduler's PostFunc against Discord's
// answers: a refusal that retrying cannot change is permanent, with a
// reason for admins; anything else is retried.
func TestPostScheduled(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		fail      *discordtest.Failure
		permanent string // in the reason; "" for an error to retry
	}{
		{name: "posted"},
		{name: "missing permissions", fail: ptr(discordtest.MissingPermissions()), permanent: "403 Missing Permissions, code 50013"},
		{name: "missing access", fail: ptr(discordtest.MissingAccess()), permanent: "403 Missing Access, code 50001"},
		{name: "unknown channel", fail: ptr(discordtest.Fail(http.StatusNotFound, 10003, "Unknown Channel")), permanent: "404 Unknown Channel, code 10003"},
		{name: "server error", fail: ptr(discordtest.Fail(http.StatusInternalServerError, 0, "500: Internal Server Error"))},
		{name: "other 403", fail: ptr(discordtest.Fail(http.StatusForbidden, 40002, "You need to verify your account"))},
		{name: "404 without code", fail: ptr(discordtest.Fail(http.StatusNotFound, 0, "404: Not Found"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newTestBot(t)
			if tt.fail != nil {
				b.fake.FailNext("POST", "/channels/{channel}/messages", *tt.fail)
			}
			err := b.PostScheduled(context.Background(), discordtest.DefaultGuildID, briefsChannel, testDay)
			switch {
			case tt.fail == nil:
				if err != nil || len(b.fake.Messages(briefsChannel)) != 1 {
					t.Fatalf("PostScheduled = %v with %d messages, want the brief posted", err, len(b.fake.Messages(briefsChannel)))
				}
			case tt.permanent != "":
				var re *discordgo.RESTError
				if !errors.Is(err, schedule.ErrPermanent) || !strings.Contains(err.Error(), tt.permanent) || !errors.As(err, &re) {
					t.Errorf("PostScheduled = %v, want a permanent error saying %q and wrapping Discord's", err, tt.permanent)
				}
			default:
				if err == nil || errors.Is(err, schedule.ErrPermanent) {
					t.Errorf("PostScheduled = %v, want an error to retry", err)
				}
			}
		})
	}
}

// TestScheduleStopped posts a brief to a channel that refuses it: the
// schedule stops, and /schedule status says why and what to do.
func TestScheduleStopped(t *testing.T) {
	t.Parallel()
	store := mustOpenStore(t, t.TempDir())
	ft := scheduletest.NewTimeSource(scheduleNow)
	b := newScheduleBot(t, discordtest.New(t), store, ft, func(c *Config) { c.DeferAfter = 30 * time.Second })
	b.send(t, mustReadEvent(t, "schedule_set"))
	b.fake.FailNext("POST", "/channels/{channel}/messages", discordtest.MissingPermissions())

	r := scheduletest.Start(t, ft, b.Scheduler().Run)
	r.Until(scheduleNow.Add(24 * time.Hour))
	r.Stop()
	s, err := store.Get(context.Background(), discordtest.DefaultGuildID)
	if err != nil || s.Enabled || !strings.Contains(s.DisabledReason, "Missing Permissions") {
		t.Fatalf("schedule after a refused post: enabled %v, reason %q, %v; want stopped for Missing Permissions", s.Enabled, s.DisabledReason, err)
	}
	e := mustReadEvent(t, "schedule_status")
	n := len(b.fake.Requests())
	b.send(t, e)
	golden(t, "schedule_status_stopped", renderRequests(b.since(n), ""))
	if msgs := b.fake.Messages(briefsChannel); len(msgs) != 0 {
		t.Errorf("%d messages in the channel, want none", len(msgs))
	}
}

// TestScheduleZoneChoices checks zone autocomplete: at most 25 names,
// each a zone that loads, the best match first.
func TestScheduleZoneChoices(t *testing.T) {
	t.Parallel()
	for _, typed := range []string{"", "kyiv", "new york", "europe", "zzz"} {
		b := newScheduleBot(t, discordtest.New(t), mustOpenStore(t, t.TempDir()), scheduletest.NewTimeSource(scheduleNow))
		e := mustReadEvent(t, "autocomplete_timezone")
		opts := e["data"].(map[string]any)["options"].([]any)[0].(map[string]any)["options"].([]any)
		opts[2].(map[string]any)["value"] = typed
		n := len(b.fake.Requests())
		b.send(t, e)
		cbs := callbacks(b.since(n))
		if len(cbs) != 1 {
			t.Fatalf("%q: %d callbacks, want 1", typed, len(cbs))
		}
		var body struct {
			Data struct {
				Choices []struct{ Name, Value string }
			}
		}
		raw, _ := json.Marshal(cbs[0].JSON)
		if err := json.Unmarshal(raw, &body); err != nil {
			t.Fatal(err)
		}
		got := body.Data.Choices
		if len(got) > maxChoices || typed != "zzz" && len(got) == 0 || typed == "zzz" && len(got) != 0 {
			t.Errorf("%q: %d choices", typed, len(got))
		}
		for _, c := range got {
			if _, err := schedule.LoadLocation(c.Value); err != nil || c.Name != c.Value {
				t.Errorf("%q: choice %+v does not load: %v", typed, c, err)
			}
		}
		want := map[string]string{"kyiv": "Europe/Kyiv", "new york": "America/New_York"}[typed]
		if want != "" && (len(got) == 0 || got[0].Value != want) {
			t.Errorf("%q: first choice %v, want %s", typed, got, want)
		}
	}
}
