// Package normalize is the first stage of the keypoints pipeline: raw
// article text in, clean article text out.
//
// It checks that the input is text at all (valid UTF-8, not binary, within
// a size limit), unifies line endings and odd spaces, drops lines that are
// not article text (bylines, "Read more" and "Follow us" lines, photo
// credits), strips datelines ("WASHINGTON (CNN) --"), and repairs the
// damage scrapers leave behind that can be repaired safely: words glued
// together where a link was removed ("PresidentVladimir") and a space before
// a full stop ("Trump ."). A line broken where a link began or ended is
// joined to the next when the two halves are one sentence ("President\nJoe
// Biden on Tuesday..."); other paragraph breaks are kept as single "\n", so
// a paragraph cut off mid-sentence is never glued onto the next one ("...
// from the\nThe president pressed..."). The publisher's own key points on
// top of the text ("Key Points", "Story highlights", bullet lines) are taken
// off it and returned apart, whole (see splitPublisher).
//
// Characters are otherwise left as they are (curly quotes stay curly), so
// what the later stages quote is what the article said.
//
// It also detects PTB-tokenized, lowercased text of the kind found in the
// CNN/DailyMail research sets ("-lrb- cnn -rrb-", "“ quoted ”", "does
// n't"); such text is cleaned the same way but not re-spaced, and the
// Tokenized flag tells the segmenter to use PTB conventions.
package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
)

// DefaultMaxBytes is the input size limit used when Options.MaxBytes is 0.
const DefaultMaxBytes = 8 << 20

// Options configures Normalize. The zero value is ready to use.
type Options struct {
	// MaxBytes is the largest input accepted; 0 means DefaultMaxBytes.
	MaxBytes int
}

// Text is the output of the stage.
type Text struct {
	// Text is the cleaned text: paragraphs separated by "\n", no empty lines.
	Text string
	// Tokenized reports PTB-tokenized lowercased input.
	Tokenized bool
	// Publisher holds the publisher's own key points ("Key Points",
	// "Story highlights") found at the top of the input, repaired, in
	// order; they are not part of Text.
	Publisher []string
	// Lines maps each line of Text to the line of the input it came from
	// (0-based, counting every input line), so what is known about input
	// lines (the page block each came from) follows them. nil means the
	// identity: no line was dropped.
	Lines []int
}

// Normalize cleans raw article text. It returns a *doc.Error with code
// doc.EInvalid for empty, binary or non-UTF-8 input and doc.ETooLarge for
// input over the size limit.
func Normalize(raw string, opt Options) (Text, error) {
	max := opt.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	if len(raw) > max {
		return Text{}, doc.Errorf(doc.ETooLarge, "input is %d bytes, over the %d-byte limit", len(raw), max)
	}
	if err := checkText(raw); err != nil {
		return Text{}, err
	}
	// Pass 1: whitespace, boilerplate lines and the dateline. This is
	// all PTB-tokenized text gets, so whether the text is tokenized is
	// decided on its result: cleaning the output again sees the same text
	// and makes the same decision, which keeps Normalize idempotent.
	lines := make([]string, 0, 16)
	src := make([]int, 0, 16)
	n := 0
	forEachLine(raw, func(line string) {
		n++
		line = cleanLine(line)
		if line == "" || isBoilerplate(line) {
			return
		}
		lines = append(lines, line)
		src = append(src, n-1)
	})
	lines, src = stripLead(lines, src)
	tokenized := isTokenizedLines(lines)
	var points []string
	if !tokenized {
		// Pass 2: the repairs, then the line checks again, since a
		// repaired line can read differently ("By AnnLee Bob Cat" becomes
		// a byline once split).
		k := 0
		for i, line := range lines {
			if r := repair(line); r != line {
				if isBoilerplate(r) {
					continue
				}
				line = r
			}
			lines[k], src[k] = line, src[i]
			k++
		}
		lines, src = stripLead(lines[:k], src[:k])
		// Pass 3: the publisher's key points off the top, then lines
		// that links broke in two joined again, then a byline or a
		// dateline run into the opening paragraph.
		points, lines, src = splitPublisher(lines, src)
		lines, src = joinBrokenLines(stripLead(lines, src))
		stripFirstParagraph(lines)
	}
	if len(lines) == 0 {
		return Text{}, doc.Errorf(doc.EInvalid, "no article text: the input is empty or only boilerplate")
	}
	if unchanged(raw, lines) {
		// Already clean (the common case for corpus text): no copy.
		return Text{Text: raw, Tokenized: tokenized}, nil
	}
	if len(src) == n {
		src = nil // every line kept, in place
	}
	return Text{Text: strings.Join(lines, "\n"), Tokenized: tokenized, Publisher: points, Lines: src}, nil
}

