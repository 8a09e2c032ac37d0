// Package jobs runs the live pipeline on River, a durable job queue kept
// in the same database as the store (riversqlite on SQLite, riverpgxv5 on
// PostgreSQL): feeds are polled, each new item's page is fetched, read
// and summarized, and the article is placed into a story.
//
// Jobs are typed (one Args struct and one Worker per kind):
//
//	poll_due       periodic, on the leader: claims the feeds due and
//	               queues a poll_feed for each
//	poll_feed      one conditional GET of a feed; new items are stored
//	               (one article per normalised URL) and get a fetch
//	fetch_article  the page: fetched, extracted, key points computed,
//	               stored (the same text twice is stored once); retried
//	               with backoff, then recorded as failed with its error
//	place          the article joins a story under the grouping lock
//
// Every step is idempotent and looks at the stored state before acting,
// and follow-up jobs are unique by their arguments, so a job run twice
// (after a kill -9 and a rescue) changes nothing the second time.
//
// Placing is serialized across all nodes by one lock (store.GroupTx: a
// row lock on PostgreSQL) rather than run on one elected node: every
// node can place, a dead node's placements are rescued like any job, and
// each placement sees all earlier ones, so the stories are the same
// whichever node serves them. The Grouper's state is stored as a
// snapshot and a log of the placements since (one row each): a placement
// writes its stories and one log row, and a node whose copy of the state
// is behind applies the rows it missed rather than reloading the state.
// The row and the stories are committed together under the lock, so a
// node killed at any moment leaves either the whole placement or none.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/extract"
	"github.com/keypoints-dev/keypoints/feeds"
	"github.com/keypoints-dev/keypoints/store"
	"github.com/keypoints-dev/keypoints/stories"
)

// Defaults for the Config fields left at zero.
const (
	DefaultPoll         = 5 * time.Minute
	DefaultFetchWorkers = 16
	DefaultPollWorkers  = 8
	DefaultRegroupEvery = 50
	DefaultOpenArticles = 20000
	// RegroupInterval is how often the leader checks for placements not
	// yet regrouped.
	RegroupInterval = 2 * time.Second
	// JobTimeout bounds one job. RescueAfter is when a job still marked
	// running is taken to belong to a dead node and run again: River's
	// default is an hour, far too long for a reader waiting for a story;
	// every job here is idempotent, so a short rescue is safe.
	JobTimeout  = 30 * time.Second
	RescueAfter = 45 * time.Second
)

// Config configures the pipeline.
type Config struct {
	Store     *store.Store
	Engine    *keypoints.Engine
	Extractor extract.Extractor
	Fetcher   *feeds.Fetcher
	// Poll is how often each feed is polled; DefaultPoll when zero.
	Poll time.Duration
	// Group tunes the Grouper.
	Group stories.GroupOptions
	// FetchWorkers fetch pages at once on this node (politeness per host
	// holds whatever the number).
	FetchWorkers int
	// RegroupEvery runs the order-free Regroup after this many
	// placements, and whenever no placement is waiting (at most a tenth
	// of the time), and RegroupInterval after the last placement.
	RegroupEvery int
	// OpenArticles bounds the articles the Grouper keeps: stories that
	// have had no new article for this many placements are closed.
	OpenArticles int
	Logger       *slog.Logger
	Metrics      *Metrics
}

// queue names.
const (
	queuePoll  = "poll"
	queueFetch = "fetch"
	queuePlace = "place"
)

// inserter is what the workers need of a River client, whichever its
// transaction type.
type inserter interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
}

type runner interface {
	inserter
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
}

// Service is the running pipeline of one node.
type Service struct {
	cfg    Config
	client runner
	log    *slog.Logger
}

