// Package rouge computes ROUGE scores exactly as the official ROUGE-1.5.5
// Perl script does when run as
//
//	ROUGE-1.5.5.pl -c 95 -r 1000 -a -d -n 2 -2 4 -u [-m]
//
// that is ROUGE-1 and ROUGE-2 (-n 2), summary-level ROUGE-L, and ROUGE-SU4
// (skip bigrams with at most four words between them, plus unigrams: -2 4
// -u), recall, precision and F with alpha 0.5, no stopword removal, no
// length limit, and optional Porter stemming (-m, Options.Stem). Several
// references are combined with the script's default model averaging (-f
// A): hits and n-gram totals are summed over the references before the
// ratios are taken.
//
// What "exactly" covers, each item checked against vectors scored by the
// real script (../shared/rouge, see the package tests):
//   - tokenization: ASCII lowercasing; every byte that is not a-z or 0-9,
//     hyphens and all non-ASCII bytes included, separates tokens;
//   - stemming (-m): tokens longer than three bytes only; WordNet's
//     irregular forms first ("said" -> "say", "were" -> "be"), then the
//     script's Porter stemmer (internal/porter). The script reads WordNet
//     2.0's exception lists; this package embeds WordNet 3.0's (see
//     data/wordnet_exc.txt), which differ in a few rare words;
//   - n-grams and skip bigrams run across sentence boundaries, as the
//     script joins a summary's sentences into one text; the unigrams that
//     -u adds to ROUGE-SU leave out each text's last token, as the
//     script's loop does;
//   - ROUGE-L is the union LCS of each reference sentence against every
//     candidate sentence, hits clipped by the words' counts in both texts,
//     with the script's tie-breaking in the LCS traceback;
//   - the printed per-document figures: R and P are rounded to five
//     decimals and F is computed from the rounded R and P and rounded
//     again, so Score values equal the script's -d output digit for digit.
//
// Corpus figures (the script's -a averages) are plain means of the
// per-document scores; see Mean.
//
// Cost: n-gram counting is linear in the text lengths; ROUGE-L, as in the
// script, takes time and memory proportional to the product of each
// reference sentence's and each candidate sentence's length.
package rouge

import (
	"math"
	"strconv"
)

// Options selects the ROUGE-1.5.5 variant. The zero value is the script
// without -m.
type Options struct {
	// Stem applies ROUGE-1.5.5's stemming (its -m option).
	Stem bool
}

// Score is one ROUGE measure: recall, precision and F (alpha 0.5), each
// in [0, 1] and rounded to five decimals as ROUGE-1.5.5 prints them.
type Score struct {
	R, P, F float64
}

// Scores holds the four measures ROUGE-1.5.5 reports with -n 2 -2 4 -u.
type Scores struct {
	R1, R2, RL, RSU4 Score
}

// skipDistance is -2 4: at most four tokens between a skip bigram's words.
const skipDistance = 4

// Evaluate scores candidate against refs. Texts hold sentences separated
// by "\n" (sentence boundaries matter only to ROUGE-L). With no reference,
// or when a side has no tokens, the affected scores are 0. For many
// pairs, reuse a Scorer: it keeps its buffers and vocabulary.
func Evaluate(candidate string, refs []string, opt Options) Scores {
	return NewScorer(opt).Score(candidate, refs)
}

// Scorer scores candidate/reference pairs, reusing its buffers and
// vocabulary between calls, so that scoring allocates nothing once they
// have grown. It is not safe for concurrent use; use one per goroutine.
type Scorer struct {
	vocab *Vocab
	cand  text
	ref   text
	// LCS work areas.
	table []int32
	mask  []bool
	candN []int32 // per-id unigram counts of the candidate (LCS clipping)
	refN  []int32 // per-id unigram counts of the reference
}

// text is one tokenized summary with its n-gram counts.
type text struct {
	toks []int32
	ends []int
	uni  gramCounts
	bi   gramCounts
	su   gramCounts
}

// NewScorer returns a Scorer for opt.
func NewScorer(opt Options) *Scorer {
	return &Scorer{vocab: NewVocab(opt)}
}

// Vocab returns the scorer's vocabulary, so callers can tokenize other
// texts into the same ids.
func (s *Scorer) Vocab() *Vocab { return s.vocab }

// counts accumulates ROUGE-1.5.5's -f A totals over references.
type counts struct {
	hit, model, peer int
}

func (c counts) score() Score {
	var sc Score
	if c.model > 0 {
		sc.R = round5(float64(c.hit) / float64(c.model))
	}
	if c.peer > 0 {
		sc.P = round5(float64(c.hit) / float64(c.peer))
	}
	sc.F = FScore(sc.R, sc.P)
	return sc
}

