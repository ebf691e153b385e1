package retrieval

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	_ "unsafe" // for go:linkname
)

// A search over many sentences shares its work with an assistant: one
// goroutine, for the whole process, that runs on a second processor the
// half of the first pass (accumulate.go) and the share of the second pass
// that the search hands it. The search never waits for the assistant to
// start: it offers a task, does its own part, and then takes the task
// back if the assistant has not begun it, or waits for the assistant to
// finish it if it has. Either way it gets the same sentences and scores
// (TestAssisted). Sharing a search between two threads exposes it to the
// stalls of both: most of the slowest 1% of BBC searches are searches
// whose thread, or the assistant's, lost its processor for a while.
//
// Waking a parked goroutine takes tens of microseconds here, as long as a
// BBC search's half: measured on this machine, a goroutine started when a
// search split in two began its half in time in only 15% of searches, 24
// µs late on average. So the assistant polls for a task for assistSpin
// after its last one, as OpenMP runtimes spin before they sleep, and then
// naps, longer and longer up to a millisecond, until searches come again
// (noteSearch); after a second without one it sleeps until a search ends
// (searchDone). While questions come one after another it takes nearly
// every offer; a lone question runs alone, as before the assistant; an
// idle bot does not run it at all.

// minAssisted is the fewest sentences in a search's range for which it
// offers work to the assistant. On fewer (the seeds, WikiQA's 5,961), a
// whole search takes a few microseconds, less than handing work over.
var minAssisted uint32 = 32_768

// assistSpin is how long the assistant polls for a task after its last
// one before it naps.
var assistSpin = 200 * time.Microsecond

// A task is work offered to the assistant.
type task struct {
	run  func(sc *scratch) // with the scratch of whoever runs it
	done atomic.Bool       // set when the assistant has run it
}

type assistant struct {
	start    sync.Once
	slot     atomic.Pointer[task] // the task on offer
	awake    atomic.Bool          // polling the slot, so that an offer is taken
	last     atomic.Int64         // when the last search that may share began, in ns from base
	base     time.Time
	sleeping atomic.Bool // asleep until a search ends (searchDone)
	wake     chan struct{}
}

var helper assistant

// assists reports whether a search of [lo, hi) shares its work: one that
// accumulates (maxAccumulated sentences at most). A larger one runs WAND
// on every processor in goroutines of its own (wordMatchesParallel), which
// a polling assistant would keep from the second processor: the Go
// scheduler hands a processor that yields the yielding goroutine back
// before it takes work queued on another.
func assists(lo, hi uint32) bool {
	return hi-lo >= minAssisted && int(hi-lo) <= maxAccumulated && runtime.GOMAXPROCS(0) > 1
}

// When searches stop, the assistant naps from minNap to maxNap, doubling,
// until one has begun in the last recentSearch; after idleSearch without
// one, it sleeps until a search ends.
const (
	minNap       = 50 * time.Microsecond
	maxNap       = time.Millisecond
	recentSearch = 5 * time.Millisecond
	idleSearch   = time.Second
)

// noteSearch starts the assistant if need be and notes that a search that
// may share its work begins. It does not wake the assistant: the system
// ran the woken thread on the waker's processor, and the search waited for
// the 200 µs the assistant then polled (with questions 300 µs apart, when
// searches woke it, the median 8–10-word search took 0.55 ms, against
// 0.16 ms alone).
func (a *assistant) noteSearch() {
	a.start.Do(func() {
		a.base = time.Now()
		a.wake = make(chan struct{}, 1)
		go a.loop()
	})
	a.last.Store(int64(a.since()))
}

// searchDone wakes the assistant if it sleeps: the search is over, so
// that the next one, if it comes soon, has it polling.
func (a *assistant) searchDone() {
	if a.sleeping.Load() {
		select {
		case a.wake <- struct{}{}:
		default:
		}
	}
}

// since returns the time since the assistant started.
func (a *assistant) since() time.Duration { return time.Since(a.base) }

// idle returns the time since the last search that may share began.
func (a *assistant) idle() time.Duration { return a.since() - time.Duration(a.last.Load()) }

func (a *assistant) loop() {
	sc := new(scratch)
	for {
		a.awake.Store(true)
		idle := time.Now()
		for i := 0; ; i++ {
			// Read before swapping, so that the slot's cache line stays
			// shared until a search writes it.
			if a.slot.Load() != nil {
				if t := a.slot.Swap(nil); t != nil {
					t.run(sc)
					t.done.Store(true)
					idle = time.Now()
					continue
				}
			}
			if i%spinYield == spinYield-1 && time.Since(idle) > assistSpin {
				break
			}
			spin(i)
		}
		// Searches have stopped: nap until they come again, longer each
		// time. A task offered just before this is taken back by its
		// search (settle).
		a.awake.Store(false)
		for nap := minNap; ; nap = min(2*nap, maxNap) {
			if a.idle() > idleSearch {
				// A search stores last before it reads sleeping, and this
				// reads last after it sets sleeping: one of the two sees the
				// other, so no search ends without waking it.
				a.sleeping.Store(true)
				if a.idle() > idleSearch {
					<-a.wake
				}
				a.sleeping.Store(false)
				break
			}
			time.Sleep(nap)
			if a.idle() < recentSearch {
				break
			}
		}
	}
}

