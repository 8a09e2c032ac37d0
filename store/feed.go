package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// FeedSpec is a feed to follow, as the feed list names it.
type FeedSpec struct {
	URL    string
	Outlet string
	Stance string
}

// Feed is a followed feed and how its polling goes.
type Feed struct {
	ID           int64     `json:"id"`
	URL          string    `json:"url"`
	Outlet       string    `json:"outlet,omitempty"`
	Stance       string    `json:"stance,omitempty"`
	ETag         string    `json:"-"`
	LastModified string    `json:"-"`
	NextPoll     time.Time `json:"next_poll,omitzero"`
	Polled       time.Time `json:"polled,omitzero"`
	// Failures counts the polls that failed in a row; LastError is the
	// latest one's error, empty once a poll succeeds.
	Failures    int    `json:"failures"`
	LastError   string `json:"last_error,omitempty"`
	Polls       int64  `json:"polls"`
	NotModified int64  `json:"not_modified"`
	Items       int64  `json:"items"`
}

const feedCols = "id, url, outlet, stance, etag, last_modified, next_poll_ms, polled_ms, failures, last_error, polls, not_modified, items"

func scanFeed(sc interface{ Scan(...any) error }) (Feed, error) {
	var f Feed
	var next, polled int64
	err := sc.Scan(&f.ID, &f.URL, &f.Outlet, &f.Stance, &f.ETag, &f.LastModified, &next, &polled,
		&f.Failures, &f.LastError, &f.Polls, &f.NotModified, &f.Items)
	f.NextPoll, f.Polled = Time(next), Time(polled)
	return f, err
}

// SyncFeeds makes the followed feeds those of specs: new ones are added
// (due at once), known ones get the outlet and stance given, and feeds
// no longer listed stop being polled (their articles stay).
func (s *Store) SyncFeeds(ctx context.Context, specs []FeedSpec) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: feeds: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE feeds SET active = 0"); err != nil {
		return fmt.Errorf("store: feeds: %w", err)
	}
	for _, f := range specs {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO feeds (url, outlet, stance) VALUES (?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET outlet = excluded.outlet, stance = excluded.stance, active = 1`),
			f.URL, f.Outlet, f.Stance); err != nil {
			return fmt.Errorf("store: feed %s: %w", f.URL, err)
		}
	}
	return tx.Commit()
}

// ClaimDueFeeds returns the active feeds due for a poll at now and moves
// their next poll to now+every, in one statement, so that of several
// nodes asking at once each feed goes to one.
func (s *Store) ClaimDueFeeds(ctx context.Context, now time.Time, every time.Duration) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`UPDATE feeds SET next_poll_ms = ?
		WHERE active = 1 AND next_poll_ms <= ? RETURNING id`), Millis(now.Add(every)), Millis(now))
	if err != nil {
		return nil, fmt.Errorf("store: due feeds: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ErrNotFound is returned for an ID that names nothing.
var ErrNotFound = errors.New("not found")

// Feed returns one feed.
func (s *Store) Feed(ctx context.Context, id int64) (Feed, error) {
	f, err := scanFeed(s.db.QueryRowContext(ctx, s.q("SELECT "+feedCols+" FROM feeds WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, ErrNotFound
	}
	return f, err
}

// Feeds lists the active feeds by ID.
func (s *Store) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.ro.QueryContext(ctx, "SELECT "+feedCols+" FROM feeds WHERE active = 1 ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Poll is the outcome of one poll of a feed.
type Poll struct {
	At          time.Time
	NotModified bool
	// ETag and LastModified are the validators for the next request
	// (kept as they were when empty).
	ETag, LastModified string
	// Items counts the new items the poll found.
	Items int
	// Err is the poll's error, nil on success.
	Err error
	// Problems describe what was wrong with a feed that was read all the
	// same (items without links, repeated GUIDs); recorded as the feed's
	// last error without counting as a failure.
	Problems string
	// Next is when the feed is due again; zero keeps the schedule set
	// when the poll was claimed.
	Next time.Time
}

// FeedPolled records a poll: validators, counters and, for a failure, the
// error and the failure count (which the caller's backoff reads). A 304
// keeps the problems recorded for the unchanged feed.
func (s *Store) FeedPolled(ctx context.Context, id int64, p Poll) error {
	nm := 0
	if p.NotModified {
		nm = 1
	}
	msg := p.Problems
	fail := 0
	if p.Err != nil {
		msg, fail = p.Err.Error(), 1
	}
	// NULL keeps a column as it is; the values' types come from the
	// columns, so PostgreSQL needs no casts.
	keep := func(v string, ok bool) any {
		if !ok {
			return nil
		}
		return v
	}
	var next any
	if !p.Next.IsZero() {
		next = Millis(p.Next)
	}
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE feeds SET
		polled_ms = ?, polls = polls + 1, not_modified = not_modified + ?, items = items + ?,
		etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
		failures = CASE WHEN ? > 0 THEN failures + 1 ELSE 0 END,
		last_error = COALESCE(?, last_error),
		next_poll_ms = COALESCE(?, next_poll_ms)
		WHERE id = ?`),
		Millis(p.At), nm, p.Items, keep(p.ETag, p.ETag != ""), keep(p.LastModified, p.LastModified != ""), fail,
		keep(msg, !p.NotModified), next, id)
	if err != nil {
		return fmt.Errorf("store: feed %d: %w", id, err)
	}
	return nil
}
