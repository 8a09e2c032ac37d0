// Package pick is the fifth stage of the keypoints pipeline: sentence
// scores in, the chosen sentences out, in article order.
//
// Sentences are taken best score first (ties by position). A candidate is
// skipped when it repeats what is already chosen: when it shares a word
// trigram with a chosen sentence (trigram blocking, as in BertSum) or most
// of its content words. A word budget, when set, is never exceeded.
package pick

import (
	"slices"

	"github.com/keypoints-dev/keypoints/doc"
)

// Options configures Pick.
type Options struct {
	// N is the number of sentences to choose (at most).
	N int
	// Words is the word budget for all chosen sentences together; 0 means
	// no budget.
	Words int
	// MinWords skips sentences shorter than this many words when enough
	// longer ones exist; 0 means 4.
	MinWords int
	// Candidates, when not nil, marks the sentences that may be chosen
	// (see Candidates); the others never are, even if fewer than N
	// remain.
	Candidates []bool
	// Candidate, when not nil (and Candidates is nil), reports the same
	// for one sentence: for callers that judge lazily, since only the
	// best few sentences are ever looked at.
	Candidate func(i int) bool
	// Lead chooses the first candidate sentence first when it opens the
	// article (its first two paragraphs): a news story's main fact.
	Lead bool
}

// Pick returns the indexes of the chosen sentences in article order.
// scores has one value per sentence of d.
func Pick(d *doc.Document, scores []float64, opt Options) []int {
	n := len(d.Sentences)
	if opt.N <= 0 || n == 0 {
		return nil
	}
	minWords := opt.MinWords
	if minWords == 0 {
		minWords = 4
	}
	chosen := make([]int, 0, opt.N)
	// A handful of chosen sentences hold a few hundred keys at most: a
	// slice scanned linearly beats allocating two maps per article.
	seen := memory{trigrams: make([]uint64, 0, 128), content: make([]uint64, 0, 128)}
	words := 0
	eligible := func(i int) bool {
		switch {
		case opt.Candidates != nil:
			return opt.Candidates[i]
		case opt.Candidate != nil:
			return opt.Candidate(i)
		}
		return true
	}
	if opt.Lead {
		for i := range d.Sentences {
			s := &d.Sentences[i]
			if s.Paragraph > 1 {
				break
			}
			if !eligible(i) {
				continue
			}
			if w := len(s.Tokens); w > 0 && (opt.Words == 0 || w <= opt.Words) {
				chosen = append(chosen, i)
				words += w
				seen.remember(s.Tokens)
			}
			break
		}
	}
	for pass := 0; pass < 2 && len(chosen) < opt.N; pass++ {
		// Candidates best first, ties by position: selected one at a time,
		// since only the first few are usually looked at.
		var visited []bool
		for len(chosen) < opt.N {
			i := nextBest(scores, &visited)
			if i < 0 {
				break
			}
			s := &d.Sentences[i]
			w := len(s.Tokens)
			if contains(chosen, i) || pass == 0 && w < minWords || w == 0 || !eligible(i) {
				continue
			}
			if opt.Words > 0 && words+w > opt.Words {
				continue
			}
			if seen.redundant(s.Tokens) {
				continue
			}
			chosen = append(chosen, i)
			words += w
			seen.remember(s.Tokens)
		}
	}
	slices.Sort(chosen)
	return chosen
}

// nextBest returns the highest-scoring sentence not visited yet (the
// earliest among equals) and marks it, or -1 when all are visited.
func nextBest(scores []float64, visited *[]bool) int {
	if *visited == nil {
		*visited = make([]bool, len(scores))
	}
	v := *visited
	best := -1
	for i, sc := range scores {
		if !v[i] && (best < 0 || sc > scores[best]) {
			best = i
		}
	}
	if best >= 0 {
		v[best] = true
	}
	return best
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// memory holds what the chosen sentences said: their content trigrams
// and content words.
type memory struct {
	trigrams, content []uint64
}

func has(xs []uint64, x uint64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// redundant reports whether toks repeat the chosen material: a shared
// content trigram, or three quarters of the content words already seen.
func (m *memory) redundant(toks []doc.Token) bool {
	for k := 2; k < len(toks); k++ {
		if contentful(toks, k) && has(m.trigrams, trigram(toks, k)) {
			return true
		}
	}
	seen, total := 0, 0
	for _, t := range toks {
		if t.Stop {
			continue
		}
		total++
		if has(m.content, t.Term) {
			seen++
		}
	}
	return total > 0 && seen*4 >= total*3
}

func (m *memory) remember(toks []doc.Token) {
	for k := 2; k < len(toks); k++ {
		if contentful(toks, k) {
			m.trigrams = append(m.trigrams, trigram(toks, k))
		}
	}
	for _, t := range toks {
		if !t.Stop {
			m.content = append(m.content, t.Term)
		}
	}
}

// contentful reports whether the trigram ending at k has at least two
// content words: "Putin on the" is a shared phrase, not a repeated fact.
func contentful(toks []doc.Token, k int) bool {
	n := 0
	for _, t := range toks[k-2 : k+1] {
		if !t.Stop {
			n++
		}
	}
	return n >= 2
}

func trigram(toks []doc.Token, k int) uint64 {
	return toks[k-2].Term*0x9E3779B97F4A7C15 ^ toks[k-1].Term*0xC2B2AE3D27D4EB4F ^ toks[k].Term
}

// Cut returns the byte offsets in d.Text of the first words words of
// sentence i: the key point shown when even the best sentence does not
// fit a word budget. ok is false when the sentence has no more words than
// that (nothing to cut).
func Cut(d *doc.Document, i, words int) (start, end int, ok bool) {
	s := d.Sentences[i]
	if words <= 0 || len(s.Tokens) <= words {
		return s.Start, s.End, false
	}
	return s.Start, int(s.Tokens[words-1].End), true
}
