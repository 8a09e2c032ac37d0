// Package score is the fourth stage of the keypoints pipeline: a tokenized
// document in, one score per sentence out (higher is more likely a key
// point).
//
// Scores come from sentence features (position, length, centrality, overlap
// with the title and the lead, numbers, names, quotes, shape) computed once
// per document. Two scorers use them: Unsupervised, a fixed position-aware
// centrality formula, and Model, a small network trained by keypoints train
// on oracle labels and embedded in the binary.
package score

import (
	"math"

	"github.com/keypoints-dev/keypoints/doc"
)

// Feature indexes. The order is part of the model file format: append new
// features at the end and retrain.
const (
	FBias = iota
	FFirst
	FSecond
	FThird
	FRelPos
	FInvPos
	FLogPos
	FWords
	FContent
	FShort
	FLong
	FCentrality
	FTopicDensity
	FTopTerms
	FTitle
	FNumbers
	FCapitals
	FQuote
	FNoEnd
	FQuestion
	FParaFirst
	FDocLen
	FLeadOverlap
	FNovelty
	FParaPos
	FColon
	NumFeatures
)

// FeatureNames name the features, in order, for model files and reports.
var FeatureNames = [NumFeatures]string{
	"bias", "first", "second", "third", "rel_pos", "inv_pos", "log_pos", "words", "content",
	"short", "long", "centrality", "topic_density", "top_terms", "title", "numbers", "capitals",
	"quote", "no_end", "question", "para_first", "doc_len", "lead_overlap", "novelty", "para_pos", "colon",
}

// Scratch holds per-document buffers so scoring many documents allocates
// little. A Scratch is not safe for concurrent use; give each goroutine
// its own (the engine pools them).
type Scratch struct {
	df       map[uint64]int32 // sentence frequency of each term
	tf       map[uint64]int32 // document frequency of each term (occurrences)
	seen     map[uint64]bool
	lead     map[uint64]bool
	title    map[uint64]bool
	top      map[uint64]bool
	feats    []float64
	contentN []int
	topTerms []termCount
}

type termCount struct {
	term  uint64
	count int32
}

// NewScratch returns empty buffers.
func NewScratch() *Scratch {
	return &Scratch{
		df: make(map[uint64]int32, 512), tf: make(map[uint64]int32, 512), seen: make(map[uint64]bool, 64),
		lead: make(map[uint64]bool, 64), title: make(map[uint64]bool, 32), top: make(map[uint64]bool, 16),
	}
}

