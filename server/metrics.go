package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus collectors, in a registry of its
// own: two Servers in one process (as in tests) never share counters.
type metrics struct {
	reg          *prometheus.Registry
	requests     *prometheus.CounterVec   // route, code
	latency      *prometheus.HistogramVec // route
	articleBytes prometheus.Histogram
	// storyArticles counts the articles of each /v1/stories request.
	storyArticles prometheus.Histogram
	inFlight      prometheus.Gauge
	batchRecords  *prometheus.CounterVec // result
	panics        prometheus.Counter
	handler       http.Handler
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "keypoints_http_requests_total",
			Help: "HTTP requests answered, by route and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "keypoints_http_request_duration_seconds",
			Help:    "Time from request to the end of the response, by route.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route"}),
		articleBytes: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "keypoints_article_bytes",
			Help:    "Size of the article text summarized by /v1/keypoints, in bytes.",
			Buckets: prometheus.ExponentialBuckets(256, 4, 9), // 256 B .. 16 MiB
		}),
		storyArticles: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "keypoints_story_articles",
			Help:    "Articles in one /v1/stories request, given stories and articles to group together.",
			Buckets: prometheus.ExponentialBuckets(1, 2, 12), // 1 .. 2048
		}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "keypoints_http_requests_in_flight",
			Help: "HTTP requests being served now.",
		}),
		batchRecords: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "keypoints_batch_records_total",
			Help: "Records handled by /v1/keypoints/batch, by result (ok, error, skipped).",
		}, []string{"result"}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "keypoints_http_panics_total",
			Help: "Handler panics recovered into 500 responses.",
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.articleBytes, m.storyArticles, m.inFlight, m.batchRecords, m.panics,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewBuildInfoCollector())
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return m
}

// instrument counts, times and gauges every request to route, whatever
// the handler does (panics included: recoverPanics sits inside it).
func (s *Server) instrument(route string, next http.Handler) http.Handler {
	latency := s.metrics.latency.WithLabelValues(route)
	ok := s.metrics.requests.WithLabelValues(route, "200")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		s.metrics.inFlight.Inc()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			s.metrics.inFlight.Dec()
			d := time.Since(start)
			latency.Observe(d.Seconds())
			code := sw.status()
			if code == "200" {
				ok.Inc()
			} else {
				s.metrics.requests.WithLabelValues(route, code).Inc()
			}
			if s.log.Enabled(r.Context(), slog.LevelDebug) {
				s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "code", code, "duration", d, "remote", r.RemoteAddr)
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

func (s *Server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	s.metrics.handler.ServeHTTP(w, r)
}
