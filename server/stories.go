package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/stories"
)

// This file holds POST /v1/stories: its request and response, its
// checks and its handler. Reading the records into articles and given
// stories, and summarizing them, is the stories package's (stories.Record,
// stories.ArticleRecord, Summarizer.SummarizeAll), shared with the
// keypoints stories command.

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
// Article objects are stories.ArticleRecord values (the OpenAPI
// document's StoryArticle) and stories are stories.Record values with
// "articles" (its StoryRecord), read as the command reads them. Unknown
// fields at the top level are refused (a misspelt "articles" would
// change the meaning); inside article and story records they are
// ignored, as the command ignores them, so records from a feed can be
// posted as they are.
type StoriesRequest struct {
	// ID, when present, makes Articles one given story with this id.
	ID json.RawMessage `json:"id,omitempty"`
	// Articles are texts or stories.ArticleRecord objects.
	Articles []json.RawMessage `json:"articles,omitempty"`
	// Titles is an optional list parallel to Articles giving headlines,
	// for a given story only.
	Titles []string `json:"article_titles,omitempty"`
	// Stories are given stories: stories.Record objects with "articles".
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

// storiesInput sorts a request into given stories and loose articles and
// reads its options, checking everything before any work starts.
func (s *Server) storiesInput(req *StoriesRequest) (given []stories.Given, loose []stories.Article, sum stories.Summarizer, opt stories.GroupOptions, err error) {
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
	id := stories.ParseID(req.ID)
	switch {
	case id != "" && req.Stories != nil:
		err = doc.Errorf(doc.EInvalid, `give either one story ("id" and "articles") or "stories", not both`)
		return
	case id != "" && req.Articles == nil:
		err = doc.Errorf(doc.EInvalid, `a story with an "id" needs its "articles"`)
		return
	case req.Titles != nil && id == "":
		err = doc.Errorf(doc.EInvalid, `"article_titles" belongs to one story: give its "id" too, or put the titles in the articles`)
		return
	case req.Articles == nil && req.Stories == nil:
		err = doc.Errorf(doc.EInvalid, `missing field: give "articles" (to group) or "stories" (as given)`)
		return
	}
	if id != "" {
		var g stories.Given
		rec := stories.Record{Articles: req.Articles, Titles: req.Titles}
		if g, err = rec.Given(page, id); err != nil {
			err = fmt.Errorf("story %q: %w", id, err)
			return
		}
		given = append(given, g)
		return
	}
	for i, raw := range req.Stories {
		var rec stories.Record
		if rec, err = stories.DecodeRecord(raw); err != nil {
			err = fmt.Errorf(`stories[%d]: want an object with "id" and "articles": %w`, i, err)
			return
		}
		if rec.Articles == nil {
			err = doc.Errorf(doc.EInvalid, `stories[%d]: missing field "articles"`, i)
			return
		}
		var g stories.Given
		if g, err = rec.Given(page, strconv.Itoa(i+1)); err != nil {
			err = fmt.Errorf("stories[%d]: %w", i, err)
			return
		}
		given = append(given, g)
	}
	for i, raw := range req.Articles {
		var ar stories.ArticleRecord
		if ar, err = stories.DecodeArticle(raw); err != nil {
			err = fmt.Errorf(`articles[%d]: want an article object with an "id" (to summarize texts as one story, give the story an "id"): %w`, i, err)
			return
		}
		var a stories.Article
		if a, err = ar.Resolve(page); err != nil {
			err = fmt.Errorf("articles[%d]: %w", i, err)
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
// the title and text only, or, when the server reads no HTML, a reader
// that refuses them.
func (s *Server) pageExtractor() stories.PageFunc {
	switch {
	case s.Page != nil:
		return s.Page
	case s.HTML != nil:
		return func(html, url string) (stories.Article, error) {
			a, err := s.HTML(html, url)
			return stories.Article{Title: a.Title, Text: a.Text}, err
		}
	}
	return func(html, url string) (stories.Article, error) {
		return stories.Article{}, doc.Errorf(doc.EInvalid, `this server does not read HTML; send the article as "text"`)
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
	out, err := sum.SummarizeAll(ctx, given, loose, opt)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, StoriesResponse{Stories: out})
}
