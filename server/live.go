package server

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/store"
	"github.com/keypoints-dev/keypoints/stories"
)

// LiveStore is what the live routes read: the stories, articles and
// failures a `serve -feeds` pipeline keeps. *store.Store satisfies it.
type LiveStore interface {
	Stories(ctx context.Context, limit int, after store.Cursor, since time.Time) ([]store.Story, *store.Cursor, error)
	Story(ctx context.Context, id string) (store.Story, error)
	Article(ctx context.Context, id int64) (store.Article, error)
	Failed(ctx context.Context, limit int) ([]store.Article, []store.Feed, error)
	Counts(ctx context.Context) (store.Counts, error)
}

// Limits of GET /v1/stories.
const (
	DefaultStoriesLimit = 20
	MaxStoriesLimit     = 200
)

// liveArticle is an article as a story lists it.
type liveArticle struct {
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	Outlet    string    `json:"outlet"`
	Stance    string    `json:"stance"`
	Title     string    `json:"title"`
	Published time.Time `json:"published,omitzero"`
	// DuplicateOf is the ID of the article whose text this one repeats.
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

// liveStory is a story of GET /v1/stories; the single-story route adds
// the per-outlet views.
type liveStory struct {
	ID        string               `json:"id"`
	Title     string               `json:"title"`
	Updated   time.Time            `json:"updated"`
	First     time.Time            `json:"first,omitzero"`
	Last      time.Time            `json:"last,omitzero"`
	Articles  []liveArticle        `json:"articles"`
	KeyPoints []stories.KeyPoint   `json:"keypoints"`
	Coverage  store.Coverage       `json:"coverage"`
	Blindspot string               `json:"blindspot,omitempty"`
	Outlets   []stories.OutletView `json:"outlets,omitempty"`
}

func toLiveStory(st store.Story, detail bool) liveStory {
	out := liveStory{ID: st.ID, Title: st.Title, Updated: st.Updated, First: st.First, Last: st.Last,
		Coverage: st.Coverage, Articles: []liveArticle{}, KeyPoints: []stories.KeyPoint{}}
	for _, a := range st.Articles {
		la := liveArticle{ID: strconv.FormatInt(a.ID, 10), URL: a.URL, Outlet: a.Outlet,
			Stance: a.Stance, Title: a.Title, Published: a.Published}
		if a.DuplicateOf != 0 {
			la.DuplicateOf = strconv.FormatInt(a.DuplicateOf, 10)
		}
		out.Articles = append(out.Articles, la)
	}
	var sum stories.Story
	if len(st.Summary) > 0 && json.Unmarshal(st.Summary, &sum) == nil {
		if sum.KeyPoints != nil {
			out.KeyPoints = sum.KeyPoints
		}
		if detail {
			out.Outlets = sum.Outlets
		}
	}
	out.Blindspot = blindspot(st.Coverage)
	return out
}

// blindspot names the one side that carries a story no outlet of the
// other side covers ("left": only left-leaning outlets, maybe with centre
// ones), or "" when both sides (or neither) carry it.
func blindspot(c store.Coverage) string {
	switch {
	case c.Left > 0 && c.Right == 0:
		return stories.StanceLeft
	case c.Right > 0 && c.Left == 0:
		return stories.StanceRight
	}
	return ""
}

// handleLiveStories lists stories, newest activity first:
// GET /v1/stories?limit=N&cursor=C[&since=RFC3339][&blindspot=1].
func (s *Server) handleLiveStories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := DefaultStoriesLimit
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			s.writeError(w, r, doc.Errorf(doc.EInvalid, "limit must be a positive number"))
			return
		}
		limit = min(n, MaxStoriesLimit)
	}
	cur, err := store.ParseCursor(q.Get("cursor"))
	if err != nil {
		s.writeError(w, r, doc.Errorf(doc.EInvalid, "%v", err))
		return
	}
	var since time.Time
	if v := q.Get("since"); v != "" {
		if since, err = time.Parse(time.RFC3339, v); err != nil {
			s.writeError(w, r, doc.Errorf(doc.EInvalid, "since must be an RFC 3339 time"))
			return
		}
	}
	sts, next, err := s.lives().Stories(r.Context(), limit, cur, since)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	only := q.Get("blindspot") != ""
	out := struct {
		Stories []liveStory `json:"stories"`
		Next    *string     `json:"next"`
	}{Stories: []liveStory{}}
	for _, st := range sts {
		ls := toLiveStory(st, false)
		if only && ls.Blindspot == "" {
			continue
		}
		out.Stories = append(out.Stories, ls)
	}
	if next != nil {
		c := next.String()
		out.Next = &c
	}
	s.writeJSON(w, http.StatusOK, out)
}

