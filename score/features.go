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
	"strings"

	"github.com/keypoints-dev/keypoints/doc"
)

// Feature indexes. The order is part of the model file format: append new
// features at the end and retrain.
//
// Paragraph structure is deliberately absent: the training corpus
// (CNN/DailyMail, PTB-tokenized) has no paragraph breaks, so a model could
// not learn what they mean and would misread them on real articles.
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
	FDocLen
	FLeadOverlap
	FNovelty
	FColon
	FPrior
	FPriorMax
	NumFeatures
)

// FeatureNames name the features, in order, for model files and reports.
var FeatureNames = [NumFeatures]string{
	"bias", "first", "second", "third", "rel_pos", "inv_pos", "log_pos", "words", "content",
	"short", "long", "centrality", "topic_density", "top_terms", "title", "numbers", "capitals",
	"quote", "no_end", "question", "doc_len", "lead_overlap", "novelty", "colon", "prior", "prior_max",
}

// Scratch holds per-document buffers so scoring many documents allocates
// little. A Scratch is not safe for concurrent use; give each goroutine
// its own (the engine pools them).
//
// Terms are mapped once per document to dense ids, so every statistic is a
// slice lookup rather than a map lookup.
type Scratch struct {
	ids   termTable  // term hash -> dense id
	tokID []int32    // dense id of every token, in document order
	terms []termStat // per dense id; one record, so a token's statistics share a cache line
	feats []float64
	top   []int32
}

// Prior gives, for a content term, how likely an article word is to be
// repeated in the article's key points; see Lexicon. The features
// FPrior and FPriorMax are 0 without one.
type Prior interface {
	Prior(term uint64) float64
}

// termStat is what the features need to know of one distinct word.
type termStat struct {
	hash  uint64
	isf   float64 // inverse sentence frequency
	prior float64 // the lexicon's prior, for FPrior
	tf    int32   // occurrences (content tokens)
	df    int32   // sentences containing it
	last  int32   // last sentence that counted toward df
	cnt   int32   // occurrences in the current sentence (zero between sentences)
	flags uint8   // inLead, inTitle, isTop, seen
}

const (
	flagLead uint8 = 1 << iota
	flagTitle
	flagTop
	flagSeen
)

// NewScratch returns empty buffers.
func NewScratch() *Scratch {
	return &Scratch{}
}

// logTab holds log(k) for small k, the common case of term counts.
var logTab = func() [256]float64 {
	var t [256]float64
	for k := 1; k < len(t); k++ {
		t[k] = math.Log(float64(k))
	}
	return t
}()

func logInt(k int32) float64 {
	if k < int32(len(logTab)) {
		return logTab[k]
	}
	return math.Log(float64(k))
}

// Features returns the feature matrix of d: row i (NumFeatures values from
// i*NumFeatures) describes sentence i. titleTokens may be nil. The slice is
// owned by s and valid until the next call.
func (s *Scratch) Features(d *doc.Document, titleTokens []doc.Token) []float64 {
	return s.FeaturesWith(d, titleTokens, nil)
}

