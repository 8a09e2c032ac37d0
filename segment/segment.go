// Package segment is the second stage of the keypoints pipeline: clean
// text in, sentences out.
//
// Sentences are spans of the input: for every sentence s,
// text[s.Start:s.End] == s.Text, sentences do not overlap, are in order,
// and carry no leading or trailing white space. Paragraph breaks ("\n")
// always end a sentence, so a paragraph cut off mid-sentence by a scraper is
// never glued onto the next one.
//
// Boundary detection is rule-based, in the tradition of the "Golden Rules"
// of sentence boundary disambiguation: a candidate is a run of . ? ! or an
// ellipsis, followed by optional closing quotes or brackets and white space;
// it is accepted or rejected by looking at the word before it (abbreviation,
// initial, number, list marker) and the word after it (capitalised, a
// common sentence opener, a digit). PTB-tokenized text (the CNN/DailyMail
// research sets) has its own simpler rule: a standalone ".", "!" or "?"
// token ends the sentence unless it follows a detached title abbreviation.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
)

// Segment splits text into sentences. tokenized selects the PTB rules. It
// never fails: any text, even without punctuation, yields its paragraphs.
func Segment(text string, tokenized bool) []doc.Sentence {
	out := make([]doc.Sentence, 0, len(text)/100+1)
	para := 0
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		n := len(out)
		if tokenized {
			out = splitTokenized(text, start, end, para, out)
		} else {
			out = splitParagraph(text, start, end, para, out)
		}
		if len(out) > n {
			para++
		}
		start = end + 1
	}
	for i := range out {
		out[i].Index = i
	}
	return out
}

// add appends text[start:end], trimmed of white space, as a sentence.
func add(out []doc.Sentence, text string, start, end, para int) []doc.Sentence {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	if start >= end {
		return out
	}
	return append(out, doc.Sentence{Start: start, End: end, Text: text[start:end], Paragraph: para})
}

// splitParagraph finds the sentence boundaries of text[start:end], one
// paragraph of ordinary text.
func splitParagraph(text string, start, end, para int, out []doc.Sentence) []doc.Sentence {
	sentStart := start
	i := start
	for i < end {
		c := text[i]
		var term int // length of the terminal run starting at i, 0 if none
		switch {
		case c == '.' || c == '?' || c == '!':
			term = 1
		case c == 0xE2 && strings.HasPrefix(text[i:end], "…"):
			term = len("…")
		case isBullet(text, i, end) && i > sentStart && isSpaceBefore(text, i):
			// A bullet in the middle of a paragraph starts a new item.
			out = add(out, text, sentStart, i, para)
			sentStart = i
			i += bulletLen(text, i)
			continue
		case c >= '0' && c <= '9' || (c >= 'a' && c <= 'z'):
			if j, ok := nextListItem(text, sentStart, i, end); ok {
				out = add(out, text, sentStart, j, para)
				sentStart = j
			}
			i = skipWord(text, i, end)
			continue
		}
		if term == 0 {
			i++
			continue
		}
		boundary, next := decide(text, sentStart, i, end)
		if boundary && insideQuote(text, sentStart, next, end) {
			boundary = false
		}
		if boundary {
			out = add(out, text, sentStart, next, para)
			// The next sentence starts at its first word, so the look-backs
			// from it (list markers) never rescan white space.
			sentStart = skipSpace(text, next, end)
		}
		if next <= i {
			next = i + 1
		}
		i = next
	}
	return add(out, text, sentStart, end, para)
}

