package jobs

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/keypoints-dev/keypoints/store"
)

// Metrics are the pipeline's Prometheus collectors: counters for this
// node's work, and gauges read from the database (the same on every node)
// when scraped.
type Metrics struct {
	polls, notModified, feedErrors, items, pages, pageErrors, duplicates, placed, regroups prometheus.Counter
	pubToStory, seenToStory                                                                prometheus.Histogram
	st                                                                                     *store.Store
	queueDesc, articlesDesc                                                                *prometheus.Desc
}

// NewMetrics returns the collectors; register Collectors() with a
// registry.
func NewMetrics(st *store.Store) *Metrics {
	c := func(name, help string) prometheus.Counter {
		return prometheus.NewCounter(prometheus.CounterOpts{Name: "keypoints_live_" + name, Help: help})
	}
	return &Metrics{
		polls:       c("feed_polls_total", "Feed polls made by this node."),
		notModified: c("feed_not_modified_total", "Feed polls answered 304 Not Modified."),
		feedErrors:  c("feed_errors_total", "Feed polls that failed (network, HTTP status, unreadable feed)."),
		items:       c("items_total", "New feed items stored."),
		pages:       c("pages_fetched_total", "Article pages fetched."),
		pageErrors:  c("page_failures_total", "Article page attempts that failed (each retry counts)."),
		duplicates:  c("duplicates_total", "Articles whose text was stored already under another URL."),
		placed:      c("placed_total", "Articles placed into stories by this node."),
		regroups:    c("regroups_total", "Order-free regroupings of the open stories."),
		pubToStory: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "keypoints_live_publication_to_story_seconds",
			Help:    "Time from an article's publication (as its feed states it) to its placement in a story.",
			Buckets: prometheus.ExponentialBuckets(0.25, 2, 20),
		}),
		seenToStory: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "keypoints_live_seen_to_story_seconds",
			Help:    "Time from the poll that found an article to its placement in a story.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 20),
		}),
		st:           st,
		queueDesc:    prometheus.NewDesc("keypoints_live_queue_jobs", "Jobs in the queue by state (all nodes).", []string{"state"}, nil),
		articlesDesc: prometheus.NewDesc("keypoints_live_articles", "Stored articles by state (all nodes).", []string{"state"}, nil),
	}
}

// Collectors lists the collectors to register.
func (m *Metrics) Collectors() []prometheus.Collector {
	return []prometheus.Collector{m.polls, m.notModified, m.feedErrors, m.items, m.pages, m.pageErrors, m.duplicates,
		m.placed, m.regroups, m.pubToStory, m.seenToStory, dbCollector{m}}
}

// dbCollector reads the database's counts when scraped.
type dbCollector struct{ m *Metrics }

func (d dbCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- d.m.queueDesc
	ch <- d.m.articlesDesc
}

func (d dbCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := d.m.st.Counts(ctx)
	if err != nil {
		return
	}
	for k, v := range c.Queue {
		ch <- prometheus.MustNewConstMetric(d.m.queueDesc, prometheus.GaugeValue, float64(v), k)
	}
	for k, v := range c.Articles {
		ch <- prometheus.MustNewConstMetric(d.m.articlesDesc, prometheus.GaugeValue, float64(v), k)
	}
}
