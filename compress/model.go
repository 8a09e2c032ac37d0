package compress

import (
	"encoding/json"
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
)

// Prior gives, for a content term, how likely an article word is to be
// repeated in the article's key points (the scorer's lexicon satisfies
// it).
type Prior interface {
	Prior(term uint64) float64
}

// Span feature indexes: the kind, one-hot, then shape and word priors.
// The order is part of the model file format.
const (
	FBias = int(NumKinds) + iota
	FShare
	FLogWords
	FCapitals
	FNumbers
	FStops
	FPriorMean
	FPriorMax
	FSentPos
	FAtEnd
	FSentWords
	FDocFreq   // mean log(1 + occurrences elsewhere in the article) of the span's content words
	FElsewhere // share of the span's content words that other sentences use
	FInLead    // share of the span's content words that the first sentence uses
	NumFeatures
)

// FeatureNames name the span features, in order.
var FeatureNames = func() [NumFeatures]string {
	var n [NumFeatures]string
	for k := Kind(0); k < NumKinds; k++ {
		n[k] = "kind_" + k.String()
	}
	copy(n[FBias:], []string{"bias", "share", "log_words", "capitals", "numbers", "stops", "prior_mean", "prior_max", "sent_pos", "at_end", "sent_words", "doc_freq", "elsewhere", "in_lead"})
	return n
}()

// Features returns the feature vector of span sp of sentence s (the
// index-th of d).
func Features(d *doc.Document, s *doc.Sentence, sp Span, p Prior) [NumFeatures]float64 {
	var f [NumFeatures]float64
	f[sp.Kind] = 1
	f[FBias] = 1
	n := sp.Last - sp.First
	f[FShare] = float64(n) / float64(max(len(s.Tokens), 1))
	f[FLogWords] = math.Log(float64(n) + 1)
	var caps, nums, stops, content int
	var prior, priorMax float64
	for _, t := range s.Tokens[sp.First:sp.Last] {
		switch t.Kind {
		case doc.Capital:
			caps++
		case doc.Number:
			nums++
		}
		if t.Stop {
			stops++
			continue
		}
		content++
		if p != nil {
			v := p.Prior(t.Term)
			prior += v
			priorMax = max(priorMax, v)
		}
	}
	if n > 0 {
		f[FCapitals] = float64(caps) / float64(n)
		f[FNumbers] = float64(nums) / float64(n)
		f[FStops] = float64(stops) / float64(n)
	}
	if content > 0 {
		f[FPriorMean] = prior / float64(content)
	}
	f[FPriorMax] = priorMax
	f[FSentPos] = 1 / float64(s.Index+1)
	if sp.Last == len(s.Tokens) {
		f[FAtEnd] = 1
	}
	f[FSentWords] = float64(len(s.Tokens)) / 30
	if content > 0 {
		f[FDocFreq], f[FElsewhere], f[FInLead] = repeats(d, s, s.Tokens[sp.First:sp.Last], content)
	}
	return f
}

// repeats measures how much the rest of the article repeats the content
// words of span: an article's key people and things recur, and an editor
// keeps them. A span holds a handful of words, so scanning the article's
// tokens for them is cheaper than a table of every term.
func repeats(d *doc.Document, s *doc.Sentence, span []doc.Token, content int) (freq, elsewhere, inLead float64) {
	var terms [32]uint64
	var counts, lead [32]int32
	n := 0
	var mask uint64 // one bit per term: most article words miss it at once
	for _, t := range span {
		if !t.Stop && n < len(terms) {
			terms[n] = t.Term
			mask |= 1 << (t.Term & 63)
			n++
		}
	}
	for i := range d.Sentences {
		if i == s.Index {
			continue
		}
		for _, t := range d.Sentences[i].Tokens {
			if t.Stop || mask&(1<<(t.Term&63)) == 0 {
				continue
			}
			for k := 0; k < n; k++ {
				if terms[k] == t.Term {
					counts[k]++
					if i == 0 {
						lead[k] = 1
					}
				}
			}
		}
	}
	for k := 0; k < n; k++ {
		freq += math.Log1p(float64(counts[k]))
		if counts[k] > 0 {
			elsewhere++
		}
		inLead += float64(lead[k])
	}
	c := float64(max(n, 1))
	return freq / c, elsewhere / c, inLead / c
}

// Model is a logistic model of whether deleting a constituent raises the
// key point's agreement with what an editor writes; a constituent goes
// when its probability reaches the threshold of its kind (Thresholds,
// one per Kind, when set; Threshold otherwise). keypoints train fits it.
type Model struct {
	Features  []string  `json:"features"`
	Weights   []float64 `json:"weights"`
	Threshold float64   `json:"threshold"`
	// Thresholds are per kind, in Kind order: kinds differ in how often
	// an editor drops them more than the features alone say. 1 means the
	// kind is never deleted.
	Thresholds []float64         `json:"thresholds,omitempty"`
	Meta       map[string]string `json:"meta,omitempty"`
}

// ThresholdOf returns the deletion threshold for constituents of kind k.
func (m *Model) ThresholdOf(k Kind) float64 {
	if int(k) < len(m.Thresholds) {
		return m.Thresholds[k]
	}
	return m.Threshold
}

