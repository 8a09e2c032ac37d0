package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/stories"
)

// This file holds POST /v1/stories and the input glue it shares with the
// keypoints stories command: how an input record becomes a
// stories.Article, and how given stories and loose articles become
// stories (given ones as they are, loose ones grouped first). The
// grouping and summarizing themselves are the stories package's.

// StoriesRequest is the body of POST /v1/stories. It takes the shapes the
// keypoints stories command reads:
//
//   - {"articles": [article, ...]}: single articles, each with an id,
//     grouped into stories (stories.GroupAll) before summarizing;
//   - {"id": ..., "articles": [...]}: one story as given, summarized
//     without grouping (articles may then be plain texts and need no id);
//   - {"stories": [{"id", "articles", "article_titles"}, ...]}: stories as
//     given, each summarized without grouping. "articles" may come
//     beside "stories": those are grouped, and their stories follow the
//     given ones, as the command writes a file that mixes both.
//
// Article objects are StoryArticle records. Unknown fields at the top
// level are refused (a misspelt "articles" would change the meaning);
// inside article and story records they are ignored, as the command
// ignores them, so records from a feed can be posted as they are.
type StoriesRequest struct {
	// ID, when present, makes Articles one given story with this id.
	ID json.RawMessage `json:"id,omitempty"`
	// Articles are texts or StoryArticle objects.
	Articles []json.RawMessage `json:"articles,omitempty"`
	// Titles is an optional list parallel to Articles giving headlines,
	// for a given story only.
	Titles []string `json:"article_titles,omitempty"`
	// Stories are given stories: StoryRecord objects.
	Stories []json.RawMessage `json:"stories,omitempty"`
	// Words is the word budget of each story's key points; 0 means
	// stories.DefaultWords.
	Words int `json:"words,omitempty"`
	// Join and Window tune the grouping (stories.GroupOptions); 0 and ""
	// mean the defaults. Window is a Go duration such as "72h".
	Join   float64 `json:"join,omitempty"`
	Window string  `json:"window,omitempty"`
}

// StoriesResponse is the body of a successful POST /v1/stories: the
// given stories in input order, then the grouped ones oldest first, each
// as one line of the keypoints stories command's JSON output.
type StoriesResponse struct {
	Stories []stories.Story `json:"stories"`
}

// StoryArticle is one article record as the keypoints stories command and
// POST /v1/stories read it: "id" (a string or a number), the text in
// "text", "article" or "html", and optional "title", "outlet" (or
// "source"), "stance", "published" and "url".
type StoryArticle struct {
	ID        json.RawMessage `json:"id"`
	Text      string          `json:"text"`
	Article   string          `json:"article"`
	HTML      string          `json:"html"`
	Title     string          `json:"title"`
	Outlet    string          `json:"outlet"`
	Source    string          `json:"source"`
	Stance    string          `json:"stance"`
	Published string          `json:"published"`
	URL       string          `json:"url"`
}

// StoryRecord is a story given as it is: an id (a string or a number),
// its articles, each a text or a StoryArticle object, and an optional
// list of their titles parallel to the articles.
type StoryRecord struct {
	ID       json.RawMessage   `json:"id"`
	Articles []json.RawMessage `json:"articles"`
	Titles   []string          `json:"article_titles"`
}

// GivenStory is a story whose articles the caller grouped: it is
// summarized as it is and keeps its ID.
type GivenStory struct {
	ID       string
	Articles []stories.Article
}

// PageExtractor reads an article out of a web page for records that give
// "html": its title and text, and, where the page states them, its
// outlet (the site name) and publication time. Errors should be
// *doc.Error values, as for batch.HTMLExtractor.
type PageExtractor func(html, url string) (stories.Article, error)

// RawID reads an id given as a JSON string or number; "" when absent.
func RawID(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(raw))
}

// Resolve turns the record into a stories.Article. The text comes from
// "text", else "article", else the page in "html" (read by page, which
// also fills a missing title, outlet and publication time; nil refuses
// such records). It returns a *doc.Error (doc.EInvalid) for an unknown
// stance, an unreadable publication time and an article with neither
// text nor title, and page's errors.
func (r StoryArticle) Resolve(page PageExtractor) (stories.Article, error) {
	a := stories.Article{ID: RawID(r.ID), Title: r.Title, Text: r.Text, Outlet: r.Outlet,
		Stance: stories.NormalizeStance(r.Stance), URL: r.URL}
	if a.Outlet == "" {
		a.Outlet = r.Source
	}
	if a.Text == "" {
		a.Text = r.Article
	}
	if r.Stance != "" && a.Stance == "" {
		return a, doc.Errorf(doc.EInvalid, "unknown stance %q (want left, center or right)", r.Stance)
	}
	if r.Published != "" {
		t, err := ParsePublished(r.Published)
		if err != nil {
			return a, err
		}
		a.Published = t
	}
	if a.Text == "" && r.HTML != "" {
		if page == nil {
			return a, doc.Errorf(doc.EInvalid, `this server does not read HTML; send the article as "text"`)
		}
		p, err := page(r.HTML, r.URL)
		if err != nil {
			return a, err
		}
		a.Text = p.Text
		if a.Title == "" {
			a.Title = p.Title
		}
		if a.Outlet == "" {
			a.Outlet = p.Outlet
		}
		if a.Published.IsZero() {
			a.Published = p.Published
		}
	}
	if strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.Title) == "" {
		return a, doc.Errorf(doc.EInvalid, "article has no text")
	}
	return a, nil
}

