package score

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// linearModel is a valid linear model: every feature weighs 1.
func linearModel() *Model {
	m := &Model{Features: slices.Clone(FeatureNames[:]), Mean: make([]float64, NumFeatures),
		Std: make([]float64, NumFeatures), W2: make([]float64, NumFeatures)}
	for j := range m.Std {
		m.Std[j], m.W2[j] = 1, 1
	}
	return m
}

// hiddenModel is a valid model with h hidden units and zero weights.
func hiddenModel(h int) *Model {
	m := linearModel()
	m.Hidden = h
	m.W1 = make([][]float64, h)
	for u := range m.W1 {
		m.W1[u] = make([]float64, NumFeatures)
	}
	m.B1 = make([]float64, h)
	m.W2 = make([]float64, h)
	return m
}

func mustJSON(t *testing.T, m *Model) []byte {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoadModelRejects(t *testing.T) {
	for _, tc := range []struct {
		name    string
		model   func() *Model
		json    string // used instead of model when set
		wantErr string
	}{
		{name: "not JSON", json: `{"features": [`, wantErr: "score: model:"},
		{name: "JSON of the wrong type", json: `{"features": "bias"}`, wantErr: "score: model:"},
		{name: "feature missing", model: func() *Model {
			m := linearModel()
			m.Features = m.Features[:NumFeatures-1]
			return m
		}, wantErr: "model has 25 features, this build computes 26: retrain it"},
		{name: "feature added", model: func() *Model {
			m := linearModel()
			m.Features = append(m.Features, "sentiment")
			return m
		}, wantErr: "model has 27 features"},
		{name: "features swapped", model: func() *Model {
			m := linearModel()
			m.Features[FFirst], m.Features[FSecond] = m.Features[FSecond], m.Features[FFirst]
			return m
		}, wantErr: `model feature 1 is "second", want "first": retrain it`},
		{name: "feature renamed", model: func() *Model {
			m := linearModel()
			m.Features[FPriorMax] = "prior_min"
			return m
		}, wantErr: `model feature 25 is "prior_min", want "prior_max"`},
		{name: "mean short", model: func() *Model {
			m := linearModel()
			m.Mean = m.Mean[:3]
			return m
		}, wantErr: "mean/std have wrong length"},
		{name: "std missing", model: func() *Model {
			m := linearModel()
			m.Std = nil
			return m
		}, wantErr: "mean/std have wrong length"},
		{name: "linear weights short", model: func() *Model {
			m := linearModel()
			m.W2 = m.W2[:10]
			return m
		}, wantErr: "linear model needs 26 weights, has 10"},
		{name: "hidden rows missing", model: func() *Model {
			m := hiddenModel(4)
			m.W1 = m.W1[:3]
			return m
		}, wantErr: "layer sizes do not match hidden=4"},
		{name: "hidden biases missing", model: func() *Model {
			m := hiddenModel(4)
			m.B1 = nil
			return m
		}, wantErr: "layer sizes do not match hidden=4"},
		{name: "output weights for features, not units", model: func() *Model {
			m := hiddenModel(4)
			m.W2 = make([]float64, NumFeatures)
			return m
		}, wantErr: "layer sizes do not match hidden=4"},
		{name: "hidden row short", model: func() *Model {
			m := hiddenModel(4)
			m.W1[2] = m.W1[2][:NumFeatures-1]
			return m
		}, wantErr: "hidden weights need 26 inputs"},
		{name: "negative hidden", model: func() *Model {
			m := linearModel()
			m.Hidden = -1
			return m
		}, wantErr: "hidden=-1"},
		{name: "lexicon unsorted", model: func() *Model {
			m := linearModel()
			m.Lexicon = &Lexicon{Terms: []uint64{5, 3}, Probs: []float64{0.1, 0.2}}
			return m
		}, wantErr: "lexicon terms are not ascending at 1"},
		{name: "lexicon lengths differ", model: func() *Model {
			m := linearModel()
			m.Lexicon = &Lexicon{Terms: []uint64{3, 5}, Probs: []float64{0.1}}
			return m
		}, wantErr: "lexicon has 2 terms and 1 probabilities"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := []byte(tc.json)
			if tc.model != nil {
				b = mustJSON(t, tc.model())
			}
			m, err := LoadModel(b)
			if err == nil {
				t.Fatalf("LoadModel = %v, nil error; want %q", m, tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("LoadModel error = %q, want it to contain %q", err, tc.wantErr)
			}
			if m != nil {
				t.Errorf("LoadModel returned a model with its error")
			}
		})
	}
}

func TestLoadModelAccepts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		model *Model
	}{
		{"linear", linearModel()},
		{"hidden", hiddenModel(3)},
		{"with lexicon", func() *Model {
			m := hiddenModel(2)
			m.Lexicon = &Lexicon{Terms: []uint64{3, 5, 1 << 63}, Probs: []float64{0.1, 0.2, 0.3}, Default: 0.05}
			return m
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := LoadModel(mustJSON(t, tc.model))
			if err != nil {
				t.Fatalf("LoadModel: %v", err)
			}
			if tc.model.Lexicon == nil {
				if m.Prior() != nil {
					t.Errorf("Prior() = %v, want nil for a model without lexicon", m.Prior())
				}
				return
			}
			p := m.Prior()
			if p == nil {
				t.Fatal("Prior() = nil for a model with a lexicon")
			}
			for i, term := range tc.model.Lexicon.Terms {
				// The index keeps priors as float32.
				if got, want := p.Prior(term), tc.model.Lexicon.Probs[i]; math.Abs(got-want) > 1e-7 {
					t.Errorf("Prior(%d) = %v, want %v", term, got, want)
				}
			}
			if got, want := p.Prior(4), 0.05; got != want {
				t.Errorf("Prior(unknown) = %v, want default %v", got, want)
			}
		})
	}
}

