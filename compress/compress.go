// Package compress is the last stage of the keypoints pipeline: a chosen
// sentence in, the same sentence with whole constituents left out.
//
// Compression only deletes. A candidate is a constituent that the
// punctuation marks off: a parenthesis, a dash pair, a leading phrase
// ("On Monday, ..."), a trailing attribution ("..., police said."), a
// relative clause, an appositive or a trailing participial phrase.
// Grammar rules decide what may go (never part of a quotation, never a
// negation, never a list item, never so much that no clause is left); a
// small trained model (see Model) decides what should go: the
// constituents whose words an editor's key point would not repeat. The
// kept words stay in their order; the only repairs are the capital of a
// new first word and nothing else, since the final punctuation is kept.
package compress

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
)

// Kind is the kind of a deletable constituent.
type Kind uint8

// Kinds of constituents.
const (
	Paren       Kind = iota // "(...)", "[...]", PTB "-lrb- ... -rrb-"
	Dash                    // " -- ... -- ", "— ... —", or a trailing " -- ..."
	Lead                    // a leading phrase before the first comma: "On Monday, "
	Attribution             // a trailing ", police said" or ", according to ..."
	Relative                // ", who ...," or a trailing ", which ..."
	Appositive              // another phrase between two commas
	Trailing                // a trailing ", including ..." or participial phrase
	Clause                  // a second main clause: ", and ..." or "; ..." to the end
	NumKinds
)

// KindNames name the kinds, in order, for model files and reports.
var KindNames = [NumKinds]string{"paren", "dash", "lead", "attribution", "relative", "appositive", "trailing", "clause"}

func (k Kind) String() string {
	if k < NumKinds {
		return KindNames[k]
	}
	return "kind?"
}

// Span is a constituent that may be deleted: bytes [Start, End) of the
// document text, holding tokens [First, Last) of its sentence.
type Span struct {
	Start, End  int
	First, Last int
	Kind        Kind
}

// Limits of the rules.
const (
	maxLeadWords     = 8  // a longer leading phrase carries content
	maxAttribWords   = 10 // "..., a spokesman for the state police said"
	maxInsideWords   = 12 // appositives and relative clauses between commas
	maxTrailingWords = 20
	minKeptWords     = 6 // a key point shorter than this is a fragment
)

// delimiter is a punctuation mark outside words.
type delimiter struct {
	pos, end int // bytes of the mark
	mark     byte
	tok      int // index of the first token after the mark
}

// Delimiter marks.
const (
	mComma = ','
	mOpen  = '('
	mClose = ')'
	mDash  = '-'
	mSemi  = ';'
	mColon = ':'
)

var (
	reporting = []string{"said", "says", "say", "told", "tells", "according", "reported", "reports",
		"added", "adds", "stated", "announced", "explained", "claimed", "confirmed", "warned",
		"insisted", "noted", "wrote", "writes", "tweeted", "argued", "revealed", "admitted"}
	saying = []string{"said", "says", "told", "according", "reported", "added", "stated", "announced",
		"explained", "confirmed", "noted", "wrote"}
	negations = []string{"not", "n't", "no", "never", "nor", "none", "nobody", "nothing", "neither",
		"without", "cannot", "nowhere"}
	leadOpeners = []string{"on", "in", "at", "by", "after", "before", "during", "since", "until",
		"last", "earlier", "later", "yesterday", "today", "tonight", "meanwhile", "however", "also",
		"now", "then", "still", "instead", "previously", "recently", "separately", "overall",
		"currently", "eventually", "finally", "first", "meanwhile", "elsewhere", "according",
		"speaking", "writing", "for", "over", "within", "back", "this", "next", "as", "under",
		"when", "while", "although", "though", "despite", "amid", "following", "with", "once", "having"}
	relatives    = []string{"who", "which", "whose", "whom", "where"}
	trailOpeners = []string{"including", "as", "while", "after", "before", "when", "with", "amid", "following", "which", "who", "where", "according", "saying", "adding"}
	conjunctions = []string{"and", "or", "but", "nor", "so", "yet"}
)

func in(w string, set []string) bool {
	for _, s := range set {
		if strings.EqualFold(w, s) {
			return true
		}
	}
	return false
}

