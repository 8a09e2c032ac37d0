// Package attrib finds who a news sentence attributes its claim to: the
// person, organisation, document or outlet that said it, written out
// whole as in the sentence ("President of the United States Joseph
// Biden", "the White House readout", "a senior administration official").
//
// It reads the ways English news attributes: "X said", "said X" after a
// quotation or a clause, "according to X", "X told ...", "X announced
// (reported, wrote, tweeted, warned ...)", "In a statement, X ...", and
// across sentences "he said" or "she said" after a single named speaker
// and a quotation that runs on to the sentence naming its speaker. It is
// a reader of patterns, not a parser, and precision comes first: a wrong
// speaker puts words in someone's mouth, so when the words around a
// phrase leave any doubt (a date, a piece of a longer name, a possessive,
// a pronoun with two candidates) it returns nothing.
package attrib

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Speaker returns who sentence attributes its claim to, as written in it,
// or "" when it attributes nothing or only to a pronoun. The result is
// always a substring of sentence.
func Speaker(sentence string) string {
	return find(sentence, false).text
}

// Speakers returns the speaker of each of an article's sentences, in
// order. Besides what Speaker finds in a sentence alone it uses the
// sentences around it: words inside a quotation that began in an earlier
// sentence are the quoted speaker's, never an attribution ("The report
// says ..." inside a quotation names no source), and "he said" or "she
// said" belongs to the speaker of the sentence just before when that
// sentence names one person and no one else; such a speaker is then not
// in the sentence's own text.
func Speakers(sentences []string) []string {
	res := make([]found, len(sentences))
	open := false
	for i, s := range sentences {
		res[i] = find(s, open)
		open = res[i].openAtEnd
	}
	out := make([]string, len(sentences))
	for i := range res {
		out[i] = res[i].text
	}
	for i := range res {
		// "he said": the one person the sentence before named. A
		// sentence inside a quotation that runs on gets no speaker: the
		// one named where it closes may be several sentences away, and
		// a point should not show a name its text lacks on a guess.
		if out[i] == "" && res[i].pronoun && i > 0 && res[i-1].person && !res[i-1].others && !res[i].others {
			out[i] = out[i-1]
		}
	}
	return out
}

// found is what one sentence tells about its speaker.
type found struct {
	text      string // the speaker as written, "" for none
	pronoun   bool   // the speaker is "he" or "she"
	person    bool   // text names one person (not an organisation, a document or a group)
	others    bool   // the sentence names someone besides its speaker (outside quotations)
	openAtEnd bool   // a quotation is still open at its end
}

// token is a word or a punctuation mark of a sentence.
type token struct {
	start, end int
	text       string
	lower      string
	word       bool
	punct      rune // the mark, for punctuation
	cap        bool // the word starts with an upper-case letter
	quoted     bool // the token is inside a quotation
	poss       bool // the word is a possessive ("Trump's", "States'")
}

// Quotation marks: their role is clear from their shape, except the
// straight one.
const (
	markNone = iota
	markOpen
	markClose
)

func tokenize(s string, open bool) (toks []token, openAtEnd bool) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := wordEnd(s, i)
			w := s[i:j]
			t := token{start: i, end: j, text: w, lower: strings.ToLower(w), word: true, cap: unicode.IsUpper(r), quoted: open}
			if strings.HasSuffix(t.lower, "'s") || strings.HasSuffix(t.lower, "’s") {
				t.poss = true
			} else if j < len(s) && (s[j] == '\'' || strings.HasPrefix(s[j:], "’")) && strings.HasSuffix(t.lower, "s") {
				// "States' ": a plural possessive.
				k := j + 1
				if s[j] != '\'' {
					k = j + len("’")
				}
				if k == len(s) || !startsWord(s[k:]) {
					t.poss = true
				}
			}
			toks = append(toks, t)
			i = j
		default:
			kind := quoteMark(s, i, r, n, open)
			if kind != markNone {
				open = kind == markOpen
			}
			toks = append(toks, token{start: i, end: i + n, text: s[i : i+n], punct: r, quoted: open})
			i += n
		}
	}
	return toks, open
}

