package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/extract"
	"github.com/keypoints-dev/keypoints/stories"
)

var cmdStories = &command{
	name:  "stories",
	usage: "-in ARTICLES.jsonl[.gz] -out STORIES.jsonl [-format json|markdown|html] [-words W] [-join J] [-window D]",
	short: "group articles into stories and compare the outlets",
	long: `
Stories reads JSONL records (optionally gzip-compressed) and writes one
story per event.

A record that is one article has "id" and the text in "text", "article"
or "html" (extracted first), with optional "title", "outlet", "stance"
(left, center or right), "published" (RFC 3339 or YYYY-MM-DD) and "url".
Articles about the same event are grouped into one story; a story spans at
most -window beyond its articles' publication times, and copies of one
wire text are recognised, kept and marked (duplicate_of), not counted as
independent confirmation.

A record that already holds a story has "id" and "articles": a list of
texts or of article objects {id, text|article|html, title, outlet, stance,
published, url} (with an optional parallel "article_titles" list). It is
summarized as given, and its output keeps its id. Articles without an id
are numbered 1, 2, ... within their story.

Each output story has "id", "articles" (the input ids), "keypoints"
({text, outlets, sources: [{article, sentence}], said_by, independent,
by_stance, blindspot}): the facts of the event, those reported by most
outlets first, "summary" (the key points joined by newlines), "outlets"
(per article: what only it reports, "unique", and the key points it leaves
out, "omitted") and "coverage" (key points x outlets). -format markdown
and html write a report instead of JSON lines.`,
}

type storiesFlags struct {
	in, out, format string
	words           int
	group           stories.GroupOptions
}

func (f *storiesFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.in, "in", "-", "input JSONL file, .gz allowed (- for stdin)")
	fs.StringVar(&f.out, "out", "-", "output file (- for stdout)")
	fs.StringVar(&f.format, "format", "json", "output format: json (JSON lines), markdown or html")
	fs.IntVar(&f.words, "words", 0, fmt.Sprintf("word budget of a story's key points (0: %d)", stories.DefaultWords))
	fs.Float64Var(&f.group.Join, "join", 0, fmt.Sprintf("average link an article needs to join a story (0: %g)", stories.DefaultJoin))
	fs.DurationVar(&f.group.Window, "window", 0, fmt.Sprintf("how far beyond a story's time span an article may join (0: %s)", stories.DefaultWindow))
}

func init() {
	flagSetups["stories"] = func(fs *flag.FlagSet) { new(storiesFlags).register(fs) }
	cmdStories.run = runStories
}

