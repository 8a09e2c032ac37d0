package score

import (
	"fmt"
)

// Lexicon is the word prior the trained model uses: for each content word
// seen often enough in the training articles, the share of articles
// containing it whose key points repeat it. News desks keep the who and
// what ("police", "killed", "election") and drop the filler ("week",
// "added"); the prior carries that knowledge to new articles. Words the
// lexicon lacks get Default.
type Lexicon struct {
	Terms   []uint64  `json:"terms"` // term hashes, as tokenize computes them, ascending
	Probs   []float64 `json:"probs"`
	Default float64   `json:"default"`
	index   termTable
}

// Validate checks the lexicon's shape.
func (l *Lexicon) Validate() error {
	if len(l.Terms) != len(l.Probs) {
		return fmt.Errorf("score: lexicon has %d terms and %d probabilities", len(l.Terms), len(l.Probs))
	}
	for i := 1; i < len(l.Terms); i++ {
		if l.Terms[i] <= l.Terms[i-1] {
			return fmt.Errorf("score: lexicon terms are not ascending at %d", i)
		}
	}
	return nil
}

// NewLexicon returns a lexicon ready for Prior. terms must be ascending.
func NewLexicon(terms []uint64, probs []float64, def float64) (*Lexicon, error) {
	l := &Lexicon{Terms: terms, Probs: probs, Default: def}
	if err := l.Validate(); err != nil {
		return nil, err
	}
	l.build()
	return l, nil
}

// build indexes the terms for Prior; LoadModel and NewLexicon call it, so
// a Lexicon in use is read-only and safe for concurrent use.
func (l *Lexicon) build() {
	l.index.reset(len(l.Terms))
	for i, t := range l.Terms {
		l.index.put(t, int32(i))
	}
}

// Prior returns the word prior of a term.
func (l *Lexicon) Prior(term uint64) float64 {
	if i, ok := l.index.get(term); ok {
		return l.Probs[i]
	}
	return l.Default
}