// quoteMark tells whether the rune r at s[i:i+n] opens or closes a
// quotation. A straight mark opens after a space or at the start and
// before a word, closes after a word; otherwise it turns the state.
func quoteMark(s string, i int, r rune, n int, open bool) int {
	switch r {
	case '“', '«', '„':
		return markOpen
	case '”', '»', '″':
		return markClose
	case '"':
		before := i == 0 || strings.ContainsRune(" \t\n([{—–-", rune(s[i-1]))
		after := i+n < len(s) && !unicode.IsSpace(rune(s[i+n])) && !strings.ContainsRune(".,;:!?)", rune(s[i+n]))
		switch {
		case before && after:
			return markOpen
		case !before && !after:
			return markClose
		case open:
			return markClose
		}
		return markOpen
	}
	return markNone
}

// wordEnd returns the end of the word that starts at s[i]: letters and
// digits, joined by an apostrophe, a hyphen, a full stop, an ampersand or
// a slash, and the full stop of a title or an initial ("Sen.", "J.",
// "U.S.").
func wordEnd(s string, i int) int {
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			j += n
			continue
		}
		if (r == '\'' || r == '’' || r == '-' || r == '.' || r == '&' || r == '/') && j+n < len(s) && startsWord(s[j+n:]) {
			j += n
			continue
		}
		if r == '.' {
			w := s[i:j]
			if titles[w] || utf8.RuneCountInString(w) == 1 && unicode.IsUpper(rune(w[0])) || strings.Contains(w, ".") {
				j += n
			}
		}
		break
	}
	return j
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// find reads one sentence; open tells that it starts inside a quotation.
func find(s string, open bool) found {
	toks, openAtEnd := tokenize(s, open)
	f := found{openAtEnd: openAtEnd}
	sp, ok := search(toks)
	if ok {
		if sp.pronoun {
			f.pronoun = true
		} else {
			end := toks[sp.to].end
			if sp.owner {
				end -= len(toks[sp.to].text) - len(strings.TrimSuffix(strings.TrimSuffix(toks[sp.to].text, "'s"), "’s"))
			}
			f.text = s[toks[sp.from].start:end]
			if f.text = unique(s, toks, sp, f.text); f.text != "" {
				f.person = isPerson(toks[sp.from : sp.to+1])
			}
		}
	}
	// Does the sentence name anyone else, outside quotations?
	for k, t := range toks {
		if !t.word || t.quoted || !t.cap || nonNames[t.lower] || timeWords[t.lower] {
			continue
		}
		if ok && !sp.pronoun && k >= sp.from && k <= sp.to {
			continue
		}
		if k == firstWord(toks) || t.lower == "the" || t.lower == "a" || t.lower == "an" {
			continue
		}
		f.others = true
	}
	return f
}

// span is a speaker phrase: toks[from..to], or a pronoun.
type span struct {
	from, to int
	pronoun  bool
	owner    bool // toks[to] is a possessive whose owner is the speaker
}

// search returns the first attribution of the sentence, reading left to
// right, outside quotations.
func search(toks []token) (span, bool) {
	if sp, ok := inAStatement(toks); ok {
		return sp, true
	}
	for i, t := range toks {
		if !t.word || t.quoted {
			continue
		}
		if t.lower == "according" && i+1 < len(toks) && toks[i+1].lower == "to" {
			if sp, ok := phraseRight(toks, i+2, true); ok {
				return sp, true
			}
			continue
		}
		if t.cap || !reportingVerbs[t.lower] {
			continue
		}
		next := nextWord(toks, i)
		if nounVerbs[t.lower] && (next < 0 || next != i+1 || notClause[toks[next].lower]) {
			continue
		}
		if (t.lower == "added" || t.lower == "adds") && next >= 0 && toks[next].lower != "that" && !timeWords[toks[next].lower] {
			continue // "employers added 943,000 jobs"
		}
		if p := prevWord(toks, i); p >= 0 && p == i-1 && passiveAux[toks[p].lower] {
			// "was told", "is reported by Reuters".
			if next == i+1 && toks[next].lower == "by" {
				if sp, ok := phraseRight(toks, next+1, false); ok && toks[sp.to].cap {
					return sp, true
				}
			}
			continue
		}
		if sp, ok, stop := subjectLeft(toks, i); ok {
			return sp, true
		} else if stop {
			continue
		}
		if inversionVerbs[t.lower] && i > 0 && inversionMark(toks[i-1]) {
			j := skipTime(toks, i+1)
			if sp, ok := phraseRight(toks, j, false); ok {
				return sp, true
			}
		}
	}
	return span{}, false
}

// inversionMark is the punctuation after which a speaker may follow its
// verb: ", said X", "," said X", "— said X".
func inversionMark(t token) bool {
	return !t.word && strings.ContainsRune(",”\"’—–", t.punct)
}

