package train

import (
	"math"

	"github.com/keypoints-dev/keypoints/doc"
	"math/rand/v2"
	"strings"

	"github.com/keypoints-dev/keypoints/compress"
	"github.com/keypoints-dev/keypoints/pick"
	"github.com/keypoints-dev/keypoints/rouge"
	"github.com/keypoints-dev/keypoints/score"
)

// spanExample is one candidate deletion in a chosen sentence: its
// features and whether deleting it alone raises the summary's ROUGE-1 F
// against the reference.
type spanExample struct {
	x      [compress.NumFeatures]float64
	label  float64
	weight float64 // how much ROUGE-1 F the decision moves
}

// CompressFit configures FitCompressor.
type CompressFit struct {
	Epochs int
	Rate   float64
	L2     float64
	Seed   uint64
}

// DefaultCompressFit is the setting of the shipped compressor.
var DefaultCompressFit = CompressFit{Epochs: 30, Rate: 0.01, L2: 1e-4, Seed: 1}

// chosenSentences are the engine's picks for one doc.
func chosenSentences(d *Doc, m *score.Model, n int) []int {
	return pick.Pick(d.Document, m.Score(d.Feats, nil), pick.Options{N: n})
}

// spanExamples labels every candidate deletion in the sentences m chooses
// for docs: 1 when deleting it alone raises ROUGE-1 F (stemmed) of the
// summary against the reference.
func spanExamples(docs []Doc, m *score.Model, n int, prior func(d *Doc) compress.Prior) []spanExample {
	rs := rouge.NewScorer(rouge.Options{Stem: true})
	var out []spanExample
	for k := range docs {
		d := &docs[k]
		chosen := chosenSentences(d, m, n)
		parts := make([]string, len(chosen))
		for j, i := range chosen {
			parts[j] = d.Sentences[i]
		}
		base := rs.Score(strings.Join(parts, "\n"), d.Refs).R1.F
		p := prior(d)
		for j, i := range chosen {
			s := &d.Document.Sentences[i]
			for _, sp := range compress.Candidates(d.Document, s) {
				text, _ := compress.Apply(d.Document, s, []compress.Span{sp})
				orig := parts[j]
				parts[j] = text
				got := rs.Score(strings.Join(parts, "\n"), d.Refs).R1.F
				parts[j] = orig
				e := spanExample{x: compress.Features(d.Document, s, sp, p)}
				if got > base {
					e.label = 1
				}
				e.weight = math.Abs(got - base)
				out = append(out, e)
			}
		}
	}
	return out
}

// FitCompressor fits the logistic deletion model with Adam on the span
// examples; deterministic for a seed.
func fitCompressor(ex []spanExample, opt CompressFit) []float64 {
	nf := compress.NumFeatures
	w := make([]float64, nf)
	g := make([]float64, nf)
	optim := newAdam(nf, opt.Rate, opt.L2)
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	const batch = 32
	for epoch := 0; epoch < opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for start := 0; start < len(order); start += batch {
			clear(g)
			end := min(start+batch, len(order))
			wsum := 0.0
			for _, k := range order[start:end] {
				e := &ex[k]
				z := 0.0
				for j := 0; j < nf; j++ {
					z += w[j] * e.x[j]
				}
				dz := (sigmoid(z) - e.label) * e.weight
				wsum += e.weight
				for j := 0; j < nf; j++ {
					g[j] += dz * e.x[j]
				}
			}
			optim.update(w, g, max(wsum, 1e-9))
		}
	}
	for j := range w {
		w[j] = math.Round(w[j]*1e6) / 1e6
	}
	return w
}

// compressedSummary returns the summary of the chosen sentences of d with
// the compressor's deletions and its words.
func compressedSummary(d *Doc, chosen []int, cm *compress.Model, p compress.Prior) (string, int) {
	parts := make([]string, len(chosen))
	words := 0
	for j, i := range chosen {
		s := &d.Document.Sentences[i]
		del := cm.Decide(d.Document, s, compress.Candidates(d.Document, s), p)
		parts[j], _ = compress.Apply(d.Document, s, del)
		words += len(strings.Fields(parts[j]))
	}
	return strings.Join(parts, "\n"), words
}

