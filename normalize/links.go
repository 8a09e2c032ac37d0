package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
)

// Scrapers often end a line where a link began or ended: "President\nJoe
// Biden on Tuesday spoke..." is one sentence broken in two, while "...a
// readout of the call from the\nThe president pressed..." is a paragraph
// whose last words (the link's text) were lost, followed by the next
// paragraph. joinBrokenLines joins the first kind and leaves the second:
// a line is joined to the one before when the line before stops
// mid-sentence and the line reads as the rest of that sentence. The
// tests that decide it are in continues.

// joinBrokenLines joins, in place, each line that continues the sentence
// the line before it left open, and returns the shortened slices; src
// maps each line to its input line, a joined line to its first.
func joinBrokenLines(lines []string, src []int) ([]string, []int) {
	if len(lines) < 2 {
		return lines, src
	}
	var words *lowerWords
	k := 0
	for i, line := range lines {
		if i > 0 && len(lines[k-1]) < maxJoined && openEnded(lines[k-1]) {
			if words == nil {
				words = &lowerWords{lines: lines}
			}
			if continues(lines[k-1], line, words, bodyLine) {
				lines[k-1] = lines[k-1] + " " + line
				continue
			}
		}
		lines[k], src[k] = line, src[i]
		k++
	}
	return lines[:k], src[:k]
}

// maxJoined bounds the lines a join extends: a sentence broken by links
// is far shorter, and the bound keeps hard-wrapped text of any length
// linear.
const maxJoined = 4096

// openEnded reports whether a line stops mid-sentence: its last
// character, closing quotes and brackets aside, is not a sentence's final
// punctuation or a colon.
func openEnded(line string) bool {
	t := strings.TrimRight(line, "\"'”’)] ")
	if t == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '.', '!', '?', '…', ':':
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ',' || r == ';' || r == '%' || r == '-' || r == '–' || r == '—'
}

// joinRule says how much is known about a line that stops mid-sentence.
type joinRule int

const (
	// bodyLine: a paragraph, or a heading over one.
	bodyLine joinRule = iota
	// lastItem: a publisher's key point that stops mid-sentence where
	// the others end in full stops; it is not a heading, but it may have
	// been cut, so what follows may be the body.
	lastItem
	// brokenItem: a key point whose next line is followed by more key
	// points, so that line can only be its rest.
	brokenItem
)

// continues reports whether next is the rest of the sentence that prev
// (an open-ended line) began, under rule.
//
// next continues prev when it starts in lower case, or, unless prev ends
// in a figure ("rose by 1.3%"), with a capitalised word or a number that is
// not a sentence opener ("The", "He", "But": a new sentence) and one of
// these holds:
//   - prev ends with a comma or semicolon, or with a title ("President",
//     "Mr", "called"), or, in a key point, with any word that cannot end a
//     sentence ("of", "the", "Radio 4's");
//   - in the body, prev ends with a word that cannot end a sentence and
//     one of the halves is too short to be a paragraph, or next starts
//     with a name of two capitalised words ("by the\nHarbour Trust");
//     otherwise such a paragraph has lost its last words to a link more
//     often than not ("released by the\nCascade said in a statement");
//   - prev ends with no such word, is not heading-like (a short line of its own, such as "Biden has
//     pledged to stand up to Putin" over a paragraph; key points are never
//     headings) and either ends in a capitalised word (a name that goes
//     on: "Warner\nBros"), or next starts with two capitalised words ("New
//     York DJs") or with a word that never occurs in lower case in the
//     article (a name, not a common word capitalised to start a sentence).
//
// After a word of the first kind, an opener that is not a function word
// may start a name ("under the\nOne World name").
//
// The rest of a broken key point only has to start with something other
// than a function word after an article ("the\nThe"): names start with
// openers too ("in\nThe Godfather").
func continues(prev, next string, words *lowerWords, rule joinRule) bool {
	if next == "" || doc.BulletLen(next) > 0 || isHeader(next) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(r) {
		return true
	}
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false // quotes, brackets, symbols: a new sentence or a caption
	}
	if endsInFigure(prev) {
		return false // "rose by 1.3%\nIsrael's economy": a clause that is whole
	}
	first := firstWord(next)
	last, sep := lastWord(prev)
	if rule == brokenItem {
		return !functionWords[first] || !articles[strings.ToLower(last)]
	}
	lw := strings.ToLower(last)
	// A possessive cannot end a key point ("on BBC Radio 4's\nToday
	// programme"); in the body it is left to the tests below.
	possessive := strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "’s")
	dangling := danglers[lw] || possessive && rule != bodyLine
	strong := sep != 0 || titles[lw] || dangling && rule != bodyLine
	// A title that starts with "The" ("for\nThe Prince's Trust") may
	// follow a key point's preposition.
	titled := rule != bodyLine && dangling && !articles[lw] && articles[strings.ToLower(first)] && twoCapitals(next)
	if openers[first] && (functionWords[first] && !titled || !strong) {
		return false
	}
	if strong {
		return true
	}
	if dangling {
		// "...a report released by the\nCascade said in a statement...":
		// a paragraph that lost its last words, unless one of the halves
		// is too short to be a paragraph ("Speaking in\nLondon, the
		// minister said...", "...built by\nThomas Grange.") or a name of
		// two words follows.
		return wordCount(prev) <= shortHalf || wordCount(next) <= shortHalf && !openEnded(next) || twoCapitals(next)
	}
	if rule == bodyLine && headingLike(prev) {
		return false
	}
	if startsUpperWord(last) || twoCapitals(next) {
		return true
	}
	name, _, _ := strings.Cut(first, "'")
	name, _, _ = strings.Cut(name, "’")
	return !unicode.IsUpper(r) || !words.has(strings.ToLower(name))
}