// offer puts t on offer, if the assistant is polling and no other
// search's task is on offer, and reports whether it did.
func (a *assistant) offer(t *task) bool {
	return a.awake.Load() && a.slot.CompareAndSwap(nil, t)
}

// settle makes sure t has run once offer put it on offer: by running it
// with sc if the assistant has not taken it, else by waiting until the
// assistant has run it.
func (a *assistant) settle(t *task, sc *scratch) {
	if a.slot.CompareAndSwap(t, nil) {
		t.run(sc)
		return
	}
	for i := 0; !t.done.Load(); i++ {
		spin(i)
	}
}

// spin is one turn of a loop that waits for the other thread: a pause,
// the processor's spin-wait hint (PAUSE on amd64, about 25 ns here), and
// on every spinYield-th turn a yield to the Go scheduler, so that other
// goroutines ready on this processor run. The pause leaves the core to
// the other thread when the two share one: polling by yielding on every
// turn, as before, ran the scheduler's code 12 million times a second
// beside the search. On BBC, against yielding, 3–10 words, runs
// alternating: in a quiet spell the median −2.7% and p99 −4.6%
// (benchstat, n=20, p≤0.011); over twenty minutes with slow spells
// (retrieval/PERFORMANCE.md), the median −2.2% and the median p99 the
// same, but 10 runs of 132 with a p99 over 100 µs against 22 of 133.
func spin(i int) {
	if i%spinYield == spinYield-1 {
		runtime.Gosched()
		return
	}
	procyield(1)
}

// spinYield is how many turns of spin make one yield: about 7 µs.
const spinYield = 256

// procyield runs the processor's spin-wait hint cycles times. The Go
// runtime keeps it for linkname (go.dev/issue/67401), as its own spinning
// locks use it.
//
//go:linkname procyield runtime.procyield
func procyield(cycles uint32)

// accumulateAssisted is accumulate over [lo, hi), lo a multiple of 64,
// with the second half offered to the assistant. Each half keeps its own
// n best; the n best of both are the n best of the whole, with the same
// scores, since a sentence's score does not depend on the others.
func (ix *Index) accumulateAssisted(q *query, p *Params, titles []titleMatch, lo, hi uint32, approx bool, top *topN, sc *scratch) {
	mid := ix.middle(q, approx, lo, hi)
	if mid == lo {
		ix.accumulate(q, p, titles, lo, hi, approx, top, sc)
		return
	}
	var half []cand
	t := &task{run: func(hsc *scratch) {
		ht := newTopN(sc.half[:0], top.n) // the search's storage, which it reads only once t has run
		ix.accumulate(q, p, titles, mid, hi, approx, &ht, hsc)
		half = ht.c
	}}
	offered := helper.offer(t)
	ix.accumulate(q, p, titles, lo, mid, approx, top, sc)
	if offered {
		helper.settle(t, sc)
	} else {
		t.run(sc)
	}
	sc.half = half
	for _, c := range half {
		top.push(c)
	}
}

// middle returns where to cut [lo, hi) so that both halves read about
// as many postings, a multiple of 64 apart from lo so that both read
// bitmaps 64 sentences at a time, or lo if it cannot be cut. Articles
// come grouped by subject and so do a question's words, so that halves of
// equal sentences can differ fourfold in work. Each block of the lists
// the first pass reads counts once at the middle of the sentences it
// spans, twice for a proposing word, whose sentences the scan reads too,
// in a histogram of 256 parts of the range. On the BBC articles, the
// larger half does 53% of the reading, where cutting the sentences in
// two gave it 61% (TestMiddle).
func (ix *Index) middle(q *query, approx bool, lo, hi uint32) uint32 {
	const parts = 256
	var hist [parts]int
	total := 0
	width := (hi - lo + parts - 1) / parts
	propose, probe, _ := ix.roles(q, approx)
	for i, qw := range q.words {
		if probe&(1<<i) != 0 {
			continue // read from bitmaps
		}
		weight := 1
		if propose&(1<<i) != 0 {
			weight = 2
		}
		for _, t := range qw.terms {
			from := lo
			for _, b := range ix.post.blocks[ix.post.start[t.id]:ix.post.start[t.id+1]] {
				at := from/2 + b.last/2
				from = b.last
				if at >= lo && at < hi {
					hist[(at-lo)/width] += weight
					total += weight
				}
			}
		}
	}
	mid := lo + (hi-lo)/2
	if total > 0 {
		sum := 0
		for i, n := range hist {
			if sum += n; 2*sum >= total {
				mid = lo + uint32(i+1)*width
				break
			}
		}
	}
	mid = lo + (mid-lo)&^63
	if mid >= hi {
		return lo
	}
	return mid
}

// shared runs f(i) for every i in [0, n), each i taken in turn by the
// search or the assistant, with the scratch of whoever takes it.
func shared(n int, sc *scratch, f func(i int, sc *scratch)) {
	var next atomic.Int32
	work := func(sc *scratch) {
		for {
			i := int(next.Add(1)) - 1
			if i >= n {
				return
			}
			f(i, sc)
		}
	}
	t := &task{run: work}
	offered := helper.offer(t)
	work(sc)
	if offered {
		helper.settle(t, sc)
	}
}
