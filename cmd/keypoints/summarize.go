package main

import (
	"context"
	"flag"
	"strconv"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/render"
)

var cmdSummarize = &command{
	name:  "summarize",
	usage: "[-n N] [-words W] [-compress=false] [-format text|json|markdown] [-scorer model|unsupervised|lead] [-in-format auto|text|html] [FILE|URL]",
	short: "print the key points of one article",
	long: `
Summarize reads one article from FILE (or stdin when FILE is absent or "-")
and prints its key points in article order: one a line in text format, a
bullet list in markdown, or a JSON object with each key point's text,
source sentence indexes and score, plus the article's sentences.

Input is plain text, paragraphs separated by newlines, as scraped from the
web; datelines, bylines and "Read more" lines are dropped and glued words
repaired. PTB-tokenized text (the CNN/DailyMail research sets) is detected.
The publisher's own key points on top of the article ("Key Points", "Story
highlights", bullet lines) are not chosen from: JSON gives them as
publisher_keypoints and markdown under their own heading.
HTML (detected from the content, or forced with -in-format html) and web
pages given as a URL are first reduced to their article text, as
"keypoints extract" does; the page title then helps the scoring.`,
}

func summarizeFlags(fs *flag.FlagSet, opt *keypoints.Options, format *string) {
	fs.IntVar(&opt.N, "n", keypoints.DefaultN, "number of key points")
	fs.IntVar(&opt.Words, "words", 0, "word budget for all key points together (0: none)")
	fs.StringVar(&opt.Scorer, "scorer", keypoints.ScorerModel, "sentence scorer: model, unsupervised or lead")
	fs.IntVar(&opt.MaxBytes, "max-bytes", 0, "largest article accepted in bytes (0: 8 MiB)")
	fs.Var(optionalBool{&opt.Compress}, "compress", "leave out of key points the phrases an editor would drop (false: whole sentences)")
	if format != nil {
		fs.StringVar(format, "format", "text", "output format: text, json or markdown")
	}
}

func init() {
	flagSetups["summarize"] = func(fs *flag.FlagSet) {
		summarizeFlags(fs, new(keypoints.Options), new(string))
		inputFlags(fs, new(string), new(bool))
	}
	cmdSummarize.run = runSummarize
}

func runSummarize(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("summarize", flag.ContinueOnError)
	var opt keypoints.Options
	var format, inFormat string
	var allowPrivate bool
	summarizeFlags(fs, &opt, &format)
	inputFlags(fs, &inFormat, &allowPrivate)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if err := checkFormat(format); err != nil {
		return err
	}
	eng, err := keypoints.New(opt)
	if err != nil {
		return usageError{err.Error()}
	}
	a, source, err := inputArticle(ctx, e, fs.Args(), inFormat, allowPrivate)
	if err != nil {
		return describe(source, err)
	}
	res, err := eng.Summarize(ctx, a)
	if err != nil {
		return describe(source, err)
	}
	return render.Write(e.stdout, format, res)
}

// inputFlags are the flags of commands that read one article.
func inputFlags(fs *flag.FlagSet, inFormat *string, allowPrivate *bool) {
	fs.StringVar(inFormat, "in-format", "auto", "input format: auto (HTML detected by content), text or html")
	fs.BoolVar(allowPrivate, "allow-private-urls", false, "allow fetching loopback, link-local and private addresses")
}

func checkFormat(f string) error {
	for _, ok := range render.Formats {
		if f == ok {
			return nil
		}
	}
	if f == "md" {
		return nil
	}
	return usageError{"unknown -format " + f + " (want text, json or markdown)"}
}

// optionalBool is a boolean flag for an optional option: unset leaves
// the pointer nil (the library's default).
type optionalBool struct{ p **bool }

func (b optionalBool) String() string {
	if b.p == nil || *b.p == nil {
		return "true"
	}
	return strconv.FormatBool(**b.p)
}

func (b optionalBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	*b.p = &v
	return nil
}

func (b optionalBool) IsBoolFlag() bool { return true }
