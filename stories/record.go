package stories

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/keypoints-dev/keypoints/doc"
)

// This file is the one reader of the input records that the keypoints
// stories command (JSON lines) and POST /v1/stories (a JSON body) take:
// how a record becomes an Article or a given story, and how given
// stories and loose articles become stories. Reading a web page is the
// caller's (PageFunc), so this package imports no extractor.

// PageFunc reads an article out of a web page, for records that give
// "html": its title and text and, where the page states them, its
// outlet (the site name) and publication time. Errors should be
// *doc.Error values.
type PageFunc func(html, url string) (Article, error)

// ArticleRecord is one article as the input gives it, alone or in a
// story's "articles" list: "id" (a string or a number), the text in
// "text", "article" or "html", and optional "title", "outlet" (or
// "source"), "stance", "published" and "url". Unknown fields are
// ignored, so records from a feed can be read as they are.
type ArticleRecord struct {
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

// Record is one input record: an article (ArticleRecord's fields) or,
// when Articles is not nil, a story given as it is: its id, its
// articles, each a text or an ArticleRecord object, and an optional list
// of their titles parallel to the articles.
type Record struct {
	ArticleRecord
	Articles []json.RawMessage `json:"articles"`
	Titles   []string          `json:"article_titles"`
}

// Given is a story whose articles the caller grouped: it is summarized
// as it is and keeps its ID.
type Given struct {
	ID       string
	Articles []Article
}

// DecodeRecord reads one record from JSON. Its error is a *doc.Error
// (doc.EInvalid) that says what is wrong in JSON terms, not Go's.
func DecodeRecord(b []byte) (Record, error) {
	var r Record
	return r, decodeJSON(b, &r)
}

// DecodeArticle reads one article record from JSON, with the errors of
// DecodeRecord.
func DecodeArticle(b []byte) (ArticleRecord, error) {
	var r ArticleRecord
	return r, decodeJSON(b, &r)
}

// ParseID reads an id given as a JSON string or number; "" when absent
// or null.
func ParseID(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(raw))
}

// Resolve turns the record into an Article. The text comes from "text",
// else "article", else the page in "html", read by page, which also
// fills a missing title, outlet and publication time; a nil page refuses
// such records. The stance is normalized (NormalizeStance). It returns a
// *doc.Error (doc.EInvalid) for an unknown stance, an unreadable
// publication time and an article with neither text nor title, and
// page's errors. An article without an id is not an error here: a given
// story numbers it, and grouping needs one (GroupAll).
func (r ArticleRecord) Resolve(page PageFunc) (Article, error) {
	a := Article{ID: ParseID(r.ID), Title: r.Title, Text: r.Text, Outlet: r.Outlet,
		Stance: NormalizeStance(r.Stance), URL: r.URL}
	if a.Outlet == "" {
		a.Outlet = r.Source
	}
	if a.Text == "" {
		a.Text = r.Article
	}
	// The record's own fields are checked before a page is read, so a
	// record refused anyway costs no extraction.
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
			return a, doc.Errorf(doc.EInvalid, `HTML is not read here; send the article as "text"`)
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
		if r.Published == "" {
			a.Published = p.Published
		}
	}
	if strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.Title) == "" {
		return a, doc.Errorf(doc.EInvalid, "article has no text")
	}
	return a, nil
}

// Given turns the record into a given story; id is its ID when the
// record has none. Each article is resolved with page (see Resolve);
// a title from "article_titles" fills a missing one when that list is as
// long as the articles. Articles without an id are numbered 1, 2, ... by
// Summarize. Errors are Resolve's and a *doc.Error (doc.EInvalid) for an
// article that is neither a text nor an object, each naming the article
// ("article 2: ...") and keeping its code.
func (r Record) Given(page PageFunc, id string) (Given, error) {
	if rid := ParseID(r.ID); rid != "" {
		id = rid
	}
	g := Given{ID: id, Articles: make([]Article, 0, len(r.Articles))}
	for k, raw := range r.Articles {
		var ar ArticleRecord
		if json.Unmarshal(raw, &ar.Text) != nil {
			var err error
			if ar, err = DecodeArticle(raw); err != nil {
				return Given{}, fmt.Errorf("article %d: want a text or an article object: %w", k+1, err)
			}
		}
		if ar.Title == "" && len(r.Titles) == len(r.Articles) {
			ar.Title = r.Titles[k]
		}
		a, err := ar.Resolve(page)
		if err != nil {
			return Given{}, fmt.Errorf("article %d: %w", k+1, err)
		}
		g.Articles = append(g.Articles, a)
	}
	return g, nil
}

// SummarizeAll summarizes an input's stories: each given story as it
// is, under its ID, then the loose articles grouped into stories
// (GroupAll with opt, which needs every one to have a distinct ID), each
// under its group's ID. The given stories come first, in order, then the
// groups oldest first. Errors are those of Summarize and GroupAll, the
// Summarize ones naming their story ("story \"7\": ...") with their
// codes kept.
func (s Summarizer) SummarizeAll(ctx context.Context, given []Given, loose []Article, opt GroupOptions) ([]Story, error) {
	out := make([]Story, 0, len(given))
	for _, g := range given {
		st, err := s.Summarize(ctx, g.Articles)
		if err != nil {
			return nil, fmt.Errorf("story %q: %w", g.ID, err)
		}
		st.ID = g.ID
		out = append(out, st)
	}
	if len(loose) == 0 {
		return out, nil
	}
	groups, err := GroupAll(ctx, s.Engine, loose, opt)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Article, len(loose))
	for _, a := range loose {
		byID[a.ID] = a
	}
	for _, g := range groups {
		arts := make([]Article, len(g.Articles))
		for i, id := range g.Articles {
			arts[i] = byID[id]
		}
		st, err := s.Summarize(ctx, arts)
		if err != nil {
			return nil, fmt.Errorf("story %s: %w", g.ID, err)
		}
		st.ID = g.ID
		out = append(out, st)
	}
	return out, nil
}

// publishedLayouts are the publication time forms ParsePublished reads.
var publishedLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", time.RFC1123Z, time.RFC1123}

// ParsePublished reads a publication time: RFC 3339, a date
// (YYYY-MM-DD) with or without a time of day, RFC 1123, or seconds since
// 1970 (more than 10^8 of them, so a year such as 2024 is not taken for
// one). Other forms give a *doc.Error (doc.EInvalid).
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

// decodeJSON unmarshals b into v, a record; its error is a *doc.Error
// (doc.EInvalid) that says what is wrong in JSON terms.
func decodeJSON(b []byte, v any) error {
	err := json.Unmarshal(b, v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return doc.Errorf(doc.EInvalid, "got a JSON %s", te.Value)
		}
		// A record's fields are strings, except the lists.
		want := "string"
		if te.Type.Kind() == reflect.Slice {
			want = "array"
		}
		// Record's article fields come from the embedded ArticleRecord,
		// whose Go name the JSON does not have.
		field := strings.TrimPrefix(te.Field, "ArticleRecord.")
		return doc.Errorf(doc.EInvalid, "field %q must be a JSON %s, not %s", field, want, te.Value)
	}
	return doc.Errorf(doc.EInvalid, "%s", strings.TrimPrefix(err.Error(), "json: "))
}