// handleLiveStory serves one story with what each outlet adds and omits.
func (s *Server) handleLiveStory(w http.ResponseWriter, r *http.Request) {
	st, err := s.lives().Story(r.Context(), r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, notFound(err, "story"))
		return
	}
	s.writeJSON(w, http.StatusOK, toLiveStory(st, true))
}

// handleLiveArticle serves one article with its key points and story.
func (s *Server) handleLiveArticle(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.writeError(w, r, doc.Errorf(ENotFound, "no article %q", r.PathValue("id")))
		return
	}
	a, err := s.lives().Article(r.Context(), id)
	if err != nil {
		s.writeError(w, r, notFound(err, "article"))
		return
	}
	type storyRef struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	out := struct {
		store.Article
		ID        string          `json:"id"`
		KeyPoints json.RawMessage `json:"keypoints"`
		Story     *storyRef       `json:"story"`
	}{Article: a, ID: strconv.FormatInt(a.ID, 10), KeyPoints: a.KeyPoints}
	if out.KeyPoints == nil {
		out.KeyPoints = json.RawMessage("[]")
	}
	if a.Story != "" {
		if st, err := s.lives().Story(r.Context(), a.Story); err == nil {
			out.Story = &storyRef{st.ID, st.Title}
		}
	}
	s.writeJSON(w, http.StatusOK, out)
}

// handleLiveFailures lists the articles that failed for good and the
// feeds whose last poll failed, with their errors.
func (s *Server) handleLiveFailures(w http.ResponseWriter, r *http.Request) {
	arts, fs, err := s.lives().Failed(r.Context(), 500)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := struct {
		Articles []store.Article `json:"articles"`
		Feeds    []store.Feed    `json:"feeds"`
	}{append([]store.Article{}, arts...), append([]store.Feed{}, fs...)}
	s.writeJSON(w, http.StatusOK, out)
}

// handleLiveStats serves the stored totals and the queue's depth.
func (s *Server) handleLiveStats(w http.ResponseWriter, r *http.Request) {
	c, err := s.lives().Counts(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, c)
}

func notFound(err error, what string) error {
	if errors.Is(err, store.ErrNotFound) {
		return doc.Errorf(ENotFound, "no such %s", what)
	}
	return err
}

// SetLive sets the live store on a server already open (the database
// opens after the server listens, so that /healthz answers at once).
func (s *Server) SetLive(l LiveStore) { s.liveStore.Store(&l) }

// AddCollectors registers more Prometheus collectors on an open server.
func (s *Server) AddCollectors(cs ...prometheus.Collector) error {
	s.Handler() // sets the metrics up
	for _, c := range cs {
		if err := s.metrics.reg.Register(c); err != nil {
			return err
		}
	}
	return nil
}

// lives returns the live store: SetLive's, or the Live field.
func (s *Server) lives() LiveStore {
	if p := s.liveStore.Load(); p != nil {
		return *p
	}
	return s.Live
}

// live guards a live route: without a store it answers 404.
func (s *Server) live(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.lives() == nil {
			s.writeError(w, r, doc.Errorf(ENotFound, "this server keeps no stories: start it with -db (and -feeds)"))
			return
		}
		h(w, r)
	}
}

// The live page: its own template with inlined script and style, served
// under a CSP that allows exactly those (by hash).
//
//go:embed web/live.html web/live.js web/live.css
var liveWeb embed.FS

var livePage, liveCSP = renderInline(liveWeb, "web/live.html", "web/live.js", "web/live.css",
	func(script template.JS, style template.CSS) any {
		return struct {
			Script template.JS
			Style  template.CSS
		}{script, style}
	})

// handleLivePage serves the live view.
func (s *Server) handleLivePage(w http.ResponseWriter, r *http.Request) {
	servePage(w, livePage, liveCSP)
}
