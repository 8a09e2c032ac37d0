package normalize

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"strings"
	"sync"
)

// The word statistics the glued-word repair decides with, counted on the
// shared BBC News, XSum and AllSides articles (see the header of each
// file): common words, name words (capitalised mid-sentence in most of
// their uses) and names written with an inner capital. scripts/glue_words.py
// rebuilds them.
//
//go:embed data/common.txt.gz data/names.txt.gz data/camel.txt.gz
var wordData embed.FS

type wordSet map[string]struct{}

func (s wordSet) has(w string) bool { _, ok := s[w]; return ok }

var words struct {
	once                  sync.Once
	common, names, camels wordSet
}

// loadWords reads the embedded lists once, on the first glued word seen:
// text without one never pays for them.
func loadWords() {
	words.once.Do(func() {
		words.common = readWordSet("data/common.txt.gz")
		words.names = readWordSet("data/names.txt.gz")
		words.camels = readWordSet("data/camel.txt.gz")
	})
}

func readWordSet(name string) wordSet {
	b, err := wordData.ReadFile(name)
	if err != nil {
		panic("normalize: embedded word list missing: " + err.Error()) // a build error, not input
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		panic("normalize: embedded word list unreadable: " + err.Error())
	}
	s := make(wordSet, 1<<14)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if w := sc.Text(); w != "" && w[0] != '#' {
			s[w] = struct{}{}
		}
	}
	return s
}

// glueFunction are words that end or start a phrase, never a name: one
// of them run together with a known word is damage ("TheLakers",
// "PresidentSaid").
var glueFunction = map[string]bool{
	"the": true, "and": true, "but": true, "for": true, "with": true, "from": true, "that": true,
	"this": true, "these": true, "those": true, "his": true, "her": true, "its": true, "their": true,
	"our": true, "your": true, "she": true, "they": true, "said": true, "says": true, "told": true,
	"was": true, "were": true, "are": true, "has": true, "have": true, "had": true, "will": true,
	"would": true, "can": true, "could": true, "after": true, "before": true, "when": true,
	"while": true, "than": true, "then": true, "not": true, "into": true, "about": true,
}

// shortWords are the words of two letters the common list (three or more)
// leaves out, run on before a link in "onThursday" or "toBrussels".
var shortWords = map[string]bool{
	"on": true, "in": true, "at": true, "of": true, "to": true, "by": true, "as": true, "an": true,
	"or": true, "is": true, "if": true, "so": true, "up": true, "we": true, "he": true, "be": true,
	"do": true, "it": true, "no": true, "my": true, "us": true,
}

// companySuffixes end company and product names made of two words
// ("FoodCorp", "ShopTech"): never split before one.
var companySuffixes = map[string]bool{
	"corp": true, "tech": true, "soft": true, "net": true, "labs": true, "works": true, "care": true,
	"media": true, "group": true, "com": true, "link": true, "hub": true,
}

// splitGlued decides whether left+right (each a capital letter, or for
// left a lower-case one, and lower-case letters) is two words run
// together, and not a name written as one word. The evidence is word
// statistics: a name seen written as one word is kept (with its plural
// and derived forms: "YouTubers"); a function word next to a known word
// is damage; so is a known word next to a name word ("PresidentVladimir")
// or a name word next to a name or an unknown word ("MichaelWebb"). A name
// word before a common word ("SunShot") and two ordinary words ("CarPlay",
// "HomeKit", "GiveWell") are kept: glue there cannot be told from a
// brand, and a wrongly split name is worse than a glued pair.
func splitGlued(left, right string) bool {
	loadWords()
	l, r := strings.ToLower(left), strings.ToLower(right)
	if companySuffixes[r] {
		return false
	}
	joined := l + r
	if camelCaseNames[joined] || words.camels.has(joined) {
		return false
	}
	for _, suf := range []string{"s", "es", "rs", "ers", "er", "ed", "ing", "ian", "ians"} {
		if stem, ok := strings.CutSuffix(joined, suf); ok && len(stem) > len(l) && (camelCaseNames[stem] || words.camels.has(stem)) {
			return false
		}
	}
	lc, rc := words.common.has(l), words.common.has(r)
	ln, rn := words.names.has(l), words.names.has(r)
	if isLower(left[0]) {
		// A lower-case word with a capitalised one run on ("onThursday",
		// "airlineRyanair": a link glued to the word before it); names
		// that start in lower case ("iPhone", "eBay") have a shorter
		// first half than a common word.
		return lc || glueFunction[l] || shortWords[l]
	}
	switch {
	case glueFunction[l], glueFunction[r] && (lc || ln):
		return true
	case lc && rn:
		return true
	case ln && (rn || !rc):
		// A name word before a name or an unknown word (a surname).
		return true
	}
	return false
}
