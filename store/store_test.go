package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/keypoints-dev/keypoints/store"
	"github.com/keypoints-dev/keypoints/store/storetest"
)

// each runs fn on a fresh SQLite store and, when PostgreSQL is installed,
// on a fresh database of a private PostgreSQL server.
func each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "kp.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		fn(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		url := storetest.Postgres(t)
		s, err := store.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		fn(t, s)
	})
}

func TestMain(m *testing.M) {
	code := m.Run()
	storetest.Stop()
	os.Exit(code)
}

func TestOpenMigratesOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kp.db")
	for i := range 2 {
		s, err := store.Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i+1, err)
		}
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v != 3 {
			t.Errorf("open %d: schema version %d, want 3", i+1, v)
		}
		s.Close()
	}
}

func TestArticles(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := s.SyncFeeds(ctx, []store.FeedSpec{{URL: "http://a.example/feed", Outlet: "A", Stance: "left"}}); err != nil {
			t.Fatal(err)
		}
		ids, err := s.ClaimDueFeeds(ctx, time.Now(), time.Minute)
		if err != nil || len(ids) != 1 {
			t.Fatalf("due feeds %v, %v; want one", ids, err)
		}
		if again, _ := s.ClaimDueFeeds(ctx, time.Now(), time.Minute); len(again) != 0 {
			t.Errorf("a feed claimed twice in one interval: %v", again)
		}
		na := store.NewArticle{FeedID: ids[0], URL: "http://a.example/x", URLKey: "a.example/x", Outlet: "A", Stance: "left", Title: "X", Seen: time.Now()}
		id, added, _, err := s.AddArticle(ctx, na)
		if err != nil || !added {
			t.Fatalf("add: %v %v", added, err)
		}
		id2, added, state, err := s.AddArticle(ctx, na)
		if err != nil || added || id2 != id || state != store.StateNew {
			t.Errorf("second add: id %d added %v state %q err %v; want the first (%d), not added, new", id2, added, state, err, id)
		}
		if dup, err := s.ArticleRead(ctx, id, "", "Some text. More text.", "k1", []byte("[]")); err != nil || dup != 0 {
			t.Fatalf("read: %d %v", dup, err)
		}
		na.URL, na.URLKey = "http://a.example/y", "a.example/y"
		other, _, _, err := s.AddArticle(ctx, na)
		if err != nil {
			t.Fatal(err)
		}
		if dup, err := s.ArticleRead(ctx, other, "", "Some text. More text.", "k1", []byte("[]")); err != nil || dup != id {
			t.Errorf("same text under another URL: duplicate of %d (%v), want %d", dup, err, id)
		}
		a, err := s.Article(ctx, other)
		if err != nil || a.State != store.StateDuplicate {
			t.Errorf("state %q (%v), want duplicate", a.State, err)
		}
		if _, err := s.Article(ctx, 999); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing article: %v, want ErrNotFound", err)
		}
	})
}

func TestStoriesPaging(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := s.SyncFeeds(ctx, []store.FeedSpec{{URL: "http://a.example/feed", Outlet: "A"}}); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for i := range 5 {
			id, _, _, err := s.AddArticle(ctx, store.NewArticle{FeedID: 1, URL: "http://a.example/" + string(rune('a'+i)), URLKey: string(rune('a' + i))})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		g, err := s.BeginGroup(ctx)
		if err != nil {
			t.Fatal(err)
		}
		base := time.Now()
		for i, id := range ids {
			if err := g.PutStory(ctx, store.StoryUpdate{ID: "s" + string(rune('a'+i)), Title: "T", Articles: []int64{id}}, base.Add(time.Duration(i)*time.Second)); err != nil {
				t.Fatal(err)
			}
		}
		if err := g.Save(ctx, []byte("{}"), 0); err != nil {
			t.Fatal(err)
		}
		if err := g.Commit(); err != nil {
			t.Fatal(err)
		}
		var got []string
		var cur store.Cursor
		for range 10 {
			sts, next, err := s.Stories(ctx, 2, cur, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range sts {
				if len(st.Articles) != 1 {
					t.Errorf("story %s has %d articles, want 1", st.ID, len(st.Articles))
				}
				got = append(got, st.ID)
			}
			if next == nil {
				break
			}
			if cur, err = store.ParseCursor(next.String()); err != nil {
				t.Fatal(err)
			}
		}
		want := []string{"se", "sd", "sc", "sb", "sa"}
		if len(got) != len(want) {
			t.Fatalf("paged %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("paged %v, want %v (newest first)", got, want)
			}
		}
	})
}

// TestGroupLog appends placements to the grouper log and saves a
// snapshot: the log holds the versions after the snapshot, a snapshot
// drops the log it covers, and the versions count both.
func TestGroupLog(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		write := func(fn func(g *store.GroupTx) error) {
			t.Helper()
			g, err := s.BeginGroup(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Rollback()
			if err := fn(g); err != nil {
				t.Fatal(err)
			}
			if err := g.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		write(func(g *store.GroupTx) error { return g.Save(ctx, []byte("snap1"), 0) })
		write(func(g *store.GroupTx) error { return g.Append(ctx, []byte("a"), 1) })
		write(func(g *store.GroupTx) error { return g.Append(ctx, []byte("b"), 2) })
		v, pending, err := s.GrouperVersion(ctx)
		if err != nil || v != 3 || pending != 2 {
			t.Fatalf("version %d pending %d (%v), want 3, 2", v, pending, err)
		}
		sv, st, err := s.GrouperSnapshot(ctx)
		if err != nil || sv != 1 || string(st) != "snap1" {
			t.Fatalf("snapshot %d %q (%v), want 1 snap1", sv, st, err)
		}
		logs, err := s.GrouperLog(ctx, 1)
		if err != nil || len(logs) != 2 || logs[0].Version != 2 || string(logs[1].Step) != "b" {
			t.Fatalf("log after 1: %+v (%v), want versions 2 (a) and 3 (b)", logs, err)
		}
		if logs, _ := s.GrouperLog(ctx, 2); len(logs) != 1 || logs[0].Version != 3 {
			t.Errorf("log after 2: %+v, want version 3 alone", logs)
		}
		write(func(g *store.GroupTx) error { return g.Save(ctx, []byte("snap4"), 0) })
		if logs, _ := s.GrouperLog(ctx, 0); len(logs) != 0 {
			t.Errorf("log after a snapshot: %+v, want none", logs)
		}
		if sv, st, _ := s.GrouperSnapshot(ctx); sv != 4 || string(st) != "snap4" {
			t.Errorf("snapshot %d %q, want 4 snap4", sv, st)
		}
	})
}
