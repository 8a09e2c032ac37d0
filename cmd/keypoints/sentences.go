package main

import (
	"bufio"
	"context"
	"flag"
	"strings"

	keypoints "github.com/keypoints-dev/keypoints"
)

var cmdSentences = &command{
	name:  "sentences",
	usage: "[FILE]",
	short: "print an article's sentences, one a line",
	long: `
Sentences reads text from FILE (or stdin) and prints its sentences, one a
line, as the engine segments them after cleaning the text. Use it to check
segmentation: abbreviations, initials, numbers, quotes, lists and ellipses.`,
}

func init() { cmdSentences.run = runSentences }

func runSentences(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sentences", flag.ContinueOnError)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	text, source, err := readInput(e, fs.Args())
	if err != nil {
		return err
	}
	eng, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerLead})
	if err != nil {
		return err
	}
	d, err := eng.Document(text)
	if err != nil {
		return describe(source, err)
	}
	w := bufio.NewWriter(e.stdout)
	for _, s := range d.Sentences {
		w.WriteString(strings.ReplaceAll(s.Text, "\n", " "))
		w.WriteByte('\n')
	}
	return w.Flush()
}
