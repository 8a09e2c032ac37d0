package stories

import (
	"strings"
	"time"
	"unicode"

	"github.com/keypoints-dev/keypoints/doc"
)

// Article is one news article: the unit the Grouper places into stories
// and Summarize compares across outlets. Only Text is required.
type Article struct {
	// ID names the article in the output; it should be unique within a
	// feed. Summarize numbers articles without one ("1", "2", ...).
	ID string `json:"id"`
	// Title is the headline. When Text starts with it, the title is not
	// repeated as a body sentence.
	Title string `json:"title,omitempty"`
	// Text is the article: plain text, paragraphs separated by newlines.
	Text string `json:"text"`
	// Outlet is the publisher ("Reuters", "Fox News"). Articles without
	// one are shown under their ID.
	Outlet string `json:"outlet,omitempty"`
	// Stance is the outlet's political lean: StanceLeft, StanceCenter or
	// StanceRight, or empty when unknown.
	Stance string `json:"stance,omitempty"`
	// Published is when the article appeared; the zero time means
	// unknown, and such an article fits any story's time window.
	Published time.Time `json:"published,omitzero"`
	URL       string    `json:"url,omitempty"`
}

// Stances accepted in Article.Stance.
const (
	StanceLeft   = "left"
	StanceCenter = "center"
	StanceRight  = "right"
)

// NormalizeStance maps the spellings found in feeds ("Lean Left",
// "centre", "R") to a Stance constant, or "" when it is none of them.
func NormalizeStance(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "lean ")
	s = strings.TrimPrefix(s, "lean-")
	switch s {
	case "left", "l", "liberal":
		return StanceLeft
	case "center", "centre", "c", "centrist", "neutral":
		return StanceCenter
	case "right", "r", "conservative":
		return StanceRight
	}
	return ""
}

// Engine is what this package needs from keypoints.Engine: the cleaned,
// segmented and tokenized document of a text, and its per-sentence
// scores. *keypoints.Engine satisfies it.
type Engine interface {
	Document(text string) (*doc.Document, error)
	Scores(d *doc.Document) []float64
}

// Compressor is an Engine that can also shorten a sentence by leaving
// out whole constituents (keypoints.Engine can); a story's key points are
// then the shortened sentences. The constituent holding keep (the
// sentence's speaker) stays.
type Compressor interface {
	Compress(d *doc.Document, i int, keep string) (text string, kept []doc.Range, ok bool)
}

// label is what the article is shown as: its outlet, or its ID.
func (a *Article) label() string {
	if a.Outlet != "" {
		return a.Outlet
	}
	return a.ID
}

// body returns the article text without a leading copy of its title
// ("Title. Body..." as many feeds and the AllSides set write it).
func (a *Article) body() string {
	t := strings.TrimSpace(a.Text)
	title := strings.TrimSpace(a.Title)
	if title == "" || !strings.HasPrefix(t, title) {
		return t
	}
	rest := strings.TrimLeft(t[len(title):], ".:!?")
	switch {
	case rest == "":
		return ""
	case unicode.IsSpace(rune(rest[0])):
		return strings.TrimSpace(rest)
	}
	return t // the title was only a prefix of the first word
}