func TestDefaultModel(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatalf("DefaultModel: %v", err)
	}
	if err := m.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if !slices.Equal(m.Features, FeatureNames[:]) {
		t.Errorf("features = %v, want %v", m.Features, FeatureNames)
	}
	for j, s := range m.Std {
		if !(s > 0) || math.IsInf(s, 0) || math.IsNaN(m.Mean[j]) {
			t.Errorf("feature %s: mean %v std %v, want finite mean and positive std", FeatureNames[j], m.Mean[j], s)
		}
	}
	if m.Lexicon == nil || len(m.Lexicon.Terms) == 0 {
		t.Errorf("default model has no lexicon")
	} else if m.Prior() == nil {
		t.Errorf("Prior() = nil with a lexicon")
	}
	m2, err := DefaultModel()
	if err != nil || m2 != m {
		t.Errorf("second DefaultModel = %p, %v; want the same model %p", m2, err, m)
	}
	// Scores of a plausible row are finite.
	row := slices.Clone(m.Mean)
	row[FBias] = 1
	if s := m.Score(row, nil); len(s) != 1 || math.IsNaN(s[0]) || math.IsInf(s[0], 0) {
		t.Errorf("Score(mean row) = %v, want one finite value", s)
	}
}

func TestTanh(t *testing.T) {
	t.Run("within 1e-4 of math.Tanh on [-8, 8]", func(t *testing.T) {
		worst, at := 0.0, 0.0
		for k := -80000; k <= 80000; k++ {
			x := float64(k) / 10000
			if d := math.Abs(Tanh(x) - math.Tanh(x)); d > worst {
				worst, at = d, x
			}
		}
		if worst > 1e-4 {
			t.Errorf("max |Tanh - math.Tanh| = %g at x=%g, want <= 1e-4", worst, at)
		}
	})
	t.Run("odd", func(t *testing.T) {
		for k := 0; k <= 8000; k++ {
			x := float64(k) / 1000
			if got, want := Tanh(-x), -Tanh(x); got != want {
				t.Fatalf("Tanh(%g) = %v, want -Tanh(%g) = %v", -x, got, x, want)
			}
		}
	})
	t.Run("bounded and non-decreasing", func(t *testing.T) {
		prev := -1.0
		for k := -8000; k <= 8000; k++ {
			x := float64(k) / 1000
			y := Tanh(x)
			if y < -1 || y > 1 {
				t.Fatalf("Tanh(%g) = %v, outside [-1, 1]", x, y)
			}
			if y < prev {
				t.Fatalf("Tanh(%g) = %v < Tanh(%g) = %v", x, y, x-0.001, prev)
			}
			prev = y
		}
	})
	for _, tc := range []struct{ x, want float64 }{
		{0, 0}, {100, 1}, {-100, -1}, {math.Inf(1), 1}, {math.Inf(-1), -1},
	} {
		if got := Tanh(tc.x); got != tc.want {
			t.Errorf("Tanh(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
}

// randomModel draws a model with random weights, means and spreads, so
// folding (x-mean)/std into the weights is exercised on every feature.
func randomModel(rng *rand.Rand, hidden int) *Model {
	m := linearModel()
	m.Hidden = hidden
	for j := 0; j < NumFeatures; j++ {
		m.Mean[j] = rng.NormFloat64()
		m.Std[j] = 0.05 + 2*rng.Float64()
	}
	vec := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = rng.NormFloat64()
		}
		return v
	}
	if hidden == 0 {
		m.W2 = vec(NumFeatures)
	} else {
		m.W1 = make([][]float64, hidden)
		for u := range m.W1 {
			m.W1[u] = vec(NumFeatures)
		}
		m.B1 = vec(hidden)
		m.W2 = vec(hidden)
	}
	m.B2 = rng.NormFloat64()
	return m
}

// reference scores one row the slow way: standardize, then the layers as
// the Model comment describes them.
func reference(m *Model, x []float64) float64 {
	z := make([]float64, NumFeatures)
	for j := range z {
		z[j] = (x[j] - m.Mean[j]) / m.Std[j]
	}
	if m.Hidden == 0 {
		s := m.B2
		for j := range z {
			s += m.W2[j] * z[j]
		}
		return s
	}
	s := m.B2
	for u := 0; u < m.Hidden; u++ {
		a := m.B1[u]
		for j := range z {
			a += m.W1[u][j] * z[j]
		}
		s += m.W2[u] * Tanh(a)
	}
	return s
}

func TestScoreMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	const rows = 12
	feats := make([]float64, rows*NumFeatures)
	for i := range feats {
		feats[i] = rng.Float64() * 2
	}
	for _, tc := range []struct {
		name   string
		hidden int
		loaded bool // through LoadModel (JSON) rather than compiled on first use
	}{
		{"linear, compiled on first use", 0, false},
		{"linear, loaded", 0, true},
		{"hidden 3, compiled on first use", 3, false},
		{"hidden 5, loaded", 5, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := randomModel(rng, tc.hidden)
			if tc.loaded {
				var err error
				if m, err = LoadModel(mustJSON(t, m)); err != nil {
					t.Fatal(err)
				}
			}
			out := make([]float64, 3, 20) // Score must overwrite, not append
			got := m.Score(feats, out)
			if len(got) != rows {
				t.Fatalf("Score returned %d values, want %d", len(got), rows)
			}
			for i := 0; i < rows; i++ {
				want := reference(m, feats[i*NumFeatures:(i+1)*NumFeatures])
				if d := math.Abs(got[i] - want); d > 1e-9*(1+math.Abs(want)) {
					t.Errorf("row %d: Score = %.15g, want %.15g", i, got[i], want)
				}
			}
		})
	}
}