// tuneThreshold returns the deletion threshold that gives the best mean
// ROUGE-1 F on docs, from a fixed grid (ties to the higher threshold:
// fewer deletions).
func tuneThreshold(docs []Doc, m *score.Model, w []float64, n int, prior func(d *Doc) compress.Prior) float64 {
	rs := rouge.NewScorer(rouge.Options{Stem: true})
	chosen := make([][]int, len(docs))
	for k := range docs {
		chosen[k] = chosenSentences(&docs[k], m, n)
	}
	best, bestT := -1.0, 0.5
	for t := 0.8; t >= 0.3-1e-9; t -= 0.05 {
		cm := &compress.Model{Features: compress.FeatureNames[:], Weights: w, Threshold: math.Round(t*100) / 100}
		sum := 0.0
		for k := range docs {
			s, _ := compressedSummary(&docs[k], chosen[k], cm, prior(&docs[k]))
			sum += rs.Score(s, docs[k].Refs).R1.F
		}
		if sum > best+1e-9 {
			best, bestT = sum, cm.Threshold
		}
	}
	return bestT
}

// chosenSpans are the candidate deletions of one chosen sentence and the
// model's probabilities for them.
type chosenSpans struct {
	s     *doc.Sentence
	cands []compress.Span
	probs []float64
}

// tuneKindThresholds refines cm's single threshold into one per kind by
// coordinate ascent on the mean ROUGE-1 F of docs (two rounds over the
// kinds, grid 0.30..0.95 step 0.05 and 1 for never; ties to the higher
// threshold). Only the documents with a candidate of the kind being
// tuned are scored again.
func tuneKindThresholds(docs []Doc, m *score.Model, cm *compress.Model, n int, prior func(d *Doc) compress.Prior) []float64 {
	rs := rouge.NewScorer(rouge.Options{Stem: true})
	sents := make([][]chosenSpans, len(docs))
	hasKind := make([][compress.NumKinds]bool, len(docs))
	for k := range docs {
		d := &docs[k]
		p := prior(d)
		for _, i := range chosenSentences(d, m, n) {
			s := &d.Document.Sentences[i]
			c := chosenSpans{s: s, cands: compress.Candidates(d.Document, s)}
			for _, sp := range c.cands {
				f := compress.Features(d.Document, s, sp, p)
				c.probs = append(c.probs, cm.Prob(&f))
				hasKind[k][sp.Kind] = true
			}
			sents[k] = append(sents[k], c)
		}
	}
	trial := *cm
	trial.Thresholds = make([]float64, compress.NumKinds)
	for i := range trial.Thresholds {
		trial.Thresholds[i] = cm.Threshold
	}
	docScore := func(k int) float64 {
		parts := make([]string, len(sents[k]))
		for j, c := range sents[k] {
			parts[j], _ = compress.Apply(docs[k].Document, c.s, trial.DecideProbs(c.s, c.cands, c.probs))
		}
		return rs.Score(strings.Join(parts, "\n"), docs[k].Refs).R1.F
	}
	scores := make([]float64, len(docs))
	for k := range docs {
		scores[k] = docScore(k)
	}
	for round := 0; round < 2; round++ {
		for kind := compress.Kind(0); kind < compress.NumKinds; kind++ {
			var affected []int
			base := 0.0
			for k := range docs {
				if hasKind[k][kind] {
					affected = append(affected, k)
					base += scores[k]
				}
			}
			bestT, best := trial.Thresholds[kind], base
			var bestScores []float64
			for g := 20; g >= 6; g-- {
				t := float64(g) / 20
				if t == bestT {
					continue
				}
				trial.Thresholds[kind] = t
				sum := 0.0
				got := make([]float64, len(affected))
				for j, k := range affected {
					got[j] = docScore(k)
					sum += got[j]
				}
				if sum > best+1e-9 {
					best, bestT, bestScores = sum, t, got
				}
			}
			trial.Thresholds[kind] = bestT
			for j, k := range affected {
				if bestScores != nil {
					scores[k] = bestScores[j]
				}
			}
		}
	}
	return trial.Thresholds
}