func runStories(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("stories", flag.ContinueOnError)
	var sf storiesFlags
	sf.register(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"unexpected arguments; use -in and -out"}
	}
	switch sf.format {
	case "json", "jsonl", "markdown", "md", "html":
	default:
		return usageError{"unknown -format " + sf.format + " (want json, markdown or html)"}
	}
	if err := sf.group.Validate(); err != nil {
		return usageError{err.Error()}
	}
	sum := stories.Summarizer{Options: stories.Options{Words: sf.words}}
	if err := sum.Options.Validate(); err != nil {
		return usageError{err.Error()}
	}
	// The stories package only needs the engine's text pipeline, so the
	// lead scorer spares loading the sentence model.
	eng, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerLead})
	if err != nil {
		return err
	}
	sum.Engine = eng
	in, _, closeIn, err := openInput(e, sf.in)
	if err != nil {
		return err
	}
	defer closeIn()
	given, singles, err := readStoryInput(in, sf.in)
	if err != nil {
		return err
	}

	var out []stories.Story
	for _, g := range given {
		st, err := sum.Summarize(ctx, g.articles)
		if err != nil {
			return fmt.Errorf("story %q: %w", g.id, err)
		}
		st.ID = g.id
		out = append(out, st)
	}
	if len(singles) > 0 {
		groups, err := stories.GroupAll(ctx, eng, singles, sf.group)
		if err != nil {
			return err
		}
		byID := make(map[string]stories.Article, len(singles))
		for _, a := range singles {
			byID[a.ID] = a
		}
		for _, g := range groups {
			arts := make([]stories.Article, len(g.Articles))
			for i, id := range g.Articles {
				arts[i] = byID[id]
			}
			st, err := sum.Summarize(ctx, arts)
			if err != nil {
				return fmt.Errorf("story %s: %w", g.ID, err)
			}
			st.ID = g.ID
			out = append(out, st)
		}
	}

	var w io.Writer = e.stdout
	if sf.out != "-" {
		f, err := os.Create(sf.out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	switch sf.format {
	case "markdown", "md":
		err = stories.WriteMarkdown(bw, out)
	case "html":
		err = stories.WriteHTML(bw, out)
	default:
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for _, st := range out {
			if err = enc.Encode(st); err != nil {
				break
			}
		}
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if f, ok := w.(*os.File); ok && sf.out != "-" {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		fmt.Fprintf(e.stderr, "keypoints stories: %d stories from %d story records and %d articles\n", len(out), len(given), len(singles))
	}
	return err
}

// givenStory is an input record that already holds a story.
type givenStory struct {
	id       string
	articles []stories.Article
}

// articleRecord is one article as it appears in the input, alone or in a
// story's "articles" list.
type articleRecord struct {
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

type storyRecord struct {
	articleRecord
	Articles []json.RawMessage `json:"articles"`
	Titles   []string          `json:"article_titles"`
}

// readStoryInput splits the input into records that hold a story and
// single articles. A malformed line is an error naming its line number.
func readStoryInput(r io.Reader, name string) ([]givenStory, []stories.Article, error) {
	var given []givenStory
	var singles []stories.Article
	var x extract.Extractor
	br := bufio.NewReaderSize(r, 1<<16)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(b))) > 0 {
			var rec storyRecord
			if jerr := json.Unmarshal(b, &rec); jerr != nil {
				return nil, nil, fmt.Errorf("%s:%d: malformed JSON: %v", name, line, jerr)
			}
			id := rawID(rec.ID)
			where := fmt.Sprintf("%s:%d", name, line)
			if rec.Articles != nil {
				if id == "" {
					id = strconv.Itoa(len(given) + 1)
				}
				g := givenStory{id: id}
				for k, raw := range rec.Articles {
					var ar articleRecord
					if err := json.Unmarshal(raw, &ar.Text); err != nil {
						if err := json.Unmarshal(raw, &ar); err != nil {
							return nil, nil, fmt.Errorf("%s: article %d: want a text or an object: %v", where, k+1, err)
						}
					}
					if ar.Title == "" && len(rec.Titles) == len(rec.Articles) {
						ar.Title = rec.Titles[k]
					}
					a, err := toArticle(ar, &x, fmt.Sprintf("%s: article %d", where, k+1))
					if err != nil {
						return nil, nil, err
					}
					g.articles = append(g.articles, a)
				}
				given = append(given, g)
			} else {
				a, err := toArticle(rec.articleRecord, &x, where)
				if err != nil {
					return nil, nil, err
				}
				if a.ID == "" {
					return nil, nil, fmt.Errorf("%s: article has no id", where)
				}
				singles = append(singles, a)
			}
		}
		if err == io.EOF {
			return given, singles, nil
		}
		if err != nil {
			return nil, nil, err
		}
	}
}

// rawID reads an id given as a JSON string or number.
func rawID(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(raw))
}

func toArticle(r articleRecord, x *extract.Extractor, where string) (stories.Article, error) {
	a := stories.Article{ID: rawID(r.ID), Title: r.Title, Text: r.Text, Outlet: r.Outlet,
		Stance: stories.NormalizeStance(r.Stance), URL: r.URL}
	if a.Outlet == "" {
		a.Outlet = r.Source
	}
	if a.Text == "" {
		a.Text = r.Article
	}
	if a.Text == "" && r.HTML != "" {
		if *x == nil {
			*x = extract.Default()
		}
		p, err := (*x).Extract([]byte(r.HTML), r.URL)
		if err != nil {
			return a, fmt.Errorf("%s: %w", where, err)
		}
		a.Text = p.Text
		if a.Title == "" {
			a.Title = p.Title
		}
		if a.Outlet == "" {
			a.Outlet = p.SiteName
		}
		if r.Published == "" {
			r.Published = p.Date
		}
	}
	if r.Stance != "" && a.Stance == "" {
		return a, fmt.Errorf("%s: unknown stance %q (want left, center or right)", where, r.Stance)
	}
	if r.Published != "" {
		t, err := parseTime(r.Published)
		if err != nil {
			return a, fmt.Errorf("%s: %w", where, err)
		}
		a.Published = t
	}
	if strings.TrimSpace(a.Text) == "" && strings.TrimSpace(a.Title) == "" {
		return a, fmt.Errorf("%s: %w", where, doc.Errorf(doc.EInvalid, "article has no text"))
	}
	return a, nil
}

// timeLayouts are the publication time forms accepted.
var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", time.RFC1123Z, time.RFC1123}

func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 1e8 {
		return time.Unix(n, 0).UTC(), nil // seconds since 1970
	}
	return time.Time{}, fmt.Errorf("published %q: want RFC 3339 or YYYY-MM-DD", s)
}
