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
	return find(sentence, false, nil).text
}

// Speakers returns the speaker of each of an article's sentences, in
// order, as Article.Speaker gives them.
func Speakers(sentences []string) []string {
	a := NewArticle(sentences)
	out := make([]string, len(sentences))
	for i := range out {
		out[i] = a.Speaker(i)
	}
	return out
}

// Article reads the speakers of one article's sentences, each when it is
// first asked for: a summarizer wants those of a few sentences only.
type Article struct {
	sentences []string
	open      []bool         // a quotation is open at the start of sentence i, for the first len(open)
	seen      []readSentence // the sentences read so far, in the order read
	buf       []token
}

// readSentence is what sentence i tells about its speaker.
type readSentence struct {
	i int
	f found
}

// NewArticle returns an Article over the sentences, in order.
func NewArticle(sentences []string) *Article {
	return &Article{sentences: sentences, open: []bool{false}}
}

// openAt tells whether a quotation is open at the start of sentence i,
// scanning the sentences before it once.
func (a *Article) openAt(i int) bool {
	for k := len(a.open) - 1; k < i; k++ {
		a.open = append(a.open, quoteOpenAtEnd(a.sentences[k], a.open[k]))
	}
	return a.open[i]
}

// Speaker returns the speaker of sentence i. Besides what the package's
// Speaker finds in the sentence alone it uses the sentences around it:
// words inside a quotation that began in an earlier sentence are the
// quoted speaker's, never an attribution ("The report says ..." inside a
// quotation names no source), and "he said" or "she said" belongs to the
// speaker of the sentence just before when that sentence names one
// person and no one else; such a speaker is then not in the sentence's
// own text. A sentence inside a quotation that runs on gets no speaker
// from where the quotation closes, which may be several sentences away.
func (a *Article) Speaker(i int) string {
	f := a.read(i)
	if f.text == "" && f.pronoun && i > 0 && !f.others {
		if p := a.read(i - 1); p.person && !p.others {
			return p.text
		}
	}
	return f.text
}

func (a *Article) read(i int) found {
	// A summarizer reads a few sentences, Speakers each in turn after
	// the one before: the last read is the likely one.
	for k := len(a.seen) - 1; k >= 0; k-- {
		if a.seen[k].i == i {
			return a.seen[k].f
		}
	}
	var f found
	if mayAttribute(a.sentences[i]) {
		f = find(a.sentences[i], a.openAt(i), &a.buf)
	}
	a.seen = append(a.seen, readSentence{i, f})
	return f
}

// found is what one sentence tells about its speaker.
type found struct {
	text    string // the speaker as written, "" for none
	pronoun bool   // the speaker is "he" or "she"
	person  bool   // text names one person (not an organisation, a document or a group)
	others  bool   // the sentence names someone besides its speaker (outside quotations)
}

// token is a word or a punctuation mark of a sentence.
type token struct {
	start, end int
	text       string
	lower      string
	cls        uint32 // the word's classes (see words.go)
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

func tokenize(toks []token, s string, open bool) []token {
	single := false // the sentence opened with a single quotation mark
	for i := 0; i < len(s); {
		if c := s[i]; c == ' ' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := wordEnd(s, i)
			w := s[i:j]
			l, cls := lookup(w)
			t := token{start: i, end: j, text: w, lower: l, cls: cls, word: true, cap: unicode.IsUpper(r), quoted: open}
			if possessiveS(w) {
				t.poss = true
			} else if j < len(s) && (s[j] == '\'' || strings.HasPrefix(s[j:], "’")) && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "S")) {
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
		case r == '&':
			// "Bendixen & Amandi": a joiner inside a name.
			toks = append(toks, token{start: i, end: i + 1, text: "&", lower: "&", cls: classOf("&"), word: true, quoted: open})
			i++
		default:
			kind := quoteMark(s, i, r, n, open)
			if kind == markNone && (r == '\'' || r == '‘' || r == '’') {
				kind = singleQuote(s, i, n, len(toks) == 0, single)
				single = single || kind == markOpen && len(toks) == 0
			}
			if kind != markNone {
				open = kind == markOpen
			}
			toks = append(toks, token{start: i, end: i + n, text: s[i : i+n], punct: r, quoted: open})
			i += n
		}
	}
	// "Theresa May", "April Ryan": a month after a name is the name's.
	for k := 1; k < len(toks); k++ {
		t := &toks[k]
		if t.cap && t.cls&cMonths != 0 && toks[k-1].word && toks[k-1].cap && isNameWord(toks[k-1]) &&
			!(k+1 < len(toks) && toks[k+1].word && toks[k+1].text[0] >= '0' && toks[k+1].text[0] <= '9') {
			t.cls &^= cTimeWords | cMonths
		}
	}
	return toks
}

