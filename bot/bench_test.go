package bot

import (
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"newsdesk/bot/discordtest"
	"newsdesk/retrieval"
	"newsdesk/seeds"
)

// bbcDir holds the 2,225 BBC News Summary articles, one folder per
// category; benchmarks on them skip when it is absent.
const bbcDir = "../../shared/data/bbc-news-summary/articles"

// BenchmarkInteraction measures what a Discord user waits for: the time
// from the fake dispatching INTERACTION_CREATE for /ask on the gateway to
// the bot's callback being recorded by the fake, through discordgo's
// WebSocket and HTTP clients on loopback. It reports the median and the
// 99th percentile (p50-ms, p99-ms) besides the mean (ns/op).
//
//	go test ./bot -run '^$' -bench Interaction -benchtime 2000x
func BenchmarkInteraction(b *testing.B) {
	b.Run("seeds", func(b *testing.B) {
		articles, err := retrieval.Load(seeds.FS)
		if err != nil {
			b.Fatal(err)
		}
		benchInteraction(b, mustIndex(b, articles), []string{
			"Who is leading the talks in Miami?",
			"What did Rubio say about forcing a deal on Ukraine?",
			"What security guarantees would the US offer?",
			"Who won the World Cup?",
		})
	})
	b.Run("bbc", func(b *testing.B) {
		if _, err := os.Stat(bbcDir); err != nil {
			b.Skipf("no BBC articles: %v", err)
		}
		articles, err := retrieval.Load(os.DirFS(bbcDir))
		if len(articles) == 0 {
			b.Fatalf("load %s: %v", bbcDir, err) // a file that is not UTF-8 is skipped
		}
		benchInteraction(b, mustIndex(b, articles), []string{
			"What did the chancellor say about the economy?",
			"Why did oil prices rise?",
			"Who won the best actor Oscar?",
			"What did the prime minister say about the election?",
			"How much did Time Warner's profits rise?",
			"Who won the World Cup?",
		})
	})
}

func mustIndex(tb testing.TB, articles []*retrieval.Article) *retrieval.Index {
	tb.Helper()
	ix, err := retrieval.NewIndex(articles)
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

func benchInteraction(b *testing.B, ix *retrieval.Index, questions []string) {
	fake := discordtest.New(b)
	arrived := make(chan string, 64)
	bot := newTestBotOn(b, fake, func(c *Config) {
		c.Index = func() *retrieval.Index { return ix }
		c.RateLimit = -1
		c.HTTP = &http.Client{Transport: &callbackSignal{next: http.DefaultTransport, ids: arrived}}
	})
	// Plain-text dispatches: the fake compresses each one with a new zlib
	// writer, over 1 MB of allocation per event (85% of this benchmark's),
	// which would show as the garbage collector's pauses in the bot's p99.
	bot.s.Compress = false
	openTestBot(b, bot)
	var lat []time.Duration
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		e := askAs(fmt.Sprintf("11870000000020%05d", n%100000), questions[n%len(questions)])
		n++
		start := time.Now()
		i := fake.SendInteraction(e)
		for id := range arrived {
			if id == i.ID {
				break
			}
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(float64(len(ix.Articles())), "articles")
}

// A callbackSignal sends the interaction ID of every callback whose
// answer has arrived: by then the fake has recorded it.
type callbackSignal struct {
	next http.RoundTripper
	ids  chan<- string
}

func (t *callbackSignal) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	// /api/v9/interactions/{id}/{token}/callback
	if parts := strings.Split(req.URL.Path, "/"); len(parts) == 7 && parts[3] == "interactions" && parts[6] == "callback" {
		t.ids <- parts[4]
	}
	return resp, err
}
