package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Story is a story as stored: its articles and the summary computed when
// its articles last changed.
type Story struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	First    time.Time `json:"first,omitzero"`
	Last     time.Time `json:"last,omitzero"`
	Updated  time.Time `json:"updated"`
	Articles []Article `json:"articles"`
	// Coverage counts the story's articles by their outlet's stance.
	Coverage Coverage `json:"coverage"`
	// Summary is the stories.Story the summarizer wrote, as JSON.
	Summary json.RawMessage `json:"-"`
}

// Coverage counts articles by stance.
type Coverage struct {
	Left   int `json:"left"`
	Center int `json:"center"`
	Right  int `json:"right"`
	Other  int `json:"other"`
}

// StoryUpdate is what the grouping step writes for a story.
type StoryUpdate struct {
	ID          string
	Title       string
	First, Last time.Time
	Articles    []int64
	Coverage    Coverage
	Summary     []byte
}

// Cursor is a position in the stories list (newest activity first).
type Cursor struct {
	Updated int64
	ID      string
}

// String encodes c for an API client to pass back.
func (c Cursor) String() string { return strconv.FormatInt(c.Updated, 10) + "~" + c.ID }

// ParseCursor decodes Cursor.String's form; "" is the start.
func ParseCursor(s string) (Cursor, error) {
	if s == "" {
		return Cursor{}, nil
	}
	ms, id, ok := strings.Cut(s, "~")
	n, err := strconv.ParseInt(ms, 10, 64)
	if !ok || err != nil || id == "" {
		return Cursor{}, fmt.Errorf("bad cursor %q", s)
	}
	return Cursor{n, id}, nil
}

const storyCols = "id, title, first_ms, last_ms, updated_ms, n_left, n_center, n_right, n_articles, summary"

func scanStory(sc interface{ Scan(...any) error }) (Story, error) {
	var st Story
	var first, last, upd int64
	var n int
	var sum string
	err := sc.Scan(&st.ID, &st.Title, &first, &last, &upd, &st.Coverage.Left, &st.Coverage.Center, &st.Coverage.Right, &n, &sum)
	st.First, st.Last, st.Updated = Time(first), Time(last), Time(upd)
	st.Coverage.Other = n - st.Coverage.Left - st.Coverage.Center - st.Coverage.Right
	if sum != "" {
		st.Summary = json.RawMessage(sum)
	}
	return st, err
}

