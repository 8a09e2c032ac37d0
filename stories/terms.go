package stories

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/internal/porter"
)

// term is a content word reduced to a comparable key: lower-cased, a
// possessive dropped and Porter-stemmed, then hashed (FNV-1a, like
// tokenize.Hash). Stop words and one-letter words give no term. Names
// ("Capital" tokens) keep their hash but are flagged, so the grouper can
// weight them up. The stemmer is Porter's reference (porter.Stem), not
// ROUGE-1.5.5's copy: both group and summarize the AllSides stories alike
// (RESULTS.md), and the copy's extra cuts ("element" -> "elem") are a
// quirk of the metric, not a feature worth having.
type term struct {
	key     uint64
	capital bool
}

// contentTerms returns the content terms of toks, in order. text is the
// text the token offsets refer to.
func contentTerms(text string, toks []doc.Token, dst []term) []term {
	for _, t := range toks {
		if t.Stop {
			continue
		}
		w := text[t.Start:t.End]
		if len(w) < 2 && t.Kind != doc.Number {
			continue
		}
		k, ok := termKey(w)
		if !ok {
			continue
		}
		dst = append(dst, term{key: k, capital: t.Kind == doc.Capital || isAllCaps(w)})
	}
	return dst
}

// termKey returns the hash of the normalised word, and false when
// nothing is left of it.
func termKey(w string) (uint64, bool) {
	var buf [64]byte
	b := buf[:0]
	for _, r := range w {
		if r == '’' {
			r = '\''
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	s := string(b)
	if i := strings.LastIndexByte(s, '\''); i > 0 {
		s = s[:i] // possessive or contraction: "biden's", "it's"
	}
	if s == "" {
		return 0, false
	}
	if len(s) > 3 {
		s = porter.Stem(s)
	}
	return hash(s), true
}

func isAllCaps(w string) bool {
	if len(w) < 2 {
		return false
	}
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}
