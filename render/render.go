// Package render is the last stage of the keypoints pipeline: results in,
// bytes out, as plain text (one key point a line), JSON or Markdown.
// Renderers write to an io.Writer and never change the result.
package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/keypoints-dev/keypoints/doc"
)

// Formats lists the accepted format names.
var Formats = []string{"text", "json", "markdown"}

// Write renders res in the named format.
func Write(w io.Writer, format string, res *doc.Result) error {
	switch format {
	case "", "text":
		return Text(w, res)
	case "json":
		return JSON(w, res)
	case "markdown", "md":
		return Markdown(w, res)
	}
	return doc.Errorf(doc.EInvalid, "unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Text writes one key point a line, in article order.
func Text(w io.Writer, res *doc.Result) error {
	var b strings.Builder
	for _, k := range res.KeyPoints {
		b.WriteString(oneLine(k.Text))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Markdown writes the key points as a bullet list under a heading, each
// with who it is attributed to, when anyone, and its source sentence
// number, and the publisher's own key points, when the article carried
// them, apart under their own heading.
func Markdown(w io.Writer, res *doc.Result) error {
	var b strings.Builder
	title := res.Title
	if title == "" {
		title = "Key points"
	}
	fmt.Fprintf(&b, "## %s\n\n", oneLine(title))
	if len(res.Warnings) > 0 {
		fmt.Fprintf(&b, "_Warnings: %s_\n\n", strings.Join(warningList(res), ", "))
	}
	for _, k := range res.KeyPoints {
		fmt.Fprintf(&b, "- %s _(", oneLine(k.Text))
		if k.SaidBy != "" {
			fmt.Fprintf(&b, "said by %s, ", oneLine(k.SaidBy))
		}
		fmt.Fprintf(&b, "sentence %s)_\n", sentenceList(k.Sentences))
	}
	if len(res.PublisherKeyPoints) > 0 {
		b.WriteString("\n### The publisher's key points\n\n")
		for _, p := range res.PublisherKeyPoints {
			fmt.Fprintf(&b, "- %s\n", oneLine(p.Text))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Record is the JSON form of a result: the batch record contract plus the
// article's sentences.
type Record struct {
	ID        string         `json:"id,omitempty"`
	Title     string         `json:"title,omitempty"`
	KeyPoints []doc.KeyPoint `json:"keypoints"`
	Summary   string         `json:"summary"`
	// PublisherKeyPoints are the publisher's own key points, absent when
	// the article carried none.
	PublisherKeyPoints []doc.PublisherPoint `json:"publisher_keypoints,omitempty"`
	// Warnings and Language: see doc.Result.
	Warnings  []string   `json:"warnings,omitempty"`
	Language  string     `json:"language,omitempty"`
	Sentences []Sentence `json:"sentences,omitempty"`
}

// Sentence is a sentence in JSON output.
type Sentence struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// NewRecord builds the JSON record of res; withSentences adds every
// sentence of the cleaned article.
func NewRecord(res *doc.Result, withSentences bool) Record {
	r := Record{ID: res.ID, Title: res.Title, KeyPoints: res.KeyPoints, Summary: res.Summary(), PublisherKeyPoints: res.PublisherKeyPoints,
		Warnings: res.Warnings, Language: res.Language}
	if r.KeyPoints == nil {
		r.KeyPoints = []doc.KeyPoint{} // "keypoints": [], never null
	}
	if withSentences && res.Document != nil {
		r.Sentences = make([]Sentence, len(res.Document.Sentences))
		for i, s := range res.Document.Sentences {
			r.Sentences[i] = Sentence{Text: s.Text, Start: s.Start, End: s.End}
		}
	}
	return r
}

// JSON writes the record of res, with the article's sentences, indented.
func JSON(w io.Writer, res *doc.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewRecord(res, true))
}

// warningList names the warnings, the language beside "language".
func warningList(res *doc.Result) []string {
	out := make([]string, len(res.Warnings))
	for i, w := range res.Warnings {
		out[i] = w
		if w == doc.WLanguage && res.Language != "" {
			out[i] = w + " (" + res.Language + ")"
		}
	}
	return out
}

func sentenceList(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprint(x + 1)
	}
	return strings.Join(parts, ", ")
}

// oneLine keeps a key point on one line whatever its text holds.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