// Stories lists up to limit stories after cursor, newest activity first
// (ties by ID), with their articles; next is the cursor of the following
// page, nil after the last.
func (s *Store) Stories(ctx context.Context, limit int, after Cursor, since time.Time) (out []Story, next *Cursor, err error) {
	q := "SELECT " + storyCols + " FROM stories WHERE n_articles > 0"
	var args []any
	if after.ID != "" {
		q += " AND (updated_ms < ? OR (updated_ms = ? AND id < ?))"
		args = append(args, after.Updated, after.Updated, after.ID)
	}
	if !since.IsZero() {
		q += " AND last_ms >= ?"
		args = append(args, Millis(since))
	}
	q += " ORDER BY updated_ms DESC, id DESC LIMIT ?"
	args = append(args, limit+1)
	tx, err := s.ro.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: stories: %w", err)
	}
	for rows.Next() {
		st, err := scanStory(rows)
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		out = append(out, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if len(out) > limit {
		out = out[:limit]
		last := out[len(out)-1]
		next = &Cursor{Millis(last.Updated), last.ID}
	}
	if err := s.fillArticles(ctx, tx, out); err != nil {
		return nil, nil, err
	}
	return out, next, nil
}

// fillArticles loads the placed articles of the stories, without text.
func (s *Store) fillArticles(ctx context.Context, q querier, sts []Story) error {
	if len(sts) == 0 {
		return nil
	}
	idx := map[string]int{}
	args := make([]any, 0, len(sts)+1)
	args = append(args, StatePlaced)
	for i, st := range sts {
		idx[st.ID] = i
		args = append(args, st.ID)
	}
	arts, err := s.articlesWhere(ctx, q, "state = ? AND story_id IN ("+inList(len(sts))+")", args...)
	if err != nil {
		return fmt.Errorf("store: stories: %w", err)
	}
	for _, a := range arts {
		a.Text, a.KeyPoints = "", nil
		i := idx[a.Story]
		sts[i].Articles = append(sts[i].Articles, a)
	}
	// An article with the same text as a placed one (another URL for one
	// wire copy) is listed in that article's story, marked by
	// DuplicateOf; its text is stored once, under the first.
	cols := "dup." + strings.ReplaceAll(articleCols, ", ", ", dup.")
	rows, err := q.QueryContext(ctx, s.q("SELECT "+cols+", o.story_id FROM articles dup JOIN articles o ON dup.duplicate_of = o.id"+
		" WHERE dup.state = ? AND o.state = ? AND o.story_id IN ("+inList(len(sts))+") ORDER BY dup.id"),
		append([]any{StateDuplicate}, args...)...)
	if err != nil {
		return fmt.Errorf("store: stories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a Article
		var pub, seen, placed int64
		var kp, story string
		if err := rows.Scan(&a.ID, &a.FeedID, &a.URL, &a.Outlet, &a.Stance, &a.Title, &pub, &seen, &a.State, &a.Error,
			&a.Attempts, &a.Text, &a.DuplicateOf, &kp, &a.Story, &placed, &story); err != nil {
			return err
		}
		a.Published, a.Seen, a.Story, a.Text = Time(pub), Time(seen), story, ""
		i := idx[story]
		sts[i].Articles = append(sts[i].Articles, a)
	}
	return rows.Err()
}

// Story returns one story with its articles.
func (s *Store) Story(ctx context.Context, id string) (Story, error) {
	tx, err := s.ro.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Story{}, err
	}
	defer tx.Rollback()
	st, err := scanStory(tx.QueryRowContext(ctx, s.q("SELECT "+storyCols+" FROM stories WHERE id = ? AND n_articles > 0"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return st, ErrNotFound
	}
	if err != nil {
		return st, err
	}
	sts := []Story{st}
	err = s.fillArticles(ctx, tx, sts)
	return sts[0], err
}

// Counts are the store's totals, for metrics.
type Counts struct {
	Feeds       int64            `json:"feeds"`
	Polls       int64            `json:"polls"`
	NotModified int64            `json:"not_modified"`
	FeedErrors  int64            `json:"feed_errors"`
	Articles    map[string]int64 `json:"articles"`
	Stories     int64            `json:"stories"`
	// Queue counts the job queue's jobs by state.
	Queue map[string]int64 `json:"queue"`
}

// Counts returns the totals.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	c := Counts{Articles: map[string]int64{}, Queue: map[string]int64{}}
	err := s.ro.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(polls), 0), COALESCE(SUM(not_modified), 0),
		COALESCE(SUM(CASE WHEN last_error <> '' THEN 1 ELSE 0 END), 0) FROM feeds WHERE active = 1`).
		Scan(&c.Feeds, &c.Polls, &c.NotModified, &c.FeedErrors)
	if err != nil {
		return c, err
	}
	if err := s.ro.QueryRowContext(ctx, "SELECT COUNT(*) FROM stories WHERE n_articles > 0").Scan(&c.Stories); err != nil {
		return c, err
	}
	if err := countBy(ctx, s.ro, "SELECT state, COUNT(*) FROM articles GROUP BY state", c.Articles); err != nil {
		return c, err
	}
	// The job queue's table exists once the queue has migrated.
	if err := countBy(ctx, s.ro, "SELECT state, COUNT(*) FROM river_job WHERE state NOT IN ('completed', 'cancelled', 'discarded') GROUP BY state", c.Queue); err != nil {
		c.Queue = nil
	}
	return c, nil
}

func countBy(ctx context.Context, q querier, query string, into map[string]int64) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int64
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		into[k] = n
	}
	return rows.Err()
}
