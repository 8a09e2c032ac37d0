// Package evaluate scores summarization systems on a corpus with ROUGE
// (package rouge, identical to ROUGE-1.5.5) and reports the results: mean
// scores with bootstrap confidence intervals, paired comparisons of two
// systems, per-item JSONL, an aligned text table and a self-contained
// HTML report. It also provides the greedy extractive oracle and a
// lead-n helper, the usual reference points for extractive summarizers.
//
// It imports only package rouge and the standard library, never the
// summarization pipeline, so that pipeline changes cannot move the
// metric.
//
// Matching is by id. Every reference record yields one Item: a reference
// without a prediction is scored as an empty summary, that is 0 on every
// measure, and is listed in Report.Missing, so a system cannot raise its
// mean by skipping hard articles. Predictions without a reference are
// listed in Report.Extra and not scored. Nothing is dropped silently.
package evaluate

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/keypoints-dev/keypoints/rouge"
)

// DefaultResamples is the number of bootstrap resamples, as ROUGE-1.5.5's
// -r 1000.
const DefaultResamples = 1000

// DefaultSeed seeds the bootstrap, so that confidence intervals and
// p-values are the same on every run.
const DefaultSeed = 20170705

// Options configures an evaluation. The zero value is the usual setting:
// ROUGE-1.5.5 with stemming (-m), 1000 resamples, a fixed seed.
type Options struct {
	// NoStem turns ROUGE-1.5.5's stemming (-m) off.
	NoStem bool `json:"no_stem,omitempty"`
	// Resamples is the number of bootstrap resamples; 0 means
	// DefaultResamples.
	Resamples int `json:"resamples,omitempty"`
	// Seed seeds the bootstrap; 0 means DefaultSeed.
	Seed uint64 `json:"seed,omitempty"`
}

// RougeOptions returns the rouge package options that o stands for.
func (o Options) RougeOptions() rouge.Options { return rouge.Options{Stem: !o.NoStem} }

func (o Options) resamples() int {
	if o.Resamples > 0 {
		return o.Resamples
	}
	return DefaultResamples
}

func (o Options) seed() uint64 {
	if o.Seed != 0 {
		return o.Seed
	}
	return DefaultSeed
}

// Item is the score of one reference record.
type Item struct {
	ID     string
	Scores rouge.Scores
	// Missing is true when no prediction had this id; Scores are then
	// those of an empty summary (all 0).
	Missing bool
}

// Report is the result of scoring one system.
type Report struct {
	// Items has one entry per reference record, in the reference file's
	// order.
	Items []Item
	// Missing lists reference ids without a prediction (scored as empty
	// summaries), Extra the prediction ids without a reference (not
	// scored), in file order.
	Missing []string
	Extra   []string
	// Duplicates lists ids that occur more than once in the references
	// or in the predictions; the first record with the id is used.
	Duplicates []string
	// Summary holds the means over Items with their confidence intervals.
	Summary Summary
}

// Score scores preds against refs; see the package comment for how ids
// are matched. Scoring runs on one goroutine.
func Score(refs []Reference, preds []Prediction, opt Options) *Report {
	rep := &Report{}
	byID := make(map[string]int, len(preds))
	dup := map[string]bool{}
	for i, p := range preds {
		if _, ok := byID[p.ID]; ok {
			dup[p.ID] = true
			continue
		}
		byID[p.ID] = i
	}
	seen := make(map[string]bool, len(refs))
	sc := rouge.NewScorer(opt.RougeOptions())
	for _, r := range refs {
		if seen[r.ID] {
			dup[r.ID] = true
			continue
		}
		seen[r.ID] = true
		it := Item{ID: r.ID}
		if i, ok := byID[r.ID]; ok {
			it.Scores = sc.Score(preds[i].Summary, r.References)
		} else {
			// An empty summary scores 0 on every measure; no need to run
			// the scorer.
			it.Missing = true
			rep.Missing = append(rep.Missing, r.ID)
		}
		rep.Items = append(rep.Items, it)
	}
	for _, p := range preds {
		if !seen[p.ID] {
			rep.Extra = append(rep.Extra, p.ID)
			seen[p.ID] = true // list each extra id once
		}
	}
	for id := range dup {
		rep.Duplicates = append(rep.Duplicates, id)
	}
	slices.Sort(rep.Duplicates)
	rep.Summary = Summarize(rep.Items, opt)
	return rep
}

