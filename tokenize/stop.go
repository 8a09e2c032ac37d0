package tokenize

import "strings"

// stopWords are English function words and news filler ("said", "told")
// that carry no content of their own, plus the PTB bracket tokens. The list
// was written for this project.
const stopWords = `a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours ourselves
out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours yourself yourselves said says say told tell according
one would could also like just get got may might must shall us yet though although whether its
lrb rrb lsb rsb lcb rcb n't 's 're 've 'll 'd 'm cnn mr mrs ms`

// stopSet is an open-addressing hash set of the stop words' term hashes:
// one probe, usually, and no map overhead on the per-token hot path.
type stopSet [1024]uint64

var stop = func() *stopSet {
	var s stopSet
	for _, w := range strings.Fields(stopWords) {
		h := Hash(w)
		i := h & uint64(len(s)-1)
		for s[i] != 0 && s[i] != h {
			i = (i + 1) & uint64(len(s)-1)
		}
		s[i] = h
	}
	return &s
}()

func (s *stopSet) has(h uint64) bool {
	i := h & uint64(len(s)-1)
	for s[i] != 0 {
		if s[i] == h {
			return true
		}
		i = (i + 1) & uint64(len(s)-1)
	}
	return false
}