// quoteOpenAtEnd tells whether a quotation is open at the end of s, when
// one is open at its start. It looks only where a mark can start: at a
// straight quotation mark or at the first byte of a curly one (0xE2) or
// a guillemet (0xC2), each found with a fast byte search.
func quoteOpenAtEnd(s string, open bool) bool {
	next := func(from int, c byte) int {
		if k := strings.IndexByte(s[from:], c); k >= 0 {
			return from + k
		}
		return len(s)
	}
	nq, ne, nc := next(0, '"'), next(0, 0xE2), next(0, 0xC2)
	for {
		i := min(nq, ne, nc)
		if i >= len(s) {
			return open
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if m := quoteMark(s, i, r, n, open); m != markNone {
			open = m == markOpen
		}
		switch i {
		case nq:
			nq = next(i+1, '"')
		case ne:
			ne = next(i+1, 0xE2)
		default:
			nc = next(i+1, 0xC2)
		}
	}
}

// mayAttribute reports whether s has a word that can introduce an
// attribution: a reporting verb, "according" or a leading "In". Most
// sentences have none and are not read further.
func mayAttribute(s string) bool {
	if strings.HasPrefix(s, "In ") || strings.Contains(s, "According") {
		return true
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < 'a' || c > 'z' {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
			j++
		}
		if n := j - i; n >= 4 && n <= 12 && (i == 0 || !isASCIILetter(s[i-1])) {
			if w := s[i:j]; w == "according" || classOf(w)&cReportingVerbs != 0 {
				return true
			}
		}
		i = j
	}
	return false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

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

// singleQuote tells the role of a single quotation mark: it opens a
// quotation only at the start of a sentence ("'Most masks don't work,'
// Paul said") and then closes it after a word or a comma, before a space;
// elsewhere it is an apostrophe.
func singleQuote(s string, i, n int, first, single bool) int {
	if first && i+n < len(s) && startsWord(s[i+n:]) {
		return markOpen
	}
	if single && i > 0 && (i+n == len(s) || s[i+n] == ' ') && !(s[i-1] == 's' || s[i-1] == ' ') {
		return markClose
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
		if c := s[j]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			j++
			continue
		}
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
			if classOf(w)&cTitles != 0 || utf8.RuneCountInString(w) == 1 && unicode.IsUpper(rune(w[0])) || initials(w) {
				j += n
			}
		}
		break
	}
	return j
}