// FScore combines recall and precision the way ROUGE-1.5.5 does with
// alpha 0.5: P*R / (0.5*P + 0.5*R), rounded to five decimals, 0 when
// both are 0. The script applies it to the already rounded R and P.
func FScore(r, p float64) float64 {
	// The explicit conversions stop the compiler from fusing the
	// multiply-adds, which would change the last bits and, rarely, the
	// fifth decimal.
	d := float64(0.5*p) + float64(0.5*r)
	if d <= 0 {
		return 0
	}
	return round5(float64(p*r) / d)
}

// Score scores candidate against refs; see Evaluate.
func (s *Scorer) Score(candidate string, refs []string) Scores {
	s.cand.load(s.vocab, candidate)
	var r1, r2, rl, su counts
	for _, ref := range refs {
		s.ref.load(s.vocab, ref)
		r1.add(s.ref.uni.hits(&s.cand.uni), s.ref.uni.total, s.cand.uni.total)
		r2.add(s.ref.bi.hits(&s.cand.bi), s.ref.bi.total, s.cand.bi.total)
		su.add(s.ref.su.hits(&s.cand.su), s.ref.su.total, s.cand.su.total)
		rl.add(s.lcsHits(), len(s.ref.toks), len(s.cand.toks))
	}
	return Scores{R1: r1.score(), R2: r2.score(), RL: rl.score(), RSU4: su.score()}
}

func (c *counts) add(hit, model, peer int) {
	c.hit += hit
	c.model += model
	c.peer += peer
}

// load tokenizes src into t and counts its n-grams. A unigram key is the
// token id; a pair key puts the first id plus one in the high half, so
// unigrams and pairs never collide in the ROUGE-SU counts.
func (t *text) load(v *Vocab, src string) {
	t.toks, t.ends = v.AppendSentences(t.toks[:0], t.ends[:0], src)
	toks := t.toks
	n := len(toks)
	t.uni.reset(n)
	for _, w := range toks {
		t.uni.add(uint64(w))
	}
	t.bi.reset(n)
	for i := 1; i < n; i++ {
		t.bi.add(pairKey(toks[i-1], toks[i]))
	}
	t.su.reset(n * (skipDistance + 2))
	for i := 0; i < n-1; i++ {
		// ROUGE-1.5.5's -u adds the unigram inside the loop over a first
		// word, which stops before the last token, so the last token never
		// counts as a unigram here.
		t.su.add(uint64(toks[i]))
		for j := i + 1; j < n && j-i-1 <= skipDistance; j++ {
			t.su.add(pairKey(toks[i], toks[j]))
		}
	}
}

func pairKey(a, b int32) uint64 {
	return (uint64(a)+1)<<32 | uint64(b)
}

// gramCounts is a multiset of n-gram keys: an open-addressing hash table
// that is cleared through its list of used slots, so that reusing it costs
// only what the last text put in.
type gramCounts struct {
	keys   []uint64
	counts []int32 // 0 marks an empty slot
	used   []int32 // slots in use, in insertion order
	shift  uint8
	total  int // number of n-grams added, repeats included
}

// reset empties g and makes room for up to n keys.
func (g *gramCounts) reset(n int) {
	for _, i := range g.used {
		g.counts[i] = 0
	}
	g.used = g.used[:0]
	g.total = 0
	if 2*n <= len(g.keys) {
		return
	}
	size, bits := 64, uint8(6)
	for size < 2*n {
		size *= 2
		bits++
	}
	g.keys = make([]uint64, size)
	g.counts = make([]int32, size)
	g.shift = 64 - bits
}

func (g *gramCounts) slot(k uint64) int {
	// Fibonacci hashing: the high bits of the product spread small ids.
	i := int((k * 0x9E3779B97F4A7C15) >> g.shift)
	mask := len(g.keys) - 1
	for g.counts[i] != 0 && g.keys[i] != k {
		i = (i + 1) & mask
	}
	return i
}

func (g *gramCounts) add(k uint64) {
	i := g.slot(k)
	if g.counts[i] == 0 {
		g.keys[i] = k
		g.used = append(g.used, int32(i))
	}
	g.counts[i]++
	g.total++
}

// hits returns the clipped overlap of g and o: the sum over keys of the
// smaller count.
func (g *gramCounts) hits(o *gramCounts) int {
	if len(o.keys) == 0 {
		return 0
	}
	h := 0
	for _, i := range g.used {
		if c := o.counts[o.slot(g.keys[i])]; c > 0 {
			h += int(min(c, g.counts[i]))
		}
	}
	return h
}

