package stories

import (
	"fmt"
	"math"
	"slices"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/tokenize"
)

// vectorize reduces an article to a Member: weighted term frequencies of
// its content words and the shingles of its body. Title words count
// opt.TitleWeight times, names opt.NameWeight times, and body sentences
// after the third fade (3/i for sentence i), since the lead says what
// the article is about and later paragraphs drift to background.
func vectorize(eng Engine, a Article, opt GroupOptions) (Member, error) {
	body := a.body()
	if body == "" && a.Title == "" {
		return Member{}, doc.Errorf(doc.EInvalid, "article %q has no text", a.ID)
	}
	m := Member{ID: a.ID, Published: a.Published, Terms: map[uint64]float64{}}
	var buf []term
	addTerms := func(text string, toks []doc.Token, w float64) {
		buf = contentTerms(text, toks, buf[:0])
		for _, t := range buf {
			x := w
			if t.capital {
				x *= opt.NameWeight
			}
			m.Terms[t.key] += x
		}
	}
	if a.Title != "" {
		// Titles are tokenized as they are: the normalizer would take a
		// lone headline for boilerplate.
		addTerms(a.Title, tokenize.Sentence(a.Title, 0, len(a.Title)), opt.TitleWeight)
	}
	if body != "" {
		d, err := eng.Document(body)
		if err != nil && a.Title == "" {
			return Member{}, fmt.Errorf("article %q: %w", a.ID, err)
		}
		if d != nil {
			for si, s := range d.Sentences {
				w := 1.0
				if si >= 3 {
					w = 3 / float64(si)
				}
				addTerms(d.Text, s.Tokens, w)
				m.Shingles = appendShingles(m.Shingles, s.Tokens)
			}
		}
	}
	// Sublinear term frequency: a name repeated ten times is not ten
	// times the evidence.
	for k, w := range m.Terms {
		m.Terms[k] = 1 + math.Log(1+w)
	}
	slices.Sort(m.Shingles)
	m.Shingles = slices.Compact(m.Shingles)
	if len(m.Shingles) > maxShingles {
		m.Shingles = m.Shingles[:maxShingles]
	}
	return m, nil
}

// maxShingles bounds the shingles kept per article (the smallest hashes):
// about 2,000 words, longer than nearly every news article, so
// containment is exact in practice.
const maxShingles = 2048

// appendShingles adds the hashes of the word 4-grams of toks.
func appendShingles(dst []uint64, toks []doc.Token) []uint64 {
	for i := 3; i < len(toks); i++ {
		h := toks[i-3].Term*0x9E3779B97F4A7C15 ^ toks[i-2].Term*0xC2B2AE3D27D4EB4F ^
			toks[i-1].Term*0x165667B19E3779F9 ^ toks[i].Term
		dst = append(dst, h)
	}
	return dst
}

// containment is |a ∩ b| / min(|a|, |b|) of two sorted sets: 1 when the
// shorter text is wholly inside the longer, as with a trimmed wire copy.
func containment(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}
