package retrieval

import (
	"fmt"
	"io/fs"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"

	"newsdesk/seeds"
)

// withAssist runs f with searches of at least min sentences assisted.
func withAssist(min uint32, f func()) {
	defer func(n uint32) { minAssisted = n }(minAssisted)
	minAssisted = min
	f()
}

// assistIndexes returns the corpora the assistant is tested on: the seeds,
// talks and wire (assisted whatever their size), and the BBC articles
// unless -short or missing.
func assistIndexes(t *testing.T) map[string]*Index {
	t.Helper()
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("the assistant needs two processors")
	}
	indexes := firstPassIndexes(t)
	delete(indexes, "seeds, dense")
	indexes["seeds ×20"] = newCopiesIndex(t, 20)
	return indexes
}

// newCopiesIndex indexes n copies of the seed articles, each under its
// own names: enough sentences for middle to cut a search in two, with no
// data from outside the repository.
func newCopiesIndex(t *testing.T, n int) *Index {
	t.Helper()
	files := map[string]string{}
	entries, err := fs.ReadDir(seeds.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(seeds.FS, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			files[fmt.Sprintf("%02d-%s", i, e.Name())] = string(data)
		}
	}
	return newTestIndex(t, files)
}

// assistFixture skips t without two processors, and returns twenty
// copies of the seeds, n questions on them and what each finds alone.
func assistFixture(t *testing.T, n int) (*Index, []string, [][]Hit) {
	t.Helper()
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("the assistant needs two processors")
	}
	ix := newCopiesIndex(t, 20)
	questions := testQuestions(ix, n)
	return ix, questions, alone(ix, questions)
}

// findsAsAlone fails t unless each question finds what it found alone.
func findsAsAlone(t *testing.T, ix *Index, questions []string, want [][]Hit, how string) {
	t.Helper()
	for i, q := range questions {
		if got := ix.Search(q, SearchOptions{K: 16}); !reflect.DeepEqual(got, want[i]) {
			t.Fatalf("%s: %q finds\n%v\nalone\n%v", how, q, got, want[i])
		}
	}
}

// alone returns what ix.Search gives for each question with no assistant.
func alone(ix *Index, questions []string) [][]Hit {
	var out [][]Hit
	withAssist(^uint32(0), func() {
		for _, q := range questions {
			out = append(out, ix.Search(q, SearchOptions{K: 16}))
		}
	})
	return out
}

// TestAssisted checks that a search sharing its work with the assistant
// finds the same sentences with the same scores and features as one
// alone, whoever runs which part.
func TestAssisted(t *testing.T) {
	for name, ix := range assistIndexes(t) {
		questions := testQuestions(ix, 200)
		want := alone(ix, questions)
		withAssist(0, func() { findsAsAlone(t, ix, questions, want, name+", assisted") })
	}
}

// TestAssistedConcurrent runs assisted searches from several goroutines
// at once: one task is on offer at a time, so most searches run some of
// their parts alone, and all must find what they find alone.
func TestAssistedConcurrent(t *testing.T) {
	for name, ix := range assistIndexes(t) {
		questions := testQuestions(ix, 100)
		want := alone(ix, questions)
		withAssist(0, func() {
			var wg sync.WaitGroup
			for g := range 4 {
				wg.Go(func() {
					for i := range questions {
						i = (i + g*25) % len(questions)
						if got := ix.Search(questions[i], SearchOptions{K: 16}); !reflect.DeepEqual(got, want[i]) {
							t.Errorf("%s: %q found otherwise in goroutine %d", name, questions[i], g)
							return
						}
					}
				})
			}
			wg.Wait()
		})
	}
}

// wakeAssistant starts the assistant and waits until it polls for work.
func wakeAssistant(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !helper.awake.Load() {
		if time.Now().After(deadline) {
			t.Fatal("the assistant did not wake within 5 s of a search")
		}
		helper.noteSearch()
		time.Sleep(minNap)
	}
}