// decide examines the terminal run starting at text[i] and reports whether
// it ends a sentence; next is the offset just past the run and any closing
// quotes or brackets.
func decide(text string, sentStart, i, end int) (bool, int) {
	// The terminal run: . ? ! … and spaced ellipses ". . .".
	j := i
	dots, marks, ellipsis := 0, 0, false
	for j < end {
		switch {
		case text[j] == '.':
			dots++
			j++
		case text[j] == '?' || text[j] == '!':
			marks++
			j++
		case strings.HasPrefix(text[j:end], "…"):
			ellipsis = true
			dots += 3
			j += len("…")
		case text[j] == ' ' && j+1 < end && text[j+1] == '.' && dots > 0 && (j+2 == end || text[j+2] == ' ' || text[j+2] == '.' || isCloser(text, j+2, end)):
			// ". . ." : a space inside a spaced ellipsis
			ellipsis = true
			j++
		default:
			goto closers
		}
	}
closers:
	runEnd := j
	quoted := false
	for j < end && isCloser(text, j, end) {
		r, n := utf8.DecodeRuneInString(text[j:end])
		quoted = quoted || r != ')' && r != ']' && r != '}'
		j += n
	}
	if j == end {
		return true, j
	}
	if !isSpace(text, j, end) {
		// "U.S.A", "$100.00", "example.com", "Yahoo!s": inside a word,
		// unless a scraper dropped the space ("failed.The bill").
		if !ellipsis && dots <= 1 && gluedSentence(text, sentStart, i, j, end) {
			return true, j
		}
		return false, runEnd
	}
	if quoted && attribution(text, j, end, marks > 0) {
		// "“Stop!” Officer Diaz shouted.": the quote's speaker follows.
		return false, j
	}
	nextWord := wordAt(text, skipSpace(text, j, end), end)
	if dots >= 3 || ellipsis {
		// An ellipsis ends a sentence when a full stop follows it (four
		// dots) and the next word is capitalised, or when the next word
		// is a common sentence opener ("resign... The next day"). "I"
		// after an ellipsis is a pause more often than a new sentence.
		w := strings.TrimLeft(nextWord, "\"'“‘(")
		return dots >= 4 && startsUpper(nextWord) || opener[w] && w != "I", j
	}
	if marks > 0 {
		// ? and ! end the sentence unless the text goes on in lower case
		// ("Yahoo! in", "'Stop!' she said") or the mark belongs to a name
		// ("E! News"), which goes on unless a common opener follows.
		if marks == 1 && dots == 0 && j == runEnd && markNames[wordBefore(text, sentStart, j)] {
			return opener[strings.TrimLeft(nextWord, "\"'“‘(")], j
		}
		return !startsLower(nextWord), j
	}
	prev := wordBefore(text, sentStart, i)
	return periodEnds(text, sentStart, i, prev, nextWord), j
}

// periodEnds decides a single full stop after the word prev, followed by
// nextWord.
func periodEnds(text string, sentStart, i int, prev, next string) bool {
	if next == "" {
		return true
	}
	bare := strings.TrimLeft(prev, "\"'([{“‘")
	lower := strings.ToLower(bare)
	switch {
	case prefixAbbrev[lower]:
		return false // "Mr. Smith", "Sen. Warren", "Mt. Fuji"
	case isListMarker(text, sentStart, i, bare):
		return false // "1. The first item"
	case isNumberAbbrev(lower) && startsDigit(next):
		return false // "No. 5", "p. 55"
	case dotNames[bare] && startsUpper(next):
		// "the ID. Buzz": a name with a full stop in it goes on unless
		// a common opener follows.
		return opener[strings.TrimLeft(next, "\"'“‘(")]
	}
	if startsLower(next) {
		return false
	}
	if startsDigit(next) {
		// Sentences rarely start with a figure; "rose to 12. 15 more" is
		// rarer than "N°. 1026" or "Vol. 3". A year is the exception:
		// "won in 2019. 2020 was a lost season".
		if abbrev[lower] {
			return false
		}
		return isPlainWord(bare) && len(bare) >= 3 || isYear(next) && (isPlainWord(bare) || isDigits(bare))
	}
	if abbrev[lower] || isInitial(bare) || isDotted(bare) {
		// "Co. It closed", "U.S. How about", "Albert I. Jones": after an
		// abbreviation the sentence ends only before a common opener.
		if isTime(lower) {
			// "At 5 a.m. Mr. Smith went": a time early in the sentence is
			// an opener, not an ending; "6 a.m. Wednesday" and "3 p.m.
			// EST" go on; "at 8 p.m. Results are" is a new sentence.
			return wordsBetween(text, sentStart, i, 4) >= 4 && startsUpper(next) && !timeFollowers[strings.TrimRight(next, ".,;:")]
		}
		return opener[strings.TrimLeft(next, "\"'“‘(")]
	}
	return true
}