// lcsHits returns ROUGE-1.5.5's summary-level LCS hit count of s.ref
// (model) against s.cand (peer): for each reference sentence, the union
// of the words on the LCS with every candidate sentence, each counted
// while both texts still have an unused occurrence of that word.
func (s *Scorer) lcsHits() int {
	n := s.vocab.Len()
	if len(s.candN) < n {
		s.candN = make([]int32, n+n/2)
		s.refN = make([]int32, n+n/2)
	}
	for _, w := range s.cand.toks {
		s.candN[w]++
	}
	for _, w := range s.ref.toks {
		s.refN[w]++
	}
	hits := 0
	start := 0
	for _, end := range s.ref.ends {
		model := s.ref.toks[start:end]
		start = end
		if len(model) == 0 {
			continue
		}
		mask := s.mask[:0]
		for range model {
			mask = append(mask, false)
		}
		s.mask = mask
		cs := 0
		for _, ce := range s.cand.ends {
			s.markLCS(model, s.cand.toks[cs:ce], mask)
			cs = ce
		}
		for i, hit := range mask {
			if !hit {
				continue
			}
			w := model[i]
			if s.refN[w] > 0 && s.candN[w] > 0 {
				hits++
				s.refN[w]--
				s.candN[w]--
			}
		}
	}
	// Reset the counts through the tokens instead of clearing the whole
	// arrays, which grow with the vocabulary.
	for _, w := range s.cand.toks {
		s.candN[w] = 0
	}
	for _, w := range s.ref.toks {
		s.refN[w] = 0
	}
	return hits
}

// markLCS sets mask[i] for each model position on the LCS of model and
// peer that ROUGE-1.5.5's traceback picks: from the end, a match goes
// diagonally, otherwise it moves up (dropping a model word) when that
// keeps at least as long an LCS, else left.
func (s *Scorer) markLCS(model, peer []int32, mask []bool) {
	if len(peer) == 0 {
		return
	}
	w := len(peer) + 1
	size := (len(model) + 1) * w
	if cap(s.table) < size {
		s.table = make([]int32, size)
	}
	c := s.table[:size]
	for j := 0; j < w; j++ {
		c[j] = 0
	}
	for i := 1; i <= len(model); i++ {
		row := c[i*w : (i+1)*w]
		prev := c[(i-1)*w : i*w]
		row[0] = 0
		mi := model[i-1]
		for j := 1; j < w; j++ {
			switch {
			case mi == peer[j-1]:
				row[j] = prev[j-1] + 1
			case prev[j] >= row[j-1]:
				row[j] = prev[j]
			default:
				row[j] = row[j-1]
			}
		}
	}
	i, j := len(model), len(peer)
	for i > 0 && j > 0 {
		switch {
		case model[i-1] == peer[j-1]:
			mask[i-1] = true
			i--
			j--
		case c[(i-1)*w+j] >= c[i*w+j-1]:
			i--
		default:
			j--
		}
	}
}

// round5 rounds x to five decimals exactly as C's printf("%.5f") (and so
// Perl's sprintf) does: to the decimal nearest the binary value of x,
// read back as the nearest float64.
func round5(x float64) float64 {
	y := x * 1e5
	fl := math.Floor(y)
	frac := y - fl
	// x*1e5 carries one rounding error, so only a fraction within a
	// whisker of one half can be misjudged; strconv settles those.
	if math.Abs(frac-0.5) > 1e-6 {
		if frac > 0.5 {
			fl++
		}
		return fl / 1e5
	}
	var buf [32]byte
	b := strconv.AppendFloat(buf[:0], x, 'f', 5, 64)
	v, _ := strconv.ParseFloat(string(b), 64)
	return v
}

// Mean returns the per-measure means of R, P and F over scores, the way
// ROUGE-1.5.5's -a averages per-document (-d) scores: F is the mean of
// the documents' F values, not the F of the mean R and P. The means are
// not rounded. Mean of no scores is the zero Scores.
//
// The averages the script prints come out of its bootstrap (-r 1000) and
// so differ from this plain mean by sampling noise, up to about 2e-4 on
// the conformance vectors; the plain mean is what that noise is around.
func Mean(scores []Scores) Scores {
	var sum Scores
	for _, s := range scores {
		sum.R1 = addScore(sum.R1, s.R1)
		sum.R2 = addScore(sum.R2, s.R2)
		sum.RL = addScore(sum.RL, s.RL)
		sum.RSU4 = addScore(sum.RSU4, s.RSU4)
	}
	if len(scores) == 0 {
		return sum
	}
	n := float64(len(scores))
	div := func(s Score) Score { return Score{R: s.R / n, P: s.P / n, F: s.F / n} }
	return Scores{R1: div(sum.R1), R2: div(sum.R2), RL: div(sum.RL), RSU4: div(sum.RSU4)}
}

func addScore(a, b Score) Score { return Score{R: a.R + b.R, P: a.P + b.P, F: a.F + b.F} }
