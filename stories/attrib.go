package stories

import (
	"strings"
	"unicode"
)

// sameFact reports whether two sentences may state one fact: their
// speakers can be the same source and both assert it, or both deny it.
// A point one side asserts and the other denies ("Russia interfered in
// the election" and "Russia denied interfering in the election") shares
// most of its words, but it is two accounts, not one fact.
func sameFact(a, b *sent) bool {
	return a.denial == b.denial && sameSpeaker(a.saidBy, b.saidBy)
}

// denial reports whether a sentence denies or negates what it states: a
// verb of denial or a negation word.
func denial(text string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' }) {
		w = strings.ToLower(w)
		if denialWords[w] || strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") {
			return true
		}
	}
	return false
}

var denialWords = setOf(`not never deny denies denied denying denial rejected rejects rejecting
refuted refutes refute disputed disputes dispute false falsely baseless unfounded untrue`)

// sameSpeaker reports whether two attributions can be the same source:
// both empty, or sharing a content word ("Biden" and "President Joe
// Biden", "officials" and "US officials"). An empty attribution matches
// anything: one outlet may report as fact what another attributes.
func sameSpeaker(a, b string) bool {
	if a == "" || b == "" || strings.EqualFold(a, b) {
		return true
	}
	wa := speakerKeys(a)
	for _, k := range speakerKeys(b) {
		for _, x := range wa {
			if k == x {
				return true
			}
		}
	}
	return false
}

func speakerKeys(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		l := strings.Trim(strings.ToLower(w), ".'’")
		l = strings.TrimSuffix(l, "'s")
		if joiners[l] || determiners[l] || len(l) < 2 {
			continue
		}
		// "officials" and "official" are one source; generic role nouns
		// alone do not make two sources the same.
		if l == "officials" || l == "official" || l == "sources" || l == "source" || l == "report" || l == "statement" {
			continue
		}
		out = append(out, strings.TrimSuffix(l, "s"))
	}
	return out
}

// Words that never tell two speakers apart: determiners and the joiners
// inside names.
var (
	joiners     = setOf(`of for the and 's de la al bin van von`)
	determiners = setOf(`the a an its his her their our`)
)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