// Candidates returns the deletable constituents of sentence s of d, in
// text order, none overlapping another. A sentence that quotes someone has
// none: a quotation is the speaker's words and its attribution says whose
// they are, so neither is cut.
func Candidates(d *doc.Document, s *doc.Sentence) []Span {
	text := d.Text[s.Start:s.End]
	toks := s.Tokens
	if len(toks) < minKeptWords+2 || hasQuote(text) {
		return nil
	}
	word := func(i int) string { return d.Text[toks[i].Start:toks[i].End] }
	delims := findDelimiters(d.Text, s, d.Tokenized)
	end := contentEnd(d.Text, s) // before the final punctuation
	var out []Span
	add := func(sp Span) {
		if sp.Last <= sp.First || sp.End <= sp.Start || !keepsEnough(len(toks), []Span{sp}) {
			return
		}
		for i := sp.First; i < sp.Last; i++ {
			if in(word(i), negations) {
				return
			}
		}
		for _, o := range out {
			if sp.Start < o.End && o.Start < sp.End {
				return
			}
		}
		out = append(out, sp)
	}
	// Parentheses and dash pairs.
	for k := 0; k < len(delims); k++ {
		dl := delims[k]
		switch dl.mark {
		case mOpen:
			for j := k + 1; j < len(delims); j++ {
				if delims[j].mark == mClose {
					add(Span{Start: dl.pos, End: delims[j].end, First: dl.tok, Last: delims[j].tok, Kind: Paren})
					k = j
					break
				}
				if delims[j].mark == mOpen {
					break
				}
			}
		case mDash:
			if j := nextMark(delims, k+1, mDash); j >= 0 {
				add(Span{Start: dl.pos, End: delims[j].end, First: dl.tok, Last: delims[j].tok, Kind: Dash})
				k = j
			} else if dl.tok < len(toks) && toks[dl.tok].Start < int32(end) && len(toks)-dl.tok <= maxTrailingWords {
				add(Span{Start: dl.pos, End: end, First: dl.tok, Last: len(toks), Kind: Dash})
			}
		}
	}
	// Comma constituents: the commas outside brackets.
	var commas []delimiter
	depth := 0
	for _, dl := range delims {
		switch dl.mark {
		case mOpen:
			depth++
		case mClose:
			depth = max(depth-1, 0)
		case mComma:
			if depth == 0 {
				commas = append(commas, dl)
			}
		case mSemi, mColon:
			// A semicolon or colon joins two clauses: what follows the
			// last comma before it is not a trailing phrase of the
			// sentence. Treat the mark as the end of comma analysis.
			if depth == 0 {
				commas = append(commas, delimiter{pos: dl.pos, end: dl.end, mark: mSemi, tok: dl.tok})
			}
		}
	}
	if len(commas) == 0 {
		return sortSpans(out)
	}
	list := isList(commas, word, len(toks))
	// Leading phrase, unless a short phrase follows it ("In Santa Clara
	// County, Calif., ...": the place goes on past the comma).
	opens := leadOpener(word(0))
	if c := commas[0]; c.mark == mComma && c.tok > 0 && c.tok <= maxLeadWords && len(toks)-c.tok >= minKeptWords && opens &&
		(len(commas) == 1 || commas[1].tok-c.tok > 2) {
		kind := Lead
		if hasWord(word, 0, c.tok, reporting) {
			kind = Attribution
		}
		add(Span{Start: s.Start, End: c.end, First: 0, Last: c.tok, Kind: kind})
	}
	// A trailing attribution with the speaker's description after it:
	// "..., said Jane Smith, a spokeswoman for the police." The phrase
	// between the last two commas must not go alone.
	speakerTail := false
	if k := len(commas) - 2; k >= 0 && commas[k].mark == mComma && commas[k+1].mark == mComma && commas[k].tok < len(toks) {
		c := commas[k]
		if in(word(c.tok), reporting) || commas[k+1].tok-c.tok <= 4 && hasWord(word, c.tok, commas[k+1].tok, reporting) {
			speakerTail = true
			if len(toks)-c.tok <= maxAttribWords+4 && int(toks[len(toks)-1].End) <= end {
				add(Span{Start: c.pos, End: end, First: c.tok, Last: len(toks), Kind: Attribution})
			}
		}
	}
	// Phrases between two commas.
	if !list {
		for k := 0; k+1 < len(commas); k++ {
			a, b := commas[k], commas[k+1]
			if a.mark != mComma || b.mark != mComma {
				continue
			}
			n := b.tok - a.tok
			if n < 2 || n > maxInsideWords || a.tok == 0 || k == 0 && opens {
				// After a leading phrase the first comma opens the main
				// clause, not a phrase inside it.
				continue
			}
			if speakerTail && k+2 == len(commas) {
				continue
			}
			if k+2 == len(commas) && len(toks)-b.tok <= maxAttribWords+4 && hasWord(word, b.tok, len(toks), reporting) {
				// "X, a phrase, officials said": without its comma the
				// attribution would run into the sentence.
				continue
			}
			first := word(a.tok)
			if in(first, conjunctions) || allCapitals(d.Text, toks[a.tok:b.tok]) {
				continue
			}
			kind := Appositive
			switch {
			case in(first, relatives):
				kind = Relative
			case hasWord(word, a.tok, b.tok, reporting):
				kind = Attribution
			}
			add(Span{Start: a.pos, End: b.end, First: a.tok, Last: b.tok, Kind: kind})
		}
	}
	// Trailing phrase after the last comma.
	if c := commas[len(commas)-1]; c.mark == mComma && c.tok < len(toks) && !list && !speakerTail {
		n := len(toks) - c.tok
		first := word(c.tok)
		var kind Kind = NumKinds
		switch {
		case n <= maxAttribWords && attribution(word, c.tok, len(toks)) && !in(first, conjunctions):
			kind = Attribution
		case n <= maxTrailingWords && in(first, relatives):
			kind = Relative
		case n <= maxTrailingWords && (in(first, trailOpeners) || participle(first)):
			kind = Trailing
		}
		if kind != NumKinds && int(toks[len(toks)-1].End) <= end {
			add(Span{Start: c.pos, End: end, First: c.tok, Last: len(toks), Kind: kind})
		}
	}
	// A second main clause to the end: ", and ..." (one comma) or "; ...".
	if c := commas[len(commas)-1]; c.tok < len(toks) && int(toks[len(toks)-1].End) <= end &&
		(c.mark == mSemi || c.mark == mComma && strings.EqualFold(word(c.tok), "and") && clauseAfter(commas, c, len(toks))) {
		add(Span{Start: c.pos, End: end, First: c.tok, Last: len(toks), Kind: Clause})
	}
	return sortSpans(out)
}