// Stat is a mean with its bootstrap confidence interval [Lo, Hi].
type Stat struct {
	Mean, Lo, Hi float64
}

// ScoreStats holds the Stats of one measure's recall, precision and F.
type ScoreStats struct {
	R, P, F Stat
}

// Summary is the corpus-level result: for each measure, the mean over
// items of the per-item R, P and F (as ROUGE-1.5.5's -a averages its -d
// scores, so F is the mean of the items' F values), with 95% percentile
// bootstrap confidence intervals.
type Summary struct {
	N                int
	R1, R2, RL, RSU4 ScoreStats
	Resamples        int
	Seed             uint64
	Confidence       float64 // 0.95
}

// Summarize computes the Summary of items: means and 95% confidence
// intervals from opt's number of bootstrap resamples (items drawn with
// replacement), seeded with opt's seed, so the result is deterministic.
func Summarize(items []Item, opt Options) Summary {
	const nm = 12
	vals := make([][]float64, nm)
	for m := range vals {
		vals[m] = make([]float64, len(items))
	}
	for i, it := range items {
		for m, s := range flatten(it.Scores) {
			vals[m][i] = s
		}
	}
	stats := bootstrap(vals, opt.resamples(), opt.seed())
	pack := func(m int) ScoreStats { return ScoreStats{R: stats[m], P: stats[m+1], F: stats[m+2]} }
	return Summary{
		N:  len(items),
		R1: pack(0), R2: pack(3), RL: pack(6), RSU4: pack(9),
		Resamples:  opt.resamples(),
		Seed:       opt.seed(),
		Confidence: 0.95,
	}
}

// flatten lists a Scores' twelve numbers: R, P, F of R1, R2, RL, RSU4.
func flatten(s rouge.Scores) [12]float64 {
	return [12]float64{
		s.R1.R, s.R1.P, s.R1.F,
		s.R2.R, s.R2.P, s.R2.F,
		s.RL.R, s.RL.P, s.RL.F,
		s.RSU4.R, s.RSU4.P, s.RSU4.F,
	}
}

// bootstrap returns, for each series in vals (all of one length n), the
// mean and the 2.5th and 97.5th percentiles of the means of resamples of
// n items drawn with replacement. All series share each resample's draws,
// which keeps paired series paired.
func bootstrap(vals [][]float64, resamples int, seed uint64) []Stat {
	out := make([]Stat, len(vals))
	if len(vals) == 0 {
		return out
	}
	n := len(vals[0])
	if n == 0 {
		return out
	}
	for m, v := range vals {
		out[m].Mean = mean(v)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15))
	means := make([][]float64, len(vals))
	for m := range means {
		means[m] = make([]float64, resamples)
	}
	sums := make([]float64, len(vals))
	for r := 0; r < resamples; r++ {
		clear(sums)
		for i := 0; i < n; i++ {
			j := rng.IntN(n)
			for m, v := range vals {
				sums[m] += v[j]
			}
		}
		for m := range vals {
			means[m][r] = sums[m] / float64(n)
		}
	}
	lo, hi := percentileIndexes(resamples)
	for m := range vals {
		slices.Sort(means[m])
		out[m].Lo, out[m].Hi = means[m][lo], means[m][hi]
	}
	return out
}

// percentileIndexes returns the sorted-resample indexes of the 2.5th and
// 97.5th percentiles: 25 and 974 of 1000.
func percentileIndexes(resamples int) (lo, hi int) {
	lo = int(0.025 * float64(resamples))
	hi = resamples - 1 - lo
	return lo, hi
}