// inAStatement reads "In a statement, X ..." at the start of a sentence.
func inAStatement(toks []token) (span, bool) {
	if len(toks) < 5 || toks[0].lower != "in" || !toks[0].word {
		return span{}, false
	}
	if l := toks[1].lower; l != "a" && l != "an" && l != "their" && l != "his" && l != "her" && l != "its" {
		return span{}, false
	}
	k := 2
	for k < len(toks) && k < 6 && toks[k].word {
		k++
	}
	if k >= len(toks) || toks[k].punct != ',' {
		return span{}, false
	}
	media := false
	for _, t := range toks[2:k] {
		media = media || statementNouns[t.lower]
	}
	if !media {
		return span{}, false
	}
	sp, ok := phraseRight(toks, k+1, false)
	if !ok {
		return span{}, false
	}
	// The phrase must be the subject: a verb follows it.
	if n := sp.to + 1; n >= len(toks) || !toks[n].word || toks[n].cap {
		return span{}, false
	}
	return sp, true
}

var statementNouns = setOf(`statement tweet interview letter post email release op-ed speech video
filing briefing`)

// subjectLeft finds the subject before the verb at toks[v]: skipping the
// words that may stand between ("has also said", "on Monday said", "(R-Ky.)",
// an appositive between commas), then reading the phrase leftwards. stop
// is true when the verb has a subject that is not a speaker (a negation,
// a noun), so no speaker should be looked for after it.
func subjectLeft(toks []token, v int) (sp span, ok, stop bool) {
	j := v - 1
	sawTime := false
	for j >= 0 {
		t := toks[j]
		switch {
		case t.word && !t.quoted && !t.cap && (betweenWords[t.lower] || adverb(t.lower)):
			j--
		case t.word && !t.quoted && negations[t.lower]:
			return span{}, false, true
		case t.word && !t.quoted && timeWords[t.lower]:
			sawTime = true
			j--
		case t.word && !t.quoted && sawTime && timeLead[t.lower] && !t.cap:
			j--
		case !t.word && t.punct == ')':
			k := j - 1
			for k >= 0 && j-k <= 8 && toks[k].punct != '(' {
				k--
			}
			if k < 0 || toks[k].punct != '(' {
				return span{}, false, false
			}
			j = k - 1
		default:
			goto read
		}
	}
read:
	if j < 0 {
		return span{}, false, false
	}
	t := toks[j]
	if !t.word {
		if t.punct != ',' || t.quoted {
			return span{}, false, false
		}
		// "Sen. Mitt Romney, Utah Republican, said": an appositive.
		// "Roy Moore, who was the nominee in 2017, announced": a
		// relative clause.
		k := j - 1
		for k >= 0 && j-k <= 25 && toks[k].punct != ',' {
			if !toks[k].word && !strings.ContainsRune("().", toks[k].punct) || reportingVerbs[toks[k].lower] || toks[k].lower == "that" {
				return span{}, false, false
			}
			k--
		}
		if k >= 0 && j-k > 12 && toks[k+1].lower != "who" {
			return span{}, false, false
		}
		if k < 1 || toks[k].punct != ',' || k == j-1 {
			return span{}, false, false
		}
		sp, ok := phraseLeft(toks, k-1)
		if !ok || sp.pronoun || !toks[sp.to].cap {
			return span{}, false, false
		}
		return sp, true, false
	}
	if t.quoted {
		return span{}, false, false
	}
	if t.lower == "who" && j >= 2 && toks[j-1].punct == ',' {
		// "Biden, who spoke after the call, said": the name before "who".
		sp, ok := phraseLeft(toks, j-2)
		if ok && !sp.pronoun && toks[sp.to].cap {
			return sp, true, false
		}
		return span{}, false, true
	}
	sp, ok = phraseLeft(toks, j)
	if !ok {
		// "officials familiar with the matter said".
		for p := j - 1; p >= 2 && j-p <= 6 && toks[p].word && !toks[p].quoted; p-- {
			if prepositions[toks[p].lower] && familiar[toks[p-1].lower] {
				sp, ok = familiarWith(toks, p, j)
				break
			}
		}
	}
	return sp, ok, !ok && t.word && !t.cap
}