// isList reports whether the commas look like those of a list ("A, B and
// C", "A, B, and C"): a phrase after a comma opens with "and" or "or", or
// the last of two or more comma phrases is short with the conjunction
// inside. Deleting one comma phrase of a list would drop an item and
// leave "A and C" or worse.
func isList(commas []delimiter, word func(int) string, n int) bool {
	c := 0
	for _, dl := range commas {
		if dl.mark != mComma {
			continue
		}
		c++
		if dl.tok < n && (strings.EqualFold(word(dl.tok), "and") || strings.EqualFold(word(dl.tok), "or")) && !clauseAfter(commas, dl, n) {
			return true
		}
	}
	last := commas[len(commas)-1]
	if c < 2 || last.mark != mComma || n-last.tok > 5 {
		return false
	}
	for i := last.tok; i < n; i++ {
		if strings.EqualFold(word(i), "and") || strings.EqualFold(word(i), "or") {
			return true
		}
	}
	return false
}

// leadOpener reports whether a leading phrase may start with w: a
// preposition or adverb of time or place, not a gerund subject ("Reaching
// a deal, ..." is the sentence's subject).
// clauseAfter reports whether the comma dl, the only comma of the
// sentence, opens a second main clause ("X, and Y"): not a list, since a
// list needs two commas or a short last item.
func clauseAfter(commas []delimiter, dl delimiter, n int) bool {
	c := 0
	for _, o := range commas {
		if o.mark == mComma {
			c++
		}
	}
	return c == 1 && n-dl.tok >= minKeptWords
}

func leadOpener(w string) bool { return in(w, leadOpeners) }

// participle reports whether w looks like an -ing form long enough not to
// be "king" or "thing".
func participle(w string) bool {
	return len(w) > 5 && strings.HasSuffix(strings.ToLower(w), "ing") && !in(w, []string{"nothing", "something", "anything", "everything", "morning", "evening", "building", "during", "spring"})
}

// attribution reports whether tokens [from, to) say who said it: a
// speech verb among the first four words ("police said", "said the
// ministry", "according to ...") that is said, told, according and the
// like (not "tweeted his apologies", which is a clause of its own).
func attribution(word func(int) string, from, to int) bool {
	for i := from; i < to && i < from+4; i++ {
		if in(word(i), saying) {
			return true
		}
	}
	return false
}

func hasWord(word func(int) string, from, to int, set []string) bool {
	for i := from; i < to; i++ {
		if in(word(i), set) {
			return true
		}
	}
	return false
}

