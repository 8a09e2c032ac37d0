package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/extract"
	"github.com/keypoints-dev/keypoints/stories"
)

var cmdStories = &command{
	name:  "stories",
	usage: "-in ARTICLES.jsonl[.gz] -out STORIES.jsonl [-format json|markdown|html] [-words W] [-compress] [-join J] [-window D]",
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
	compress        bool
	group           stories.GroupOptions
}

func (f *storiesFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.in, "in", "-", "input JSONL file, .gz allowed (- for stdin)")
	fs.StringVar(&f.out, "out", "-", "output file (- for stdout)")
	fs.StringVar(&f.format, "format", "json", "output format: json (JSON lines), markdown or html")
	fs.IntVar(&f.words, "words", 0, fmt.Sprintf("word budget of a story's key points (0: %d)", stories.DefaultWords))
	fs.BoolVar(&f.compress, "compress", false, "leave out of key points the phrases an editor would drop (shorter points; off by default: it lowers ROUGE-1 on AllSides val)")
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
	sum := stories.Summarizer{Options: stories.Options{Words: sf.words, Compress: sf.compress}}
	if err := sum.Options.Validate(); err != nil {
		return usageError{err.Error()}
	}
	// The stories package needs the engine's text pipeline and, with
	// -compress, its sentence compressor; the lead scorer spares loading
	// the sentence model otherwise.
	opt := keypoints.Options{Scorer: keypoints.ScorerLead}
	if sf.compress {
		opt = keypoints.Options{Compress: keypoints.Bool(true)}
	}
	eng, err := keypoints.New(opt)
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
	out, err := sum.SummarizeAll(ctx, given, singles, sf.group)
	if err != nil {
		return err
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

// readStoryInput splits the input into stories as given and single
// articles (stories.Record), reading "html" records with the extractor
// the server uses (pageExtractor). A malformed line is an error naming
// its line number.
func readStoryInput(r io.Reader, name string) ([]stories.Given, []stories.Article, error) {
	var given []stories.Given
	var singles []stories.Article
	page := pageExtractor(extract.Default())
	br := bufio.NewReaderSize(r, 1<<16)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			where := fmt.Sprintf("%s:%d", name, line)
			rec, jerr := stories.DecodeRecord(b)
			if jerr != nil {
				return nil, nil, fmt.Errorf("%s: malformed JSON: %w", where, jerr)
			}
			if rec.Articles != nil {
				g, gerr := rec.Given(page, strconv.Itoa(len(given)+1))
				if gerr != nil {
					return nil, nil, fmt.Errorf("%s: %w", where, gerr)
				}
				given = append(given, g)
			} else {
				a, aerr := rec.ArticleRecord.Resolve(page)
				if aerr != nil {
					return nil, nil, fmt.Errorf("%s: %w", where, aerr)
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