// stripLead strips datelines from the first line, dropping it and going
// on to the next when nothing but the dateline was there.
func stripLead(lines []string, src []int) ([]string, []int) {
	for len(lines) > 0 {
		line := stripDatelines(lines[0])
		if line == lines[0] {
			break
		}
		if line != "" && !isBoilerplate(line) {
			lines[0] = line
			break
		}
		lines, src = lines[1:], src[1:]
	}
	return lines, src
}

// stripFirstParagraph strips the dateline of the article's first
// paragraph when short lines (a headline, a byline, a date, kept from a
// web page) come before it: the first line of at least leadWords words
// among the first few.
func stripFirstParagraph(lines []string) {
	const leadWords, look = 15, 4
	for i := 0; i < len(lines) && i < look; i++ {
		if wordCount(lines[i]) >= leadWords {
			out := stripByline(lines[i])
			if i > 0 {
				out = stripDatelines(out)
			}
			if out != "" {
				lines[i] = out
			}
			return
		}
	}
}

// stripByline removes a byline run into the first paragraph: "By Aaron
// Humes: The Americas cannot ignore...". The name is two to four
// capitalised words.
func stripByline(line string) string {
	rest, ok := strings.CutPrefix(line, "By ")
	if !ok {
		return line
	}
	head := rest[:min(len(rest), 60)]
	i := strings.Index(head, ": ")
	if i < 0 {
		return line
	}
	name := strings.Fields(head[:i])
	if len(name) < 2 || len(name) > 4 {
		return line
	}
	for _, w := range name {
		if !isUpper(w[0]) {
			return line
		}
	}
	return strings.TrimSpace(rest[i+2:])
}

// unchanged reports whether joining lines with "\n" gives back raw.
func unchanged(raw string, lines []string) bool {
	off := 0
	for i, l := range lines {
		if i > 0 {
			if off >= len(raw) || raw[off] != '\n' {
				return false
			}
			off++
		}
		if len(raw)-off < len(l) || raw[off:off+len(l)] != l {
			return false
		}
		off += len(l)
	}
	return off == len(raw)
}