// TestScoreLinearByHand pins the linear case to numbers worked out by
// hand: w = (2 on first, -1 on words), mean/std on those features.
func TestScoreLinearByHand(t *testing.T) {
	m := linearModel()
	clear(m.W2)
	m.W2[FFirst], m.W2[FWords] = 2, -1
	m.Mean[FFirst], m.Std[FFirst] = 0.25, 0.5
	m.Mean[FWords], m.Std[FWords] = 1, 4
	m.B2 = 0.5
	row := make([]float64, 2*NumFeatures)
	row[FFirst], row[FWords] = 1, 3 // first: 2*(0.75/0.5) - (2/4) + 0.5 = 3
	row[NumFeatures+FWords] = 1     // other: 2*(-0.25/0.5) - 0 + 0.5 = -0.5
	got := m.Score(row, nil)
	want := []float64{3, -0.5}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("row %d: Score = %v, want %v", i, got[i], want[i])
		}
	}
}

func TestScoreEmpty(t *testing.T) {
	m := linearModel()
	if got := m.Score(nil, nil); len(got) != 0 {
		t.Errorf("Score(no rows) = %v, want none", got)
	}
	if got := Unsupervised(nil, nil); len(got) != 0 {
		t.Errorf("Unsupervised(no rows) = %v, want none", got)
	}
}
