// Package server is the HTTP face of keypoints: a JSON API over the
// Engine, a JSONL batch endpoint with the batch command's record
// contract, a stories endpoint with the stories command's input shapes
// (articles from several outlets grouped into stories, or stories as
// given, compared outlet by outlet), health and Prometheus metrics
// endpoints, an OpenAPI document and a small web page with a mode for
// each.
//
// Server exists so that cmd/keypoints never imports net/http: the command
// fills in a Server's exported fields, calls Open, waits for a signal and
// calls Close. Every route is registered in one place (Server.routes), and
// the OpenAPI document served at /openapi.json is tested against that list.
//
// Operational limits: request bodies are capped (413), each request has a
// deadline, at most MaxInFlight API requests run at once (503 with
// Retry-After beyond that), panics become 500s with an error id in the log,
// and Close lets in-flight requests finish.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/batch"
	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/stories"
)

// Defaults for the Server fields left at zero.
const (
	DefaultMaxBodyBytes    = 16 << 20 // 16 MiB
	DefaultMaxBatchBytes   = 1 << 30  // 1 GiB
	DefaultRequestTimeout  = 30 * time.Second
	DefaultMaxInFlight     = 256
	DefaultShutdownTimeout = 30 * time.Second
)

// Fetcher gets the article at a URL for requests that give "url". It must
// refuse URLs a user should not reach (private addresses) and return
// *doc.Error values: EInvalid for a bad or refused URL or an unusable
// page, ETooLarge for a page over its limit, ETimeout when ctx ends first.
type Fetcher func(ctx context.Context, url string) (doc.Article, error)

// Server serves the keypoints HTTP API and web page. Set the exported
// fields, then call Open; the fields must not change after that.
type Server struct {
	// Addr is the TCP address to listen on, as for net.Listen; ":0" or
	// "127.0.0.1:0" picks a free port (see URL).
	Addr string
	// Engine summarizes articles. Required. Requests may ask for another
	// number of key points or word budget; the rest of its options hold.
	Engine *keypoints.Engine
	// HTML extracts the article from a web page, for requests (and batch
	// records) that give "html". Nil: such requests are refused with 400.
	HTML batch.HTMLExtractor
	// Fetch gets the article at a URL, for requests that give "url".
	// Nil: such requests are refused with 400.
	Fetch Fetcher
	// Page reads the /v1/stories articles given as "html": text and
	// title, and the outlet and publication time the page states, as the
	// stories command does. Nil: HTML (title and text only) is used.
	Page stories.PageFunc
	// Live serves what a feed pipeline stored (GET /v1/stories and the
	// other live routes, and the /live page). Nil: those routes answer
	// 404.
	Live LiveStore
	// Logger receives the server's structured logs. Nil discards them.
	// Requests are logged at debug level only, so the hot path stays cheap.
	Logger *slog.Logger

	// MaxBodyBytes caps a /v1/keypoints or /v1/stories request body;
	// larger ones get 413. 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxBatchBytes caps a /v1/keypoints/batch request body. 0 means
	// DefaultMaxBatchBytes.
	MaxBatchBytes int64
	// RequestTimeout bounds one /v1/keypoints or /v1/stories request,
	// reading the body, fetching a URL, grouping and summarizing
	// included; past it the request gets 504. Batch requests are not
	// bounded: they stream for as long as the client sends. 0 means
	// DefaultRequestTimeout.
	RequestTimeout time.Duration
	// MaxInFlight caps the API requests served at once; beyond it they
	// get 503 with a Retry-After header. 0 means DefaultMaxInFlight.
	MaxInFlight int
	// BatchWorkers is the number of goroutines summarizing one batch
	// request. 0 means GOMAXPROCS.
	BatchWorkers int
	// ShutdownTimeout bounds how long Close waits for in-flight requests
	// before cutting their connections. 0 means DefaultShutdownTimeout.
	ShutdownTimeout time.Duration

	liveStore atomic.Pointer[LiveStore]

	once    sync.Once
	handler http.Handler
	log     *slog.Logger
	sem     chan struct{}
	metrics *metrics
	page    []byte
	csp     string

	ln     net.Listener
	srv    *http.Server
	served chan struct{}
}