// Story turns the record into a GivenStory; id is its ID when the record
// has none. Articles without an id are numbered 1, 2, ... by
// stories.Summarize. Errors are *doc.Error values naming the article.
func (r StoryRecord) Story(page PageExtractor, id string) (GivenStory, error) {
	if rid := RawID(r.ID); rid != "" {
		id = rid
	}
	g := GivenStory{ID: id, Articles: make([]stories.Article, 0, len(r.Articles))}
	for k, raw := range r.Articles {
		var ar StoryArticle
		if err := json.Unmarshal(raw, &ar.Text); err != nil {
			if err := json.Unmarshal(raw, &ar); err != nil {
				return g, doc.Errorf(doc.EInvalid, "article %d: want a text or an article object: %s", k+1, jsonProblem(err))
			}
		}
		if ar.Title == "" && len(r.Titles) == len(r.Articles) {
			ar.Title = r.Titles[k]
		}
		a, err := ar.Resolve(page)
		if err != nil {
			return g, prefixError(fmt.Sprintf("article %d", k+1), err)
		}
		g.Articles = append(g.Articles, a)
	}
	return g, nil
}

// SummarizeStories does what the keypoints stories command does with its
// input: each given story is summarized as it is and keeps its ID; the
// loose articles are grouped into stories (stories.GroupAll with opt,
// which needs every one to have a distinct ID) and each group is
// summarized under the group's ID. The given stories come first, in
// order, then the groups oldest first. Errors are those of
// stories.Summarizer.Summarize and stories.GroupAll, prefixed with the
// story they concern, their doc codes kept.
func SummarizeStories(ctx context.Context, sum stories.Summarizer, given []GivenStory, loose []stories.Article, opt stories.GroupOptions) ([]stories.Story, error) {
	out := make([]stories.Story, 0, len(given))
	for _, g := range given {
		st, err := sum.Summarize(ctx, g.Articles)
		if err != nil {
			return nil, prefixError(fmt.Sprintf("story %q", g.ID), err)
		}
		st.ID = g.ID
		out = append(out, st)
	}
	if len(loose) == 0 {
		return out, nil
	}
	groups, err := stories.GroupAll(ctx, sum.Engine, loose, opt)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]stories.Article, len(loose))
	for _, a := range loose {
		byID[a.ID] = a
	}
	for _, g := range groups {
		arts := make([]stories.Article, len(g.Articles))
		for i, id := range g.Articles {
			arts[i] = byID[id]
		}
		st, err := sum.Summarize(ctx, arts)
		if err != nil {
			return nil, prefixError("story "+g.ID, err)
		}
		st.ID = g.ID
		out = append(out, st)
	}
	return out, nil
}

// publishedLayouts are the publication time forms ParsePublished reads.
var publishedLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", time.RFC1123Z, time.RFC1123}

