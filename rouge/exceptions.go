package rouge

import (
	_ "embed"
	"strings"
	"sync"
)

// wordnetExc holds WordNet's irregular forms; data/wordnet_exc.txt says
// where they come from and under which licence.
//
//go:embed data/wordnet_exc.txt
var wordnetExc string

// excOrder is the order in which the sections are loaded; a form listed
// in two sections takes the base form of the later one, as when the
// script's exception database was built by writing every line of every
// file into one hash. The order was read off the conformance vectors
// (e.g. "best" must become "good", not "well").
var excOrder = []string{"adj", "adv", "noun", "verb"}

// exceptions is the merged table, built on first use and read-only after.
var exceptions = sync.OnceValue(func() map[string]string {
	sections := map[string][][2]string{}
	cur := ""
	for line := range strings.Lines(wordnetExc) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "" || line[0] == '#':
			continue
		case line[0] == '@':
			cur = line[1:]
			continue
		}
		form, base, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		sections[cur] = append(sections[cur], [2]string{form, base})
	}
	m := make(map[string]string, 6000)
	for _, sec := range excOrder {
		for _, e := range sections[sec] {
			m[e[0]] = e[1]
		}
	}
	return m
})

// exception returns the WordNet base form of the lowercased token w, if
// w is an irregular form.
func exception(w string) (string, bool) {
	e, ok := exceptions()[w]
	return e, ok
}
