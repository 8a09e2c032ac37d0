package jobs_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/extract"
	"github.com/keypoints-dev/keypoints/feeds"
	"github.com/keypoints-dev/keypoints/jobs"
	"github.com/keypoints-dev/keypoints/store"
	"github.com/keypoints-dev/keypoints/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	storetest.Stop()
	os.Exit(code)
}

type siteArticle struct {
	Outlet, Stance, Event, Title, Text string
}

// site serves one RSS feed per outlet of testdata/site.json, a page per
// article, a feed that is not XML and an item whose page is gone.
type site struct {
	*httptest.Server
	arts    []siteArticle
	outlets []string
}

func slug(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "-")) }

func newSite(t *testing.T) *site {
	t.Helper()
	b, err := os.ReadFile("testdata/site.json")
	if err != nil {
		t.Fatal(err)
	}
	s := &site{}
	if err := json.Unmarshal(b, &s.arts); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range s.arts {
		if !seen[a.Outlet] {
			seen[a.Outlet] = true
			s.outlets = append(s.outlets, a.Outlet)
		}
	}
	base := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("User-agent: *\nAllow: /\n"))
	})
	mux.HandleFunc("GET /feeds/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<html><body>Temporarily unavailable</body></html>"))
	})
	mux.HandleFunc("GET /feeds/{outlet}", func(w http.ResponseWriter, r *http.Request) {
		var items []string
		for i, a := range s.arts {
			if slug(a.Outlet)+".xml" == r.PathValue("outlet") {
				items = append(items, fmt.Sprintf("<item><title>%s</title><link>%s/a/%d.html?utm_source=rss</link><guid>%d</guid><pubDate>%s</pubDate></item>",
					html.EscapeString(a.Title), s.URL, i, i, base.Add(time.Duration(i)*time.Hour).Format(time.RFC1123Z)))
			}
		}
		if r.PathValue("outlet") == "left-daily.xml" {
			items = append(items, "<item><title>Gone</title><link>"+s.URL+"/a/gone.html</link></item>",
				"<item><title>No link</title></item>")
		}
		if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"1"`)
		fmt.Fprintf(w, "<rss version=\"2.0\"><channel><title>x</title>%s</channel></rss>", strings.Join(items, ""))
	})
	mux.HandleFunc("GET /a/{page}", func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.PathValue("page"), "%d.html", &i); err != nil || i >= len(s.arts) {
			http.NotFound(w, r)
			return
		}
		a := s.arts[i]
		var ps strings.Builder
		for _, sen := range strings.SplitAfter(a.Text, ". ") {
			ps.WriteString("<p>" + html.EscapeString(sen) + "</p>")
		}
		fmt.Fprintf(w, "<!doctype html><html><head><title>%s</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>%s</h1>%s</article><footer>© %s</footer></body></html>",
			html.EscapeString(a.Title), html.EscapeString(a.Title), ps.String(), a.Outlet)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func (s *site) sources() []store.FeedSpec {
	var out []store.FeedSpec
	for _, o := range s.outlets {
		stance := ""
		for _, a := range s.arts {
			if a.Outlet == o {
				stance = a.Stance
			}
		}
		out = append(out, store.FeedSpec{URL: s.URL + "/feeds/" + slug(o) + ".xml", Outlet: o, Stance: stance})
	}
	return append(out, store.FeedSpec{URL: s.URL + "/feeds/broken.xml", Outlet: "Broken"})
}

func startNode(t *testing.T, st *store.Store) *jobs.Service {
	t.Helper()
	eng, err := keypoints.New(keypoints.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := jobs.Start(context.Background(), jobs.Config{
		Store: st, Engine: eng, Extractor: extract.Default(), Poll: 200 * time.Millisecond,
		Fetcher: &feeds.Fetcher{Client: extract.NewClient(extract.FetchOptions{AllowPrivate: true}), HostDelay: time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// stored lists every stored story, all pages.
func stored(t *testing.T, st *store.Store) []store.Story {
	t.Helper()
	var out []store.Story
	var cur store.Cursor
	for {
		sts, next, err := st.Stories(context.Background(), 2, cur, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sts...)
		if next == nil {
			return out
		}
		cur = *next
	}
}

// waitPlaced waits until n articles are in stories (a copy of another's
// text counts as its own).
func waitPlaced(t *testing.T, st *store.Store, n int) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		c, err := st.Counts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if c.Articles[store.StatePlaced]+c.Articles[store.StateDuplicate] >= int64(n) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	c, _ := st.Counts(context.Background())
	t.Fatalf("after 90 s: articles %v, want %d placed", c.Articles, n)
}

// check holds the stored stories against the site: every article once,
// outlet and stance from the feed list, one event per story, key points.
func check(t *testing.T, s *site, st *store.Store) {
	t.Helper()
	sts := stored(t, st)
	seen := map[string]int{}
	for _, story := range sts {
		events := map[string]bool{}
		for _, a := range story.Articles {
			seen[a.URL]++
			var i int
			fmt.Sscanf(a.URL[strings.LastIndex(a.URL, "/")+1:], "%d.html", &i)
			want := s.arts[i]
			events[want.Event] = true
			if a.Outlet != want.Outlet || a.Stance != want.Stance {
				t.Errorf("%s: outlet %q stance %q, want %q %q", a.URL, a.Outlet, a.Stance, want.Outlet, want.Stance)
			}
		}
		if len(events) != 1 {
			t.Errorf("story %s mixes events %v", story.ID, events)
		}
		var sum struct {
			KeyPoints []json.RawMessage `json:"keypoints"`
		}
		if json.Unmarshal(story.Summary, &sum) != nil || len(sum.KeyPoints) == 0 {
			t.Errorf("story %s has no key points", story.ID)
		}
	}
	dups := 0
	for _, story := range sts {
		for _, a := range story.Articles {
			if a.DuplicateOf != 0 {
				dups++
			}
		}
	}
	if dups != 1 {
		t.Errorf("%d articles listed as copies, want the one wire copy", dups)
	}
	if len(seen) != len(s.arts) {
		t.Errorf("%d articles in stories, want %d", len(seen), len(s.arts))
	}
	for u, n := range seen {
		if n != 1 {
			t.Errorf("%s stored %d times", u, n)
		}
	}
	if len(sts) != 3 {
		t.Errorf("%d stories, want 3", len(sts))
	}
	arts, fs, err := st.Failed(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || !strings.Contains(arts[0].Error, "404") {
		t.Errorf("failed articles %+v, want the gone page with its 404", arts)
	}
	problems := ""
	for _, f := range fs {
		problems += f.URL + ": " + f.LastError + "\n"
	}
	if !strings.Contains(problems, "broken.xml") || !strings.Contains(problems, "no link") {
		t.Errorf("feed errors:\n%s\nwant the broken feed and the item without a link", problems)
	}
}

// TestPipelineSQLite runs one node on SQLite, stops it, and starts
// another on the same file: nothing is stored twice.
func TestPipelineSQLite(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "kp.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SyncFeeds(ctx, s.sources()); err != nil {
		t.Fatal(err)
	}
	svc := startNode(t, st)
	waitPlaced(t, st, len(s.arts))
	if err := svc.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	svc = startNode(t, st)
	// The restarted node polls again; the unchanged feeds answer 304.
	var c store.Counts
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if c, err = st.Counts(ctx); err != nil {
			t.Fatal(err)
		}
		if c.NotModified > 0 {
			break
		}
	}
	if err := svc.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if c.NotModified == 0 {
		t.Errorf("no poll was answered 304 (%d polls)", c.Polls)
	}
	check(t, s, st)
}

// TestPipelinePostgresTwoNodes runs two nodes on one PostgreSQL database:
// they share the work and place every article once, in the same stories.
func TestPipelinePostgresTwoNodes(t *testing.T) {
	url := storetest.Postgres(t)
	s := newSite(t)
	ctx := context.Background()
	var sts []*store.Store
	for range 2 {
		st, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		sts = append(sts, st)
	}
	if err := sts[0].SyncFeeds(ctx, s.sources()); err != nil {
		t.Fatal(err)
	}
	a, b := startNode(t, sts[0]), startNode(t, sts[1])
	waitPlaced(t, sts[0], len(s.arts))
	for _, svc := range []*jobs.Service{a, b} {
		if err := svc.Stop(ctx); err != nil {
			t.Fatal(err)
		}
	}
	check(t, s, sts[1])
}
