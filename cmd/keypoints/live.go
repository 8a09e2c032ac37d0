package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/extract"
	"github.com/keypoints-dev/keypoints/feeds"
	"github.com/keypoints-dev/keypoints/jobs"
	"github.com/keypoints-dev/keypoints/server"
	"github.com/keypoints-dev/keypoints/store"
	"github.com/keypoints-dev/keypoints/stories"
)

// liveFlags are serve's flags for following feeds and keeping stories.
type liveFlags struct {
	feeds        string
	db           string
	poll         time.Duration
	hostDelay    time.Duration
	fetchWorkers int
}

func (f *liveFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.feeds, "feeds", "", "follow the feeds of this OPML file or text file of feed URLs (needs -db)")
	fs.StringVar(&f.db, "db", "", "keep feeds, articles and stories in this SQLite file, or the PostgreSQL database of a postgres:// URL (nodes on one PostgreSQL share the work)")
	fs.DurationVar(&f.poll, "poll", jobs.DefaultPoll, "how often each feed is polled")
	fs.DurationVar(&f.hostDelay, "host-delay", feeds.DefaultHostDelay, "pause between two requests to one host")
	fs.IntVar(&f.fetchWorkers, "fetch-workers", jobs.DefaultFetchWorkers, "pages fetched at once by this node")
}

// start opens the database (the server already listens, so /healthz
// answers meanwhile), serves what it holds and, with -feeds, runs the
// pipeline. The returned stop finishes or returns the jobs in flight.
func (f *liveFlags) start(ctx context.Context, s *server.Server, eng *keypoints.Engine, x extract.Extractor,
	allowPrivate bool, log *slog.Logger) (stop func(time.Duration) error, err error) {
	if f.db == "" {
		return func(time.Duration) error { return nil }, nil
	}
	if f.poll <= 0 {
		return nil, usageError{"-poll must be positive"}
	}
	var sources []feeds.Source
	if f.feeds != "" {
		b, err := os.ReadFile(f.feeds)
		if err != nil {
			return nil, err
		}
		if sources, err = feeds.ReadList(b); err != nil {
			return nil, err
		}
	}
	st, err := store.Open(ctx, f.db)
	if err != nil {
		return nil, err
	}
	s.SetLive(st)
	var svc *jobs.Service
	if len(sources) > 0 {
		specs := make([]store.FeedSpec, len(sources))
		for i, src := range sources {
			specs[i] = store.FeedSpec{URL: src.URL, Outlet: src.Outlet, Stance: stories.NormalizeStance(src.Stance)}
		}
		if err := st.SyncFeeds(ctx, specs); err != nil {
			st.Close()
			return nil, err
		}
		m := jobs.NewMetrics(st)
		s.AddCollectors(m.Collectors()...)
		fetcher := &feeds.Fetcher{
			Client:    extract.NewClient(extract.FetchOptions{AllowPrivate: allowPrivate}),
			HostDelay: f.hostDelay,
		}
		// The pipeline runs on its own context: on SIGTERM, Stop lets
		// the jobs in flight finish instead of cancelling them at once.
		sv, err := jobs.Start(context.WithoutCancel(ctx), jobs.Config{
			Store: st, Engine: eng, Extractor: x, Fetcher: fetcher, Poll: f.poll,
			FetchWorkers: f.fetchWorkers, Logger: log, Metrics: m,
		})
		if err != nil {
			st.Close()
			return nil, err
		}
		svc = sv
		log.Info("following feeds", "feeds", len(sources), "db", st.Kind(), "poll", f.poll)
	}
	return func(grace time.Duration) error {
		var errs []error
		if sv := svc; sv != nil {
			c, cancel := context.WithTimeout(context.Background(), grace)
			defer cancel()
			if err := sv.Stop(c); err != nil {
				errs = append(errs, fmt.Errorf("stopping jobs: %w", err))
			}
		}
		errs = append(errs, st.Close())
		return errors.Join(errs...)
	}, nil
}