// maxQuote is the longest span, in bytes, that a quotation is kept whole
// over: a quote still open after it was most likely never closed (a
// quote running over paragraphs, a stray mark).
const maxQuote = 800

// insideQuote reports that a boundary at text[next] would fall inside a
// quotation: text[sentStart:next] opens more curly double quotes than it
// closes, or holds an odd number of straight ones, and the quotation is
// closed later in the paragraph, not too far off. Splitting there would
// leave two sentences with unbalanced quotes.
func insideQuote(text string, sentStart, next, end int) bool {
	if next-sentStart > maxQuote || next >= end {
		return false
	}
	span := text[sentStart:next]
	ahead := text[next:min(end, sentStart+maxQuote)]
	if strings.Count(span, "“") > strings.Count(span, "”") && strings.Contains(ahead, "”") {
		return true
	}
	return strings.Count(span, "\"")%2 == 1 && strings.IndexByte(ahead, '"') >= 0
}

// gluedSentence reports a sentence end with the space after it lost
// ("The vote failed.The bill died"): a plain lower-case word before the
// mark, a capitalised word after it. text[i] is the mark, text[j] the
// first byte after the mark and its closers. Abbreviations ("Mr.Hale")
// and file or domain names ("Node.js") are not boundaries.
func gluedSentence(text string, sentStart, i, j, end int) bool {
	if j+1 >= end || !isUpperASCII(text[j]) || !isLowerASCII(text[j+1]) {
		return false
	}
	// Only a short word can be a sentence's last: bound the scan back, so
	// a long run such as "x.Yx.Yx.Y" stays linear.
	prev := strings.TrimLeft(wordBefore(text, max(sentStart, i-40), i), "\"'([{“‘")
	if len(prev) < 2 || len(prev) >= 36 || !isPlainWord(prev) || !isLowerASCII(prev[len(prev)-1]) {
		return false
	}
	lower := strings.ToLower(prev)
	if prefixAbbrev[lower] || abbrev[lower] {
		return false
	}
	next := wordAt(text, j, end)
	if strings.Contains(strings.TrimRight(next, ".,;:!?\"'”’)"), ".") {
		return false // "Halo.Bungie.Org": a domain name
	}
	// "tsunami.Steve will", "Division.Those guys"; but "One.Tel" is a name.
	return isLowerASCII(prev[0]) || opener[strings.TrimRight(next, ".,;:!?")]
}

// attribution reports that the words at text[i:] name the speaker of the
// quote just closed: a speech verb within the next four words that ends
// the sentence ("Officer Diaz shouted."). After a quote closed by ! or ?
// (mark) a comma will do too ("Judge Ortiz asked, pointing"); after a full
// stop, "Lee added, “They..." starts a new sentence.
func attribution(text string, i, end int, mark bool) bool {
	for k := 0; k < 4; k++ {
		i = skipSpace(text, i, end)
		if i >= end {
			return false
		}
		w := wordAt(text, i, end)
		i += len(w)
		core := strings.TrimRight(w, ".,;:!?\"'”’")
		if k == 0 && (core == "That" || core == "This" || core == "Having") {
			return false // "That said, she is": an idiom, not a speaker
		}
		if speechVerbs[strings.ToLower(core)] {
			rest := w[len(core):]
			return i >= end || strings.HasPrefix(rest, ".") || mark && strings.HasPrefix(rest, ",")
		}
		if core != w || !isPlainWord(core) {
			return false // the clause ended, or this is not a name
		}
	}
	return false
}

