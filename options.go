package keypoints

import (
	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/normalize"
)

// Scorer names accepted by Options.Scorer.
const (
	ScorerModel        = "model"        // the trained model embedded in the binary (default)
	ScorerUnsupervised = "unsupervised" // position-aware centrality, no training
	ScorerLead         = "lead"         // the first sentences, the Lead-N baseline
)

// DefaultN is the number of key points when Options.N is 0.
const DefaultN = 3

// MaxN is the largest accepted Options.N.
const MaxN = 50

// Options configures an Engine. The zero value asks for the defaults. The
// same struct is filled from CLI flags, a JSON config file and HTTP
// request bodies.
type Options struct {
	// N is the number of key points; 0 means DefaultN.
	N int `json:"n,omitempty"`
	// Words caps the total words of all key points; 0 means no cap.
	Words int `json:"words,omitempty"`
	// Scorer picks how sentences are scored: "model" (default),
	// "unsupervised" or "lead".
	Scorer string `json:"scorer,omitempty"`
	// MaxBytes is the largest article accepted; 0 means 8 MiB.
	MaxBytes int `json:"max_bytes,omitempty"`
	// Compress leaves out of each key point the constituents an editor
	// would drop (package compress); nil means true. False gives whole
	// sentences. The lead scorer, the Lead-N baseline, never compresses.
	Compress *bool `json:"compress,omitempty"`
}

// Bool returns a pointer to b, for Options.Compress.
func Bool(b bool) *bool { return &b }

// Validate reports the first invalid field as a *doc.Error with code
// doc.EInvalid.
func (o Options) Validate() error {
	switch {
	case o.N < 0 || o.N > MaxN:
		return doc.Errorf(doc.EInvalid, "n must be between 1 and %d, got %d", MaxN, o.N)
	case o.Words < 0:
		return doc.Errorf(doc.EInvalid, "words must not be negative, got %d", o.Words)
	case o.MaxBytes < 0:
		return doc.Errorf(doc.EInvalid, "max_bytes must not be negative, got %d", o.MaxBytes)
	}
	switch o.Scorer {
	case "", ScorerModel, ScorerUnsupervised, ScorerLead:
	default:
		return doc.Errorf(doc.EInvalid, "unknown scorer %q (want model, unsupervised or lead)", o.Scorer)
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.N == 0 {
		o.N = DefaultN
	}
	if o.Scorer == "" {
		o.Scorer = ScorerModel
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = normalize.DefaultMaxBytes
	}
	if o.Compress == nil {
		o.Compress = Bool(o.Scorer != ScorerLead)
	}
	return o
}
