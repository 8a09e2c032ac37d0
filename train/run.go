package train

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/compress"
	"github.com/keypoints-dev/keypoints/pick"
	"github.com/keypoints-dev/keypoints/rouge"
	"github.com/keypoints-dev/keypoints/score"
)

// Oracle returns the indexes (in article order) of the sentences whose
// extract best matches the reference: the training labels.
type Oracle func(sentences []string, reference string) []int

// Config describes one training run. The zero value of each field but
// Data and Oracle means the shipped model's setting.
type Config struct {
	Data   string // JSONL corpus path: id, article, summary
	Oracle Oracle
	Fit    FitOptions
	N      int       // key points per article when measuring; 0 means 3
	Log    io.Writer // progress messages; nil discards them
}

// DefaultFit is the setting of the shipped model.
var DefaultFit = FitOptions{Hidden: 24, Epochs: 20, Rate: 0.002, L2: 1e-5, Seed: 1}

// Measure is mean ROUGE F (stemmed, x100) of one system on the held-out
// part.
type Measure struct {
	System     string
	R1, R2, RL float64
	Words      float64 // mean words per summary
}

// Report is what a training run measured.
type Report struct {
	// Compressor is the sentence compressor fitted beside the scorer.
	Compressor *compress.Model

	Train, Validation, Skipped int
	Systems                    []Measure
	Elapsed                    time.Duration
}

// Run trains a model on the training part of cfg.Data and measures it,
// Lead-3, the unsupervised scorer and the oracle on the validation part.
func Run(cfg Config) (*score.Model, Report, error) {
	start := time.Now()
	logw := cfg.Log
	if logw == nil {
		logw = io.Discard
	}
	if cfg.Oracle == nil {
		return nil, Report{}, fmt.Errorf("train: no oracle")
	}
	fit := cfg.Fit
	if fit.Epochs == 0 {
		fit = DefaultFit
	}
	n := cfg.N
	if n == 0 {
		n = 3
	}
	recs, err := ReadRecords(cfg.Data)
	if err != nil {
		return nil, Report{}, err
	}
	var trRecs, vaRecs []Record
	for _, r := range recs {
		if Validation(r.ID) {
			vaRecs = append(vaRecs, r)
		} else {
			trRecs = append(trRecs, r)
		}
	}
	eng, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerUnsupervised, Compress: keypoints.Bool(false)})
	if err != nil {
		return nil, Report{}, err
	}
	fmt.Fprintf(logw, "train: %d records (%d train, %d validation); labelling with the oracle\n", len(recs), len(trRecs), len(vaRecs))
	trDocs, sk1 := Prepare(trRecs, eng, cfg.Oracle)
	vaDocs, sk2 := Prepare(vaRecs, eng, cfg.Oracle)
	counts := countWords(trDocs)
	lex, err := counts.lexicon()
	if err != nil {
		return nil, Report{}, err
	}
	Featurize(trDocs, func(d *Doc) score.Prior { return leaveOneOut{counts, d} })
	Featurize(vaDocs, func(*Doc) score.Prior { return lex })
	fmt.Fprintf(logw, "train: lexicon of %d words; fitting hidden=%d epochs=%d on %d articles\n", len(lex.Terms), fit.Hidden, fit.Epochs, len(trDocs))
	m := Fit(Examples(trDocs), fit)
	m.Lexicon = lex
	m.Meta = map[string]string{
		"data":      baseName(cfg.Data),
		"records":   strconv.Itoa(len(recs)),
		"train":     strconv.Itoa(len(trDocs)),
		"split":     "validation = fnv32a(id) % 5 == 0",
		"labels":    "greedy ROUGE-1+2 F oracle, stemmed",
		"optimizer": fmt.Sprintf("adam rate=%g l2=%g epochs=%d batch=64 seed=%d", fit.Rate, fit.L2, fit.Epochs, fit.Seed),
	}
	loo := func(d *Doc) compress.Prior { return leaveOneOut{counts, d} }
	ex := spanExamples(trDocs, m, n, loo)
	cw := fitCompressor(ex, DefaultCompressFit)
	thr := tuneThreshold(trDocs, m, cw, n, loo)
	cm := &compress.Model{Features: compress.FeatureNames[:], Weights: cw, Threshold: thr, Meta: map[string]string{
		"data":      baseName(cfg.Data),
		"train":     strconv.Itoa(len(trDocs)),
		"examples":  strconv.Itoa(len(ex)),
		"labels":    "deleting the constituent alone raises ROUGE-1 F (stemmed) of the model's 3 chosen sentences",
		"optimizer": fmt.Sprintf("adam rate=%g l2=%g epochs=%d batch=32 seed=%d", DefaultCompressFit.Rate, DefaultCompressFit.L2, DefaultCompressFit.Epochs, DefaultCompressFit.Seed),
		"threshold": "best mean ROUGE-1 F on the training part, grid 0.30..0.80 step 0.05",
	}}
	cm.Thresholds = tuneKindThresholds(trDocs, m, cm, n, loo)
	cm.Meta["thresholds"] = "per kind, from the threshold by coordinate ascent on mean ROUGE-1 F of the training part (2 rounds, grid 0.30..0.95 step 0.05 and 1)"
	fmt.Fprintf(logw, "train: compressor on %d candidate deletions, threshold %.2f, per kind %v\n", len(ex), thr, cm.Thresholds)
	rep := Report{Compressor: cm, Train: len(trDocs), Validation: len(vaDocs), Skipped: sk1 + sk2}
	lead := func(d Doc) []float64 {
		o := make([]float64, len(d.Sentences))
		for i := range o {
			o[i] = 1 / float64(i+1)
		}
		return o
	}
	rep.Systems = []Measure{
		measure("keypoints (model)", vaDocs, n, func(d Doc) []float64 { return m.Score(d.Feats, nil) }),
		measureChosenText("keypoints (compressed)", vaDocs, func(d *Doc) (string, int) {
			return compressedSummary(d, chosenSentences(d, m, n), cm, lex)
		}),
		measure("unsupervised", vaDocs, n, func(d Doc) []float64 { return score.Unsupervised(d.Feats, nil) }),
		measure("lead-3 (cleaned)", vaDocs, n, lead),
		measureChosen("oracle", vaDocs, func(d Doc) []int { return d.Oracle }),
	}
	rep.Elapsed = time.Since(start)
	return m, rep, nil
}

