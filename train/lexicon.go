package train

import (
	"math"
	"slices"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/score"
	"github.com/keypoints-dev/keypoints/tokenize"
)

// Lexicon settings: a word enters the lexicon once it occurs in
// lexiconMinDocs training articles; its prior is smoothed toward the
// corpus-wide rate with lexiconSmoothing pseudo-articles.
const (
	lexiconMinDocs   = 5
	lexiconSmoothing = 2
)

// wordCounts counts, per content term, the training articles that contain
// it (art) and those whose reference repeats it (hit).
type wordCounts struct {
	art, hit map[uint64]int32
	p0       float64 // corpus-wide hit/art rate, the prior of unknown words
}

func countWords(docs []Doc) *wordCounts {
	c := &wordCounts{art: map[uint64]int32{}, hit: map[uint64]int32{}}
	var art, hit int64
	for i := range docs {
		for _, t := range docs[i].artTerms {
			c.art[t]++
			art++
			if docs[i].refTerms[t] {
				c.hit[t]++
				hit++
			}
		}
	}
	c.p0 = float64(hit) / math.Max(float64(art), 1)
	return c
}

func (c *wordCounts) prob(art, hit int32) float64 {
	if art < lexiconMinDocs {
		return c.p0
	}
	return (float64(hit) + lexiconSmoothing*c.p0) / (float64(art) + lexiconSmoothing)
}

// lexicon returns the shipped form: terms in ascending order, priors
// rounded to four decimals to keep the model file small and stable.
func (c *wordCounts) lexicon() (*score.Lexicon, error) {
	var terms []uint64
	for t, n := range c.art {
		if n >= lexiconMinDocs {
			terms = append(terms, t)
		}
	}
	slices.Sort(terms)
	probs := make([]float64, len(terms))
	for i, t := range terms {
		probs[i] = math.Round(c.prob(c.art[t], c.hit[t])*1e4) / 1e4
	}
	return score.NewLexicon(terms, probs, math.Round(c.p0*1e4)/1e4)
}

// leaveOneOut is the prior for one training article with that article
// taken out of the counts, so a training example never sees its own
// reference through the lexicon.
type leaveOneOut struct {
	c *wordCounts
	d *Doc
}

func (l leaveOneOut) Prior(t uint64) float64 {
	art, hit := l.c.art[t], l.c.hit[t]
	if _, ok := slices.BinarySearch(l.d.artTerms, t); ok {
		art--
		if l.d.refTerms[t] {
			hit--
		}
	}
	return l.c.prob(art, hit)
}

// contentTerms returns the distinct content terms of a document, sorted.
func contentTerms(d *doc.Document) []uint64 {
	var ts []uint64
	for _, s := range d.Sentences {
		for _, t := range s.Tokens {
			if !t.Stop {
				ts = append(ts, t.Term)
			}
		}
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}

// referenceTerms returns the set of content terms of the references.
func referenceTerms(refs []string) map[uint64]bool {
	m := map[uint64]bool{}
	for _, r := range refs {
		for _, t := range tokenize.Sentence(r, 0, len(r)) {
			if !t.Stop {
				m[t.Term] = true
			}
		}
	}
	return m
}