func mean(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// Comparison is a paired bootstrap comparison of system A with system B
// on one measure over the same items.
type Comparison struct {
	// N is the number of items both systems were scored on.
	N int
	// MeanA and MeanB are the systems' means, Diff = MeanA - MeanB, and
	// [Lo, Hi] its 95% percentile bootstrap confidence interval.
	MeanA, MeanB, Diff, Lo, Hi float64
	// P is a one-sided p-value for "A is better than B": the fraction of
	// resamples whose mean difference is <= 0. Small P means A's lead is
	// unlikely to be luck of the draw; a two-sided value is
	// min(1, 2*min(P, 1-P)).
	P float64
}

// Compare compares paired scores a[i] and b[i] (the same item scored for
// two systems) with a paired bootstrap: items are resampled with
// replacement, keeping each a[i] with its b[i]. It returns an error when
// a and b differ in length, since they then cannot be paired.
func Compare(a, b []float64, opt Options) (Comparison, error) {
	if len(a) != len(b) {
		return Comparison{}, fmt.Errorf("evaluate: cannot pair %d scores with %d", len(a), len(b))
	}
	c := Comparison{N: len(a), MeanA: mean(a), MeanB: mean(b)}
	if len(a) == 0 {
		return c, nil
	}
	d := make([]float64, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	c.Diff = mean(d)
	rng := rand.New(rand.NewPCG(opt.seed(), opt.seed()^0x9E3779B97F4A7C15))
	resamples := opt.resamples()
	means := make([]float64, resamples)
	notBetter := 0
	for r := range means {
		s := 0.0
		for range d {
			s += d[rng.IntN(len(d))]
		}
		means[r] = s / float64(len(d))
		if means[r] <= 0 {
			notBetter++
		}
	}
	slices.Sort(means)
	lo, hi := percentileIndexes(resamples)
	c.Lo, c.Hi = means[lo], means[hi]
	c.P = float64(notBetter) / float64(resamples)
	return c, nil
}

// Comparisons holds the paired comparisons of two systems' F scores on
// each measure.
type Comparisons struct {
	R1, R2, RL, RSU4 Comparison
	// OnlyA and OnlyB list the ids that only one of the systems was
	// scored on; the comparison leaves them out.
	OnlyA, OnlyB []string
}

// CompareItems pairs a's and b's items by id and compares the systems'
// F scores on every measure with Compare. Items scored as missing
// predictions stay in: they are part of a system's result.
func CompareItems(a, b []Item, opt Options) Comparisons {
	bi := make(map[string]int, len(b))
	for i, it := range b {
		if _, ok := bi[it.ID]; !ok {
			bi[it.ID] = i
		}
	}
	var c Comparisons
	inA := make(map[string]bool, len(a))
	var fa, fb [4][]float64
	for _, it := range a {
		if inA[it.ID] {
			continue
		}
		inA[it.ID] = true
		j, ok := bi[it.ID]
		if !ok {
			c.OnlyA = append(c.OnlyA, it.ID)
			continue
		}
		sa, sb := flatten(it.Scores), flatten(b[j].Scores)
		for m := range 4 {
			fa[m] = append(fa[m], sa[3*m+2])
			fb[m] = append(fb[m], sb[3*m+2])
		}
	}
	for _, it := range b {
		if !inA[it.ID] {
			c.OnlyB = append(c.OnlyB, it.ID)
			inA[it.ID] = true
		}
	}
	// The series are paired by construction, so Compare cannot fail.
	c.R1, _ = Compare(fa[0], fb[0], opt)
	c.R2, _ = Compare(fa[1], fb[1], opt)
	c.RL, _ = Compare(fa[2], fb[2], opt)
	c.RSU4, _ = Compare(fa[3], fb[3], opt)
	return c
}