// phraseLeft reads a speaker phrase that ends at toks[h], its head.
func phraseLeft(toks []token, h int) (span, bool) {
	head := toks[h]
	if !head.word || head.quoted || head.poss {
		return span{}, false
	}
	if pronounSubjects[head.lower] {
		return span{pronoun: true}, true
	}
	if !(head.cap && isNameWord(head) || !head.cap && (sourceNouns[head.lower] || documentNouns[head.lower])) {
		return span{}, false
	}
	from := h
	for k := h - 1; k >= 0; k-- {
		t := toks[k]
		if pluralPossessive(toks, k) {
			continue
		}
		if !t.word || t.quoted {
			break
		}
		if t.cap {
			if !isNameWord(t) && !(t.lower == "the" && k == firstWord(toks)) {
				break
			}
			from = k
			continue
		}
		if t.lower == "the" && k >= 2 && toks[k-1].word && !toks[k-1].cap && joiners[toks[k-1].lower] && toks[k-2].cap {
			from = k // "the Department of the Treasury"
			continue
		}
		if determiners[t.lower] {
			from = k
			break
		}
		if t.lower == "and" {
			// "Biden and Putin", "Centers for Disease Control and
			// Prevention": names on both sides, not the end of a list
			// ("officials from the United States, Canada and the
			// United Kingdom").
			if !allNames(toks[k+1:h+1]) || k == 0 || !toks[k-1].cap || listBefore(toks, k) {
				break
			}
			from = k
			continue
		}
		if joiners[t.lower] || roleWords[t.lower] || sourceNouns[t.lower] || documentNouns[t.lower] {
			from = k
			continue
		}
		break
	}
	// The object of a preposition is not the subject of the verb ("in
	// Kabul, Afghanistan, warned", "abuses by President Trump
	// reported"), except in "sources familiar with the matter said".
	if p := from - 1; p >= 0 && toks[p].word && !toks[p].cap && prepositions[toks[p].lower] {
		if sp, ok := familiarWith(toks, p, h); ok {
			return sp, true
		}
		// "The leaders of the Senate Intelligence Committee", "A memo
		// from the Justice Department's Office of Legal Counsel".
		if l := toks[p].lower; (l == "of" || l == "from" || l == "for") && p >= 1 && !toks[p-1].cap &&
			(sourceNouns[toks[p-1].lower] || documentNouns[toks[p-1].lower]) {
			if sp, ok := phraseLeft(toks, p-1); ok && !sp.pronoun {
				return settle(toks, sp.from, h)
			}
		}
		return span{}, false
	}
	return settle(toks, from, h)
}

// familiarWith reads "officials familiar with the talks", "a source close
// to the president" ending at toks[h], where toks[p] is the preposition.
func familiarWith(toks []token, p, h int) (span, bool) {
	if p < 2 || !familiar[toks[p-1].lower] {
		return span{}, false
	}
	sp, ok := phraseLeft(toks, p-2)
	if !ok || sp.pronoun || !lowerStarts[toks[sp.from].lower] && !toks[sp.from].cap {
		return span{}, false
	}
	return settle(toks, sp.from, h)
}

// pluralPossessive reports whether toks[k] is the apostrophe of a plural
// possessive ("the States' support").
func pluralPossessive(toks []token, k int) bool {
	return !toks[k].word && (toks[k].punct == '\'' || toks[k].punct == '’') && k > 0 && toks[k-1].poss && toks[k-1].end == toks[k].start
}

var familiar = setOf(`familiar close briefed knowledgeable`)

// allNames reports whether every word is capitalised or a joiner.
func allNames(ts []token) bool {
	for _, t := range ts {
		if !t.word || !(t.cap || joiners[t.lower]) {
			return false
		}
	}
	return true
}

// listBefore reports whether the "and" at toks[k] ends a list: a comma
// comes before it within the same run of names.
func listBefore(toks []token, k int) bool {
	for j := k - 1; j >= 0 && k-j <= 6; j-- {
		if !toks[j].word {
			return toks[j].punct == ',' && j > 0 && toks[j-1].word && toks[j-1].cap && isNameWord(toks[j-1])
		}
		if !toks[j].cap && !joiners[toks[j].lower] {
			return false
		}
	}
	return false
}

// particles begin surnames in lower case ("de Blasio", "van Gogh").
var particles = setOf(`de van von al bin la le du da del der`)

var prepositions = setOf(`in at of from with by for to on about against into onto over under near among
between through toward towards upon within without across behind beyond like than via`)