// Start migrates the queue's tables and starts working. Stop ends it.
func Start(ctx context.Context, cfg Config) (*Service, error) {
	if cfg.Store == nil || cfg.Engine == nil || cfg.Extractor == nil || cfg.Fetcher == nil {
		return nil, errors.New("jobs: Store, Engine, Extractor and Fetcher are required")
	}
	if cfg.Poll <= 0 {
		cfg.Poll = DefaultPoll
	}
	if cfg.FetchWorkers <= 0 {
		cfg.FetchWorkers = DefaultFetchWorkers
	}
	if cfg.RegroupEvery <= 0 {
		cfg.RegroupEvery = DefaultRegroupEvery
	}
	if cfg.OpenArticles <= 0 {
		cfg.OpenArticles = DefaultOpenArticles
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics(cfg.Store)
	}
	if err := cfg.Group.Validate(); err != nil {
		return nil, err
	}
	s := &Service{cfg: cfg, log: cfg.Logger}
	ins := &lateInserter{}
	workers := river.NewWorkers()
	river.AddWorker(workers, &pollDueWorker{s: s, q: ins})
	river.AddWorker(workers, &pollFeedWorker{s: s, q: ins})
	river.AddWorker(workers, &fetchWorker{s: s, q: ins})
	pw := &placeWorker{s: s}
	river.AddWorker(workers, pw)
	river.AddWorker(workers, &regroupWorker{pw: pw})

	tick := min(max(cfg.Poll/4, time.Second), 30*time.Second)
	rc := &river.Config{
		// River reports every retry at info; the pipeline records those
		// itself, so only River's warnings reach the log.
		Logger: slog.New(minLevel{cfg.Logger.Handler(), slog.LevelWarn}).With("component", "river"),
		Queues: map[string]river.QueueConfig{
			queuePoll:  {MaxWorkers: DefaultPollWorkers},
			queueFetch: {MaxWorkers: cfg.FetchWorkers},
			// Placements run one at a time per node (placeWorker's
			// mutex) and commit one at a time across nodes (the
			// grouping lock); more workers only keep the next ones
			// fetched, so that the queue's fetch latency does not
			// come between two placements.
			queuePlace: {MaxWorkers: 8},
		},
		Workers:              workers,
		JobTimeout:           JobTimeout,
		RescueStuckJobsAfter: RescueAfter,
		FetchPollInterval:    100 * time.Millisecond,
		FetchCooldown:        20 * time.Millisecond,
		PeriodicJobs: []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(tick),
				func() (river.JobArgs, *river.InsertOpts) { return PollDueArgs{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(RegroupInterval),
				func() (river.JobArgs, *river.InsertOpts) { return RegroupArgs{}, nil }, nil),
		},
		// Completed jobs are kept a day for the record, then cleaned.
		CompletedJobRetentionPeriod: 24 * time.Hour,
	}
	var err error
	switch cfg.Store.Kind() {
	case store.SQLite:
		drv := riversqlite.New(cfg.Store.DB())
		if err = migrateQueue(ctx, cfg.Store, drv); err != nil {
			return nil, err
		}
		s.client, err = river.NewClient(drv, rc)
	case store.Postgres:
		drv := riverpgxv5.New(cfg.Store.Pool())
		if err = migrateQueue(ctx, cfg.Store, drv); err != nil {
			return nil, err
		}
		var c *river.Client[pgx.Tx]
		c, err = river.NewClient(drv, rc)
		s.client = c
	default:
		err = fmt.Errorf("jobs: unknown store kind %q", cfg.Store.Kind())
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	ins.inserter = s.client
	if err := s.client.Start(ctx); err != nil {
		return nil, fmt.Errorf("jobs: start: %w", err)
	}
	return s, nil
}

// migrateQueue brings the queue's own tables up to date (River's
// migrations, versioned like the store's).
func migrateQueue[TTx any](ctx context.Context, st *store.Store, drv riverdriver.Driver[TTx]) error {
	m, err := rivermigrate.New(drv, nil)
	if err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	// Under the store's migration lock: nodes starting together migrate
	// once.
	return st.WithMigrationLock(ctx, func() error {
		if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
			return fmt.Errorf("jobs: migrate: %w", err)
		}
		return nil
	})
}

// Stop stops fetching new jobs and waits for the running ones to finish,
// until ctx ends; then it cancels them, and River returns them to the
// queue to run again.
func (s *Service) Stop(ctx context.Context) error {
	err := s.client.Stop(ctx)
	if err != nil && ctx.Err() != nil {
		c, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return s.client.StopAndCancel(c)
	}
	return err
}

// lateInserter lets workers be built before the client they insert with.
type lateInserter struct{ inserter }

// minLevel drops records below a level.
type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(as []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(as), h.min}
}
func (h minLevel) WithGroup(n string) slog.Handler { return minLevel{h.Handler.WithGroup(n), h.min} }