// measure scores one system's picks on docs, picking as the engine does.
func measure(name string, docs []Doc, n int, scores func(Doc) []float64) Measure {
	return measureChosen(name, docs, func(d Doc) []int {
		return pick.Pick(d.Document, scores(d), pick.Options{N: n})
	})
}

// measureChosenText scores the summary text that sum makes of each doc.
func measureChosenText(name string, docs []Doc, sum func(d *Doc) (string, int)) Measure {
	rs := rouge.NewScorer(rouge.Options{Stem: true})
	var r1, r2, rl, words float64
	for k := range docs {
		text, w := sum(&docs[k])
		words += float64(w)
		s := rs.Score(text, docs[k].Refs)
		r1 += s.R1.F
		r2 += s.R2.F
		rl += s.RL.F
	}
	c := float64(max(len(docs), 1))
	return Measure{System: name, R1: 100 * r1 / c, R2: 100 * r2 / c, RL: 100 * rl / c, Words: words / c}
}

// measureChosen scores the sentences chosen for each doc.
func measureChosen(name string, docs []Doc, choose func(Doc) []int) Measure {
	return measureChosenText(name, docs, func(d *Doc) (string, int) {
		idx := choose(*d)
		parts := make([]string, 0, len(idx))
		for _, i := range idx {
			parts = append(parts, d.Sentences[i])
		}
		sum := joinLines(parts)
		return sum, len(bytes.Fields([]byte(sum)))
	})
}

// Encode writes a model (a *score.Model or a *compress.Model) as
// indented JSON; the bytes depend only on the model, so retraining with
// the same data and seed gives the same file.
func Encode(w io.Writer, m any) error {
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

func baseName(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return p[i+1:]
		}
	}
	return p
}