// phraseRight reads a speaker phrase that starts at toks[i] ("said X",
// "according to X"). A document ("a White House readout") stands as a
// source only after "according to" (doc).
func phraseRight(toks []token, i int, doc bool) (span, bool) {
	if i >= len(toks) {
		return span{}, false
	}
	k := i
	if t := toks[k]; t.word && !t.cap && determiners[t.lower] {
		k++
	} else if doc && t.word && len(t.text) == 4 && isYear(t.text) {
		k++ // "2019 data from the U.S. Census Bureau"
	}
	head := -1
	for ; k < len(toks); k++ {
		t := toks[k]
		if pluralPossessive(toks, k) {
			continue
		}
		if !t.word || t.quoted {
			break
		}
		if t.cap {
			if !isNameWord(t) {
				break
			}
			if !t.poss {
				head = k
			}
			continue
		}
		if t.lower == "of" || t.lower == "from" || t.lower == "for" {
			// "the Department of Justice", "data from Johns Hopkins
			// University", "a spokesman for the Kremlin": only a
			// name after it belongs to the phrase.
			m := k + 1
			if m < len(toks) && toks[m].lower == "the" {
				m++
			}
			if m < len(toks) && toks[m].word && toks[m].cap && isNameWord(toks[m]) && head >= 0 {
				k = m - 1
				continue
			}
			break
		}
		if joiners[t.lower] && head >= 0 && k+1 < len(toks) && toks[k+1].cap {
			continue
		}
		if sourceNouns[t.lower] || doc && documentNouns[t.lower] {
			head = k
			continue
		}
		if roleWords[t.lower] || t.poss && k > i {
			continue
		}
		break
	}
	if head < 0 {
		return span{}, false
	}
	// The phrase must end where its name ends, not before more of it.
	if n := head + 1; n < len(toks) && (!boundary(toks[n]) || toks[n].word && toks[n].cap) {
		// A capitalised word right after may be more of the name, or a
		// date ("a government report Friday") that reads as one.
		return span{}, false
	}
	return settle(toks, i, head)
}

// settle trims toks[from..to] to a sound speaker phrase: it starts with a
// capitalised word, a determiner or a bare source noun, is not a piece
// of a longer name, has at most eight words and names someone.
func settle(toks []token, from, to int) (span, bool) {
	for from <= to && (toks[from].word && !toks[from].cap && joiners[toks[from].lower] && !determiners[toks[from].lower] && !(particles[toks[from].lower] && from < to && toks[from+1].cap)) {
		from++
	}
	for from <= to && !(toks[from].cap || lowerStarts[toks[from].lower] || particles[toks[from].lower] || isYear(toks[from].text) || from == to && sourceNouns[toks[from].lower]) {
		from++
	}
	owner := false
	if to-from+1 > 8 {
		// Too long: the owner of a possessive ("the Bureau of Labor
		// Statistics' survey"), or the name at its end ("... lawyer
		// Michael Cohen"), when that is whole.
		cut := -1
		for k := from; k < to && k-from < 8; k++ {
			if toks[k].poss {
				cut = k
				break
			}
		}
		if cut >= 0 {
			to, owner = cut, true
		} else {
			k := to - 7
			for k <= to && (!toks[k].cap || toks[k-1].cap || joiners[toks[k-1].lower]) {
				k++
			}
			from = k
		}
	}
	if from > to {
		return span{}, false
	}
	// A phrase of only time words, quantifiers or joiners names no one.
	named := false
	for _, t := range toks[from : to+1] {
		if t.cap && isNameWord(t) && !(t.lower == "the" || t.lower == "a") || sourceNouns[t.lower] || documentNouns[t.lower] {
			named = true
		}
	}
	if !named || toks[to].poss && !owner {
		return span{}, false
	}
	// Cut from a longer name after a joiner ("Border Protection" of
	// "Customs and Border Protection").
	if p := from - 1; p >= 1 && toks[p].word && !toks[p].cap && joiners[toks[p].lower] && toks[p-1].word && toks[p-1].cap && !toks[from].quoted {
		return span{}, false
	}
	// A phrase cut from a description ("Democrat" in "a prominent
	// centrist Democrat"); a whole name after one is fine ("outspoken
	// conservative Kyle Kashuv").
	if p := from - 1; p >= 0 && !boundary(toks[p]) && !(toks[p].cap && p == firstWord(toks)) && !(toks[from].cap && from < to && toks[from+1].cap) {
		return span{}, false
	}
	// Part of a longer name: a capitalised word right before, not at the
	// start of the sentence or after punctuation.
	if p := from - 1; p >= 0 && toks[p].word && toks[p].cap && !toks[p].quoted && p != firstWord(toks) {
		if p-1 < 0 || toks[p-1].word {
			return span{}, false
		}
	}
	return span{from: from, to: to, owner: owner}, true
}