// possessiveS reports whether w ends in "'s" or "’s".
func possessiveS(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'S") || strings.HasSuffix(w, "’S")
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// find reads one sentence; open tells that it starts inside a quotation.
func find(s string, open bool, buf *[]token) found {
	if !mayAttribute(s) {
		return found{}
	}
	var toks []token
	if buf != nil {
		toks = tokenize((*buf)[:0], s, open)
		*buf = toks
	} else {
		toks = tokenize(nil, s, open)
	}
	var f found
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
		if !t.word || t.quoted || !t.cap || (t.cls&cNonNames != 0) || (t.cls&cTimeWords != 0) {
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
		if t.cap || !(t.cls&cReportingVerbs != 0) {
			continue
		}
		next := nextWord(toks, i)
		if t.cls&cNounVerbs != 0 && (next != i+1 || toks[next].cls&cNotClause != 0 || i > 0 && adjectiveStart(toks, i-1)) {
			continue // "Trump's claims, however", "Jobless claims increase"
		}
		if t.cls&cClauseVerbs != 0 && next >= 0 && !clauseAfter(t, toks[next]) {
			continue // "employers added 943,000 jobs", "officers responded to a crime scene"
		}
		if p := prevWord(toks, i); p >= 0 && p == i-1 && (toks[p].cls&cPassiveAux != 0) {
			// "was told", "is reported by Reuters".
			if next == i+1 && toks[next].lower == "by" && t.cls&cPassiveBy != 0 {
				if sp, ok := phraseRight(toks, next+1, false); ok && toks[sp.to].cap {
					return sp, true
				}
			}
			continue
		}
		if next == i+1 && (toks[next].lower == "as" || toks[next].lower == "by") {
			continue // "Kavanaugh confirmed as a justice": a participle
		}
		if sp, ok, stop := subjectLeft(toks, i); ok {
			return sp, true
		} else if stop {
			continue
		}
		if (t.cls&cInversionVerbs != 0) && i > 0 && inversionMark(toks[i-1]) {
			j := skipTime(toks, i+1)
			// The speaker ends its clause: ", said Jen Psaki." or ",
			// said Smith on Monday", not ", says COVID-19 can spread".
			if sp, ok := phraseRight(toks, j, false); ok && endsClause(toks, sp.to+1) {
				return sp, true
			}
		}
	}
	return span{}, false
}

// clauseAfter reports whether w, right after a clause verb v, starts what
// v says or where: "that", a date, "in a statement", "to the court",
// "about the trip", "online"; "to" is a place after "responded".
func clauseAfter(v, w token) bool {
	switch w.lower {
	case "that", "in", "on", "for", "about", "online":
		return true
	case "to":
		return v.lower != "responded"
	}
	return w.cls&cTimeWords != 0
}

// adjectiveStart reports whether toks[k] is a capitalised adjective that
// starts the sentence ("Jobless claims", "Continuing claims", "Weekly
// reports"), not a name.
func adjectiveStart(toks []token, k int) bool {
	if k != firstWord(toks) || !toks[k].cap {
		return false
	}
	for _, suf := range []string{"less", "ing", "ed", "ful", "ous", "al", "ive", "ly"} {
		if strings.HasSuffix(toks[k].text, suf) {
			return true
		}
	}
	return false
}

// endsClause reports whether the speaker phrase before toks[k] ends its
// clause: punctuation, the end, a preposition, a date or a relative word.
func endsClause(toks []token, k int) bool {
	if k >= len(toks) || !toks[k].word {
		return true
	}
	t := toks[k]
	return !t.cap && (t.cls&(cPrepositions|cTimeWords|cTimeLead) != 0 || t.lower == "who" || t.lower == "according" || strings.HasSuffix(t.lower, "ing"))
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
		media = media || (t.cls&cStatementNouns != 0)
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
		case t.word && !t.quoted && !t.cap && ((t.cls&cBetweenWords != 0) || adverb(t.lower)):
			j--
		case t.word && !t.quoted && (t.cls&cNegations != 0):
			return span{}, false, true
		case t.word && !t.quoted && (t.cls&cTimeWords != 0):
			sawTime = true
			j--
		case t.word && !t.quoted && sawTime && (t.cls&cTimeLead != 0) && !t.cap:
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
			if !toks[k].word && !strings.ContainsRune("().", toks[k].punct) || (toks[k].cls&cReportingVerbs != 0) || toks[k].lower == "that" {
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
		// "the city's police chief, Carmen Best, said": a description,
		// then the name between the commas.
		if d := toks[k-1]; d.word && !d.cap && d.cls&(cRoleWords|cSourceNouns) != 0 && allNames(toks[k+1:j]) && toks[k+1].cap && toks[j-1].cap {
			sp, ok := settle(toks, k+1, j-1)
			return sp, ok, false
		}
		sp, ok := phraseLeft(toks, k-1)
		if ok && !sp.pronoun && !toks[sp.from].cap && sp.from > 0 && toks[sp.from-1].punct == ',' && sp.to+1 == k {
			// "Andrew Cuomo, a Democrat, whose state ..., said": the
			// description is itself an appositive; the name is before it.
			if sp2, ok2, _ := subjectLeft(toks, k+1); ok2 {
				return sp2, true, false
			}
		}
		if ok && !sp.pronoun && toks[sp.to].cap {
			return sp, true, false
		}
		return span{}, false, false
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
	if ok && !sp.pronoun && sp.from >= 2 && toks[sp.from-1].punct == ',' && toks[sp.from-2].word &&
		(toks[sp.from-2].lower == "who" || toks[sp.from-2].lower == "which" || toks[sp.from-2].lower == "that") {
		// "Fakhrizadeh, who, Israel alleged, led ...": an aside inside a
		// clause.
		return span{}, false, true
	}
	if ok && !sp.pronoun && j+1 < len(toks) && toks[j+1].word && toks[j+1].cap {
		// "Republicans Wednesday warned": a capitalised date right
		// after reads as more of the name.
		return span{}, false, true
	}
	if !ok {
		// "officials familiar with the matter said".
		for p := j - 1; p >= 2 && j-p <= 6 && toks[p].word && !toks[p].quoted; p-- {
			if (toks[p].cls&cPrepositions != 0) && (toks[p-1].cls&cFamiliar != 0) {
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
	if head.cls&cPronounSubjects != 0 {
		return span{pronoun: true}, true
	}
	if !(head.cap && isNameWord(head) || !head.cap && ((head.cls&cSourceNouns != 0) || (head.cls&cDocumentNouns != 0))) {
		return span{}, false
	}
	from := h
	for k := h - 1; k >= 0; k-- {
		t := toks[k]
		if pluralPossessive(toks, k) {
			continue
		}
		if t.punct == ')' && k >= 3 && toks[k-2].punct == '(' && toks[k-1].word && isAcronym(toks[k-1].text) &&
			toks[k-3].word && toks[k-3].cap && isNameWord(toks[k-3]) && toks[k+1].cap &&
			toks[k+1].start > t.end && toks[k-2].start > toks[k-3].end {
			// "Republican National Committee (RNC) Chairwoman ..."
			k -= 2
			continue
		}
		if o := nickname(toks, k); o > 0 {
			// "Brian 'Head' Welch", "Randolph “Tex” Alles".
			k = o
			continue
		}
		if !t.word || t.quoted {
			break
		}
		if t.cap {
			if !isNameWord(t) && !(t.lower == "the" && k == firstWord(toks)) && !(t.lower == "first" && toks[k+1].text == "Lady") {
				break
			}
			from = k
			continue
		}
		if t.lower == "the" && k >= 2 && toks[k-1].word && !toks[k-1].cap && (toks[k-1].cls&cJoiners != 0) && toks[k-2].cap {
			from = k // "the Department of the Treasury"
			continue
		}
		if t.cls&cDeterminers != 0 {
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
		if (t.cls&cJoiners != 0) || (t.cls&cRoleWords != 0) || (t.cls&cSourceNouns != 0) || (t.cls&cDocumentNouns != 0) && !head.cap || t.poss && k < h ||
			capitalAfterHyphen(t.text) {
			from = k
			continue
		}
		break
	}
	// The object of a preposition is not the subject of the verb ("in
	// Kabul, Afghanistan, warned", "abuses by President Trump
	// reported"), except in "sources familiar with the matter said".
	if p := from - 1; p >= 0 && toks[p].word && !toks[p].cap && (toks[p].cls&cPrepositions != 0) {
		if sp, ok := familiarWith(toks, p, h); ok {
			return sp, true
		}
		// "The leaders of the Senate Intelligence Committee", "A memo
		// from the Justice Department's Office of Legal Counsel".
		if l := toks[p].lower; (l == "of" || l == "from" || l == "for") && p >= 1 && !toks[p-1].cap &&
			((toks[p-1].cls&cSourceNouns != 0) || (toks[p-1].cls&cDocumentNouns != 0)) {
			if sp, ok := phraseLeft(toks, p-1); ok && !sp.pronoun {
				return settle(toks, sp.from, h)
			}
		}
		return span{}, false
	}
	if p := from - 1; p >= 1 && toks[p].word && (toks[p].lower == "and" || toks[p].lower == "&") && toks[p-1].word &&
		(toks[p-1].cap && toks[p-1].cls&(cRoleWords|cSourceNouns) == 0 || toks[from].cls&cDeterminers != 0) {
		// The last of a list of speakers ("Sens. Elizabeth Warren, Amy
		// Klobuchar and Rep. Mark Pocan"): one of them is not the source.
		return span{}, false
	}
	if p := from - 1; p >= 0 && toks[p].word && !toks[p].cap && toks[p].cls&cSubordinators != 0 {
		// "after Trump said", "reveals that the FBI had warned": the
		// speaker of a clause, not of the sentence.
		return span{}, false
	}
	return settle(toks, from, h)
}

// familiarWith reads "officials familiar with the talks", "a source close
// to the president" ending at toks[h], where toks[p] is the preposition.
func familiarWith(toks []token, p, h int) (span, bool) {
	if p < 2 || !(toks[p-1].cls&cFamiliar != 0) {
		return span{}, false
	}
	sp, ok := phraseLeft(toks, p-2)
	if !ok || sp.pronoun || !(toks[sp.from].cls&cLowerStarts != 0) && !toks[sp.from].cap {
		return span{}, false
	}
	return settle(toks, sp.from, h)
}

// initials reports whether w is dotted initials ("U.S", "D.C", "J.R.R"),
// which keep their last full stop, unlike "History.com".
func initials(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		if len(part) > 2 {
			return false
		}
	}
	return true
}

// maxWords is the longest speaker phrase: longer ones are clauses.
const maxWords = 8

// words counts the words of a phrase.
func words(ts []token) int {
	n := 0
	for _, t := range ts {
		if t.word {
			n++
		}
	}
	return n
}

// nickname returns, when toks[k] closes a quoted nickname inside a name
// (a capitalised word, a quotation mark, one or two capitalised words, a
// quotation mark, then the name goes on), the index of the opening mark;
// 0 otherwise.
func nickname(toks []token, k int) int {
	t := toks[k]
	if t.word || !strings.ContainsRune("'‘’\"“”″", t.punct) || k+1 >= len(toks) || !toks[k+1].cap {
		return 0
	}
	for o := k - 2; o >= 1 && o >= k-3; o-- {
		if !toks[o].word && strings.ContainsRune("'‘’\"“”″", toks[o].punct) && toks[o-1].word && toks[o-1].cap {
			for _, w := range toks[o+1 : k] {
				if !w.word || !w.cap {
					return 0
				}
			}
			return o
		}
	}
	return 0
}

// capitalAfterHyphen reports whether a word is a prefix joined to a
// capitalised word: "ex-Foreign", "co-CEO".
func capitalAfterHyphen(w string) bool {
	i := strings.LastIndexByte(w, '-')
	if i <= 0 || i+1 >= len(w) || w[i+1] < 'A' || w[i+1] > 'Z' {
		return false
	}
	switch strings.ToLower(w[:i]) {
	case "ex", "co", "then", "former", "acting", "deputy", "vice":
		return true
	}
	return false
}

// capWords counts the capitalised words of a phrase.
func capWords(ts []token) int {
	n := 0
	for _, t := range ts {
		if t.word && t.cap {
			n++
		}
	}
	return n
}

// isAcronym reports whether w is all capitals ("RNC", "DHS").
func isAcronym(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return len(w) > 1
}

// pluralPossessive reports whether toks[k] is the apostrophe of a plural
// possessive ("the States' support").
func pluralPossessive(toks []token, k int) bool {
	return !toks[k].word && (toks[k].punct == '\'' || toks[k].punct == '’') && k > 0 && toks[k-1].poss && toks[k-1].end == toks[k].start
}

// allNames reports whether every word is capitalised or a joiner.
func allNames(ts []token) bool {
	for _, t := range ts {
		if !t.word || !(t.cap || (t.cls&cJoiners != 0)) {
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
		if !toks[j].cap && !(toks[j].cls&cJoiners != 0) {
			return false
		}
	}
	return false
}

// phraseRight reads a speaker phrase that starts at toks[i] ("said X",
// "according to X"). A document ("a White House readout") stands as a
// source only after "according to" (doc).
func phraseRight(toks []token, i int, doc bool) (span, bool) {
	if i >= len(toks) {
		return span{}, false
	}
	k := i
	if t := toks[k]; t.word && !t.cap && (t.cls&cDeterminers != 0) {
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
		if t.lower == "of" || t.lower == "from" || t.lower == "for" || doc && (t.lower == "by" || t.lower == "in") && head == k-1 && !toks[head].cap {
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
		if (t.cls&cJoiners != 0) && head >= 0 && k+1 < len(toks) && toks[k+1].cap {
			continue
		}
		if (t.cls&cSourceNouns != 0) || doc && (t.cls&cDocumentNouns != 0) {
			head = k
			continue
		}
		if (t.cls&cRoleWords != 0) || t.poss && k > i {
			continue
		}
		break
	}
	if head < 0 {
		return span{}, false
	}
	// The phrase must end where its name ends, not before more of it.
	if head == len(toks)-1 {
		// The sentence stops inside the phrase: a scraper cut it
		// ("according to a New York").
		return span{}, false
	}
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
	for from <= to && (toks[from].word && !toks[from].cap && (toks[from].cls&cJoiners != 0) && !(toks[from].cls&cDeterminers != 0) && !((toks[from].cls&cParticles != 0) && from < to && toks[from+1].cap)) {
		from++
	}
	// The phrase as read, before its lower-case description is cut off
	// the front ("federal economists" gives "economists").
	described := from
	for from <= to && !(toks[from].cap || (toks[from].cls&cLowerStarts != 0) || (toks[from].cls&cParticles != 0) || capitalAfterHyphen(toks[from].text) || isYear(toks[from].text) || from == to && (toks[from].cls&cSourceNouns != 0)) {
		from++
	}
	owner := false
	if words(toks[from:to+1]) > maxWords {
		// Too long: the owner of a possessive ("the Bureau of Labor
		// Statistics' survey"), or the name at its end ("... lawyer
		// Michael Cohen"), when that is whole.
		cut := -1
		for k := from; k < to && words(toks[from:k+1]) <= maxWords; k++ {
			if toks[k].poss {
				cut = k
				break
			}
		}
		if cut >= 0 {
			to, owner = cut, true
		} else {
			k := from + 1
			for k <= to && (words(toks[k:to+1]) > maxWords || !toks[k].cap || !toks[k-1].word || toks[k-1].cap || (toks[k-1].cls&cJoiners != 0)) {
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
		if t.cap && isNameWord(t) && !(t.lower == "the" || t.lower == "a") || (t.cls&cSourceNouns != 0) || (t.cls&cDocumentNouns != 0) {
			named = true
		}
	}
	if !named || toks[to].poss && !owner {
		return span{}, false
	}
	// Cut from a longer name after a joiner ("Border Protection" of
	// "Customs and Border Protection").
	if p := from - 1; p >= 1 && toks[p].word && !toks[p].cap && (toks[p].cls&cJoiners != 0) && toks[p-1].word && toks[p-1].cap && !toks[from].quoted {
		return span{}, false
	}
	// A description cut after "and" ("the senator and presidential
	// candidate") leaves a piece of one.
	if described < from && described > 0 && toks[described-1].word && (toks[described-1].lower == "and" || toks[described-1].lower == "&") {
		return span{}, false
	}
	// A phrase cut from a description ("Democrat" in "a prominent
	// centrist Democrat"); a whole name after one is fine ("outspoken
	// conservative Kyle Kashuv").
	if p := described - 1; p >= 0 && !boundary(toks[p]) && !(toks[p].cap && p == firstWord(toks)) && !(toks[from].cap && capWords(toks[from:to+1]) >= 2) {
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
	if after || !toks[sp.from].cap {
		// A lower-case phrase found first inside a name ("officials" in
		// "White House officials") is another source.
		return ""
	}
	// Extend to the whole capitalised run ending there.
	from := first
	for from > 0 && toks[from-1].word && !toks[from-1].quoted && (toks[from-1].cap && isNameWord(toks[from-1]) || (toks[from-1].cls&cJoiners != 0) && from-2 >= 0 && toks[from-2].cap) {
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
	return !t.word || t.quoted || (t.cls&cNonNames != 0) || (t.cls&cReportingVerbs != 0) || (t.cls&cPassiveAux != 0) ||
		(t.cls&cAuxVerbs != 0) || (t.cls&cBetweenWords != 0) || (t.cls&cTimeWords != 0) || (t.cls&cTimeLead != 0) || (t.cls&cJoiners != 0) ||
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
	return len(w) > 5 && strings.HasSuffix(w, "ly") && classOf(w)&cSourceNouns == 0 && w != "only"
}

// isNameWord reports whether a capitalised word can be part of a name.
func isNameWord(t token) bool {
	return !(t.cls&cNonNames != 0) && !(t.cls&cTimeWords != 0) && !(t.poss && classOf(strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(t.text, "'s"), "’s")))&cNonNames != 0)
}

// isPerson reports whether the phrase names one person: capitalised,
// not an organisation, a document or a group.
func isPerson(ts []token) bool {
	caps := 0
	for _, t := range ts {
		if t.cap {
			caps++
		}
		if t.lower == "and" || (t.cls&cOrgWords != 0) || (t.cls&cDocumentNouns != 0) || !t.cap && (t.cls&cSourceNouns != 0) && strings.HasSuffix(t.lower, "s") {
			return false
		}
	}
	last := ts[len(ts)-1]
	return caps > 0 && last.cap && !strings.HasSuffix(last.text, "s") || caps > 0 && last.cap && len(last.text) > 3
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
	if j < len(toks) && toks[j].lower == "on" && j+1 < len(toks) && (toks[j+1].cls&cTimeWords != 0) {
		j++
	}
	for j < len(toks) && toks[j].word && (toks[j].cls&cTimeWords != 0) {
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