// twoCapitals reports a line that starts with two capitalised words, as
// a name does ("New York DJs"); a sentence seldom does unless it starts
// with one.
func twoCapitals(s string) bool {
	i := strings.IndexByte(s, ' ')
	if i < 0 || i+1 >= len(s) || strings.ContainsAny(s[:i], ",;:.") {
		return false
	}
	return startsUpperWord(s[i+1:])
}

// shortHalf is the most words a line broken off a sentence may have for
// it to be taken as too short to be a paragraph of its own.
const shortHalf = 8

func wordCount(s string) int { return strings.Count(s, " ") + 1 }

// endsInFigure reports a line that ends with a number or a percentage.
func endsInFigure(s string) bool {
	s = strings.TrimRight(s, "%")
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}

// headingLike reports a line that may be a heading over a paragraph
// rather than the first half of a broken sentence: no sentence
// punctuation and at most twelve words.
func headingLike(line string) bool {
	if strings.ContainsAny(line, ".!?") {
		return false
	}
	return strings.Count(line, " ") < 12
}

// firstWord returns the letters (and apostrophes) that start s.
func firstWord(s string) string {
	end := len(s)
	for i, r := range s {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' {
			end = i
			break
		}
	}
	return s[:end]
}

// lastWord returns the last word of s and the byte that ends s when it is
// a comma or semicolon (0 otherwise).
func lastWord(s string) (string, byte) {
	var sep byte
	if n := len(s); n > 0 && (s[n-1] == ',' || s[n-1] == ';') {
		sep = s[n-1]
		s = s[:n-1]
	}
	s = strings.TrimRight(s, "\"'”’)] ")
	return s[strings.LastIndexByte(s, ' ')+1:], sep
}

func startsUpperWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// lowerWords answers whether a word occurs in lower case in the lines: a
// capitalised word that also occurs in lower case is a common word that
// starts a sentence, not a name. The set is built on the first question,
// which most articles never ask.
type lowerWords struct {
	lines []string
	set   map[string]bool
}

func (w *lowerWords) has(word string) bool {
	if w.set == nil {
		w.set = make(map[string]bool)
		for _, line := range w.lines {
			start := -1 // where the current word began, -1 between words
			for i, r := range line {
				if unicode.IsLetter(r) {
					if start < 0 {
						start = i
					}
					continue
				}
				if start >= 0 {
					w.add(line[start:i])
					start = -1
				}
			}
			if start >= 0 {
				w.add(line[start:])
			}
		}
	}
	return w.set[word]
}

