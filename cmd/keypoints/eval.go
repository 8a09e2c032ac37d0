package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/evaluate"
)

var cmdEval = &command{
	name:  "eval",
	usage: "-ref REF.jsonl[.gz] (-pred PRED.jsonl | -system lead3|oracle|keypoints|unsupervised) [-baseline lead3] [-per-item OUT.jsonl] [-html REPORT.html] [-stem=true|false]",
	short: "score summaries with ROUGE (identical to ROUGE-1.5.5)",
	long: `
Eval scores summaries against references with ROUGE-1, ROUGE-2, ROUGE-L
(summary level) and ROUGE-SU4, as ROUGE-1.5.5 computes them with
-c 95 -r 1000 -a -d -n 2 -2 4 -u [-m], and prints mean R, P and F with 95%
bootstrap confidence intervals.

REF records have "id" and "summary" (sentences separated by "\n") or
"references" (a list, averaged as ROUGE-1.5.5's default -f A does); to run
a system they also need "article". PRED records have "id" and "summary";
the batch command's output works as PRED. A reference without a
prediction scores 0 and is reported; predictions without a reference are
reported and not scored.

-system runs a system on REF's articles instead of reading -pred:
keypoints (the trained model), unsupervised, lead3 (the first three
sentences as the engine segments and cleans the article) or oracle (the
greedy extractive oracle, the ceiling of any extractive method).
-baseline adds a paired bootstrap comparison (difference, 95% CI,
one-sided p-value) against another system on the same articles.
Stemming (ROUGE-1.5.5's -m) is on by default, as in published work.`,
}

type evalFlags struct {
	ref, pred, system, baseline, perItem, html string
	stem                                       bool
	n                                          int
}

func (f *evalFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.ref, "ref", "", "references: JSONL with id and summary or references (and article for -system)")
	fs.StringVar(&f.pred, "pred", "", "predictions: JSONL with id and summary (or keypoints)")
	fs.StringVar(&f.system, "system", "", "run a system on the references' articles: keypoints, unsupervised, lead3 or oracle")
	fs.StringVar(&f.baseline, "baseline", "", "compare with this system on the same articles (paired bootstrap)")
	fs.StringVar(&f.perItem, "per-item", "", "write per-item scores as JSONL to this file")
	fs.StringVar(&f.html, "html", "", "write a self-contained HTML report to this file")
	fs.BoolVar(&f.stem, "stem", true, "Porter stemming, ROUGE-1.5.5's -m")
	fs.IntVar(&f.n, "n", keypoints.DefaultN, "key points per article for -system and -baseline")
}

func init() {
	flagSetups["eval"] = func(fs *flag.FlagSet) { new(evalFlags).register(fs) }
	cmdEval.run = runEval
}

// systemRun is one system's output on the references.
type systemRun struct {
	name       string
	preds      []evaluate.Prediction
	selections []evaluate.Selection // nil for read predictions
}

