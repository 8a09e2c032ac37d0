package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/stories"
)

// storyFixtures are the invented articles of testdata/stories.json, by
// event, as the request's article objects.
type storyFixtures struct {
	Fernhill []map[string]any `json:"fernhill"`
	Rail     []map[string]any `json:"rail"`
}

func loadStoryFixtures(tb testing.TB) storyFixtures {
	tb.Helper()
	b, err := os.ReadFile("testdata/stories.json")
	if err != nil {
		tb.Fatal(err)
	}
	var f storyFixtures
	if err := json.Unmarshal(b, &f); err != nil {
		tb.Fatal(err)
	}
	return f
}

// postStories posts body to /v1/stories and decodes a 200 answer.
func postStories(t *testing.T, s *Server, body any) StoriesResponse {
	t.Helper()
	resp, b := postJSON(t, s.URL()+"/v1/stories", body)
	if resp.StatusCode != 200 {
		t.Fatalf("status = %d, want 200; body %s", resp.StatusCode, b)
	}
	var out StoriesResponse
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("body %s: %v", b, err)
	}
	return out
}

// checkStory checks the invariants of one story: coverage and outlets
// agree with the key points, and omitted points are the uncovered ones.
func checkStory(t *testing.T, st stories.Story) {
	t.Helper()
	if len(st.Outlets) != len(st.Articles) {
		t.Fatalf("story %s: %d outlets for %d articles", st.ID, len(st.Outlets), len(st.Articles))
	}
	if len(st.Coverage) != len(st.KeyPoints) {
		t.Fatalf("story %s: %d coverage rows for %d key points", st.ID, len(st.Coverage), len(st.KeyPoints))
	}
	var texts []string
	for p, kp := range st.KeyPoints {
		texts = append(texts, kp.Text)
		var covered []string
		for o, ov := range st.Outlets {
			label := ov.Outlet
			if label == "" {
				label = ov.Article
			}
			if st.Coverage[p][o] {
				covered = append(covered, label)
			}
			if got, want := slices.Contains(ov.Omitted, p), !st.Coverage[p][o]; got != want {
				t.Errorf("story %s: outlet %s omits point %d: %v, coverage says %v", st.ID, label, p, got, want)
			}
		}
		if !slices.Equal(kp.Outlets, covered) {
			t.Errorf("story %s: point %d lists outlets %v, coverage %v", st.ID, p, kp.Outlets, covered)
		}
	}
	if want := strings.Join(texts, "\n"); st.Summary != want {
		t.Errorf("story %s: summary %q, want %q", st.ID, st.Summary, want)
	}
}

// TestStoriesGroups posts the articles of two events mixed together: they
// come back as two stories, each with its own articles.
func TestStoriesGroups(t *testing.T) {
	f := loadStoryFixtures(t)
	s := MustOpenServer(t, nil)
	arts := []map[string]any{f.Fernhill[0], f.Rail[0], f.Fernhill[1], f.Rail[1], f.Fernhill[2]}
	out := postStories(t, s, map[string]any{"articles": arts})
	var groups []string
	for _, st := range out.Stories {
		checkStory(t, st)
		ids := slices.Clone(st.Articles)
		sort.Strings(ids)
		groups = append(groups, strings.Join(ids, " "))
		if !strings.HasPrefix(st.ID, "s") {
			t.Errorf("grouped story id %q, want the grouper's s1, s2...", st.ID)
		}
	}
	sort.Strings(groups)
	if want := []string{"bearer courier wire", "rail-1 rail-2"}; !slices.Equal(groups, want) {
		t.Fatalf("stories %q, want %q", groups, want)
	}
}