// unique returns the phrase, or a fuller form of it, such that its first
// occurrence in the sentence is not a piece of a longer name: "Trump"
// after "President Donald Trump's" becomes "President Donald Trump". It
// returns "" when there is no such form.
func unique(s string, toks []token, sp span, text string) string {
	at := strings.Index(s, text)
	if at == toks[sp.from].start {
		return text
	}
	// Find the tokens of the first occurrence.
	first := -1
	for k, t := range toks {
		if t.start == at {
			first = k
			break
		}
	}
	if first < 0 {
		return "" // inside a word
	}
	last := first + (sp.to - sp.from)
	if last >= len(toks) {
		return ""
	}
	before := first > 0 && toks[first-1].word && toks[first-1].cap
	after := last+1 < len(toks) && toks[last+1].word && (toks[last+1].cap || toks[last+1].lower == "of")
	if !before && !after {
		return text
	}
	if after {
		return ""
	}
	// Extend to the whole capitalised run ending there.
	from := first
	for from > 0 && toks[from-1].word && !toks[from-1].quoted && (toks[from-1].cap && isNameWord(toks[from-1]) || joiners[toks[from-1].lower] && from-2 >= 0 && toks[from-2].cap) {
		from--
	}
	if from == first || !toks[from].cap || from > 0 && toks[from-1].word && toks[from-1].cap {
		return ""
	}
	// The whole name, without the possessive it may carry there.
	full := s[toks[from].start : at+len(text)]
	if strings.Index(s, full) != toks[from].start {
		return ""
	}
	return full
}

// boundary reports whether t may stand right before or after a speaker
// phrase: punctuation or a word that cannot continue a name or a
// description (a preposition, a conjunction, a verb of saying).
func boundary(t token) bool {
	return !t.word || t.quoted || nonNames[t.lower] || reportingVerbs[t.lower] || passiveAux[t.lower] ||
		auxVerbs[t.lower] || betweenWords[t.lower] || timeWords[t.lower] || timeLead[t.lower] || joiners[t.lower] ||
		!t.cap && participle(t.lower)
}

// participle reports whether a lower-case word is an -ing or -ed form,
// which starts a description after a phrase ("officials familiar with",
// "a letter sent to") or is a verb before one.
func participle(w string) bool {
	return len(w) > 4 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed")) || w == "familiar" || w == "close"
}

// adverb reports whether a lower-case word is a manner adverb that may
// stand between a speaker and the verb ("starkly warned").
func adverb(w string) bool {
	return len(w) > 5 && strings.HasSuffix(w, "ly") && !sourceNouns[w] && w != "only"
}

var auxVerbs = setOf(`has have had will would could should can may might must did does do citing who`)

// isNameWord reports whether a capitalised word can be part of a name.
func isNameWord(t token) bool {
	return !nonNames[t.lower] && !timeWords[t.lower] && !(t.poss && nonNames[strings.TrimSuffix(strings.TrimSuffix(t.lower, "'s"), "’s")])
}

// isPerson reports whether the phrase names one person: capitalised,
// not an organisation, a document or a group.
func isPerson(ts []token) bool {
	caps := 0
	for _, t := range ts {
		if t.cap {
			caps++
		}
		if t.lower == "and" || orgWords[t.lower] || documentNouns[t.lower] || !t.cap && sourceNouns[t.lower] && strings.HasSuffix(t.lower, "s") {
			return false
		}
	}
	last := ts[len(ts)-1]
	return caps > 0 && last.cap && !strings.HasSuffix(last.lower, "s") || caps > 0 && last.cap && len(last.text) > 3
}

func firstWord(toks []token) int {
	for k, t := range toks {
		if t.word {
			return k
		}
	}
	return -1
}

func prevWord(toks []token, i int) int {
	if i > 0 && toks[i-1].word {
		return i - 1
	}
	return -1
}

func nextWord(toks []token, i int) int {
	if i+1 < len(toks) && toks[i+1].word {
		return i + 1
	}
	return -1
}

// skipTime skips a date right after a verb ("said Tuesday", "said on
// Tuesday").
func skipTime(toks []token, i int) int {
	j := i
	if j < len(toks) && toks[j].lower == "on" && j+1 < len(toks) && timeWords[toks[j+1].lower] {
		j++
	}
	for j < len(toks) && toks[j].word && timeWords[toks[j].lower] {
		j++
	}
	if j > i && j < len(toks) && toks[j].punct == ',' {
		j++
	}
	return j
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s[0] == '1' || s[0] == '2'
}