// allCapitals reports whether every token starts with a capital: a place
// or a name ("Springfield, Illinois, ..."; "Smith, Jr."), which is part of
// the name before it rather than a phrase of its own.
func allCapitals(text string, toks []doc.Token) bool {
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(text[t.Start:t.End])
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func nextMark(ds []delimiter, from int, m byte) int {
	for j := from; j < len(ds); j++ {
		if ds[j].mark == m {
			return j
		}
		if ds[j].mark == mOpen || ds[j].mark == mClose {
			return -1
		}
	}
	return -1
}

func sortSpans(s []Span) []Span {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

// hasQuote reports whether t contains a quotation mark (straight, curly or
// PTB). Apostrophes inside words do not count.
func hasQuote(t string) bool {
	// One pass over the bytes: strings.ContainsAny with “ and ” decodes
	// every rune, and this runs on every chosen sentence.
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '"':
			return true
		case '`', '\'':
			if i+1 < len(t) && t[i+1] == t[i] {
				return true // PTB's `` and ''
			}
		case 0xE2: // “ and ” are E2 80 9C and E2 80 9D
			if i+2 < len(t) && t[i+1] == 0x80 && (t[i+2] == 0x9C || t[i+2] == 0x9D) {
				return true
			}
		}
	}
	return false
}

// contentEnd returns the offset in d.Text where the sentence's final
// punctuation (and closing brackets or quotes after it) begins; the
// sentence's end when it has none.
func contentEnd(text string, s *doc.Sentence) int {
	e := s.End
	for e > s.Start && text[e-1] == ' ' {
		e--
	}
	if e > s.Start {
		switch text[e-1] {
		case '.', '!', '?':
			e--
			for e > s.Start && text[e-1] == ' ' {
				e--
			}
		}
	}
	return e
}

// findDelimiters lists the punctuation marks of s that stand outside its
// words: commas, brackets, dashes, semicolons and colons. In PTB text
// brackets are the words -lrb- and -rrb-.
func findDelimiters(text string, s *doc.Sentence, ptb bool) []delimiter {
	var out []delimiter
	toks := s.Tokens
	ti := 0
	for p := s.Start; p < s.End; {
		for ti < len(toks) && int(toks[ti].End) <= p {
			ti++
		}
		if ti < len(toks) && int(toks[ti].Start) <= p {
			// Inside a word (19,000; U.S.; once-in-a-lifetime): skip it,
			// unless it is a PTB bracket word.
			w := text[toks[ti].Start:toks[ti].End]
			if ptb || w == "lrb" || w == "rrb" || w == "LRB" || w == "RRB" {
				if open, ok := ptbBracket(text, int(toks[ti].Start), int(toks[ti].End)); ok {
					st, en := int(toks[ti].Start)-1, int(toks[ti].End)+1
					m := byte(mClose)
					if open {
						m = mOpen
					}
					if m == mOpen {
						out = append(out, delimiter{pos: st, end: en, mark: m, tok: ti + 1})
					} else {
						out = append(out, delimiter{pos: st, end: en, mark: m, tok: ti})
					}
					p = en
					continue
				}
			}
			p = int(toks[ti].End)
			continue
		}
		c := text[p]
		switch {
		case c == ',':
			out = append(out, delimiter{pos: p, end: p + 1, mark: mComma, tok: ti})
		case c == ';':
			out = append(out, delimiter{pos: p, end: p + 1, mark: mSemi, tok: ti})
		case c == ':':
			out = append(out, delimiter{pos: p, end: p + 1, mark: mColon, tok: ti})
		case c == '(' || c == '[':
			out = append(out, delimiter{pos: p, end: p + 1, mark: mOpen, tok: ti})
		case c == ')' || c == ']':
			out = append(out, delimiter{pos: p, end: p + 1, mark: mClose, tok: ti})
		case c == '-' && p+1 < s.End && text[p+1] == '-':
			out = append(out, delimiter{pos: p, end: p + 2, mark: mDash, tok: ti})
			p += 2
			continue
		case c == '-' && p > s.Start && text[p-1] == ' ' && p+1 < s.End && text[p+1] == ' ':
			out = append(out, delimiter{pos: p, end: p + 1, mark: mDash, tok: ti})
		case strings.HasPrefix(text[p:], "\u2014") || strings.HasPrefix(text[p:], "\u2013") && p > s.Start && text[p-1] == ' ':
			out = append(out, delimiter{pos: p, end: p + 3, mark: mDash, tok: ti})
			p += 3
			continue
		}
		p++
	}
	return out
}

// ptbBracket reports whether the word at [st, en) is a PTB bracket
// (-lrb-, -rrb-, -lsb-, -rsb-) and whether it opens.
func ptbBracket(text string, st, en int) (open, ok bool) {
	if st < 1 || en >= len(text) || text[st-1] != '-' || text[en] != '-' {
		return false, false
	}
	switch strings.ToLower(text[st:en]) {
	case "lrb", "lsb":
		return true, true
	case "rrb", "rsb":
		return false, true
	}
	return false, false
}