// checkText rejects input that is not text: invalid UTF-8, NUL bytes or a
// high share of control characters (binary files).
func checkText(s string) error {
	if strings.TrimSpace(s) == "" {
		return doc.Errorf(doc.EInvalid, "empty input: no article text")
	}
	if !utf8.ValidString(s) {
		off := invalidOffset(s)
		return doc.Errorf(doc.EInvalid, "input is not valid UTF-8 (first bad byte at offset %d); convert it to UTF-8 first", off)
	}
	ctrl := 0
	for i := skipPlain(s, 0); i < len(s); i = skipPlain(s, i+1) {
		c := s[i]
		if c == 0 {
			return doc.Errorf(doc.EInvalid, "input looks binary (NUL byte at offset %d), not article text", i)
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	if ctrl > 16 && ctrl*100 > len(s) {
		return doc.Errorf(doc.EInvalid, "input looks binary (%d control characters), not article text", ctrl)
	}
	return nil
}

func invalidOffset(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// forEachLine calls fn for each line of s, accepting \n, \r\n and \r.
func forEachLine(s string, fn func(string)) {
	if strings.IndexByte(s, '\r') < 0 {
		// The common case: IndexByte is vectorised, IndexAny is not.
		for len(s) > 0 {
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				fn(s)
				return
			}
			fn(s[:i])
			s = s[i+1:]
		}
		return
	}
	for len(s) > 0 {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			fn(s)
			return
		}
		fn(s[:i])
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		s = s[i+1:]
	}
}

// cleanLine collapses runs of spaces (including non-breaking and other
// Unicode spaces) to one and trims them, and removes zero-width and
// control characters.
func cleanLine(line string) string {
	if !needsCleaning(line) {
		// Fast path: most lines need only trimming.
		line = strings.TrimSpace(line)
		if !strings.Contains(line, "  ") && !strings.Contains(line, "\t") {
			return line
		}
	}
	var b strings.Builder
	b.Grow(len(line))
	space := false
	for _, r := range line {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad':
			continue // zero-width and soft hyphen: invisible, break words
		case unicode.IsSpace(r) || r == '\u00a0':
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// needsCleaning reports whether a line holds anything the slow path of
// cleanLine changes: control characters, or (in UTF-8) non-breaking,
// zero-width and other Unicode spaces, soft hyphens and BOMs. Plain ASCII
// and ordinary non-ASCII text (curly quotes, accents, £) take the fast path.
func needsCleaning(s string) bool {
	for i := skipPlain(s, 0); i < len(s); i = skipPlain(s, i+1) {
		c := s[i]
		switch {
		case c < 0x20 && c != '\t':
			return true
		case c == 0xC2 && i+1 < len(s) && (s[i+1] == 0xA0 || s[i+1] == 0xAD || s[i+1] == 0x85):
			return true
		case c == 0xE2 && i+2 < len(s) && (s[i+1] == 0x80 && (s[i+2] <= 0x8F || s[i+2] == 0xA8 || s[i+2] == 0xA9 || s[i+2] == 0xAF) || s[i+1] == 0x81 && s[i+2] == 0x9F):
			return true
		case c == 0xE3 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80:
			return true
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBB && s[i+2] == 0xBF:
			return true
		case c == 0xE1 && i+2 < len(s) && s[i+1] == 0x9A && s[i+2] == 0x80:
			return true
		}
	}
	return false
}

// repair fixes two kinds of scraping damage in one pass:
//   - a space before a sentence-final full stop, comma or colon left where
//     a link was cut out ("Donald Trump ." -> "Donald Trump."), but not in
//     spaced ellipses (". . .");
//   - two words glued where markup was removed ("PresidentVladimir" ->
//     "President Vladimir"), split only where word statistics say the
//     halves are two words and the whole is not a name (see splitGlued):
//     iPhone, YouTube, McCain, CarPlay stay whole.
func repair(s string) string {
	if !needsRepair(s) {
		return s
	}
	var b []byte
	start := 0
	emit := func(upto int, insert string, skip int) {
		if b == nil {
			b = make([]byte, 0, len(s)+8)
		}
		b = append(b, s[start:upto]...)
		b = append(b, insert...)
		start = upto + skip
	}
	// judged is the end of the last word glued looked at. A word has at
	// most one place where it can be split (it must read Xxx...Xxx), and
	// that is its first lower-to-upper change, so each word is judged once
	// and a long run such as "aBaBaB" stays linear.
	judged := 0
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' && i+1 < len(s) && (s[i+1] == '.' || s[i+1] == ',') && isWordByte(s[i-1]):
			// "Trump ." or "Trump ,": drop the space when the mark ends the
			// line or is followed by a space and a non-mark.
			j := i + 2
			if j == len(s) || (s[j] == ' ' && j+1 < len(s) && s[j+1] != '.' && !(s[i+1] == '.' && isLower(s[j+1]))) {
				emit(i, "", 1)
			}
		case isUpper(c) && isLower(s[i-1]) && i+2 < len(s) && isLower(s[i+1]) && i >= judged:
			ok, we := glued(s, i)
			judged = we
			if ok {
				emit(i, " ", 0)
			}
		}
	}
	if b == nil {
		return s
	}
	b = append(b, s[start:]...)
	return string(b)
}

func needsRepair(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if (s[i] == ' ' && (s[i+1] == '.' || s[i+1] == ',')) || (isUpper(s[i]) && isLower(s[i-1])) {
			return true
		}
	}
	return false
}

