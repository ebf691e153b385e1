// Package schedule posts each Discord server's daily brief at a local time
// of the admins' choosing, and keeps the schedules in SQLite so that they
// survive restarts and crashes. It knows nothing of Discord: the bot
// validates input with [ParseClock], [LoadLocation] and [ZoneNames], stores
// schedules through a [Scheduler], and gives it a [PostFunc] that posts.
//
// # Days
//
// A schedule posts once per local date, at its [Clock] in its time zone;
// [NextRun] says how daylight-saving gaps and repeats are handled. The
// brief for a date may be posted from its time until Options.Grace later
// (6h by default): a brief missed while Newsdesk was down is posted on
// start if it is less late than that, and skipped and logged otherwise.
// A failed post is retried after 1m, 2m, 4m … up to 30m, within the same
// window; a post that fails with [ErrPermanent] (the channel is gone, or
// the bot may not post there) disables the schedule, and [Status] says
// why. Setting the schedule again enables it.
//
// # Crashes: at most once
//
// A brief posted twice is noise in front of the whole server; a brief
// missed is one line in /schedule status, and anyone can run /brief.
// Discord's own guard against repeats (a message nonce with enforce_nonce)
// lasts only a few minutes, and a restart can take longer. So the
// scheduler posts each day's brief at most once:
//
//  1. it commits a claim for the date (attempt_date) before calling the
//     PostFunc;
//  2. it records the outcome after the PostFunc returns: posted
//     (settled_date and last_posted_date become the date), failed (retry
//     later), or disabled;
//  3. a claim found with no post under way is left from a process that
//     stopped between steps 1 and 2. The post may or may not have reached
//     Discord, so the date is settled without posting, and last_error
//     says so.
//
// A crash therefore costs at most that one day's brief, and only when it
// falls within the second or so a post takes. A clean shutdown is not a
// crash: [Scheduler.Run] lets the post under way finish and records it.
//
// # Storage
//
// [Open] keeps everything in one SQLite file, newsdesk.db, in the data
// directory, in WAL mode, with commits synced to disk. Its schema
// version is SQLite's user_version; Open applies newer migrations and
// refuses a file from a newer Newsdesk. One process should run a
// Scheduler on a file at a time.
package schedule