// TestStoriesGiven posts one story as given, in the two shapes that take
// it (a top-level id, a "stories" list): it is not grouped, keeps its id,
// and its shared point lists every outlet.
func TestStoriesGiven(t *testing.T) {
	f := loadStoryFixtures(t)
	s := MustOpenServer(t, nil)
	for _, tc := range []struct {
		name string
		body any
		ids  []string
	}{
		{"Story", map[string]any{"id": "fernhill", "articles": f.Fernhill}, []string{"fernhill"}},
		{"NumberID", map[string]any{"id": 7, "articles": f.Fernhill}, []string{"7"}},
		{"Stories", map[string]any{"stories": []any{
			map[string]any{"id": "dam", "articles": f.Fernhill},
			map[string]any{"articles": f.Rail}, // numbered by position
		}}, []string{"dam", "2"}},
		// Given stories first, then the grouped articles' stories.
		{"Mixed", map[string]any{"stories": []any{map[string]any{"id": "dam", "articles": f.Fernhill}}, "articles": f.Rail}, []string{"dam", "s1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := postStories(t, s, tc.body)
			var ids []string
			for _, st := range out.Stories {
				checkStory(t, st)
				ids = append(ids, st.ID)
			}
			if !slices.Equal(ids, tc.ids) {
				t.Fatalf("story ids %q, want %q", ids, tc.ids)
			}
			st := out.Stories[0]
			if got, want := st.Articles, []string{"courier", "wire", "bearer"}; !slices.Equal(got, want) {
				t.Errorf("articles %q, want %q", got, want)
			}
			if len(st.KeyPoints) == 0 || len(st.KeyPoints[0].Outlets) != 3 {
				t.Fatalf("first key point %+v, want one all three outlets report", st.KeyPoints)
			}
			if got, want := st.Stances, []string{"left", "center", "right"}; !slices.Equal(got, want) {
				t.Errorf("stances %q, want %q", got, want)
			}
			if bs := st.KeyPoints[0].ByStance; bs == nil || *bs != (stories.StanceCount{Left: 1, Center: 1, Right: 1}) {
				t.Errorf("first point by stance %+v, want one of each", bs)
			}
			unique := 0
			for _, o := range st.Outlets {
				unique += len(o.Unique)
			}
			if unique == 0 {
				t.Errorf("no outlet has a point of its own")
			}
		})
	}
}