// Features returns the feature matrix of d: row i (NumFeatures values from
// i*NumFeatures) describes sentence i. titleTokens may be nil. The slice is
// owned by s and valid until the next call.
func (s *Scratch) Features(d *doc.Document, titleTokens []doc.Token) []float64 {
	n := len(d.Sentences)
	if cap(s.feats) < n*NumFeatures {
		s.feats = make([]float64, n*NumFeatures)
	}
	f := s.feats[:n*NumFeatures]
	clear(f)
	clear(s.df)
	clear(s.tf)
	clear(s.lead)
	clear(s.title)
	clear(s.top)
	if cap(s.contentN) < n {
		s.contentN = make([]int, n)
	}
	contentN := s.contentN[:n]

	// Pass 1: term statistics.
	for i := range d.Sentences {
		clear(s.seen)
		c := 0
		for _, t := range d.Sentences[i].Tokens {
			if t.Stop {
				continue
			}
			c++
			s.tf[t.Term]++
			if !s.seen[t.Term] {
				s.seen[t.Term] = true
				s.df[t.Term]++
			}
			if i == 0 {
				s.lead[t.Term] = true
			}
		}
		contentN[i] = c
	}
	for _, t := range titleTokens {
		if !t.Stop {
			s.title[t.Term] = true
		}
	}
	s.pickTopTerms(10)

	// Document vector norm under tf-isf weights, for cosine centrality.
	logN := math.Log(float64(n) + 1)
	var docNorm float64
	for term, tf := range s.tf {
		w := float64(tf) * (logN - math.Log(float64(s.df[term])) + 1)
		docNorm += w * w
	}
	docNorm = math.Sqrt(docNorm)

	paraStart, paraLen := 0, 0
	clear(s.seen) // now: terms seen in earlier sentences, for novelty
	for i := range d.Sentences {
		sent := &d.Sentences[i]
		row := f[i*NumFeatures : (i+1)*NumFeatures]
		if i == 0 || sent.Paragraph != d.Sentences[i-1].Paragraph {
			paraStart = i
			paraLen = 0
			for k := i; k < n && d.Sentences[k].Paragraph == sent.Paragraph; k++ {
				paraLen++
			}
		}
		words := len(sent.Tokens)
		cn := contentN[i]
		row[FBias] = 1
		row[FFirst] = b2f(i == 0)
		row[FSecond] = b2f(i == 1)
		row[FThird] = b2f(i == 2)
		row[FRelPos] = float64(i) / float64(n)
		row[FInvPos] = 1 / float64(i+1)
		row[FLogPos] = math.Log(float64(i + 1))
		row[FWords] = float64(words) / 30
		row[FContent] = float64(cn) / 20
		row[FShort] = b2f(words < 8)
		row[FLong] = b2f(words > 40)
		row[FDocLen] = math.Log(float64(n))
		row[FParaFirst] = b2f(i == paraStart)
		if paraLen > 1 {
			row[FParaPos] = float64(i-paraStart) / float64(paraLen-1)
		}

		var dot, sNorm, density, top, title, lead, novel float64
		var nums, caps int
		for k, t := range sent.Tokens {
			switch t.Kind {
			case doc.Number:
				nums++
			case doc.Capital:
				caps++
			}
			if t.Stop {
				continue
			}
			tf := s.tf[t.Term]
			isf := logN - math.Log(float64(s.df[t.Term])) + 1
			// The sentence's own occurrence is taken out of the document
			// vector, so a sentence is not central just by being long.
			dw := float64(tf-1) * isf
			dot += isf * dw
			sNorm += isf * isf
			density += math.Log(float64(tf))
			if s.top[t.Term] {
				top++
			}
			if s.title[t.Term] {
				title++
			}
			if i > 0 && s.lead[t.Term] {
				lead++
			}
			if !s.seen[t.Term] {
				novel++
			}
			_ = k
		}
		if cn > 0 {
			row[FCentrality] = dot / (math.Sqrt(sNorm)*docNorm + 1e-9)
			row[FTopicDensity] = density / float64(cn)
			row[FTopTerms] = top / float64(cn)
			row[FTitle] = title / float64(cn)
			row[FLeadOverlap] = lead / float64(cn)
			row[FNovelty] = novel / float64(cn)
		}
		if i == 0 {
			row[FLeadOverlap] = 1
		}
		if words > 0 {
			row[FNumbers] = float64(nums) / float64(words)
			row[FCapitals] = float64(caps) / float64(words)
		}
		row[FQuote], row[FNoEnd], row[FQuestion], row[FColon] = shape(sent.Text)
		for _, t := range sent.Tokens {
			if !t.Stop {
				s.seen[t.Term] = true
			}
		}
	}
	return f
}

// pickTopTerms marks the k most frequent content terms that occur more
// than once (ties by hash, for determinism).
func (s *Scratch) pickTopTerms(k int) {
	s.topTerms = s.topTerms[:0]
	for term, c := range s.tf {
		if c < 2 {
			continue
		}
		s.topTerms = append(s.topTerms, termCount{term, c})
	}
	// partial selection sort: k is small
	for j := 0; j < k && j < len(s.topTerms); j++ {
		best := j
		for m := j + 1; m < len(s.topTerms); m++ {
			a, b := s.topTerms[m], s.topTerms[best]
			if a.count > b.count || a.count == b.count && a.term < b.term {
				best = m
			}
		}
		s.topTerms[j], s.topTerms[best] = s.topTerms[best], s.topTerms[j]
		s.top[s.topTerms[j].term] = true
	}
}

// shape returns quote, no-final-punctuation, question and colon flags of a
// sentence's surface text.
func shape(t string) (quote, noEnd, question, colon float64) {
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '"':
			quote = 1
		case ':':
			colon = 1
		case 0xE2: // “ ” in UTF-8 start with E2 80
			if i+2 < len(t) && t[i+1] == 0x80 && (t[i+2] == 0x9C || t[i+2] == 0x9D) {
				quote = 1
			}
		case '`':
			quote = 1
		}
	}
	end := len(t)
	for end > 0 && (t[end-1] == '"' || t[end-1] == '\'' || t[end-1] == ')' || t[end-1] == ' ') {
		end--
	}
	if end > 3 && t[end-3:end] == "”" || end > 3 && t[end-3:end] == "’" {
		end -= 3
	}
	if end == 0 {
		return quote, 1, 0, colon
	}
	switch t[end-1] {
	case '.', '!':
	case '?':
		question = 1
	default:
		noEnd = 1
	}
	return
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
