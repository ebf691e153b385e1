package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"
)

// A PostFunc posts the daily brief for day, the local date, to a channel.
// day is the first instant of that date in the schedule's zone, so
// day.Date() is the date and day.Location() the zone. Return nil once the
// brief is posted. Return an error only when nothing reached the channel:
// a failed post is retried, so an error after part of a brief went out
// would repeat that part. Wrap [ErrPermanent] (or use [Permanent]) when
// retrying cannot help, such as Discord's 403 Missing Access or 404
// Unknown Channel: the schedule is disabled with the error as the reason.
type PostFunc func(ctx context.Context, guildID, channelID string, day time.Time) error

// ErrPermanent marks a post that failed for good; see [PostFunc].
var ErrPermanent = errors.New("permanent failure")

// Permanent returns err marked as permanent: errors.Is(err, ErrPermanent)
// holds, and its message is err's alone, to show admins as the reason the
// schedule stopped. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

type permanent struct{ err error }

func (p permanent) Error() string   { return p.err.Error() }
func (p permanent) Unwrap() []error { return []error{p.err, ErrPermanent} }

// Options tunes a [Scheduler]. The zero Options is the default for every
// field.
type Options struct {
	// Grace is how late a brief may still be posted, after downtime or
	// failed posts: a brief due at 07:00 is posted until 13:00 with the
	// default 6h, and skipped (logged, and shown by Status) after.
	Grace time.Duration
	// RetryMin and RetryMax bound the wait before retrying a failed post:
	// RetryMin after the first failure, doubling each time up to RetryMax.
	// Defaults 1m and 30m.
	RetryMin, RetryMax time.Duration
	// MaxSleep is the longest the scheduler sleeps before looking at the
	// schedules again, which bounds how late a post can be after the host
	// was suspended or its clock stepped. Default 5m.
	MaxSleep time.Duration
	// PostTimeout bounds one call of the PostFunc. Default 2m.
	PostTimeout time.Duration
	// Time is the clock; default the system's.
	Time TimeSource
	// Logger receives a line for each post, failure, skip and disable;
	// default slog.Default().
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.Grace, 6*time.Hour)
	def(&o.RetryMin, time.Minute)
	def(&o.RetryMax, 30*time.Minute)
	def(&o.MaxSleep, 5*time.Minute)
	def(&o.PostTimeout, 2*time.Minute)
	o.RetryMax = max(o.RetryMax, o.RetryMin)
	if o.Time == nil {
		o.Time = systemTime{}
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// A Scheduler posts each enabled schedule's brief once per local day. Its
// methods are safe for concurrent use; call [Scheduler.Run] once.
type Scheduler struct {
	store *Store
	post  PostFunc
	opt   Options
	log   *slog.Logger
	wake  chan struct{}
}

// New returns a scheduler that posts with post the briefs of the
// schedules in store. It does nothing until [Scheduler.Run].
func New(store *Store, post PostFunc, opts Options) *Scheduler {
	opts = opts.withDefaults()
	return &Scheduler{
		store: store,
		post:  post,
		opt:   opts,
		log:   opts.Logger,
		wake:  make(chan struct{}, 1),
	}
}

// Wake makes a running scheduler read the schedules again now; call it
// after changing them through the [Store]. It never blocks.
func (sc *Scheduler) Wake() {
	select {
	case sc.wake <- struct{}{}:
	default:
	}
}

// Set creates or replaces a guild's schedule as [Store.Set] does, at the
// scheduler's current time, and wakes the scheduler.
func (sc *Scheduler) Set(ctx context.Context, s Schedule) (Schedule, error) {
	out, err := sc.store.Set(ctx, s, sc.opt.Time.Now())
	if err == nil {
		sc.Wake()
	}
	return out, err
}

// Remove deletes a guild's schedule, or returns [ErrNotFound], and wakes
// the scheduler. A post already under way finishes.
func (sc *Scheduler) Remove(ctx context.Context, guildID string) error {
	err := sc.store.Delete(ctx, guildID)
	if err == nil {
		sc.Wake()
	}
	return err
}

// Run posts briefs as they fall due until ctx is cancelled, then returns
// nil. It first settles any post a crash interrupted (see the package
// documentation), posts briefs missed by less than the grace period, and
// logs and skips older ones. When ctx is cancelled during a post, the
// post finishes (within PostTimeout) and is recorded before Run returns.
// A database error is logged and retried after RetryMin.
func (sc *Scheduler) Run(ctx context.Context) error {
	for {
		next, err := sc.tick(ctx)
		if ctx.Err() != nil {
			return nil
		}
		now := sc.opt.Time.Now()
		if err != nil {
			sc.log.Error("schedule: read schedules", "err", err)
			next = now.Add(sc.opt.RetryMin)
		}
		d := min(next.Sub(now), sc.opt.MaxSleep)
		if d <= 0 {
			continue
		}
		c, stop := sc.opt.Time.Timer(d)
		select {
		case <-ctx.Done():
			stop()
			return nil
		case <-sc.wake:
			stop()
		case <-c:
		}
	}
}

// tick does what every schedule needs now and returns when to look
// again: now, if it did anything, so that the next look sees the result.
func (sc *Scheduler) tick(ctx context.Context) (time.Time, error) {
	list, err := sc.store.List(ctx)
	if err != nil {
		return time.Time{}, err
	}
	now := sc.opt.Time.Now()
	next := now.Add(sc.opt.MaxSleep)
	for _, s := range list {
		if ctx.Err() != nil {
			break
		}
		if !s.Enabled {
			continue
		}
		at, err := sc.handle(ctx, s, now)
		if err != nil && ctx.Err() == nil {
			sc.log.Error("schedule: update", "guild", s.GuildID, "err", err)
			at = now.Add(sc.opt.RetryMin)
		}
		next = minTime(next, at)
	}
	return next, nil
}

// handle does what one enabled schedule needs at now and returns when it
// needs a look again.
func (sc *Scheduler) handle(ctx context.Context, s Schedule, now time.Time) (time.Time, error) {
	if s.attempt != "" {
		// Posts run one at a time inside tick, so a claim seen here is
		// left from a process that stopped mid-post.
		msg := fmt.Sprintf("the brief for %s may not have been posted: Newsdesk was interrupted while posting it, and does not retry so as never to post a brief twice", s.attempt)
		sc.log.Warn("schedule: post interrupted, not retried", "guild", s.GuildID, "date", s.attempt, "started", s.attemptedAt)
		return now, sc.store.settle(ctx, s.GuildID, s.attempt, msg, now)
	}
	loc, err := LoadLocation(s.Zone)
	if err != nil {
		sc.log.Warn("schedule: disabled", "guild", s.GuildID, "err", err)
		return now, sc.store.disable(ctx, s.GuildID, err.Error(), now)
	}
	p := planFor(s, loc, now, sc.opt.Grace)
	if p.act != wait {
		sc.logGap(s, p.day)
	}
	switch p.act {
	case due:
		return now, sc.deliver(ctx, s, loc, p)
	case missed:
		late := now.Sub(p.occ).Round(time.Minute)
		day := p.day.Format(dateLayout)
		msg := fmt.Sprintf("skipped the brief for %s: it was due at %s and Newsdesk could not post it within the %v grace period (%v late)",
			day, p.occ.In(loc).Format("15:04 MST"), sc.opt.Grace, late)
		sc.log.Warn("schedule: skipped a brief past the grace period", "guild", s.GuildID, "date", day,
			"due", p.occ, "late", late, "grace", sc.opt.Grace, "last_posted", s.LastPostedDate)
		return now, sc.store.settle(ctx, s.GuildID, day, msg, now)
	}
	return p.at, nil
}

// logGap logs the dates between the last one settled and day, which
// passed while Newsdesk was not running: they are skipped without a
// trace in the database, since last_error describes day.
func (sc *Scheduler) logGap(s Schedule, day time.Time) {
	last, ok := parseDate(s.settled)
	if !ok {
		return
	}
	from, to := last.AddDate(0, 0, 1), day.AddDate(0, 0, -1)
	if from.After(to) {
		return
	}
	sc.log.Warn("schedule: skipped briefs while Newsdesk was not running", "guild", s.GuildID,
		"from", from.Format(dateLayout), "to", to.Format(dateLayout), "last_posted", s.LastPostedDate)
}

// deliver claims, posts and records the brief p says is due. The post and
// the writes after it run even if ctx is cancelled meanwhile, so that a
// shutdown does not look like a crash.
func (sc *Scheduler) deliver(ctx context.Context, s Schedule, loc *time.Location, p plan) error {
	day := p.day.Format(dateLayout)
	ok, err := sc.store.claim(ctx, s, day, sc.opt.Time.Now())
	if err != nil || !ok {
		return err
	}
	ctx = context.WithoutCancel(ctx)
	pctx, cancel := context.WithTimeout(ctx, sc.opt.PostTimeout)
	err = sc.call(pctx, s, localDate(p.day, loc))
	cancel()
	now := sc.opt.Time.Now()
	log := sc.log.With("guild", s.GuildID, "channel", s.ChannelID, "date", day)
	switch {
	case err == nil:
		log.Info("schedule: posted the daily brief", "late", now.Sub(p.occ))
		return sc.store.posted(ctx, s.GuildID, day, now)
	case errors.Is(err, ErrPermanent):
		log.Warn("schedule: disabled", "err", err)
		return sc.store.disable(ctx, s.GuildID, err.Error(), now)
	case errors.Is(err, errPanic):
		// Part of the brief may have gone out: treat it as a crash.
		msg := fmt.Sprintf("the brief for %s may not have been posted: posting it failed unexpectedly (%v), and Newsdesk does not retry so as never to post a brief twice", day, err)
		return sc.store.settle(ctx, s.GuildID, day, msg, now)
	}
	n := p.attempts + 1
	retry := now.Add(sc.backoff(n))
	if !retry.Before(p.end) {
		msg := fmt.Sprintf("gave up on the brief for %s after %d failed posts: %v", day, n, err)
		log.Warn("schedule: gave up on a brief", "attempts", n, "err", err)
		return sc.store.settle(ctx, s.GuildID, day, msg, now)
	}
	log.Warn("schedule: post failed, will retry", "attempts", n, "retry", retry, "err", err)
	return sc.store.failed(ctx, s.GuildID, n, retry, fmt.Sprintf("brief for %s: %v", day, err), now)
}

// errPanic marks a PostFunc that panicked.
var errPanic = errors.New("panic")

// call calls the PostFunc and turns a panic in it into an error wrapping
// errPanic, logged with its stack, so that one bad brief does not take
// the bot down.
func (sc *Scheduler) call(ctx context.Context, s Schedule, day time.Time) (err error) {
	defer func() {
		if r := recover(); r != nil {
			sc.log.Error("schedule: PostFunc panicked", "guild", s.GuildID, "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("%w: %v", errPanic, r)
		}
	}()
	return sc.post(ctx, s.GuildID, s.ChannelID, day)
}

// backoff is the wait after the nth failed post in a row: RetryMin,
// doubling, capped at RetryMax.
func (sc *Scheduler) backoff(n int) time.Duration {
	d := sc.opt.RetryMin
	for i := 1; i < n && d < sc.opt.RetryMax; i++ {
		d *= 2
	}
	return min(d, sc.opt.RetryMax)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
