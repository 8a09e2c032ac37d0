package evaluate

import (
	"slices"

	"github.com/keypoints-dev/keypoints/rouge"
)

// Lead returns the first n sentences of article as split returns them,
// the lead-n baseline (lead-3 for news). The splitter is the caller's
// choice, so that the baseline uses the same segmentation as the system
// it is compared with.
func Lead(article string, n int, split func(string) []string) []string {
	s := split(article)
	if len(s) > n {
		s = s[:n]
	}
	return s
}

// GreedyOracle returns the indexes, in increasing order, of the sentences
// that the greedy extractive oracle picks for refs: starting from nothing,
// it adds the sentence that raises the mean of ROUGE-1 and ROUGE-2 F the
// most, and stops when no sentence raises it or after maxSentences
// sentences (0 or less: no limit). Ties go to the earlier sentence. This
// is the oracle of Nallapati et al. (2017) and Kedzie et al. (2018) used
// to label extractive training data and to bound extractive scores.
//
// The objective is ROUGE-1.5.5's ROUGE-1 and ROUGE-2 on the tokens of opt
// (same tokenization and stemming), with two differences that let it be
// updated sentence by sentence: F is not rounded, and the candidate's
// bigrams are counted within its sentences, never across two chosen
// sentences (ROUGE-1.5.5 would also count the bigram that joins them).
// For many articles use an Oracle, which reuses its buffers.
func GreedyOracle(sentences []string, refs []string, maxSentences int, opt rouge.Options) []int {
	return NewOracle(opt).Select(sentences, refs, maxSentences)
}

// Oracle computes GreedyOracle for one article after another, keeping its
// vocabulary and buffers. It is not safe for concurrent use.
type Oracle struct {
	vocab *rouge.Vocab
	toks  []int32
	// Dense indexes of the n-grams found in the references: gram key ->
	// index into need.
	gramIdx map[uint64]int32
	// need[r*g+k] is how often reference r contains gram k (g grams).
	need []int32
	// have[r*g+k] is how many of those the chosen sentences cover so far.
	have []int32
	// Per sentence: unigram and bigram totals and the reference grams it
	// contains, each with its count (in sentGrams[sentOff[i]:sentOff[i+1]]).
	sentUni, sentBi []int
	sentOff         []int
	sentGrams       []gramCount
	refUni, refBi   []int // per reference totals
}

type gramCount struct {
	idx   int32
	count int32
	bi    bool
}

// NewOracle returns an Oracle tokenizing as opt says.
func NewOracle(opt rouge.Options) *Oracle {
	return &Oracle{vocab: rouge.NewVocab(opt), gramIdx: make(map[uint64]int32)}
}

func bigramKey(a, b int32) uint64 { return (uint64(a)+1)<<32 | uint64(b) }