func isYear(w string) bool {
	w = strings.TrimRight(w, ",;:")
	return len(w) == 4 && isDigits(w) && (w[:2] == "18" || w[:2] == "19" || w[:2] == "20")
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLowerASCII(c byte) bool { return c >= 'a' && c <= 'z' }

func isTime(w string) bool { return w == "a.m" || w == "p.m" || w == "a.m." || w == "p.m." }

// wordBefore returns the word ending at text[i] (exclusive), back to white
// space or the sentence start.
func wordBefore(text string, sentStart, i int) string {
	k := i
	for k > sentStart {
		r, n := utf8.DecodeLastRuneInString(text[sentStart:k])
		if unicode.IsSpace(r) {
			break
		}
		k -= n
	}
	return text[k:i]
}

// wordAt returns the white-space-delimited word starting at text[i].
func wordAt(text string, i, end int) string {
	k := i
	for k < end {
		r, n := utf8.DecodeRuneInString(text[k:end])
		if unicode.IsSpace(r) {
			break
		}
		k += n
	}
	return text[i:k]
}

// wordsBetween counts the words of text[a:b], up to max: it scans back
// from b and stops there, so a long sentence costs no more than a short one.
func wordsBetween(text string, a, b, max int) int {
	n, inWord := 0, false
	for k := b; k > a; {
		r, size := utf8.DecodeLastRuneInString(text[a:k])
		k -= size
		if unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if !inWord {
			inWord = true
			if n++; n >= max {
				return n
			}
		}
	}
	return n
}

func skipSpace(text string, i, end int) int {
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

func skipWord(text string, i, end int) int {
	for i < end && (isAlnum(text[i])) {
		i++
	}
	return i
}

func isSpace(text string, i, end int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:end])
	return unicode.IsSpace(r)
}

func isSpaceBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r)
}

// isCloser reports closing quotes and brackets that may follow a
// sentence's final punctuation.
func isCloser(text string, i, end int) bool {
	switch text[i] {
	case '"', '\'', ')', ']', '}':
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:end])
	switch r {
	case '”', '’', '»', '›':
		return true
	}
	return false
}

// bullets are the list bullets, with white space, as a cutset.
const bullets = "•⁃▪◦●-* \t"

func isBullet(text string, i, end int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:end])
	return r == '•' || r == '⁃' || r == '▪' || r == '◦' || r == '●'
}

func bulletLen(text string, i int) int {
	_, n := utf8.DecodeRuneInString(text[i:])
	return n
}

