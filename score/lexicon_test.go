package score

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestNewLexiconRejects(t *testing.T) {
	for _, tc := range []struct {
		name    string
		terms   []uint64
		probs   []float64
		wantErr string
	}{
		{"descending", []uint64{9, 4}, []float64{0.1, 0.2}, "not ascending at 1"},
		{"unsorted later", []uint64{1, 5, 9, 7}, []float64{0.1, 0.2, 0.3, 0.4}, "not ascending at 3"},
		{"duplicate", []uint64{1, 5, 5}, []float64{0.1, 0.2, 0.3}, "not ascending at 2"},
		{"fewer probabilities", []uint64{1, 5}, []float64{0.1}, "2 terms and 1 probabilities"},
		{"more probabilities", []uint64{1}, []float64{0.1, 0.2}, "1 terms and 2 probabilities"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := NewLexicon(tc.terms, tc.probs, 0.1)
			if err == nil {
				t.Fatalf("NewLexicon = %v, nil error; want %q", l, tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("NewLexicon error = %q, want it to contain %q", err, tc.wantErr)
			}
		})
	}
}

func TestLexiconPrior(t *testing.T) {
	for _, n := range []int{0, 1, 700, 5000} {
		rng := rand.New(rand.NewPCG(uint64(n), 3))
		seen := map[uint64]bool{}
		terms := make([]uint64, 0, n)
		for len(terms) < n {
			// Low bits shared by many terms: long probe chains.
			k := rng.Uint64() &^ 0xff
			if !seen[k] {
				seen[k] = true
				terms = append(terms, k)
			}
		}
		slices.Sort(terms)
		probs := make([]float64, n)
		for i := range probs {
			probs[i] = math.Round(rng.Float64()*1e4) / 1e4
		}
		l, err := NewLexicon(terms, probs, 0.0421)
		if err != nil {
			t.Fatalf("%d terms: %v", n, err)
		}
		for i, term := range terms {
			// The index keeps priors as float32.
			if got := l.Prior(term); math.Abs(got-probs[i]) > 1e-7 {
				t.Fatalf("%d terms: Prior(term %d) = %v, want %v", n, i, got, probs[i])
			}
		}
		for k := 0; k < 2000; k++ {
			u := rng.Uint64() | 1 // odd: never one of the terms
			if got := l.Prior(u); math.Abs(got-0.0421) > 1e-12 {
				t.Fatalf("%d terms: Prior(unknown %d) = %v, want the default 0.0421", n, u, got)
			}
		}
	}
}
