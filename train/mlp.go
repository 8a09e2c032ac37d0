package train

import (
	"math"
	"math/rand/v2"

	"github.com/keypoints-dev/keypoints/score"
)

// Example is one sentence: its features and its target in [0, 1].
type Example struct {
	X      [score.NumFeatures]float64
	Target float64
	Doc    int // index of the document, for grouping
}

// FitOptions configures Fit.
type FitOptions struct {
	Hidden int     // hidden units; 0 trains a linear model
	Epochs int     // passes over the data
	Rate   float64 // Adam learning rate
	L2     float64 // weight decay
	Seed   uint64  // seeds initialisation and shuffling
}

// Fit trains a score.Model by minimising the logistic loss of its output
// against the targets, with Adam. It is deterministic for a given seed
// and example order.
func Fit(ex []Example, opt FitOptions) *score.Model {
	nf := score.NumFeatures
	m := &score.Model{Features: score.FeatureNames[:], Hidden: opt.Hidden}
	var constant []bool
	m.Mean, m.Std, constant = standardize(ex)
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	// Parameters in one vector: W1 (H*nf), B1 (H), W2 (H or nf), B2.
	h := opt.Hidden
	nOut := h
	if h == 0 {
		nOut = nf
	}
	size := h*nf + h + nOut + 1
	p := make([]float64, size)
	for i := 0; i < h*nf; i++ {
		p[i] = rng.NormFloat64() / math.Sqrt(float64(nf))
	}
	for i := 0; i < nOut; i++ {
		p[h*nf+h+i] = rng.NormFloat64() * 0.1
	}
	// A feature that never varies in the training data (the title overlap
	// of a corpus without titles) gets no gradient, so its random initial
	// weights would survive and act at random on articles where it does
	// vary. Start those weights at zero: the model then ignores it.
	for j := 0; j < nf; j++ {
		if j == score.FBias || !constant[j] {
			continue
		}
		if h == 0 {
			p[j] = 0
		}
		for u := 0; u < h; u++ {
			p[u*nf+j] = 0
		}
	}
	g := make([]float64, size)
	optim := newAdam(size, opt.Rate, opt.L2)
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	x := make([]float64, nf)
	act := make([]float64, h)
	const batch = 64
	for epoch := 0; epoch < opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for start := 0; start < len(order); start += batch {
			clear(g)
			end := min(start+batch, len(order))
			for _, k := range order[start:end] {
				e := &ex[k]
				for j := 0; j < nf; j++ {
					x[j] = (e.X[j] - m.Mean[j]) / m.Std[j]
				}
				// forward
				out := p[size-1]
				if h == 0 {
					for j := 0; j < nf; j++ {
						out += p[j] * x[j]
					}
				} else {
					for u := 0; u < h; u++ {
						a := p[h*nf+u]
						w := p[u*nf : (u+1)*nf]
						for j := 0; j < nf; j++ {
							a += w[j] * x[j]
						}
						act[u] = score.Tanh(a)
						out += p[h*nf+h+u] * act[u]
					}
				}
				// d(logistic loss)/d(out)
				d := sigmoid(out) - e.Target
				g[size-1] += d
				if h == 0 {
					for j := 0; j < nf; j++ {
						g[j] += d * x[j]
					}
					continue
				}
				for u := 0; u < h; u++ {
					g[h*nf+h+u] += d * act[u]
					da := d * p[h*nf+h+u] * (1 - act[u]*act[u])
					g[h*nf+u] += da
					gw := g[u*nf : (u+1)*nf]
					for j := 0; j < nf; j++ {
						gw[j] += da * x[j]
					}
				}
			}
			optim.update(p, g, float64(end-start))
		}
	}
	if h == 0 {
		m.W2 = append([]float64(nil), p[:nf]...)
	} else {
		m.W1 = make([][]float64, h)
		for u := 0; u < h; u++ {
			m.W1[u] = append([]float64(nil), p[u*nf:(u+1)*nf]...)
		}
		m.B1 = append([]float64(nil), p[h*nf:h*nf+h]...)
		m.W2 = append([]float64(nil), p[h*nf+h:h*nf+h+nOut]...)
	}
	m.B2 = p[size-1]
	return m
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// standardize returns each feature's mean and standard deviation (1 for
// constant features, which it also reports).
func standardize(ex []Example) (mean, std []float64, constant []bool) {
	nf := score.NumFeatures
	mean = make([]float64, nf)
	std = make([]float64, nf)
	for _, e := range ex {
		for j := 0; j < nf; j++ {
			mean[j] += e.X[j]
		}
	}
	for j := range mean {
		mean[j] /= float64(max(len(ex), 1))
	}
	for _, e := range ex {
		for j := 0; j < nf; j++ {
			d := e.X[j] - mean[j]
			std[j] += d * d
		}
	}
	constant = make([]bool, nf)
	for j := range std {
		std[j] = math.Sqrt(std[j] / float64(max(len(ex), 1)))
		if std[j] < 1e-9 {
			// The computed mean of a constant can be off in the last bits
			// (0.3 over 300 examples); take the value itself, so that the
			// standardized input is exactly 0 and gets no gradient.
			std[j] = 1
			if len(ex) > 0 {
				mean[j] = ex[0].X[j]
			}
			constant[j] = true
		}
	}
	// The bias feature is constant 1: keep it as is.
	mean[score.FBias], std[score.FBias] = 0, 1
	return mean, std, constant
}
