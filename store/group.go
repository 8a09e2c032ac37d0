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
type GroupTx struct {
	s  *Store
	tx *sql.Tx
	// Version counts the saved grouper states; a node whose cached
	// Grouper has another version reloads the state.
	Version int64
	// Pending counts the articles added since the last regroup.
	Pending int64
}

// BeginGroup starts a transaction holding the grouping lock, waiting for
// it as long as ctx allows.
func (s *Store) BeginGroup(ctx context.Context) (*GroupTx, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: group: %w", err)
	}
	q := "SELECT version, pending FROM grouper WHERE id = 1"
	if s.kind == Postgres {
		q += " FOR UPDATE"
	}
	g := &GroupTx{s: s, tx: tx}
	if err := tx.QueryRowContext(ctx, q).Scan(&g.Version, &g.Pending); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("store: group: %w", err)
	}
	return g, nil
}

// Tx is the transaction, for queries of other packages' tables (the job
// queue's) that must see the same snapshot.
func (g *GroupTx) Tx() *sql.Tx { return g.tx }

// State returns the saved grouper state (empty before the first save).
func (g *GroupTx) State(ctx context.Context) ([]byte, error) {
	var st []byte
	err := g.tx.QueryRowContext(ctx, "SELECT state_bin FROM grouper WHERE id = 1").Scan(&st)
	return st, err
}

// Save writes the grouper state and pending count and bumps the version.
func (g *GroupTx) Save(ctx context.Context, state []byte, pending int64) error {
	_, err := g.tx.ExecContext(ctx, g.s.q("UPDATE grouper SET version = version + 1, state_bin = ?, pending = ? WHERE id = 1"),
		state, pending)
	if err == nil {
		g.Version++
		g.Pending = pending
	}
	return err
}

// Articles returns the articles with the given IDs, by ID.
func (g *GroupTx) Articles(ctx context.Context, ids []int64) ([]Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return g.s.articlesWhere(ctx, g.tx, "id IN ("+inList(len(ids))+")", args...)
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

// StoryMembers returns the IDs of the articles placed in a story.
func (g *GroupTx) StoryMembers(ctx context.Context, id string) ([]int64, error) {
	rows, err := g.tx.QueryContext(ctx, g.s.q("SELECT id FROM articles WHERE story_id = ? AND state = ? ORDER BY id"), id, StatePlaced)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
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

// GrouperState reads the saved grouper state with its version and
// pending count, without locking.
func (s *Store) GrouperState(ctx context.Context) (version, pending int64, state []byte, err error) {
	err = s.ro.QueryRowContext(ctx, "SELECT version, pending, state_bin FROM grouper WHERE id = 1").Scan(&version, &pending, &state)
	return version, pending, state, err
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
