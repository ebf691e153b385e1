package feeds

import (
	"slices"
	"sync"
	"time"
)

// A Progress is how far a poll has got, for a progress line.
type Progress struct {
	Feeds, FeedsDone     int // feeds to poll, and polled
	Items                int // feed items handled so far
	New, Updated, Failed int
}

// A Count is what one poll did with the feeds of one site.
type Count struct {
	New         int // articles saved for the first time
	Updated     int // articles rewritten because the item changed
	Unchanged   int // items already saved, or changed in the feed but not in text
	Duplicate   int // items whose text was already saved under another URL
	Failed      int // feeds and items that failed; they are tried again on the next poll
	NotModified int // feeds that answered 304 Not Modified
}

func (c *Count) add(o Count) {
	c.New += o.New
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
	c.Duplicate += o.Duplicate
	c.Failed += o.Failed
	c.NotModified += o.NotModified
}

// A Report is the outcome of one poll.
type Report struct {
	Sites  map[string]Count // by the feed's host, without "www."
	Errors []error          // every failure, in no particular order
	Took   time.Duration

	mu sync.Mutex
}

// Total adds up the counts of every site.
func (r *Report) Total() Count {
	var t Count
	for _, c := range r.Sites {
		t.add(c)
	}
	return t
}

// SiteNames returns the sites of the report in order.
func (r *Report) SiteNames() []string {
	names := make([]string, 0, len(r.Sites))
	for s := range r.Sites {
		names = append(names, s)
	}
	slices.Sort(names)
	return names
}

func (r *Report) add(site string, c Count, errs []error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	sc := r.Sites[site]
	sc.add(c)
	r.Sites[site] = sc
	r.Errors = append(r.Errors, errs...)
}