func runEval(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	var f evalFlags
	f.register(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	switch {
	case f.ref == "":
		return usageError{"-ref is required"}
	case (f.pred == "") == (f.system == ""):
		return usageError{"give exactly one of -pred and -system"}
	case fs.NArg() > 0:
		return usageError{"unexpected arguments"}
	}
	refs, err := readRefs(f.ref)
	if err != nil {
		return err
	}
	opt := evaluate.Options{NoStem: !f.stem}

	var main systemRun
	if f.pred != "" {
		main, err = readPreds(f.pred)
	} else {
		main, err = runSystem(ctx, f.system, refs, nil, f.n, opt)
	}
	if err != nil {
		return err
	}
	rep := evaluate.Score(refs, main.preds, opt)
	reportIDs(e.stderr, main.name, rep)
	systems := []evaluate.NamedSummary{{Name: main.name, Summary: rep.Summary}}

	var base *evaluate.Report
	var baseRun systemRun
	if f.baseline != "" {
		baseRun, err = runSystem(ctx, f.baseline, refs, nil, f.n, opt)
		if err != nil {
			return err
		}
		base = evaluate.Score(refs, baseRun.preds, opt)
		systems = append(systems, evaluate.NamedSummary{Name: baseRun.name, Summary: base.Summary})
	}
	if err := evaluate.WriteTable(e.stdout, systems); err != nil {
		return err
	}
	if base != nil {
		fmt.Fprintln(e.stdout)
		if err := evaluate.WriteComparison(e.stdout, main.name, baseRun.name, evaluate.CompareItems(rep.Items, base.Items, opt)); err != nil {
			return err
		}
	}
	if f.perItem != "" {
		if err := writeFile(f.perItem, func(w io.Writer) error { return evaluate.WriteItems(w, rep.Items) }); err != nil {
			return err
		}
	}
	if f.html != "" {
		data, err := reportData(ctx, f, refs, opt, []systemRun{main, baseRun}, []*evaluate.Report{rep, base})
		if err != nil {
			return err
		}
		if err := writeFile(f.html, func(w io.Writer) error { return evaluate.WriteHTML(w, data) }); err != nil {
			return err
		}
	}
	return nil
}

func readRefs(path string) ([]evaluate.Reference, error) {
	r, err := evaluate.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	refs, err := evaluate.ReadReferences(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return refs, nil
}

func readPreds(path string) (systemRun, error) {
	r, err := evaluate.Open(path)
	if err != nil {
		return systemRun{}, err
	}
	defer r.Close()
	preds, err := evaluate.ReadPredictions(r)
	if err != nil {
		return systemRun{}, fmt.Errorf("%s: %w", path, err)
	}
	name := path[strings.LastIndexByte(path, '/')+1:]
	return systemRun{name: name, preds: preds}, nil
}

// runSystem runs a named system on every reference's article. Articles
// the engine refuses get an empty summary (scored 0, never dropped).
// titles, when not nil, holds each reference's article title (bench gives
// the BBC titles; eval gives none).
func runSystem(ctx context.Context, name string, refs []evaluate.Reference, titles []string, n int, opt evaluate.Options) (systemRun, error) {
	var scorer string
	compress := true
	switch name {
	case "keypoints":
		scorer = keypoints.ScorerModel
	case "keypoints-whole":
		scorer, compress = keypoints.ScorerModel, false
	case "unsupervised":
		scorer = keypoints.ScorerUnsupervised
	case "lead3":
		scorer, n = keypoints.ScorerLead, 3
	case "oracle":
		scorer = keypoints.ScorerLead // only its segmentation is used
	default:
		return systemRun{}, usageError{"unknown system " + name + " (want keypoints, keypoints-whole, unsupervised, lead3 or oracle)"}
	}
	eng, err := keypoints.New(keypoints.Options{Scorer: scorer, N: n, Compress: keypoints.Bool(compress)})
	if err != nil {
		return systemRun{}, err
	}
	run := systemRun{name: name, preds: make([]evaluate.Prediction, len(refs)), selections: make([]evaluate.Selection, len(refs))}
	var oracle *evaluate.Oracle
	if name == "oracle" {
		oracle = evaluate.NewOracle(opt.RougeOptions())
	}
	for i, ref := range refs {
		if err := ctx.Err(); err != nil {
			return systemRun{}, err
		}
		run.preds[i].ID = ref.ID
		if ref.Article == "" {
			return systemRun{}, fmt.Errorf("reference %q has no article: -system needs one", ref.ID)
		}
		if oracle != nil {
			d, err := eng.Document(ref.Article)
			if err != nil {
				continue
			}
			sents := make([]string, len(d.Sentences))
			for k, s := range d.Sentences {
				sents[k] = s.Text
			}
			chosen := oracle.Select(sents, ref.References, 0)
			picked := make([]string, len(chosen))
			for k, c := range chosen {
				picked[k] = sents[c]
			}
			run.preds[i].Summary = strings.Join(picked, "\n")
			run.selections[i] = evaluate.Selection{Sentences: chosen, Total: len(sents)}
			continue
		}
		a := doc.Article{ID: ref.ID, Text: ref.Article}
		if titles != nil {
			a.Title = titles[i]
		}
		res, err := eng.Summarize(ctx, a)
		if err != nil {
			continue
		}
		run.preds[i].Summary = res.Summary()
		sel := evaluate.Selection{Total: len(res.Document.Sentences)}
		for _, k := range res.KeyPoints {
			sel.Sentences = append(sel.Sentences, k.Sentences...)
		}
		run.selections[i] = sel
	}
	return run, nil
}

// reportIDs tells about ids without prediction or reference on stderr.
func reportIDs(w io.Writer, name string, rep *evaluate.Report) {
	list := func(ids []string) string {
		if len(ids) > 5 {
			return strings.Join(ids[:5], ", ") + ", ..."
		}
		return strings.Join(ids, ", ")
	}
	if len(rep.Missing) > 0 {
		fmt.Fprintf(w, "keypoints eval: %s: %d references have no prediction and score 0: %s\n", name, len(rep.Missing), list(rep.Missing))
	}
	if len(rep.Extra) > 0 {
		fmt.Fprintf(w, "keypoints eval: %s: %d predictions have no reference and are not scored: %s\n", name, len(rep.Extra), list(rep.Extra))
	}
	if len(rep.Duplicates) > 0 {
		fmt.Fprintf(w, "keypoints eval: %s: %d duplicate ids: %s\n", name, len(rep.Duplicates), list(rep.Duplicates))
	}
}

// reportData gathers what the HTML report draws: each system's scores,
// selections and lengths, the oracle's selections and the references'
// lengths.
func reportData(ctx context.Context, f evalFlags, refs []evaluate.Reference, opt evaluate.Options, runs []systemRun, reps []*evaluate.Report) (evaluate.ReportData, error) {
	data := evaluate.ReportData{
		Title: "ROUGE report: " + f.ref,
		Notes: []string{fmt.Sprintf("%d references; ROUGE-1.5.5 -c 95 -r 1000 -a -n 2 -2 4 -u%s", len(refs), map[bool]string{true: " -m", false: ""}[f.stem])},
	}
	for i, run := range runs {
		if reps[i] == nil {
			continue
		}
		sr := evaluate.SystemReport{Name: run.name, Summary: reps[i].Summary, Items: reps[i].Items,
			Missing: len(reps[i].Missing), Extra: len(reps[i].Extra), Selections: run.selections}
		byID := make(map[string]string, len(run.preds))
		for _, p := range run.preds {
			byID[p.ID] = p.Summary
		}
		for _, ref := range refs {
			sr.Words = append(sr.Words, evaluate.WordCount(byID[ref.ID]))
		}
		data.Systems = append(data.Systems, sr)
	}
	for _, ref := range refs {
		words := 0
		for _, r := range ref.References {
			words += evaluate.WordCount(r)
		}
		data.ReferenceWords = append(data.ReferenceWords, words/max(len(ref.References), 1))
	}
	if len(refs) > 0 && refs[0].Article != "" {
		oracle, err := runSystem(ctx, "oracle", refs, nil, 0, opt)
		if err != nil {
			return data, err
		}
		data.Oracle = oracle.selections
	}
	return data, nil
}

// writeFile creates path and writes it with fn, reporting close errors.
func writeFile(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
