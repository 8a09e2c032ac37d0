package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/keypoints-dev/keypoints/store"
)

// liveStore returns an SQLite store holding n stories of two articles
// each: story i has a left article and, for odd i, a right one too (even
// stories are left-only blindspots).
func liveStore(t *testing.T, n int) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "kp.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SyncFeeds(ctx, []store.FeedSpec{{URL: "http://l.example/feed", Outlet: "Left Daily", Stance: "left"},
		{URL: "http://r.example/feed", Outlet: "Right Times", Stance: "right"}}); err != nil {
		t.Fatal(err)
	}
	type member struct {
		id     int64
		stance string
	}
	members := make([][]member, n)
	for i := range n {
		for k, f := range []struct {
			feed           int64
			outlet, stance string
		}{{1, "Left Daily", "left"}, {2, "Right Times", "right"}} {
			if k == 1 && i%2 == 0 {
				continue
			}
			u := fmt.Sprintf("http://%s.example/story-%d", f.stance[:1], i)
			id, _, _, err := st.AddArticle(ctx, store.NewArticle{FeedID: f.feed, URL: u, URLKey: u, Outlet: f.outlet, Stance: f.stance,
				Title: fmt.Sprintf("Council vote %d", i), Published: time.Now().Add(-time.Hour), Seen: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.ArticleRead(ctx, id, "", fmt.Sprintf("The council voted on plan %d. It passed.", i), u, []byte(`[{"text":"The council voted."}]`)); err != nil {
				t.Fatal(err)
			}
			members[i] = append(members[i], member{id, f.stance})
		}
	}
	g, err := st.BeginGroup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Rollback()
	for i, ms := range members {
		u := store.StoryUpdate{ID: fmt.Sprintf("s%d", i+1), Title: fmt.Sprintf("Council vote %d", i)}
		for _, m := range ms {
			u.Articles = append(u.Articles, m.id)
			if m.stance == "left" {
				u.Coverage.Left++
			} else {
				u.Coverage.Right++
			}
		}
		u.Summary = []byte(fmt.Sprintf(`{"id":"s%d","keypoints":[{"text":"The council voted on plan %d.","outlets":["Left Daily"],"sources":[],"independent":1}],
			"outlets":[{"article":"%d","outlet":"Left Daily","stance":"left","unique":[{"text":"It passed.","sentence":1}],"omitted":[]}]}`, i+1, i, ms[0].id))
		if err := g.PutStory(ctx, u, time.Now().Add(time.Duration(i)*time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.Save(ctx, []byte("{}"), 0); err != nil {
		t.Fatal(err)
	}
	if err := g.Commit(); err != nil {
		t.Fatal(err)
	}
	return st
}

type liveList struct {
	Stories []struct {
		ID        string `json:"id"`
		Title     string `json:"title"`
		Blindspot string `json:"blindspot"`
		Articles  []struct {
			ID, URL, Outlet, Stance string
		} `json:"articles"`
		KeyPoints []struct{ Text string } `json:"keypoints"`
		Coverage  struct{ Left, Center, Right int }
	} `json:"stories"`
	Next *string `json:"next"`
}

func getJSON(t *testing.T, url string, want int, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("GET %s: %d, want %d", url, resp.StatusCode, want)
	}
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
	}
}

func TestLiveStories(t *testing.T) {
	st := liveStore(t, 5)
	s := MustOpenServer(t, func(s *Server) { s.Live = st })

	// Pages of two, newest activity first, until next is null.
	var ids []string
	cursor := ""
	for range 10 {
		var page liveList
		getJSON(t, s.URL()+"/v1/stories?limit=2&cursor="+cursor, http.StatusOK, &page)
		for _, x := range page.Stories {
			ids = append(ids, x.ID)
			if len(x.KeyPoints) == 0 || len(x.Articles) == 0 {
				t.Errorf("story %s: %d key points, %d articles", x.ID, len(x.KeyPoints), len(x.Articles))
			}
			for _, a := range x.Articles {
				if a.Outlet == "" || a.Stance == "" || a.URL == "" || a.ID == "" {
					t.Errorf("story %s article %+v lacks a field", x.ID, a)
				}
			}
		}
		if page.Next == nil {
			break
		}
		cursor = *page.Next
	}
	if got, want := strings.Join(ids, " "), "s5 s4 s3 s2 s1"; got != want {
		t.Errorf("stories %q, want %q", got, want)
	}

	var blind liveList
	getJSON(t, s.URL()+"/v1/stories?limit=50&blindspot=1", http.StatusOK, &blind)
	for _, x := range blind.Stories {
		if x.Blindspot != "left" || x.Coverage.Right != 0 {
			t.Errorf("blindspot filter let %s through (%+v)", x.ID, x.Coverage)
		}
	}
	if len(blind.Stories) != 3 {
		t.Errorf("%d blindspot stories, want 3", len(blind.Stories))
	}

	var one struct {
		ID      string `json:"id"`
		Outlets []struct {
			Unique  []struct{ Text string }
			Omitted []int
		} `json:"outlets"`
	}
	getJSON(t, s.URL()+"/v1/stories/s2", http.StatusOK, &one)
	if one.ID != "s2" || len(one.Outlets) != 1 || len(one.Outlets[0].Unique) != 1 {
		t.Errorf("story s2: %+v, want its outlet with one unique point", one)
	}
	getJSON(t, s.URL()+"/v1/stories/nope", http.StatusNotFound, nil)

	var art struct {
		ID        string          `json:"id"`
		State     string          `json:"state"`
		KeyPoints json.RawMessage `json:"keypoints"`
		Story     *struct{ ID string }
	}
	getJSON(t, s.URL()+"/v1/articles/1", http.StatusOK, &art)
	if art.ID != "1" || art.State != store.StatePlaced || art.Story == nil || art.Story.ID != "s1" || !strings.Contains(string(art.KeyPoints), "council") {
		t.Errorf("article 1: %+v %s", art, art.KeyPoints)
	}
	getJSON(t, s.URL()+"/v1/articles/999", http.StatusNotFound, nil)
	getJSON(t, s.URL()+"/v1/stories?limit=0", http.StatusBadRequest, nil)
	getJSON(t, s.URL()+"/v1/stories?cursor=bad", http.StatusBadRequest, nil)
	getJSON(t, s.URL()+"/v1/failures", http.StatusOK, nil)
	getJSON(t, s.URL()+"/v1/live/stats", http.StatusOK, nil)
}

// TestLiveWithoutStore: a server without -db answers 404 on the live
// routes, and /healthz as always.
func TestLiveWithoutStore(t *testing.T) {
	s := MustOpenServer(t, nil)
	getJSON(t, s.URL()+"/v1/stories", http.StatusNotFound, nil)
	getJSON(t, s.URL()+"/healthz", http.StatusOK, nil)
}

// TestLivePageInBrowser opens /live in headless Chromium: the stories
// show with their coverage bars, the blindspot filter hides the stories
// both sides carry, a story opens on its own page, and a story added
// later appears without a reload.
func TestLivePageInBrowser(t *testing.T) {
	b := openBrowser(t)
	st := liveStore(t, 4)
	s := MustOpenServer(t, func(s *Server) { s.Live = st })
	count := `document.querySelectorAll('#stories li').length`
	b.run("open the live page",
		chromedp.Navigate(s.URL()+"/live"),
		chromedp.WaitVisible(chromedp.CSS(`#stories li`)),
	)
	if got := b.eval(count); got != 4.0 {
		t.Errorf("stories shown: %v, want 4", got)
	}
	if got := b.eval(`document.querySelectorAll('#stories li .bar span.right').length`); got != 2.0 {
		t.Errorf("coverage bars with a right part: %v, want 2", got)
	}
	b.run("filter blindspots", chromedp.Click(chromedp.CSS("#blindspot")))
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](count+` === 2`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Errorf("blindspot filter: %v stories shown, want 2", b.eval(count))
	}
	b.run("open a story",
		chromedp.Click(chromedp.CSS(`#stories li a`)),
		chromedp.WaitVisible(chromedp.CSS(`#story ul.points li`)),
	)
	if got := b.eval(`document.getElementById('story').textContent`).(string); !strings.Contains(got, "Only here") {
		t.Errorf("story page lacks the outlet's unique points: %.200q", got)
	}
	b.screenshot("/tmp/keypoints-live.png", true)
	b.run("back to the list", chromedp.Navigate(s.URL()+"/live"), chromedp.WaitVisible(chromedp.CSS(`#stories li`)))

	// A new story arrives: the page shows it at its next refresh.
	ctx := context.Background()
	id, _, _, err := st.AddArticle(ctx, store.NewArticle{FeedID: 1, URL: "http://l.example/late", URLKey: "late", Outlet: "Left Daily", Stance: "left", Title: "Late news"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := st.BeginGroup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := g.PutStory(ctx, store.StoryUpdate{ID: "late", Title: "Late news", Articles: []int64{id}, Coverage: store.Coverage{Left: 1},
		Summary: []byte(`{"keypoints":[{"text":"It is late.","outlets":["Left Daily"]}]}`)}, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := g.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.querySelector('#stories li[data-story="late"]') !== null`,
		chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Errorf("the new story did not appear without a reload: %v", err)
	}
	b.checkConsole()
}
