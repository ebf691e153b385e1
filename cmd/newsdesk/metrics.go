package main

import (
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"newsdesk/bot"
	"newsdesk/retrieval"
	"newsdesk/retrieval/feeds"
	"newsdesk/retrieval/live"
)

// metrics are what `newsdesk serve` shows on /metrics, in a registry of
// their own (so tests can run several serves in one process), beside the
// Go runtime's and the process's. The packages that do the work know
// nothing of Prometheus: serve wires their hooks to the methods here.
type metrics struct {
	reg *prometheus.Registry
	bot atomic.Pointer[bot.Bot] // read by the gateway gauges; nil until the bot exists

	questions     *prometheus.CounterVec
	latency       *prometheus.HistogramVec
	articles      prometheus.Gauge
	sentences     prometheus.Gauge
	skipped       prometheus.Gauge
	rebuilds      prometheus.Counter
	rebuildTime   prometheus.Histogram
	feedPolls     *prometheus.CounterVec
	feedErrors    *prometheus.CounterVec
	feedSaved     *prometheus.CounterVec
	briefs        *prometheus.CounterVec
	discordErrors *prometheus.CounterVec
}

// questionCommands and questionOutcomes are the label values of
// newsdesk_questions_total, all exported from the start at 0 so that a
// rate over them works from the first scrape.
var (
	questionCommands = []string{"ask", "summary", "brief", "articles", "help", "schedule", "more_quotes", "mention", "other"}
	questionOutcomes = []string{bot.OutcomeAnswered, bot.OutcomeNotFound, bot.OutcomeRefused, bot.OutcomeRateLimited, bot.OutcomeError}
)

func newMetrics() *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.questions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsdesk_questions_total",
		Help: "Slash commands, button clicks, mentions and DMs answered, by command and outcome (answered, not_found, refused, rate_limited, error).",
	}, []string{"command", "outcome"})
	// Discord wants an interaction acknowledged within 3 s; Newsdesk
	// defers an answer not ready after 1.5 s.
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "newsdesk_answer_duration_seconds",
		Help:    "Time from receiving a question to its reply reaching Discord, by command.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 1.5, 2.5, 5, 10, 30},
	}, []string{"command"})
	m.articles = prometheus.NewGauge(prometheus.GaugeOpts{Name: "newsdesk_articles_indexed", Help: "Articles in the current index."})
	m.sentences = prometheus.NewGauge(prometheus.GaugeOpts{Name: "newsdesk_sentences_indexed", Help: "Sentences in the current index."})
	m.skipped = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "newsdesk_article_files_skipped",
		Help: "Article files the last index build left out: unreadable, broken, too large or over the count cap.",
	})
	m.rebuilds = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "newsdesk_index_rebuilds_total",
		Help: "Index builds from ARTICLES_DIR, the first one at start included.",
	})
	m.rebuildTime = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "newsdesk_index_rebuild_duration_seconds",
		Help:    "Time to scan ARTICLES_DIR, load its articles and build an index.",
		Buckets: []float64{.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
	})
	m.feedPolls = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsdesk_feed_polls_total",
		Help: "Polls of the feeds of a site (the feed URL's host).",
	}, []string{"site"})
	m.feedErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsdesk_feed_errors_total",
		Help: "Feeds and pages of a site that failed to fetch or parse; they are tried again on the next poll.",
	}, []string{"site"})
	m.feedSaved = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsdesk_feed_articles_saved_total",
		Help: "Articles saved from a site's feeds, new or rewritten because the item changed.",
	}, []string{"site"})
	m.briefs = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsdesk_scheduled_briefs_total",
		Help: "Attempts to post a scheduled daily brief: posted, failed (retried within the grace period) or refused (403/404: the schedule stopped).",
	}, []string{"result"})
	m.discordErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsdesk_discord_rest_errors_total",
		Help: "Error answers from Discord's REST API by HTTP status and Discord's JSON error code (0: none); status 0 is a request with no answer (network error or timeout).",
	}, []string{"status", "code"})
	for _, c := range questionCommands {
		for _, o := range questionOutcomes {
			m.questions.WithLabelValues(c, o)
		}
	}
	for _, r := range []string{"posted", "failed", "refused"} {
		m.briefs.WithLabelValues(r)
	}
	ready := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "newsdesk_gateway_ready",
		Help: "1 while the Discord gateway session is READY (or RESUMED), 0 while connecting, reconnecting or stopping.",
	}, func() float64 {
		if b := m.bot.Load(); b != nil && b.Gateway().Ready {
			return 1
		}
		return 0
	})
	reconnects := prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "newsdesk_gateway_reconnects_total",
		Help: "Connections to the Discord gateway after the first one: a resume or a new session after a lost connection.",
	}, func() float64 {
		if b := m.bot.Load(); b != nil {
			return float64(b.Gateway().Reconnects)
		}
		return 0
	})
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewBuildInfoCollector(),
		m.questions, m.latency, m.articles, m.sentences, m.skipped, m.rebuilds, m.rebuildTime,
		m.feedPolls, m.feedErrors, m.feedSaved, m.briefs, m.discordErrors, ready, reconnects,
	)
	return m
}

// hooks returns the bot's hooks, counting into m.
func (m *metrics) hooks() bot.Hooks {
	return bot.Hooks{
		Question: func(command, outcome string, took time.Duration) {
			m.questions.WithLabelValues(command, outcome).Inc()
			m.latency.WithLabelValues(command).Observe(took.Seconds())
		},
		ScheduledBrief: func(result string) { m.briefs.WithLabelValues(result).Inc() },
		RESTError: func(status, code int) {
			m.discordErrors.WithLabelValues(strconv.Itoa(status), strconv.Itoa(code)).Inc()
		},
	}
}

// indexed shows the size of the index now answering.
func (m *metrics) indexed(ix *retrieval.Index) {
	m.articles.Set(float64(len(ix.Articles())))
	m.sentences.Set(float64(ix.Len()))
}

// swapped is live.Options.OnSwap: one more index build.
func (m *metrics) swapped(s live.Swap) {
	m.indexed(s.Index)
	m.skipped.Set(float64(s.Skipped))
	m.rebuilds.Inc()
	m.rebuildTime.Observe(s.Took.Seconds())
}

// polled is feeds.Config.OnPoll: one more poll of every site in r.
func (m *metrics) polled(r *feeds.Report) {
	for site, c := range r.Sites {
		m.feedPolls.WithLabelValues(site).Inc()
		m.feedErrors.WithLabelValues(site).Add(float64(c.Failed))
		m.feedSaved.WithLabelValues(site).Add(float64(c.New + c.Updated))
	}
}
