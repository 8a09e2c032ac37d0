package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// GroupTx is a transaction that holds the grouping lock: the one row of
// the grouper table, locked FOR UPDATE on PostgreSQL (SQLite has one
// writer at a time anyway). Every change to story membership happens
// under it, so articles are placed one at a time across all nodes, each
// placement sees every earlier one, and all nodes agree on the stories.
//
// The grouper's state is kept as a snapshot (as of SnapVersion) and the
// log of the placements made since, one row per version: a placement
// appends one row (Append) and a node whose copy is at an older version
// applies the rows after it; Save writes a new snapshot and drops the
// rows it covers.
type GroupTx struct {
	s  *Store
	tx *sql.Tx
	// Version counts the changes to the grouper state (placements
	// appended and snapshots saved).
	Version int64
	// SnapVersion is the version of the saved snapshot; the log holds
	// the versions after it.
	SnapVersion int64
	// Pending counts the articles added since the last regroup.
	Pending int64
}

// GroupLog is one row of the log of placements: the version it made.
type GroupLog struct {
	Version int64
	Step    []byte
}

// BeginGroup starts a transaction holding the grouping lock, waiting for
// it as long as ctx allows.
func (s *Store) BeginGroup(ctx context.Context) (*GroupTx, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: group: %w", err)
	}
	q := "SELECT version, snap_version, pending FROM grouper WHERE id = 1"
	if s.kind == Postgres {
		q += " FOR UPDATE"
	}
	g := &GroupTx{s: s, tx: tx}
	if err := tx.QueryRowContext(ctx, q).Scan(&g.Version, &g.SnapVersion, &g.Pending); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("store: group: %w", err)
	}
	return g, nil
}

// Snapshot returns the saved grouper state (empty before the first
// save) and its version.
func (g *GroupTx) Snapshot(ctx context.Context) (version int64, state []byte, err error) {
	return snapshot(ctx, g.tx)
}

// Log returns the logged placements after version, oldest first.
func (g *GroupTx) Log(ctx context.Context, after int64) ([]GroupLog, error) {
	return g.s.groupLog(ctx, g.tx, after)
}

// Save writes a snapshot of the grouper state and the pending count,
// bumps the version and drops the log the snapshot covers.
func (g *GroupTx) Save(ctx context.Context, state []byte, pending int64) error {
	v := g.Version + 1
	if _, err := g.tx.ExecContext(ctx, g.s.q("UPDATE grouper SET version = ?, snap_version = ?, state_bin = ?, pending = ? WHERE id = 1"),
		v, v, state, pending); err != nil {
		return err
	}
	if _, err := g.tx.ExecContext(ctx, g.s.q("DELETE FROM grouper_log WHERE version <= ?"), v); err != nil {
		return err
	}
	g.Version, g.SnapVersion, g.Pending = v, v, pending
	return nil
}

// Append logs one placement as the next version, with the pending count.
func (g *GroupTx) Append(ctx context.Context, step []byte, pending int64) error {
	v := g.Version + 1
	if _, err := g.tx.ExecContext(ctx, g.s.q("INSERT INTO grouper_log (version, step) VALUES (?, ?)"), v, step); err != nil {
		return err
	}
	if _, err := g.tx.ExecContext(ctx, g.s.q("UPDATE grouper SET version = ?, pending = ? WHERE id = 1"), v, pending); err != nil {
		return err
	}
	g.Version, g.Pending = v, pending
	return nil
}

func snapshot(ctx context.Context, q querier) (version int64, state []byte, err error) {
	err = q.QueryRowContext(ctx, "SELECT snap_version, state_bin FROM grouper WHERE id = 1").Scan(&version, &state)
	return version, state, err
}

func (s *Store) groupLog(ctx context.Context, q querier, after int64) ([]GroupLog, error) {
	rows, err := q.QueryContext(ctx, s.q("SELECT version, step FROM grouper_log WHERE version > ? ORDER BY version"), after)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []GroupLog
	for rows.Next() {
		var l GroupLog
		if err := rows.Scan(&l.Version, &l.Step); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// PutStory writes a story and places its articles in it; the first
// placement of an article records when it happened.
func (g *GroupTx) PutStory(ctx context.Context, u StoryUpdate, now time.Time) error {
	n := len(u.Articles)
	_, err := g.tx.ExecContext(ctx, g.s.q(`INSERT INTO stories (id, title, first_ms, last_ms, updated_ms, n_articles, n_left, n_center, n_right, summary)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, first_ms = excluded.first_ms, last_ms = excluded.last_ms,
		updated_ms = excluded.updated_ms, n_articles = excluded.n_articles, n_left = excluded.n_left,
		n_center = excluded.n_center, n_right = excluded.n_right, summary = excluded.summary`),
		u.ID, u.Title, Millis(u.First), Millis(u.Last), Millis(now), n, u.Coverage.Left, u.Coverage.Center, u.Coverage.Right, string(u.Summary))
	if err != nil {
		return fmt.Errorf("store: story %s: %w", u.ID, err)
	}
	for _, id := range u.Articles {
		if _, err := g.tx.ExecContext(ctx, g.s.q(`UPDATE articles SET story_id = ?, state = ?,
			placed_ms = CASE WHEN placed_ms = 0 THEN ? ELSE placed_ms END WHERE id = ?`),
			u.ID, StatePlaced, Millis(now), id); err != nil {
			return fmt.Errorf("store: story %s: %w", u.ID, err)
		}
	}
	return nil
}

// EmptyStory marks a story that lost all its articles to others; it is
// no longer listed.
func (g *GroupTx) EmptyStory(ctx context.Context, id string, now time.Time) error {
	_, err := g.tx.ExecContext(ctx, g.s.q("UPDATE stories SET n_articles = 0, updated_ms = ? WHERE id = ?"), Millis(now), id)
	return err
}

// Commit commits the transaction, releasing the lock.
func (g *GroupTx) Commit() error { return g.tx.Commit() }

// Rollback abandons the transaction, releasing the lock.
func (g *GroupTx) Rollback() error { return g.tx.Rollback() }

// GrouperVersion reads the grouper's version and pending count without
// locking, for a node that works out a placement before taking the lock.
func (s *Store) GrouperVersion(ctx context.Context) (version, pending int64, err error) {
	err = s.ro.QueryRowContext(ctx, "SELECT version, pending FROM grouper WHERE id = 1").Scan(&version, &pending)
	return version, pending, err
}

// GrouperSnapshot reads the saved grouper state and its version without
// locking.
func (s *Store) GrouperSnapshot(ctx context.Context) (version int64, state []byte, err error) {
	return snapshot(ctx, s.ro)
}

// GrouperLog reads the logged placements after version without locking,
// oldest first. A snapshot saved meanwhile may have dropped the first of
// them: the caller checks that the versions follow on.
func (s *Store) GrouperLog(ctx context.Context, after int64) ([]GroupLog, error) {
	return s.groupLog(ctx, s.ro, after)
}

// Articles returns the articles with the given IDs, by ID.
func (s *Store) Articles(ctx context.Context, ids []int64) ([]Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return s.articlesWhere(ctx, s.ro, "id IN ("+inList(len(ids))+")", args...)
}