// LoadModel parses and validates a model file.
func LoadModel(b []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("compress: model: %w", err)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return &m, nil
}

// Validate checks that the model matches this build's features.
func (m *Model) Validate() error {
	if len(m.Features) != NumFeatures || len(m.Weights) != NumFeatures {
		return fmt.Errorf("compress: model has %d features and %d weights, this build computes %d: retrain it", len(m.Features), len(m.Weights), NumFeatures)
	}
	for i, name := range m.Features {
		if name != FeatureNames[i] {
			return fmt.Errorf("compress: model feature %d is %q, want %q: retrain it", i, name, FeatureNames[i])
		}
	}
	for _, w := range m.Weights {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return fmt.Errorf("compress: model has a weight that is not finite")
		}
	}
	if !(m.Threshold > 0 && m.Threshold < 1) {
		return fmt.Errorf("compress: threshold %v is not between 0 and 1", m.Threshold)
	}
	if m.Thresholds != nil && len(m.Thresholds) != int(NumKinds) {
		return fmt.Errorf("compress: model has %d kind thresholds, this build has %d kinds: retrain it", len(m.Thresholds), NumKinds)
	}
	for k, t := range m.Thresholds {
		if !(t > 0 && t <= 1) {
			return fmt.Errorf("compress: threshold %v of kind %s is not in (0, 1]", t, Kind(k))
		}
	}
	return nil
}

// Prob returns the model's probability that deleting a span with
// features f helps.
func (m *Model) Prob(f *[NumFeatures]float64) float64 {
	z := 0.0
	for j, w := range m.Weights {
		z += w * f[j]
	}
	return 1 / (1 + math.Exp(-z))
}

// Decide returns the candidates of sentence s that m deletes, in text
// order: those at or above the threshold, fewest first dropped again
// while the sentence would keep fewer than minKeptWords words or less
// than two fifths of them.
func (m *Model) Decide(d *doc.Document, s *doc.Sentence, cands []Span, p Prior) []Span {
	probs := make([]float64, len(cands))
	for i, sp := range cands {
		f := Features(d, s, sp, p)
		probs[i] = m.Prob(&f)
	}
	return m.DecideProbs(s, cands, probs)
}

// DecideProbs is Decide with the model's probabilities of cands given:
// for callers that try several thresholds on the same candidates.
func (m *Model) DecideProbs(s *doc.Sentence, cands []Span, candProbs []float64) []Span {
	var del []Span
	var probs []float64
	for i, sp := range cands {
		if pr := candProbs[i]; pr >= m.ThresholdOf(sp.Kind) {
			del = append(del, sp)
			probs = append(probs, pr)
		}
	}
	for len(del) > 0 && !keepsEnough(len(s.Tokens), del) {
		worst := 0
		for i := range probs {
			if probs[i] < probs[worst] {
				worst = i
			}
		}
		del = append(del[:worst], del[worst+1:]...)
		probs = append(probs[:worst], probs[worst+1:]...)
	}
	return del
}

func keepsEnough(words int, del []Span) bool {
	gone := 0
	for _, sp := range del {
		gone += sp.Last - sp.First
	}
	kept := words - gone
	return kept >= minKeptWords && 5*kept >= 2*words
}

// Apply returns the text of sentence s without the spans del (sorted,
// not overlapping) and the kept byte ranges of d.Text. Kept parts are
// joined by one space (none before closing punctuation in untokenized
// text); when the first words go, the new first word gets a capital if
// the sentence had one.
func Apply(d *doc.Document, s *doc.Sentence, del []Span) (string, []doc.Range) {
	if len(del) == 0 {
		return s.Text, []doc.Range{{Start: s.Start, End: s.End}}
	}
	var kept []doc.Range
	pos := s.Start
	for _, sp := range del {
		if sp.Start > pos {
			kept = appendTrimmed(kept, d.Text, pos, sp.Start)
		}
		pos = max(pos, sp.End)
	}
	if pos < s.End {
		kept = appendTrimmed(kept, d.Text, pos, s.End)
	}
	if len(kept) == 0 {
		return s.Text, []doc.Range{{Start: s.Start, End: s.End}}
	}
	b := make([]byte, 0, s.End-s.Start)
	for i, r := range kept {
		part := d.Text[r.Start:r.End]
		if i > 0 && (d.Tokenized || !closing(part[0])) {
			b = append(b, ' ')
		}
		b = append(b, part...)
	}
	out := string(b)
	first, _ := utf8.DecodeRuneInString(s.Text)
	if kept[0].Start != s.Start && unicode.IsUpper(first) {
		r, n := utf8.DecodeRuneInString(out)
		if unicode.IsLower(r) {
			out = string(unicode.ToUpper(r)) + out[n:]
		}
	}
	return out, kept
}

func closing(c byte) bool {
	switch c {
	case '.', ',', ';', ':', '!', '?', ')', ']':
		return true
	}
	return false
}

// appendTrimmed appends [a, b) less surrounding spaces, if anything is
// left.
func appendTrimmed(kept []doc.Range, text string, a, b int) []doc.Range {
	for a < b && text[a] == ' ' {
		a++
	}
	for b > a && text[b-1] == ' ' {
		b--
	}
	if a < b {
		kept = append(kept, doc.Range{Start: a, End: b})
	}
	return kept
}
