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

var stop = func() map[uint64]bool {
	m := make(map[uint64]bool, 200)
	for _, w := range strings.Fields(stopWords) {
		m[Hash(w)] = true
	}
	return m
}()