// TestStoriesSameAsLibrary checks that a given story is exactly what
// stories.Summarize returns for the same articles (so the route adds
// nothing of its own), and that texts, article_titles and numbering
// work as the stories command has them.
func TestStoriesSameAsLibrary(t *testing.T) {
	s := MustOpenServer(t, nil)
	texts := []string{
		"Hurricane Delia made landfall near Marbury on Tuesday, flooding neighbourhoods. Thousands of residents fled the port city.",
		"Hurricane Delia slammed into Marbury on Tuesday with 140 mph winds. Thousands of residents fled before landfall.",
	}
	out := postStories(t, s, map[string]any{"id": "delia", "articles": []any{texts[0], map[string]any{"text": texts[1], "outlet": "Wire Report", "stance": "Lean Right"}}, "article_titles": []string{"Delia floods Marbury", "Delia hits Marbury"}})
	want, err := stories.Summarize(t.Context(), s.Engine, []stories.Article{
		{Text: texts[0], Title: "Delia floods Marbury"},
		{Text: texts[1], Title: "Delia hits Marbury", Outlet: "Wire Report", Stance: "right"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want.ID = "delia"
	got, _ := json.Marshal(out.Stories)
	wantJSON, _ := json.Marshal([]stories.Story{want})
	if string(got) != string(wantJSON) {
		t.Errorf("got\n%s\nwant\n%s", got, wantJSON)
	}
}

// TestStoriesHTML checks articles given as web pages: the server's Page
// extractor fills title, outlet and time, HTML alone the title and text.
func TestStoriesHTML(t *testing.T) {
	f := loadStoryFixtures(t)
	text := f.Fernhill[1]["text"].(string)
	body := map[string]any{"id": "x", "articles": []any{f.Fernhill[0], map[string]any{"html": "<p>page</p>"}}}
	t.Run("Page", func(t *testing.T) {
		s := MustOpenServer(t, func(s *Server) {
			s.Page = func(html, url string) (stories.Article, error) {
				return stories.Article{Title: "From the page", Text: text, Outlet: "Page Site"}, nil
			}
		})
		st := postStories(t, s, body).Stories[0]
		if o := st.Outlets[1]; o.Outlet != "Page Site" || o.Title != "From the page" {
			t.Errorf("outlet view %+v, want the page's outlet and title", o)
		}
	})
	t.Run("HTML", func(t *testing.T) {
		s := MustOpenServer(t, func(s *Server) {
			s.HTML = func(html, url string) (doc.Article, error) { return doc.Article{Title: "Page", Text: text}, nil }
		})
		st := postStories(t, s, body).Stories[0]
		if o := st.Outlets[1]; o.Outlet != "" || o.Title != "Page" {
			t.Errorf("outlet view %+v, want the page's title and no outlet", o)
		}
	})
}

func TestStoriesErrors(t *testing.T) {
	f := loadStoryFixtures(t)
	logs := &syncBuffer{}
	s := MustOpenServer(t, func(s *Server) {
		s.MaxBodyBytes = 8 << 10
		s.Logger = slog.New(slog.NewTextHandler(logs, nil))
	})
	noID := map[string]any{"text": "Hurricane Delia made landfall near Marbury on Tuesday."}
	for _, tc := range []struct {
		name        string
		contentType string
		body        string
		status      int
		code        string
		message     string // a part of the message
	}{
		{"BadJSON", "application/json", "{not json", 400, "invalid", "malformed JSON"},
		{"Empty", "application/json", "", 400, "invalid", `"articles" or "stories"`},
		{"NotObject", "application/json", `[]`, 400, "invalid", "malformed JSON"},
		{"Nothing", "application/json", `{}`, 400, "invalid", "missing field"},
		{"Misspelt", "application/json", `{"artciles": []}`, 400, "invalid", `unknown field "artciles"`},
		{"IDAndStories", "application/json", `{"id": "a", "articles": ["x."], "stories": []}`, 400, "invalid", "not both"},
		{"IDNoArticles", "application/json", `{"id": "a"}`, 400, "invalid", `needs its "articles"`},
		{"TitlesNoID", "application/json", `{"articles": [], "article_titles": []}`, 400, "invalid", `"article_titles"`},
		{"NoStoryArticles", "application/json", `{"id": "a", "articles": []}`, 400, "invalid", "at least one article"},
		{"LooseNoID", "application/json", mustJSON(map[string]any{"articles": []any{noID}}), 400, "invalid", `articles[0]: article has no "id"`},
		{"LooseText", "application/json", `{"articles": ["Some text."]}`, 400, "invalid", `articles[0]: want an article object`},
		{"LooseTwice", "application/json", mustJSON(map[string]any{"articles": []any{f.Rail[0], f.Rail[0]}}), 400, "invalid", "appears twice"},
		{"StoryTwice", "application/json", mustJSON(map[string]any{"id": "a", "articles": []any{f.Rail[0], f.Rail[0]}}), 400, "invalid", `story "a": article id "rail-1" appears twice`},
		{"BadStance", "application/json", `{"id": "a", "articles": [{"text": "A dam broke.", "stance": "far"}]}`, 400, "invalid", `story "a": article 1: unknown stance "far"`},
		{"BadTime", "application/json", `{"stories": [{"articles": [{"text": "A dam broke.", "published": "Sunday"}]}]}`, 400, "invalid", `stories[0]: article 1: published "Sunday"`},
		{"NoText", "application/json", `{"id": "a", "articles": [{"outlet": "X"}]}`, 400, "invalid", "article 1: article has no text"},
		{"ArticleType", "application/json", `{"id": "a", "articles": [42]}`, 400, "invalid", "want a text or an article object"},
		{"FieldType", "application/json", `{"id": "a", "articles": [{"text": 42}]}`, 400, "invalid", `field "text" must be a JSON string`},
		{"StoryType", "application/json", `{"stories": ["x"]}`, 400, "invalid", `stories[0]: want an object`},
		{"StoryNoArticles", "application/json", `{"stories": [{"id": "a"}]}`, 400, "invalid", `stories[0]: missing field "articles"`},
		{"NoHTML", "application/json", `{"id": "a", "articles": [{"html": "<p>x</p>"}]}`, 400, "invalid", "does not read HTML"},
		{"BadWords", "application/json", `{"id": "a", "articles": ["A dam broke."], "words": -1}`, 400, "invalid", "words must not be negative"},
		{"BadJoin", "application/json", `{"articles": [], "join": 2}`, 400, "invalid", "join must be in"},
		{"BadWindow", "application/json", `{"articles": [], "window": "3 days"}`, 400, "invalid", "window"},
		{"TooLarge", "application/json", mustJSON(map[string]any{"id": "a", "articles": []string{strings.Repeat("x", 9000)}}), 413, "too_large", "8 KiB"},
		{"ContentType", "text/plain", `{"id": "a", "articles": ["x."]}`, 415, "unsupported_media_type", "text/plain"},
		{"NoContentType", "", mustJSON(map[string]any{"id": "a", "articles": f.Rail}), 200, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := post(t, s.URL()+"/v1/stories", tc.contentType, strings.NewReader(tc.body))
			if resp.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d; body %s", resp.StatusCode, tc.status, body)
			}
			if tc.status == 200 {
				return
			}
			var e errorBody
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("error body %q: %v", body, err)
			}
			if e.Error.Code != tc.code {
				t.Errorf("code = %q, want %q", e.Error.Code, tc.code)
			}
			if e.Error.Message == "" || !strings.Contains(e.Error.Message, tc.message) {
				t.Errorf("message = %q, want it to contain %q", e.Error.Message, tc.message)
			}
		})
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("client errors were logged as server errors:\n%s", logs)
	}
}

