package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/keypoints-dev/keypoints/evaluate"
	"github.com/keypoints-dev/keypoints/rouge"
	"github.com/keypoints-dev/keypoints/train"
)

var cmdTrain = &command{
	name:  "train",
	usage: "-data CORPUS.jsonl[.gz] -out MODEL.json [-compress-out COMPRESSOR.json] [-hidden H] [-epochs E] [-seed S]",
	short: "train the sentence scorer",
	long: `
Train fits the sentence scorer on a corpus of articles with reference key
points (records with "id", "article" and "summary", as in
../shared/data/cnndm/dev.jsonl.gz). One record in five, chosen by a hash of
its id, is held out for validation; labels come from the greedy ROUGE
oracle. It prints ROUGE-1/2/L (stemmed) on the validation part for the new
model (with and without sentence compression), the unsupervised scorer,
Lead-3 and the oracle, and writes the model as JSON. Beside the scorer it
fits the sentence compressor (package compress) on the model's choices in
the training part: a constituent is labelled deletable when deleting it
alone raises ROUGE-1 against the reference; -compress-out writes it.

The run is deterministic: the defaults rebuild the model embedded in the
binary (score/data/model.json, compress/data/model.json) byte for byte:

	keypoints train -data ../shared/data/cnndm/dev.jsonl.gz -out score/data/model.json -compress-out compress/data/model.json`,
}

func init() {
	flagSetups["train"] = func(fs *flag.FlagSet) { trainFlags(fs, new(trainConfig)) }
	cmdTrain.run = runTrain
}

type trainConfig struct {
	data, out   string
	compressOut string
	fit         train.FitOptions
}

func trainFlags(fs *flag.FlagSet, c *trainConfig) {
	d := train.DefaultFit
	fs.StringVar(&c.data, "data", "", "training corpus (JSONL with id, article, summary; .gz allowed)")
	fs.StringVar(&c.out, "out", "", "where to write the model (JSON)")
	fs.StringVar(&c.compressOut, "compress-out", "", "where to write the sentence compressor (JSON; empty: not written)")
	fs.IntVar(&c.fit.Hidden, "hidden", d.Hidden, "hidden units (0: linear model)")
	fs.IntVar(&c.fit.Epochs, "epochs", d.Epochs, "passes over the training part")
	fs.Float64Var(&c.fit.Rate, "rate", d.Rate, "Adam learning rate")
	fs.Float64Var(&c.fit.L2, "l2", d.L2, "weight decay")
	fs.Uint64Var(&c.fit.Seed, "seed", d.Seed, "random seed")
}

func runTrain(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	var c trainConfig
	trainFlags(fs, &c)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if c.data == "" || c.out == "" {
		return usageError{"-data and -out are required"}
	}
	o := evaluate.NewOracle(rouge.Options{Stem: true})
	oracle := func(sents []string, ref string) []int { return o.Select(sents, []string{ref}, 4) }
	m, rep, err := train.Run(train.Config{Data: c.data, Oracle: oracle, Fit: c.fit, Log: e.stderr})
	if err != nil {
		return err
	}
	if err := writeModel(c.out, m); err != nil {
		return err
	}
	if c.compressOut != "" {
		if err := writeModel(c.compressOut, rep.Compressor); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "trained on %d articles, validated on %d (%d skipped) in %s\n\n", rep.Train, rep.Validation, rep.Skipped, rep.Elapsed.Round(1e6))
	fmt.Fprintf(e.stdout, "%-20s %7s %7s %7s %7s\n", "validation", "R-1", "R-2", "R-L", "words")
	for _, s := range rep.Systems {
		fmt.Fprintf(e.stdout, "%-20s %7.2f %7.2f %7.2f %7.1f\n", s.System, s.R1, s.R2, s.RL, s.Words)
	}
	fmt.Fprintf(e.stdout, "\nwrote %s\n", c.out)
	if c.compressOut != "" {
		fmt.Fprintf(e.stdout, "wrote %s\n", c.compressOut)
	}
	return nil
}

func writeModel(path string, m any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := train.Encode(f, m); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