// TestAssistantBusy holds the assistant in a task of its own, so that the
// searches' offers are never taken (they run every part alone), then
// fills the slot, so that they cannot offer at all.
func TestAssistantBusy(t *testing.T) {
	ix, questions, want := assistFixture(t, 50)
	check := func(how string) { findsAsAlone(t, ix, questions, want, how) }
	withAssist(0, func() {
		release := make(chan struct{})
		hold := &task{run: func(*scratch) { <-release }}
		for !helper.offer(hold) {
			wakeAssistant(t)
		}
		for helper.slot.Load() == hold {
			runtime.Gosched() // until the assistant takes it
		}
		check("assistant busy")
		blocker := &task{run: func(*scratch) {}}
		if !helper.slot.CompareAndSwap(nil, blocker) {
			t.Fatal("the slot was not free")
		}
		check("slot taken")
		close(release)
		for !hold.done.Load() || helper.slot.Load() != nil {
			runtime.Gosched() // the assistant runs the blocker next
		}
		check("assistant free")
	})
}

// TestAssistantNaps checks that the assistant stops polling once no
// search has begun for a while, that searches then run alone and find
// what they find alone, and that it polls again while they keep coming.
func TestAssistantNaps(t *testing.T) {
	ix, questions, want := assistFixture(t, 20)
	withAssist(0, func() {
		wakeAssistant(t)
		for round := range 3 {
			deadline := time.Now().Add(5 * time.Second)
			for helper.awake.Load() {
				if time.Now().After(deadline) {
					t.Fatalf("round %d: the assistant still polls 5 s after the last search", round)
				}
				time.Sleep(recentSearch)
			}
			deadline = time.Now().Add(5 * time.Second)
			for woke := false; !woke; {
				if time.Now().After(deadline) {
					t.Fatalf("round %d: the assistant did not wake within 5 s of searches", round)
				}
				findsAsAlone(t, ix, questions, want, fmt.Sprintf("round %d", round))
				woke = helper.awake.Load()
			}
		}
	})
}

// halfWork returns what the first pass reads of q's lists in [lo, hi):
// a posting of a word read from its lists counts once, twice for a
// proposing word, as middle weighs them.
func halfWork(ix *Index, q *query, lo, hi uint32) int {
	propose, probe, _ := ix.roles(q, hi-lo >= minApproximate)
	n := 0
	var c cursor
	for i, qw := range q.words {
		if probe&(1<<i) != 0 {
			continue
		}
		weight := 1
		if propose&(1<<i) != 0 {
			weight = 2
		}
		for _, t := range qw.terms {
			c.reset(&ix.post, t.id)
			for c.seek(lo); c.doc < hi; c.next() {
				n += weight
			}
		}
	}
	return n
}

// TestMiddle checks where middle cuts a search: a multiple of 64 from its
// start, inside the range, and, on the BBC articles, so that the larger
// half reads at most 56% of the postings.
func TestMiddle(t *testing.T) {
	indexes := firstPassIndexes(t)
	indexes["seeds ×20"] = newCopiesIndex(t, 20)
	for name, ix := range indexes {
		larger, whole, cut := 0, 0, 0
		for _, question := range testQuestions(ix, 300) {
			q := ix.parseQuery(question, &DefaultParams)
			if q.specific == 0 {
				continue
			}
			lo, hi := uint32(0), uint32(ix.Len())
			approx := hi-lo >= minApproximate
			mid := ix.middle(&q, approx, lo, hi)
			if mid == lo {
				continue
			}
			if mid%64 != 0 || mid >= hi {
				t.Fatalf("%s: %q: middle of [%d, %d) is %d", name, question, lo, hi, mid)
			}
			a, b := halfWork(ix, &q, lo, mid), halfWork(ix, &q, mid, hi)
			larger += max(a, b)
			whole += a + b
			cut++
		}
		if cut == 0 {
			t.Logf("%s: %d sentences, no search cut", name, ix.Len())
			continue
		}
		share := float64(larger) / float64(whole)
		t.Logf("%s: %d searches cut; the larger half reads %.3f of the postings", name, cut, share)
		if name == "bbc" && share > 0.56 {
			t.Errorf("%s: the larger half reads %.3f of the postings, want ≤ 0.56", name, share)
		}
	}
}
