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
	slots   []lexSlot // open-addressing index built by build
	mask    uint64
}

// lexSlot is one entry of the lexicon's index: 8 bytes, so the whole index
// of a 20,000-word lexicon fits in 256 KB and lookups mostly hit the
// cache. fp is the term hash's upper half (with the low bit set so that 0
// means empty); two different terms share both the slot chain and the
// fingerprint with probability about 2^-31 per lookup.
type lexSlot struct {
	fp   uint32
	prob float32
}

func fingerprint(h uint64) uint32 { return uint32(h>>32) | 1 }

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
	size := 1024
	for size < len(l.Terms)*3/2 {
		size *= 2
	}
	l.slots = make([]lexSlot, size)
	l.mask = uint64(size - 1)
	for i, t := range l.Terms {
		j := t & l.mask
		for l.slots[j].fp != 0 {
			j = (j + 1) & l.mask
		}
		l.slots[j] = lexSlot{fp: fingerprint(t), prob: float32(l.Probs[i])}
	}
}

// Prior returns the word prior of a term.
func (l *Lexicon) Prior(term uint64) float64 {
	fp := fingerprint(term)
	for j := term & l.mask; l.slots[j].fp != 0; j = (j + 1) & l.mask {
		if l.slots[j].fp == fp {
			return float64(l.slots[j].prob)
		}
	}
	return l.Default
}