// ParsePublished reads a publication time as the stories command takes
// it: RFC 3339, a date (YYYY-MM-DD) with or without a time of day, RFC
// 1123, or seconds since 1970. Other forms give a *doc.Error
// (doc.EInvalid).
func ParsePublished(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range publishedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 1e8 {
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, doc.Errorf(doc.EInvalid, "published %q: want RFC 3339 or YYYY-MM-DD", s)
}

// jsonProblem says what is wrong with a record in JSON terms, not Go's.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return "got a JSON " + te.Value
		}
		return fmt.Sprintf("field %q must be a JSON %s, not %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// prefixError puts where in front of err's message and keeps its code;
// an error without a code stays one (an internal error, whose message
// users never see).
func prefixError(where string, err error) error {
	if code := doc.ErrorCode(err); code != doc.EInternal {
		return doc.Errorf(code, "%s: %s", where, err.Error())
	}
	return fmt.Errorf("%s: %w", where, err)
}

// storiesInput sorts a request into given stories and loose articles and
// reads its options, checking everything before any work starts.
func (s *Server) storiesInput(req *StoriesRequest) (given []GivenStory, loose []stories.Article, sum stories.Summarizer, opt stories.GroupOptions, err error) {
	sum = stories.Summarizer{Engine: s.Engine, Options: stories.Options{Words: req.Words}}
	if err = sum.Options.Validate(); err != nil {
		return
	}
	opt.Join = req.Join
	if req.Window != "" {
		if opt.Window, err = time.ParseDuration(req.Window); err != nil {
			err = doc.Errorf(doc.EInvalid, `window %q: want a duration such as "72h"`, req.Window)
			return
		}
	}
	if err = opt.Validate(); err != nil {
		return
	}
	page := s.pageExtractor()
	hasID := RawID(req.ID) != ""
	switch {
	case hasID && req.Stories != nil:
		err = doc.Errorf(doc.EInvalid, `give either one story ("id" and "articles") or "stories", not both`)
		return
	case hasID && req.Articles == nil:
		err = doc.Errorf(doc.EInvalid, `a story with an "id" needs its "articles"`)
		return
	case req.Titles != nil && !hasID:
		err = doc.Errorf(doc.EInvalid, `"article_titles" belongs to one story: give its "id" too, or put the titles in the articles`)
		return
	case req.Articles == nil && req.Stories == nil:
		err = doc.Errorf(doc.EInvalid, `missing field: give "articles" (to group) or "stories" (as given)`)
		return
	}
	if hasID {
		var g GivenStory
		g, err = StoryRecord{ID: req.ID, Articles: req.Articles, Titles: req.Titles}.Story(page, "")
		if err != nil {
			err = prefixError(fmt.Sprintf("story %q", RawID(req.ID)), err)
			return
		}
		given = append(given, g)
		return
	}
	for i, raw := range req.Stories {
		var rec StoryRecord
		if jerr := json.Unmarshal(raw, &rec); jerr != nil {
			err = doc.Errorf(doc.EInvalid, `stories[%d]: want an object with "id" and "articles": %s`, i, jsonProblem(jerr))
			return
		}
		if rec.Articles == nil {
			err = doc.Errorf(doc.EInvalid, `stories[%d]: missing field "articles"`, i)
			return
		}
		var g GivenStory
		if g, err = rec.Story(page, strconv.Itoa(i+1)); err != nil {
			err = prefixError(fmt.Sprintf("stories[%d]", i), err)
			return
		}
		given = append(given, g)
	}
	for i, raw := range req.Articles {
		var ar StoryArticle
		if jerr := json.Unmarshal(raw, &ar); jerr != nil {
			err = doc.Errorf(doc.EInvalid, `articles[%d]: want an article object with an "id" (to summarize texts as one story, give the story an "id"): %s`, i, jsonProblem(jerr))
			return
		}
		var a stories.Article
		if a, err = ar.Resolve(page); err != nil {
			err = prefixError(fmt.Sprintf("articles[%d]", i), err)
			return
		}
		if a.ID == "" {
			err = doc.Errorf(doc.EInvalid, `articles[%d]: article has no "id" (articles to group need one; to summarize them as one story, give the story an "id")`, i)
			return
		}
		loose = append(loose, a)
	}
	return
}

// pageExtractor returns what reads "html" articles: Page, or HTML for
// the title and text only, or nil when the server reads no HTML.
func (s *Server) pageExtractor() PageExtractor {
	if s.Page != nil {
		return s.Page
	}
	if s.HTML == nil {
		return nil
	}
	return func(html, url string) (stories.Article, error) {
		a, err := s.HTML(html, url)
		return stories.Article{Title: a.Title, Text: a.Text}, err
	}
}

// handleStories groups articles into stories, or takes the stories as
// given, and returns each story's key points with the outlets that
// report them: decode, sort the input, summarize, encode. It has the
// limits of /v1/keypoints (body size, deadline, requests in flight).
func (s *Server) handleStories(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := s.deadline(w, r)
	defer cancel()
	if err := checkContentType(r, jsonTypes); err != nil {
		s.writeError(w, r, err)
		return
	}
	var req StoriesRequest
	if err := s.decodeJSON(w, r, s.MaxBodyBytes, &req, `send a JSON object with "articles" or "stories"`); err != nil {
		s.writeError(w, r, err)
		return
	}
	given, loose, sum, opt, err := s.storiesInput(&req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	n := len(loose)
	for _, g := range given {
		n += len(g.Articles)
	}
	s.metrics.storyArticles.Observe(float64(n))
	out, err := SummarizeStories(ctx, sum, given, loose, opt)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, StoriesResponse{Stories: out})
}