// TestStoriesLimits checks that /v1/stories has the limits of
// /v1/keypoints: a deadline (504), the in-flight cap (503) and metrics
// by route.
func TestStoriesLimits(t *testing.T) {
	f := loadStoryFixtures(t)
	body := map[string]any{"id": "rail", "articles": f.Rail}
	t.Run("Timeout", func(t *testing.T) {
		s := MustOpenServer(t, func(s *Server) {
			s.RequestTimeout = 50 * time.Millisecond
			s.Page = func(html, url string) (stories.Article, error) {
				time.Sleep(200 * time.Millisecond) // a slow page
				return stories.Article{Text: "A slow page about the rail strike."}, nil
			}
		})
		resp, b := postJSON(t, s.URL()+"/v1/stories", map[string]any{"id": "rail", "articles": append(slices.Clone(f.Rail), map[string]any{"html": "<p>x</p>"})})
		if resp.StatusCode != 504 || !strings.Contains(string(b), `"code":"timeout"`) {
			t.Fatalf("status = %d, body %s; want 504 with code timeout", resp.StatusCode, b)
		}
	})
	t.Run("Busy", func(t *testing.T) {
		s := MustOpenServer(t, func(s *Server) { s.MaxInFlight = 1 })
		pr, pw := io.Pipe()
		done := make(chan struct{})
		go func() {
			defer close(done)
			req, _ := http.NewRequest("POST", s.URL()+"/v1/keypoints/batch", pr)
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}()
		waitFor(t, func() bool { return len(s.sem) == 1 })
		resp, b := postJSON(t, s.URL()+"/v1/stories", body)
		if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
			t.Errorf("status = %d, Retry-After %q; want 503 with Retry-After; body %s", resp.StatusCode, resp.Header.Get("Retry-After"), b)
		}
		pw.Close()
		<-done
	})
	t.Run("Metrics", func(t *testing.T) {
		s := MustOpenServer(t, nil)
		postStories(t, s, body)
		post(t, s.URL()+"/v1/stories", "application/json", strings.NewReader("{"))
		resp, err := http.Get(s.URL() + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, want := range []string{
			`keypoints_http_requests_total{code="200",route="/v1/stories"} 1`,
			`keypoints_http_requests_total{code="400",route="/v1/stories"} 1`,
			`keypoints_http_request_duration_seconds_count{route="/v1/stories"} 2`,
			`keypoints_story_articles_count 1`,
			`keypoints_story_articles_sum 2`,
		} {
			if !strings.Contains(string(b), want) {
				t.Errorf("metrics lack %q", want)
			}
		}
	})
}
