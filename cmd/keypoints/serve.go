package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/extract"
	"github.com/keypoints-dev/keypoints/server"
	"github.com/keypoints-dev/keypoints/stories"
)

var cmdServe = &command{
	name:  "serve",
	usage: "[-addr HOST:PORT] [-log-format text|json] [-allow-private-urls] [-feeds FEEDS.opml -db DB [-poll D]] [flags]",
	short: "serve the HTTP API and the web page",
	long: `
Serve answers HTTP on -addr:

	GET  /                      a web page: paste an article or give a URL,
	                            see its key points and where they came from;
	                            or paste several outlets' articles on one
	                            event and compare what each reports
	POST /v1/keypoints          {"text"|"html"|"url", "n", "words", "title"}
	                            -> {"keypoints", "sentences", "text", "title", "summary"}
	POST /v1/keypoints/batch    JSONL in, JSONL out, as the batch command
	POST /v1/stories            {"articles": [...]} grouped into stories, or
	                            {"id", "articles"} / {"stories": [...]} as
	                            given, as the stories command reads them
	                            -> {"stories": [...]}
	GET  /v1/stories?limit=N&cursor=C
	                            the stories kept in -db, newest activity
	                            first -> {"stories": [...], "next": C2}
	GET  /v1/stories/{id}       one story, what each outlet adds and omits
	GET  /v1/articles/{id}      one article: key points, state, error, story
	GET  /v1/failures           articles and feeds that failed, with errors
	GET  /v1/live/stats         totals: polls, 304s, articles, queue depth
	GET  /live                  the live page: today's stories, coverage
	                            by stance, blindspots; updates itself
	GET  /healthz               200 while serving
	GET  /metrics               Prometheus metrics
	GET  /openapi.json          the OpenAPI 3 description of all of the above

Errors are JSON: {"error": {"code", "message"}}. Request bodies are capped
(-max-body, 413 beyond), each request has a deadline (-timeout, 504 beyond)
and at most -max-inflight API requests run at once (503 beyond).

URLs are fetched only from public addresses unless -allow-private-urls is
given: without that rule, anyone who can reach the server could make it
fetch from the network it runs in.

With -feeds (an OPML file or a text file of feed URLs) and -db (an
SQLite file, created on first start, or a postgres:// URL), serve
follows the outlets: every feed is polled each -poll with conditional
requests, one request at a time per host, robots.txt honoured for
pages; each new item's page is fetched, its key points computed and the
article placed into a story. The work runs on a durable job queue
(River) in the same database: kill -9 loses nothing, and any number of
nodes on one PostgreSQL database share the work and serve the same
stories. With -db alone, serve serves what is stored.

On Ctrl-C or SIGTERM the server stops accepting connections, lets the
requests and jobs in flight finish (for at most -shutdown-timeout; jobs
cut off then go back to the queue) and exits 0.
Logs go to stderr, as text or JSON lines (-log-format).`,
}

type serveFlags struct {
	opt             keypoints.Options
	addr            string
	logFormat       string
	logLevel        string
	allowPrivate    bool
	maxBody         int64
	timeout         time.Duration
	maxInFlight     int
	shutdownTimeout time.Duration
	live            liveFlags
}

func (f *serveFlags) register(fs *flag.FlagSet) {
	summarizeFlags(fs, &f.opt, nil)
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on (\":0\" picks a free port)")
	fs.StringVar(&f.logFormat, "log-format", "text", "log format on stderr: text or json")
	fs.StringVar(&f.logLevel, "log-level", "info", "least log level: debug (every request), info, warn or error")
	fs.BoolVar(&f.allowPrivate, "allow-private-urls", false, "let requests fetch URLs on loopback and private networks")
	fs.Int64Var(&f.maxBody, "max-body", server.DefaultMaxBodyBytes, "largest /v1/keypoints or /v1/stories request body in bytes")
	fs.DurationVar(&f.timeout, "timeout", server.DefaultRequestTimeout, "deadline for one /v1/keypoints or /v1/stories request")
	fs.IntVar(&f.maxInFlight, "max-inflight", server.DefaultMaxInFlight, "API requests served at once; more get 503")
	fs.DurationVar(&f.shutdownTimeout, "shutdown-timeout", server.DefaultShutdownTimeout, "how long shutdown waits for requests in flight")
	f.live.register(fs)
}

func init() {
	flagSetups["serve"] = func(fs *flag.FlagSet) { new(serveFlags).register(fs) }
	cmdServe.run = runServe
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var f serveFlags
	f.register(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"unexpected arguments"}
	}
	log, err := newLogger(e.stderr, f.logFormat, f.logLevel)
	if err != nil {
		return err
	}
	switch {
	case f.maxBody <= 0:
		return usageError{"-max-body must be positive"}
	case f.timeout <= 0:
		return usageError{"-timeout must be positive"}
	case f.maxInFlight <= 0:
		return usageError{"-max-inflight must be positive"}
	case f.shutdownTimeout <= 0:
		return usageError{"-shutdown-timeout must be positive"}
	}
	eng, err := keypoints.New(f.opt)
	if err != nil {
		return usageError{err.Error()}
	}
	x := extract.Default()
	if f.live.feeds != "" && f.live.db == "" {
		return usageError{"-feeds needs -db (an SQLite file or a postgres:// URL)"}
	}
	s := &server.Server{
		Addr:            f.addr,
		Engine:          eng,
		HTML:            htmlExtractor(x),
		Fetch:           fetcher(x, extract.FetchOptions{AllowPrivate: f.allowPrivate}),
		Page:            pageExtractor(x),
		Logger:          log,
		MaxBodyBytes:    f.maxBody,
		RequestTimeout:  f.timeout,
		MaxInFlight:     f.maxInFlight,
		ShutdownTimeout: f.shutdownTimeout,
	}
	// Listen first: /healthz answers while the database opens and before
	// the first poll.
	if err := s.Open(); err != nil {
		return err
	}
	log.Info("serving", "url", s.URL(), "allow_private_urls", f.allowPrivate)
	stopLive, err := f.live.start(ctx, s, eng, x, f.allowPrivate, log)
	if err != nil {
		s.Close()
		return err
	}
	<-ctx.Done()
	log.Info("shutting down: finishing requests and jobs in flight", "timeout", f.shutdownTimeout)
	errLive := stopLive(f.shutdownTimeout)
	if err := s.Close(); err != nil {
		return err
	}
	if errLive != nil {
		return errLive
	}
	log.Info("stopped")
	return nil
}

// pageExtractor reads the web pages of /v1/stories articles as the
// stories command reads an "html" record: the site name and the page's
// date fill a missing outlet and publication time.
func pageExtractor(x extract.Extractor) stories.PageFunc {
	return func(html, url string) (stories.Article, error) {
		p, err := x.Extract([]byte(html), url)
		if err != nil {
			return stories.Article{}, err
		}
		a := stories.Article{Title: p.Title, Text: p.Text, Outlet: p.SiteName}
		if p.Date != "" {
			if a.Published, err = stories.ParsePublished(p.Date); err != nil {
				return a, err
			}
		}
		return a, nil
	}
}

// newLogger returns the structured logger the server writes to w.
func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, usageError{fmt.Sprintf("unknown -log-level %q (want debug, info, warn or error)", level)}
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usageError{fmt.Sprintf("unknown -log-format %q (want text or json)", format)}
}