func startsUpper(w string) bool {
	w = strings.TrimLeft(w, "\"'([{“‘")
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func startsLower(w string) bool {
	w = strings.TrimLeft(w, "\"'([{“‘")
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

func startsDigit(w string) bool {
	w = strings.TrimLeft(w, "\"'([{“‘$£€")
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isPlainWord reports a word of ASCII letters only.
func isPlainWord(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return w != ""
}

// isInitial reports a single letter: "E" in "Jonas E. Smith".
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsLetter(r)
}

// isDotted reports abbreviations written with inner periods whose parts are
// one or two letters: U.S, U.S.A, a.m, e.g, Ph.D. An e-mail address or a
// URL has longer parts and is an ordinary word.
func isDotted(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	for _, part := range strings.Split(w, ".") {
		if len(part) > 2 || !isPlainWord(part) && part != "" {
			return false
		}
	}
	return true
}

func isNumberAbbrev(w string) bool {
	switch w {
	case "no", "nos", "p", "pp", "vol", "fig", "art", "sec", "ch", "para", "n°", "nr", "op", "ed":
		return true
	}
	return false
}

// isListMarker reports a number or single lower-case letter that starts
// the current sentence: "1." or "a." of a list.
func isListMarker(text string, sentStart, i int, w string) bool {
	w = strings.TrimLeft(w, bullets)
	if i-sentStart > len(w)+32 {
		return false // more than a bullet or two before the word
	}
	if strings.TrimSpace(strings.TrimLeft(text[sentStart:i], bullets)) != w {
		return false
	}
	if len(w) >= 1 && len(w) <= 3 && strings.Trim(w, "0123456789") == "" {
		return true
	}
	return len(w) == 1 && w[0] >= 'a' && w[0] <= 'z'
}

// nextListItem reports, for a paragraph that is a run-on list ("1) The
// first item 2) The second item"), that the word at text[i] is the next
// list marker, so a new item starts at i.
func nextListItem(text string, sentStart, i, end int) (int, bool) {
	if i == sentStart || !isSpaceBefore(text, i) {
		return 0, false
	}
	marker, ok := listMarker(text, i, end)
	if !ok {
		return 0, false
	}
	first := skipSpace(text, sentStart, end)
	for first < end && isBullet(text, first, end) {
		first = skipSpace(text, first+bulletLen(text, first), end)
	}
	prevMarker, ok := listMarker(text, first, end)
	if !ok {
		return 0, false
	}
	if !successor(prevMarker, marker) {
		return 0, false
	}
	return i, true
}

// listMarker reads "1.)", "1)", "1.", "a." or "a)" at text[i], followed by
// a space and returns the marker's label.
func listMarker(text string, i, end int) (string, bool) {
	k := i
	for k < end && text[k] >= '0' && text[k] <= '9' {
		k++
	}
	if k == i {
		if k < end && text[k] >= 'a' && text[k] <= 'z' {
			k++
		} else {
			return "", false
		}
	}
	label := text[i:k]
	if k-i > 3 {
		return "", false
	}
	switch {
	case strings.HasPrefix(text[k:end], ".) "), strings.HasPrefix(text[k:end], ") "):
	case strings.HasPrefix(text[k:end], ". "):
		// "a. The": only with a capitalised item after it
		if !startsUpper(wordAt(text, k+2, end)) {
			return "", false
		}
	default:
		return "", false
	}
	return label, true
}

// successor reports b == a+1 for numbers, or the next letter.
func successor(a, b string) bool {
	if a[0] >= '0' && a[0] <= '9' {
		na, nb := 0, 0
		for _, c := range a {
			na = na*10 + int(c-'0')
		}
		for _, c := range b {
			if c < '0' || c > '9' {
				return false
			}
			nb = nb*10 + int(c-'0')
		}
		return nb == na+1
	}
	return len(a) == 1 && len(b) == 1 && b[0] == a[0]+1
}

// splitTokenized finds the sentence boundaries of a paragraph of
// PTB-tokenized text: a standalone ".", "!", "?" (or a run of them), with a
// following closing-quote token (” or ') kept in the sentence.
func splitTokenized(text string, start, end, para int, out []doc.Sentence) []doc.Sentence {
	sentStart := start
	i := start
	var next terminals
	for i < end {
		// Jump to the next token that starts with . ! or ? (vectorised
		// byte searches instead of walking every token).
		tokStart := next.find(text, i, end)
		if tokStart < 0 {
			break
		}
		i = tokStart + 1
		if tokStart > start && text[tokStart-1] != ' ' {
			continue // inside a word: "u.s.", "19.5"
		}
		for i < end && text[i] != ' ' {
			i++
		}
		tok := text[tokStart:i]
		if !isTerminalToken(tok) {
			continue
		}
		pause := tok == "..."
		if tok == "." {
			// ". . ." is an ellipsis like "...", ". . . ." a full stop.
			dots, e := dotRun(text, tokStart, end)
			pause = dots == 3
			i = e
		}
		if pause && !closingQuoteAt(text, i, end) {
			continue // "the talks ... stalled": an ellipsis is a pause
		}
		if tok == "." && tokStart > sentStart {
			prev := wordBefore(text, sentStart, tokStart-1)
			if prefixAbbrev[prev] && i < end {
				continue // "gov . gary herbert": a detached title abbreviation
			}
		}
		// Keep closing quotes with the sentence.
		j := i
		quoted := false
		for {
			k := j
			for k < end && text[k] == ' ' {
				k++
			}
			e := k
			for e < end && text[e] != ' ' {
				e++
			}
			if t := text[k:e]; t == "''" || t == "'" || t == "-rrb-" || t == ")" {
				quoted = quoted || t[0] == '\''
				j = e
				continue
			}
			break
		}
		if quoted && tokenizedAttribution(text, j, end, tok != "." && !pause) {
			i = j // "`` stop ! '' he shouted .": the speaker follows
			continue
		}
		out = add(out, text, sentStart, j, para)
		sentStart = j
		i = j
	}
	return add(out, text, sentStart, end, para)
}

// dotRun counts the "." tokens of a spaced run starting at text[i] (a
// "." token) and returns the offset just past the last one.
func dotRun(text string, i, end int) (int, int) {
	n := 0
	e := i
	for i < end && text[i] == '.' && (i+1 == end || text[i+1] == ' ') {
		n++
		e = i + 1
		for i = e; i < end && text[i] == ' '; i++ {
		}
	}
	return n, e
}

// closingQuoteAt reports a closing-quote token after text[i].
func closingQuoteAt(text string, i, end int) bool {
	for i < end && text[i] == ' ' {
		i++
	}
	return strings.HasPrefix(text[i:end], "''") || strings.HasPrefix(text[i:end], "' ") || text[i:end] == "'"
}

// tokenizedAttribution is attribution for PTB-tokenized text, where case
// cannot tell a new sentence from a speaker: after a closing quote, a
// speech verb within four tokens ending the sentence ("the judge asked
// .") goes on with it; after a quoted ! or ? (mark), so do a verb before
// a comma and "and".
func tokenizedAttribution(text string, i, end int, mark bool) bool {
	// Only the first six tokens matter: take them without allocating.
	var buf [6]string
	toks := firstFields(text[i:min(end, i+200)], buf[:0])
	if mark && len(toks) > 0 && (toks[0] == "and" || toks[0] == "or") {
		return true
	}
	for k := 0; k < len(toks) && k < 4; k++ {
		if speechVerbs[toks[k]] {
			return k+1 == len(toks) && i+200 >= end || k+1 < len(toks) && (toks[k+1] == "." || mark && toks[k+1] == ",")
		}
		if !isPlainWord(toks[k]) {
			return false
		}
	}
	return false
}

// terminals finds the next '.', '!' or '?' at or after a position. It
// remembers where the rare '!' and '?' are, so a paragraph costs one
// IndexByte per full stop and about one per exclamation or question mark.
type terminals struct {
	bang, quest int // next known position (valid when >= the search start), or -1 for none
	init        bool
}

func (t *terminals) find(text string, i, end int) int {
	if !t.init || t.bang >= 0 && t.bang < i {
		t.bang = indexFrom(text, '!', i, end)
	}
	if !t.init || t.quest >= 0 && t.quest < i {
		t.quest = indexFrom(text, '?', i, end)
	}
	t.init = true
	best := indexFrom(text, '.', i, end)
	for _, k := range [2]int{t.bang, t.quest} {
		if k >= 0 && (best < 0 || k < best) {
			best = k
		}
	}
	return best
}

// indexFrom returns the offset of c in text[i:end], as an offset into
// text, or -1.
func indexFrom(text string, c byte, i, end int) int {
	if k := strings.IndexByte(text[i:end], c); k >= 0 {
		return i + k
	}
	return -1
}

// firstFields appends to dst (up to its capacity) the first
// space-separated tokens of s; PTB text separates tokens with single
// spaces.
func firstFields(s string, dst []string) []string {
	for len(dst) < cap(dst) {
		for len(s) > 0 && s[0] == ' ' {
			s = s[1:]
		}
		if s == "" {
			break
		}
		k := strings.IndexByte(s, ' ')
		if k < 0 {
			k = len(s)
		}
		dst = append(dst, s[:k])
		s = s[k:]
	}
	return dst
}

func isTerminalToken(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != '.' && t[i] != '!' && t[i] != '?' {
			return false
		}
	}
	return true
}