// glued reports whether the word around s[i] (an upper-case letter after a
// lower-case one) is two words run together, and where the word ends.
func glued(s string, i int) (bool, int) {
	ws := i
	for ws > 0 && isLetter(s[ws-1]) {
		ws--
	}
	we := i
	for we < len(s) && isLetter(s[we]) {
		we++
	}
	return gluedWord(s, ws, i, we), we
}

func gluedWord(s string, ws, i, we int) bool {
	left, right := s[ws:i], s[i:we]
	// The left half may be a lower-case word ("onThursday",
	// "airlineRyanair": a link glued to the word before it) of two letters
	// or more; a capitalised one needs three ("AbCd" stays).
	if len(right) < 3 || len(left) < 2 || len(left) < 3 && isUpper(left[0]) {
		return false
	}
	// Only one case change inside the right half: "VladimirPutin" is two
	// glued names, "McDonaldsCorp" is not something we can repair safely.
	for k := 1; k < len(right); k++ {
		if !isLower(right[k]) {
			return false
		}
	}
	for k := 1; k < len(left); k++ {
		if !isLower(left[k]) {
			return false
		}
	}
	switch strings.ToLower(left) {
	case "mac", "van", "von", "des", "del", "della", "le", "la", "de", "di", "da", "du":
		return false
	}
	return splitGlued(left, right)
}

func isUpper(c byte) bool      { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool      { return c >= 'a' && c <= 'z' }
func isLetter(c byte) bool     { return isUpper(c) || isLower(c) }
func isWordByte(c byte) bool   { return isLetter(c) || (c >= '0' && c <= '9') || c == ')' || c == '"' }
func hasLetters(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// tokenizedSample is how much text IsTokenized looks at.
const tokenizedSample = 4096

// IsTokenized reports whether s looks like PTB-tokenized lowercased text:
// (almost) no upper-case letters and PTB markers such as -lrb-, “ or a
// detached n't or 's. It looks at the first 4 KiB.
func IsTokenized(s string) bool {
	sample := s[:min(len(s), tokenizedSample)]
	upper, markers := tokenizedCounts(sample)
	return tokenizedVerdict(upper, markers, len(sample))
}

// isTokenizedLines is IsTokenized of the lines joined with "\n", without
// joining them.
func isTokenizedLines(lines []string) bool {
	upper, markers, n := 0, 0, 0
	for i, line := range lines {
		if i > 0 {
			n++ // the "\n", which no marker spans
		}
		if n >= tokenizedSample {
			break
		}
		line = line[:min(len(line), tokenizedSample-n)]
		u, m := tokenizedCounts(line)
		upper, markers, n = upper+u, markers+m, n+len(line)
	}
	return tokenizedVerdict(upper, markers, min(n, tokenizedSample))
}

func tokenizedCounts(s string) (upper, markers int) {
	for i := 0; i < len(s); i++ {
		if isUpper(s[i]) {
			upper++
		}
	}
	// The verdict only asks for one or two markers, so stop at two: " . "
	// alone occurs dozens of times in a tokenized article.
	for _, m := range ptbMarkers {
		for rest := s; markers < 2; {
			i := strings.Index(rest, m)
			if i < 0 {
				break
			}
			markers++
			rest = rest[i+len(m):]
		}
	}
	return upper, markers
}

// ptbMarkers are strings PTB tokenization leaves in text, most common first.
var ptbMarkers = []string{" . ", " , ", "-lrb-", "-rrb-", "``", "''", " n't ", " 's "}

func tokenizedVerdict(upper, markers, n int) bool {
	if upper*200 > n {
		return false
	}
	return markers >= 2 || (markers >= 1 && n < 200)
}