// Select returns GreedyOracle(sentences, refs, maxSentences, opt).
func (o *Oracle) Select(sentences []string, refs []string, maxSentences int) []int {
	if len(sentences) == 0 || len(refs) == 0 {
		return nil
	}
	if maxSentences <= 0 || maxSentences > len(sentences) {
		maxSentences = len(sentences)
	}
	clear(o.gramIdx)
	// Reference grams get dense indexes; their counts fill need, one row
	// per reference, once all grams are known.
	rg := make([][]int32, len(refs))
	o.refUni, o.refBi = o.refUni[:0], o.refBi[:0]
	for r, ref := range refs {
		o.toks = o.vocab.AppendTokens(o.toks[:0], ref)
		var ids []int32
		for i, w := range o.toks {
			ids = append(ids, o.index(uint64(w)))
			if i > 0 {
				ids = append(ids, o.index(bigramKey(o.toks[i-1], w)))
			}
		}
		rg[r] = ids
		o.refUni = append(o.refUni, len(o.toks))
		o.refBi = append(o.refBi, max(len(o.toks)-1, 0))
	}
	g := len(o.gramIdx)
	o.need = resize(o.need, len(refs)*g)
	o.have = resize(o.have, len(refs)*g)
	for r, ids := range rg {
		for _, k := range ids {
			o.need[r*g+int(k)]++
		}
	}
	// Each sentence keeps only the grams that some reference has: the
	// others change the totals, never the hits.
	o.sentUni, o.sentBi, o.sentOff = o.sentUni[:0], o.sentBi[:0], o.sentOff[:0]
	o.sentGrams = o.sentGrams[:0]
	for _, s := range sentences {
		o.sentOff = append(o.sentOff, len(o.sentGrams))
		o.toks = o.vocab.AppendTokens(o.toks[:0], s)
		start := len(o.sentGrams)
		for i, w := range o.toks {
			if k, ok := o.gramIdx[uint64(w)]; ok {
				o.sentGrams = append(o.sentGrams, gramCount{idx: k, count: 1})
			}
			if i > 0 {
				if k, ok := o.gramIdx[bigramKey(o.toks[i-1], w)]; ok {
					o.sentGrams = append(o.sentGrams, gramCount{idx: k, count: 1, bi: true})
				}
			}
		}
		o.sentGrams = append(o.sentGrams[:start], mergeCounts(o.sentGrams[start:])...)
		o.sentUni = append(o.sentUni, len(o.toks))
		o.sentBi = append(o.sentBi, max(len(o.toks)-1, 0))
	}
	o.sentOff = append(o.sentOff, len(o.sentGrams))

	totRefUni, totRefBi := sum(o.refUni), sum(o.refBi)
	nr := len(refs)
	var chosen []int
	picked := make([]bool, len(sentences))
	hitUni, hitBi, candUni, candBi := 0, 0, 0, 0
	best := 0.0
	for len(chosen) < maxSentences {
		pick, pickScore := -1, best
		var pickUni, pickBi int
		for i := range sentences {
			if picked[i] {
				continue
			}
			du, db := o.gain(i, g, nr)
			sc := objective(hitUni+du, hitBi+db, totRefUni, totRefBi,
				nr*(candUni+o.sentUni[i]), nr*(candBi+o.sentBi[i]))
			if sc > pickScore {
				pick, pickScore, pickUni, pickBi = i, sc, du, db
			}
		}
		if pick < 0 {
			break
		}
		picked[pick] = true
		chosen = append(chosen, pick)
		best = pickScore
		hitUni += pickUni
		hitBi += pickBi
		candUni += o.sentUni[pick]
		candBi += o.sentBi[pick]
		for _, gc := range o.sentGrams[o.sentOff[pick]:o.sentOff[pick+1]] {
			for r := 0; r < nr; r++ {
				o.have[r*g+int(gc.idx)] += gc.count
			}
		}
	}
	slices.Sort(chosen)
	return chosen
}

// gain returns how many unigram and bigram hits, summed over references,
// sentence i would add to the current choice: a gram adds hits while a
// reference still has uncovered occurrences of it.
func (o *Oracle) gain(i, g, nr int) (uni, bi int) {
	for _, gc := range o.sentGrams[o.sentOff[i]:o.sentOff[i+1]] {
		for r := 0; r < nr; r++ {
			k := r*g + int(gc.idx)
			free := o.need[k] - o.have[k]
			if free <= 0 {
				continue
			}
			h := int(min(free, gc.count))
			if gc.bi {
				bi += h
			} else {
				uni += h
			}
		}
	}
	return uni, bi
}

// objective is the mean of ROUGE-1 and ROUGE-2 F, unrounded, from summed
// hits and totals as ROUGE-1.5.5's -f A sums them.
func objective(hitUni, hitBi, refUni, refBi, candUni, candBi int) float64 {
	return (f1(hitUni, refUni, candUni) + f1(hitBi, refBi, candBi)) / 2
}

func f1(hit, ref, cand int) float64 {
	if hit == 0 || ref == 0 || cand == 0 {
		return 0
	}
	r := float64(hit) / float64(ref)
	p := float64(hit) / float64(cand)
	return 2 * r * p / (r + p)
}

// index returns the dense index of a reference gram, adding it if new.
func (o *Oracle) index(key uint64) int32 {
	if k, ok := o.gramIdx[key]; ok {
		return k
	}
	k := int32(len(o.gramIdx))
	o.gramIdx[key] = k
	return k
}

// mergeCounts sums the counts of equal grams in gs (sorting it).
func mergeCounts(gs []gramCount) []gramCount {
	slices.SortFunc(gs, func(a, b gramCount) int { return int(a.idx) - int(b.idx) })
	out := gs[:0]
	for _, gc := range gs {
		if n := len(out); n > 0 && out[n-1].idx == gc.idx {
			out[n-1].count += gc.count
			continue
		}
		out = append(out, gc)
	}
	return out
}

func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func sum(v []int) int {
	t := 0
	for _, x := range v {
		t += x
	}
	return t
}
