package score

import (
	"encoding/json"
	"fmt"
	"math"
)

// Model is a small feed-forward network over standardized sentence
// features: Hidden tanh units and one linear output, or a plain linear
// model when Hidden is 0. keypoints train writes it as JSON and the
// engine embeds the default one.
type Model struct {
	// Features names the inputs, in order; it must equal FeatureNames.
	Features []string  `json:"features"`
	Mean     []float64 `json:"mean"`
	Std      []float64 `json:"std"`
	Hidden   int       `json:"hidden"`
	// W1 is Hidden rows of len(Features) input weights; B1 their biases.
	W1 [][]float64 `json:"w1,omitempty"`
	B1 []float64   `json:"b1,omitempty"`
	// W2 are the output weights: one per hidden unit, or one per feature
	// when Hidden is 0; B2 the output bias.
	W2 []float64 `json:"w2"`
	B2 float64   `json:"b2"`
	// Lexicon holds the word priors behind FPrior and FPriorMax; nil
	// leaves those features at 0.
	Lexicon *Lexicon `json:"lexicon,omitempty"`
	// Meta records how the model was trained (data, seed, split), for
	// reproducibility; it does not affect scoring.
	Meta map[string]string `json:"meta,omitempty"`

	// The hidden layer with standardization folded in, in one flat slice:
	// unit u's weights are w[u*NumFeatures:(u+1)*NumFeatures]. Built by
	// LoadModel (or compile); nil means "not compiled".
	w [][NumFeatures]float64
	b []float64
}

// compile folds (x-mean)/std into the first layer: w' = w/std and
// b' = b - sum(w*mean/std), so scoring reads raw features directly.
func (m *Model) compile() {
	units := m.Hidden
	rows := m.W1
	bias := m.B1
	if units == 0 {
		units, rows, bias = 1, [][]float64{m.W2}, []float64{m.B2}
	}
	m.w = make([][NumFeatures]float64, units)
	m.b = make([]float64, units)
	for u := 0; u < units; u++ {
		b := bias[u]
		for j := 0; j < NumFeatures; j++ {
			w := rows[u][j] / m.Std[j]
			m.w[u][j] = w
			b -= w * m.Mean[j]
		}
		m.b[u] = b
	}
}

// LoadModel parses and validates a model file.
func LoadModel(b []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("score: model: %w", err)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if m.Lexicon != nil {
		if err := m.Lexicon.Validate(); err != nil {
			return nil, err
		}
		m.Lexicon.build()
	}
	m.compile()
	return &m, nil
}

// Validate checks that the model's shapes match the feature set.
func (m *Model) Validate() error {
	if len(m.Features) != NumFeatures {
		return fmt.Errorf("score: model has %d features, this build computes %d: retrain it", len(m.Features), NumFeatures)
	}
	for i, name := range m.Features {
		if name != FeatureNames[i] {
			return fmt.Errorf("score: model feature %d is %q, want %q: retrain it", i, name, FeatureNames[i])
		}
	}
	if len(m.Mean) != NumFeatures || len(m.Std) != NumFeatures {
		return fmt.Errorf("score: model mean/std have wrong length")
	}
	for j, sd := range m.Std {
		if !(sd > 0) || math.IsInf(sd, 0) || math.IsNaN(m.Mean[j]) || math.IsInf(m.Mean[j], 0) {
			return fmt.Errorf("score: model feature %s has mean %v and std %v; std must be positive and both finite", FeatureNames[j], m.Mean[j], sd)
		}
	}
	if m.Hidden == 0 {
		if len(m.W2) != NumFeatures {
			return fmt.Errorf("score: linear model needs %d weights, has %d", NumFeatures, len(m.W2))
		}
		return nil
	}
	if len(m.W1) != m.Hidden || len(m.B1) != m.Hidden || len(m.W2) != m.Hidden {
		return fmt.Errorf("score: model layer sizes do not match hidden=%d", m.Hidden)
	}
	for _, row := range m.W1 {
		if len(row) != NumFeatures {
			return fmt.Errorf("score: hidden weights need %d inputs", NumFeatures)
		}
	}
	return nil
}

// Prior returns the model's word prior, nil when it has none.
func (m *Model) Prior() Prior {
	if m.Lexicon == nil {
		return nil
	}
	return m.Lexicon
}

// Score writes one score per sentence into out (len(feats)/NumFeatures
// values) and returns it.
func (m *Model) Score(feats []float64, out []float64) []float64 {
	if m.w == nil {
		m.compile()
	}
	n := len(feats) / NumFeatures
	out = out[:0]
	for i := 0; i < n; i++ {
		row := (*[NumFeatures]float64)(feats[i*NumFeatures : (i+1)*NumFeatures])
		if m.Hidden == 0 {
			out = append(out, dot(&m.w[0], row)+m.b[0])
			continue
		}
		s := m.B2
		for u, w2 := range m.W2 {
			s += w2 * Tanh(m.b[u]+dot(&m.w[u], row))
		}
		out = append(out, s)
	}
	return out
}

// dot is the inner product of two feature vectors. Fixed-size arrays let
// the compiler drop bounds checks; four accumulators keep the adds
// independent.
func dot(w, x *[NumFeatures]float64) float64 {
	var s0, s1, s2, s3 float64
	j := 0
	for ; j+3 < NumFeatures; j += 4 {
		s0 += w[j] * x[j]
		s1 += w[j+1] * x[j+1]
		s2 += w[j+2] * x[j+2]
		s3 += w[j+3] * x[j+3]
	}
	for ; j < NumFeatures; j++ {
		s0 += w[j] * x[j]
	}
	return (s0 + s1) + (s2 + s3)
}

// Tanh is the activation of the hidden layer: a Padé approximation of
// tanh (error under 1e-4, clamped to ±1 beyond ±4.97), several
// times cheaper than math.Tanh. Training uses it too, so the model is
// fitted to exactly what scoring computes.
func Tanh(x float64) float64 {
	if x > 4.97 {
		return 1
	}
	if x < -4.97 {
		return -1
	}
	x2 := x * x
	return x * (135135 + x2*(17325+x2*(378+x2))) / (135135 + x2*(62370+x2*(3150+28*x2)))
}

// Unsupervised scores sentences with a fixed formula: centrality and
// lead overlap, discounted by position, with penalties for fragments,
// headings and questions. It needs no training and serves as the fallback
// and the baseline for the trained model.
func Unsupervised(feats []float64, out []float64) []float64 {
	n := len(feats) / NumFeatures
	out = out[:0]
	for i := 0; i < n; i++ {
		r := feats[i*NumFeatures : (i+1)*NumFeatures]
		s := 0.6*r[FInvPos] + 0.5*r[FCentrality] + 0.15*r[FLeadOverlap] + 0.1*r[FTopTerms] + 0.1*r[FTitle]
		s -= 0.3*r[FShort] + 0.15*r[FLong] + 0.4*r[FNoEnd] + 0.2*r[FQuestion]
		out = append(out, s)
	}
	return out
}
