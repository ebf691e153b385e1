package bot

import (
	"sync"
	"time"
)

// limiter allows each user at most n questions in any window, a sliding
// log per user. It is safe for concurrent use.
type limiter struct {
	n      int
	window time.Duration
	mu     sync.Mutex
	seen   map[string][]time.Time
}

func newLimiter(n int, window time.Duration) *limiter {
	return &limiter{n: n, window: window, seen: make(map[string][]time.Time)}
}

// allow records a question by user at now and reports whether it is within
// the limit; when it is not, it also returns how long until it would be.
func (l *limiter) allow(user string, now time.Time) (bool, time.Duration) {
	if l == nil || l.n <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	times := l.seen[user]
	cut := 0
	for cut < len(times) && now.Sub(times[cut]) >= l.window {
		cut++
	}
	times = times[cut:]
	if len(times) >= l.n {
		l.seen[user] = times
		return false, l.window - now.Sub(times[0])
	}
	l.seen[user] = append(times, now)
	if len(l.seen) > 10000 {
		l.prune(now)
	}
	return true, 0
}

// prune forgets users with no question inside the window.
func (l *limiter) prune(now time.Time) {
	for u, times := range l.seen {
		if len(times) == 0 || now.Sub(times[len(times)-1]) >= l.window {
			delete(l.seen, u)
		}
	}
}