// route is one registered endpoint.
type route struct {
	method, path string
	handler      http.HandlerFunc
	// limited routes count against MaxInFlight.
	limited bool
}

// routes lists every endpoint the server answers, in one place. The
// OpenAPI document is tested against this list.
func (s *Server) routes() []route {
	return []route{
		{"GET", "/", s.handleIndex, false},
		{"GET", "/healthz", s.handleHealthz, false},
		{"GET", "/metrics", s.handleMetrics, false},
		{"GET", "/openapi.json", s.handleOpenAPI, false},
		{"POST", "/v1/keypoints", s.handleKeypoints, true},
		{"POST", "/v1/keypoints/batch", s.handleBatch, true},
		{"POST", "/v1/stories", s.handleStories, true},
		{"GET", "/v1/stories", s.live(s.handleLiveStories), true},
		{"GET", "/v1/stories/{id}", s.live(s.handleLiveStory), true},
		{"GET", "/v1/articles/{id}", s.live(s.handleLiveArticle), true},
		{"GET", "/v1/failures", s.live(s.handleLiveFailures), true},
		{"GET", "/v1/live/stats", s.live(s.handleLiveStats), true},
		{"GET", "/live", s.handleLivePage, false},
	}
}

// Handler returns the server's HTTP handler, for tests and for callers
// that run their own http.Server. It sets the server up on first use.
func (s *Server) Handler() http.Handler {
	s.once.Do(s.setup)
	return s.handler
}

func (s *Server) setup() {
	s.log = s.Logger
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.MaxBodyBytes <= 0 {
		s.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if s.MaxBatchBytes <= 0 {
		s.MaxBatchBytes = DefaultMaxBatchBytes
	}
	if s.RequestTimeout <= 0 {
		s.RequestTimeout = DefaultRequestTimeout
	}
	if s.MaxInFlight <= 0 {
		s.MaxInFlight = DefaultMaxInFlight
	}
	if s.BatchWorkers <= 0 {
		s.BatchWorkers = runtime.GOMAXPROCS(0)
	}
	if s.ShutdownTimeout <= 0 {
		s.ShutdownTimeout = DefaultShutdownTimeout
	}
	s.sem = make(chan struct{}, s.MaxInFlight)
	s.metrics = newMetrics()
	s.page, s.csp = renderPage()

	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		pattern := rt.method + " " + rt.path
		if rt.path == "/" {
			pattern += "{$}" // the page only, not a catch-all
		}
		var h http.Handler = rt.handler
		if rt.limited {
			h = s.limit(h)
		}
		h = s.recoverPanics(h)
		h = s.instrument(rt.path, h)
		mux.Handle(pattern, h)
	}
	s.handler = mux
}

// Open checks the configuration, starts listening on Addr and serves in
// the background. A bind error is returned at once.
func (s *Server) Open() error {
	if s.Engine == nil {
		return errors.New("server: no Engine")
	}
	h := s.Handler()
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return err
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.served = make(chan struct{})
	go func() {
		defer close(s.served)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("serve", "err", err)
		}
	}()
	return nil
}

// Close stops accepting connections and waits for in-flight requests to
// finish, for at most ShutdownTimeout; then it closes what is left. It
// returns an error when requests had to be cut off.
func (s *Server) Close() error {
	if s.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.ShutdownTimeout)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if err != nil {
		s.srv.Close()
		err = fmt.Errorf("server: shutdown: %w", err)
	}
	<-s.served
	return err
}

// URL returns the base URL the server is listening on, such as
// "http://127.0.0.1:41234", or "" before Open. An unspecified host (":0")
// is given as localhost.
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	addr := s.ln.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port))
}
