package summarize

import (
	"sort"
	"time"

	"newsdesk/retrieval"
)

// A Brief is the news of one day: its stories, most important first.
type Brief struct {
	// Date is the day the brief covers, "2006-01-02" in the location it
	// was made for, or [Latest] for the edition of undated articles.
	Date string
	// Requested is the day that was asked for when it had no articles and
	// the brief covers another; empty otherwise.
	Requested string
	// Stories are at most [MaxStories] stories, each with quotes.
	Stories []Story
	// Also are the other stories of the day, most important first, with
	// their headlines and sources but no quotes.
	Also []Story
}

// Latest is the Date of the edition made of undated articles, such as the
// embedded seeds.
const Latest = "latest"

// MaxStories is the most stories a brief quotes; the rest are listed in
// Brief.Also.
const MaxStories = 10

// NewBrief returns the brief of the local day (in loc) that holds the
// instant day, made from the articles published that day. If none was,
// it covers the most recent earlier day that has articles, or failing
// that the most recent day of all, and says so in Requested. If no
// article is dated at all, or day is the zero time, it is the [Latest]
// edition of the undated articles (of the most recent day when every
// article is dated). No articles make an empty brief. A nil loc means
// UTC. NewBrief reads no clock; it is safe for concurrent use.
func NewBrief(articles []*retrieval.Article, day time.Time, loc *time.Location) Brief {
	if loc == nil {
		loc = time.UTC
	}
	byDay := map[string][]*retrieval.Article{}
	var undated []*retrieval.Article
	for _, a := range articles {
		if a == nil {
			continue
		}
		if !a.Dated() {
			undated = append(undated, a)
			continue
		}
		d := a.Published.In(loc).Format(time.DateOnly)
		byDay[d] = append(byDay[d], a)
	}
	days := make([]string, 0, len(byDay))
	for d := range byDay {
		days = append(days, d)
	}
	sort.Strings(days)
	b := Brief{}
	switch {
	case day.IsZero() && len(undated) > 0, len(days) == 0:
		b.Date = Latest
		articles = undated
	case day.IsZero():
		b.Date = days[len(days)-1]
		articles = byDay[b.Date]
	default:
		want := day.In(loc).Format(time.DateOnly)
		b.Date = days[len(days)-1]
		if i := sort.SearchStrings(days, want); i < len(days) && days[i] == want {
			b.Date = want
		} else if i > 0 {
			b.Date = days[i-1]
		}
		if b.Date != want {
			b.Requested = want
		}
		articles = byDay[b.Date]
	}
	stories := newStories(articles, MaxStories)
	if len(stories) > MaxStories {
		b.Stories, b.Also = stories[:MaxStories], stories[MaxStories:]
	} else {
		b.Stories = stories
	}
	return b
}