func (w *lowerWords) add(word string) {
	if r, _ := utf8.DecodeRuneInString(word); unicode.IsLower(r) {
		w.set[word] = true
	}
}

// openers are capitalised words that start a new sentence: articles,
// pronouns, conjunctions, prepositions and adverbs that a name broken off
// by a link does not begin with.
var openers = setOf(
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those",
	"There", "Here", "In", "On", "At", "But", "And", "Or", "So", "If", "When", "While", "As", "After",
	"Before", "Since", "For", "From", "With", "By", "To", "Of", "What", "Who", "Why", "How", "Where",
	"Which", "His", "Her", "Their", "Its", "Our", "My", "Your", "One", "Some", "Many", "Most", "All",
	"Both", "Each", "Such", "Yet", "However", "Meanwhile", "Still", "Also", "Now", "Then", "Nor",
	"Not", "No", "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Has", "Have", "Had", "Will", "Would",
	"Can", "Could", "Should", "Must", "Although", "Though", "Because", "Unlike", "Like", "Despite",
	"During", "Under", "Over", "Among", "About", "According", "Other", "Another", "Every", "Any",
	"Only", "Even", "Just", "Instead", "Indeed", "Already", "Today", "Yesterday", "Tomorrow",
	"Earlier", "Later", "Asked", "Speaking", "Overall", "Meantime", "Further", "Furthermore",
	"Moreover", "Nevertheless", "Nonetheless", "Thus", "Therefore", "Hence", "Instead", "Once",
	"Until", "Unless", "Whether", "Whatever", "Whoever", "Nobody", "Nothing", "Everyone", "Everything",
	"Someone", "Something", "Anyone", "Few", "Several", "More", "Less", "Much", "Let", "Please",
)

var articles = setOf("the", "a", "an")

// functionWords are the openers that no name starts with.
var functionWords = setOf(
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those",
	"There", "His", "Her", "Their", "Its", "Our", "My", "Your", "But", "And", "Or", "So", "If", "When",
	"While", "As", "After", "Before", "Since", "For", "From", "With", "By", "To", "Of", "In", "On", "At",
	"What", "Who", "Why", "How", "Where", "Which", "Although", "Though", "Because", "However",
)

// danglers are words after which a sentence goes on: articles,
// prepositions, conjunctions, verbs of saying. A paragraph that ends with
// one may have lost its last words (a link's text) rather than been broken
// by a link, so in the body only a lower-case next line is its rest.
var danglers = setOf(
	"the", "a", "an", "of", "from", "to", "in", "on", "at", "by", "for", "with", "and", "or", "but",
	"that", "said", "says", "told", "per", "via", "into", "onto", "his", "her", "their", "its", "our",
	"this", "these", "those", "is", "was", "are", "were", "as", "than", "about", "against", "between",
	"among", "over", "under", "after", "before", "during", "near", "behind", "like", "including",
	"across", "toward", "towards", "through", "without", "within", "upon", "whom", "whose", "which",
	"while", "when", "where", "who", "because", "if", "nor", "both", "either", "neither", "not",
)

// titles are words a name follows ("President\nJoe Biden", "a technology
// called\nEvolution"); a line that ends with one was broken before the
// name.
var titles = setOf(
	"president", "minister", "secretary", "senator", "sen", "rep", "representative", "governor",
	"gov", "mayor", "chancellor", "premier", "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "dame",
	"judge", "justice", "general", "gen", "colonel", "captain", "commissioner", "chief", "chairman",
	"chairwoman", "director", "spokesman", "spokeswoman", "spokesperson", "king", "queen", "prince",
	"princess", "pope", "bishop", "archbishop", "coach", "manager", "boss", "leader", "counterpart",
	"predecessor", "successor", "rival", "professor", "prof", "ambassador", "envoy", "speaker",
	"deputy", "vice", "prime", "former", "late", "ex", "st", "called", "named", "dubbed", "titled",
	"entitled", "nicknamed",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
