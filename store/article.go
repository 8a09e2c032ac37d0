package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Article states.
const (
	// StateNew: seen on a feed, its page not fetched yet.
	StateNew = "new"
	// StateReady: text and key points stored, not placed in a story yet.
	StateReady = "ready"
	// StatePlaced: in a story.
	StatePlaced = "placed"
	// StateFailed: its page could not be fetched or read after every
	// retry; Error says why.
	StateFailed = "failed"
	// StateDuplicate: the same text as DuplicateOf, which is kept instead.
	StateDuplicate = "duplicate"
)

// NewArticle is an item seen on a feed.
type NewArticle struct {
	FeedID int64
	URL    string
	// URLKey is the normalised URL: one article per key.
	URLKey    string
	GUID      string
	Outlet    string
	Stance    string
	Title     string
	Published time.Time
	Seen      time.Time
}

// Article is an article as stored.
type Article struct {
	ID          int64           `json:"id"`
	FeedID      int64           `json:"feed_id"`
	URL         string          `json:"url"`
	Outlet      string          `json:"outlet,omitempty"`
	Stance      string          `json:"stance,omitempty"`
	Title       string          `json:"title,omitempty"`
	Published   time.Time       `json:"published,omitzero"`
	Seen        time.Time       `json:"seen,omitzero"`
	State       string          `json:"state"`
	Error       string          `json:"error,omitempty"`
	Attempts    int             `json:"attempts,omitempty"`
	Text        string          `json:"text,omitempty"`
	DuplicateOf int64           `json:"duplicate_of,omitempty"`
	KeyPoints   json.RawMessage `json:"keypoints,omitempty"`
	Story       string          `json:"story,omitempty"`
	Placed      time.Time       `json:"placed,omitzero"`
}

const articleCols = "id, feed_id, url, outlet, stance, title, published_ms, seen_ms, state, error, attempts, text, duplicate_of, keypoints, story_id, placed_ms"

func scanArticle(sc interface{ Scan(...any) error }) (Article, error) {
	var a Article
	var pub, seen, placed int64
	var kp string
	err := sc.Scan(&a.ID, &a.FeedID, &a.URL, &a.Outlet, &a.Stance, &a.Title, &pub, &seen, &a.State, &a.Error,
		&a.Attempts, &a.Text, &a.DuplicateOf, &kp, &a.Story, &placed)
	a.Published, a.Seen, a.Placed = Time(pub), Time(seen), Time(placed)
	if kp != "" {
		a.KeyPoints = json.RawMessage(kp)
	}
	return a, err
}

// AddArticle stores an item seen on a feed unless an article with the same
// URL key is stored already; added tells which, and state is the stored
// article's state.
func (s *Store) AddArticle(ctx context.Context, a NewArticle) (id int64, added bool, state string, err error) {
	err = s.db.QueryRowContext(ctx, s.q(`INSERT INTO articles
		(feed_id, url, url_key, guid, outlet, stance, title, published_ms, seen_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url_key) DO NOTHING RETURNING id`),
		a.FeedID, a.URL, a.URLKey, a.GUID, a.Outlet, a.Stance, a.Title, Millis(a.Published), Millis(a.Seen)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.db.QueryRowContext(ctx, s.q("SELECT id, state FROM articles WHERE url_key = ?"), a.URLKey).Scan(&id, &state)
		return id, false, state, err
	}
	if err != nil {
		return 0, false, "", fmt.Errorf("store: add article: %w", err)
	}
	return id, true, StateNew, nil
}

// Article returns one article.
func (s *Store) Article(ctx context.Context, id int64) (Article, error) {
	a, err := scanArticle(s.ro.QueryRowContext(ctx, s.q("SELECT "+articleCols+" FROM articles WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	return a, err
}

// ArticleRead stores an article's text and key points. When another
// article has the same text key, this one becomes its duplicate
// (StateDuplicate) and dupOf names the other; otherwise it is ready for
// placing. title replaces the feed's title when the feed gave none.
func (s *Store) ArticleRead(ctx context.Context, id int64, title, text, textKey string, keypoints []byte) (dupOf int64, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: article %d: %w", id, err)
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, s.q("SELECT id FROM articles WHERE text_key = ? AND id <> ?"), textKey, id).Scan(&dupOf)
	switch {
	case err == nil:
		_, err = tx.ExecContext(ctx, s.q(`UPDATE articles SET state = ?, duplicate_of = ?, error = '' WHERE id = ?`),
			StateDuplicate, dupOf, id)
	case errors.Is(err, sql.ErrNoRows):
		dupOf = 0
		_, err = tx.ExecContext(ctx, s.q(`UPDATE articles SET state = CASE WHEN state = ? THEN state ELSE ? END,
			text = ?, text_key = ?, keypoints = ?, error = '',
			title = CASE WHEN title = '' THEN ? ELSE title END WHERE id = ?`),
			StatePlaced, StateReady, text, textKey, string(keypoints), title, id)
	}
	if err != nil {
		return 0, fmt.Errorf("store: article %d: %w", id, err)
	}
	return dupOf, tx.Commit()
}

// ArticleFailed records a failed attempt at an article's page; final
// marks it failed for good.
func (s *Store) ArticleFailed(ctx context.Context, id int64, cause error, final bool) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE articles SET attempts = attempts + 1, error = ?,
		state = CASE WHEN ? = 1 THEN ? ELSE state END WHERE id = ?`),
		cause.Error(), boolInt(final), StateFailed, id)
	return err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Failed lists the articles that failed for good, newest first, and the
// feeds whose latest poll failed.
func (s *Store) Failed(ctx context.Context, limit int) ([]Article, []Feed, error) {
	rows, err := s.ro.QueryContext(ctx, s.q("SELECT "+articleCols+" FROM articles WHERE state = ? ORDER BY id DESC LIMIT ?"), StateFailed, limit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var arts []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, nil, err
		}
		a.Text = ""
		arts = append(arts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	frows, err := s.ro.QueryContext(ctx, "SELECT "+feedCols+" FROM feeds WHERE last_error <> '' ORDER BY id")
	if err != nil {
		return nil, nil, err
	}
	defer frows.Close()
	var feeds []Feed
	for frows.Next() {
		f, err := scanFeed(frows)
		if err != nil {
			return nil, nil, err
		}
		feeds = append(feeds, f)
	}
	return arts, feeds, frows.Err()
}

// articlesWhere lists the articles matching cond (a WHERE clause with
// ? placeholders), by ID.
func (s *Store) articlesWhere(ctx context.Context, q querier, cond string, args ...any) ([]Article, error) {
	rows, err := q.QueryContext(ctx, s.q("SELECT "+articleCols+" FROM articles WHERE "+cond+" ORDER BY id"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// querier is a *sql.DB or *sql.Tx.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// inList returns "?, ?, ?" for n values.
func inList(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