// FeaturesWith is Features with word priors from p (nil for none).
func (s *Scratch) FeaturesWith(d *doc.Document, titleTokens []doc.Token, p Prior) []float64 {
	n := len(d.Sentences)
	if cap(s.feats) < n*NumFeatures {
		s.feats = make([]float64, n*NumFeatures)
	}
	f := s.feats[:n*NumFeatures]
	clear(f)
	s.ids.reset(len(d.Text) / 10) // about the distinct words of news text; grows if need be
	s.tokID = s.tokID[:0]
	s.terms = s.terms[:0]

	// Pass 1: dense ids and term statistics over content tokens.
	for i := range d.Sentences {
		for _, t := range d.Sentences[i].Tokens {
			if t.Stop {
				s.tokID = append(s.tokID, -1)
				continue
			}
			id, added := s.ids.intern(t.Term, int32(len(s.terms)))
			if added {
				s.terms = append(s.terms, termStat{hash: t.Term, last: -1})
			}
			s.tokID = append(s.tokID, id)
			ts := &s.terms[id]
			ts.tf++
			if ts.last != int32(i) {
				ts.last = int32(i)
				ts.df++
			}
			if i == 0 {
				ts.flags |= flagLead
			}
		}
	}
	for _, t := range titleTokens {
		if id, ok := s.ids.get(t.Term); ok && !t.Stop {
			s.terms[id].flags |= flagTitle
		}
	}
	s.markTopTerms(10)
	// Word priors (one lookup per distinct term, not per token), inverse
	// sentence frequencies and the document vector's norm under tf-isf
	// weights (summed in id order: deterministic).
	logN := math.Log(float64(n) + 1)
	var docNorm float64
	for id := range s.terms {
		ts := &s.terms[id]
		if p != nil {
			ts.prior = p.Prior(ts.hash)
		}
		ts.isf = logN - logInt(ts.df) + 1
		w := float64(ts.tf) * ts.isf
		docNorm += w * w
	}
	docNorm = math.Sqrt(docNorm)

	tok := 0
	for i := range d.Sentences {
		sent := &d.Sentences[i]
		row := f[i*NumFeatures : (i+1)*NumFeatures]
		words := len(sent.Tokens)
		row[FBias] = 1
		row[FFirst] = b2f(i == 0)
		row[FSecond] = b2f(i == 1)
		row[FThird] = b2f(i == 2)
		row[FRelPos] = float64(i) / float64(n)
		row[FInvPos] = 1 / float64(i+1)
		row[FLogPos] = logInt(int32(i + 1))
		row[FWords] = float64(words) / 30
		row[FShort] = b2f(words < 8)
		row[FLong] = b2f(words > 40)
		row[FDocLen] = logInt(int32(n))

		var dot, sNorm, density, top, title, lead, novel, prior, priorMax float64
		var nums, caps, cn int
		ids := s.tokID[tok : tok+words]
		tok += words
		for k, t := range sent.Tokens {
			switch t.Kind {
			case doc.Number:
				nums++
			case doc.Capital:
				caps++
			}
			id := ids[k]
			if id < 0 {
				continue
			}
			cn++
			ts := &s.terms[id]
			ts.cnt++
			density += logInt(ts.tf)
			fl := ts.flags
			if fl&flagTop != 0 {
				top++
			}
			if fl&flagTitle != 0 {
				title++
			}
			if fl&(flagLead|flagTitle) != 0 {
				// A headline is the publisher's own lead: its words count
				// toward the lead overlap the model learned from
				// untitled articles (no title: unchanged).
				lead++
			}
			if fl&flagSeen == 0 {
				novel++
			}
			if p != nil {
				prior += ts.prior
				priorMax = max(priorMax, ts.prior)
			}
		}
		// Centrality: cosine of the sentence's tf-isf vector with the rest
		// of the document's (the document less this sentence's own
		// occurrences, so a sentence is not central by repeating itself).
		for _, id := range ids {
			if id < 0 || s.terms[id].cnt == 0 {
				continue
			}
			ts := &s.terms[id]
			c := float64(ts.cnt)
			w := ts.isf
			dot += c * w * (float64(ts.tf) - c) * w
			sNorm += c * w * c * w
			ts.cnt = 0
			ts.flags |= flagSeen // for the novelty of later sentences
		}
		row[FContent] = float64(cn) / 20
		if cn > 0 {
			row[FCentrality] = dot / (math.Sqrt(sNorm)*docNorm + 1e-9)
			row[FTopicDensity] = density / float64(cn)
			row[FTopTerms] = top / float64(cn)
			row[FTitle] = title / float64(cn)
			row[FLeadOverlap] = lead / float64(cn)
			row[FNovelty] = novel / float64(cn)
			row[FPrior] = prior / float64(cn)
			row[FPriorMax] = priorMax
		}
		if i == 0 {
			row[FLeadOverlap] = 1
		}
		if words > 0 {
			row[FNumbers] = float64(nums) / float64(words)
			row[FCapitals] = float64(caps) / float64(words)
		}
		row[FQuote], row[FNoEnd], row[FQuestion], row[FColon] = shape(sent.Text)
		if sent.Cut {
			// A trimmed cut-off sentence is a complete clause now; it is
			// not a heading or a fragment.
			row[FNoEnd] = 0
		}
	}
	return f
}

// markTopTerms flags the k most frequent content terms that occur more
// than once; ties go to the term seen first.
func (s *Scratch) markTopTerms(k int) {
	s.top = s.top[:0]
	for id := range s.terms {
		if s.terms[id].tf >= 2 {
			s.top = append(s.top, int32(id))
		}
	}
	for j := 0; j < k && j < len(s.top); j++ {
		best := j
		for m := j + 1; m < len(s.top); m++ {
			a, b := s.top[m], s.top[best]
			ta, tb := s.terms[a].tf, s.terms[b].tf
			if ta > tb || ta == tb && a < b {
				best = m
			}
		}
		s.top[j], s.top[best] = s.top[best], s.top[j]
		s.terms[s.top[j]].flags |= flagTop
	}
}

// shape returns quote, no-final-punctuation, question and colon flags of a
// sentence's surface text.
func shape(t string) (quote, noEnd, question, colon float64) {
	// IndexByte is vectorised; one pass per mark beats a byte loop.
	if strings.IndexByte(t, '"') >= 0 || strings.IndexByte(t, '`') >= 0 ||
		strings.Contains(t, "\u201c") || strings.Contains(t, "\u201d") {
		quote = 1
	}
	if strings.IndexByte(t, ':') >= 0 {
		colon = 1
	}
	end := len(t)
	for end > 0 && (t[end-1] == '"' || t[end-1] == '\'' || t[end-1] == ')' || t[end-1] == ' ') {
		end--
	}
	if end > 3 && (t[end-3:end] == "\u201d" || t[end-3:end] == "\u2019") {
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
