package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
)

// Publishers put their own summary on top of a story: CNBC's "Key Points",
// CNN's "Story highlights", or just a few bullets. Scraped, it is a block
// of bullet lines at the top of the text, damaged like the rest: lines
// broken where links began ("- President\nJoe Biden on Tuesday..."), two
// bullets run onto one line ("...commander-in-chief. - Biden pressed...").
// splitPublisher takes the block off the text and returns its points
// whole; it is not body text, and the engine's key points are chosen from
// the body alone.

// headers are the titles publishers put over their key points, lower
// case, without a final colon.
var headers = setOf(
	"key points", "key point", "story highlights", "highlights", "key takeaways", "takeaways",
	"key facts", "at a glance", "in brief", "in short", "summary", "the big picture",
	"what you need to know", "what we know", "what to know", "need to know", "the gist", "quick read",
	"main points", "top points", "key findings", "the facts", "fast facts", "tl;dr", "tldr",
	"article summary", "story summary", "key details", "what we know so far", "the essentials",
	"quick summary", "top takeaways", "the short version", "key moments", "why it matters",
)

// isHeader reports a line that is only a key points header ("Key Points",
// "STORY HIGHLIGHTS:").
func isHeader(line string) bool {
	if len(line) > 40 {
		return false
	}
	return headers[strings.ToLower(strings.TrimRight(line, ": "))]
}

// maxBlockStart is how many lines (a title, a kicker) may come before a
// key points header.
const maxBlockStart = 2

// splitPublisher finds the publisher's key points at the top of lines. It
// returns their texts, in order, and the lines that remain; without such a
// block it returns no points and lines as they are. Lines are clean and
// repaired; the points come back with their broken lines joined and their
// bullet marks removed. src maps each line to its input line; bodySrc
// does the same for body.
func splitPublisher(lines []string, src []int) (points []string, body []string, bodySrc []int) {
	body, bodySrc = lines, src
	// A text may carry more than one block at the top (points under two
	// headers); taking them all keeps Normalize idempotent, since what
	// remains never starts with another block.
	for len(body) > 0 {
		p, from, to := publisherBlock(body)
		if p == nil {
			break
		}
		points = append(points, p...)
		// The lines before the block (a title, a header's kicker) stay.
		body = append(body[:from:from], body[to:]...)
		bodySrc = append(bodySrc[:from:from], bodySrc[to:]...)
	}
	return points, body, bodySrc
}

// publisherBlock finds one block at the top of lines: bullet items at the
// start, or under a header or a title within the first lines. It returns
// the points and the lines [from, to) they take (the header included), or
// nil points when there is none.
func publisherBlock(lines []string) (points []string, from, to int) {
	// The block starts the text, or follows a header, or a title: pre
	// lines come before it and stay with the body.
	start, pre, header := -1, 0, false
	for i := 0; i < len(lines) && i <= maxBlockStart; i++ {
		if isHeader(lines[i]) {
			start, pre, header = i+1, i, true
			break
		}
		if doc.BulletLen(lines[i]) > 0 {
			start, pre = i, i
			break
		}
		if !titleLike(lines[i]) {
			break
		}
	}
	if start < 0 || start >= len(lines) || doc.BulletLen(lines[start]) == 0 {
		return nil, 0, 0
	}
	items, end := blockItems(lines, start, header)
	if !validBlock(items, header, pre > 0, lines[end:]) {
		return nil, 0, 0
	}
	return items, pre, end
}

// titleLike reports a short line without a sentence's final punctuation,
// as a title or a kicker above a key points header is.
func titleLike(line string) bool {
	return len(line) <= 200 && openEnded(line)
}

// blockItems reads the bullet items starting at lines[start] and returns
// them with the index of the first line after the block. An item goes on
// over the next line when it stops mid-sentence and the next line reads as
// its rest (see continues), so long as that line holds no more than the
// rest of the item and perhaps further items.
func blockItems(lines []string, start int, header bool) (items []string, end int) {
	// Without a header only items that end like sentences make a block
	// (see validBlock), so one that does not is broken.
	rule := bodyLine
	if !header || periodStyle(lines, start) {
		rule = lastItem
	}
	var words *lowerWords
	i := start
	for ; i < len(lines); i++ {
		line := lines[i]
		if doc.BulletLen(line) > 0 {
			items = append(items, splitItems(doc.TrimBullets(line))...)
			continue
		}
		last := items[len(items)-1]
		// A point does not end with a colon: "Bridget Jones:\nThe Edge of
		// Reason was named..." is a title broken by a link.
		if len(last) >= maxJoined || !openEnded(last) && !strings.HasSuffix(last, ":") {
			break
		}
		if words == nil {
			words = &lowerWords{lines: lines}
		}
		parts := splitItems(line)
		r := rule
		if rule == lastItem && (len(parts) > 1 || i+1 < len(lines) && doc.BulletLen(lines[i+1]) > 0) {
			r = brokenItem
		}
		if !continues(last, line, words, r) || moreThanOneSentence(parts[0]) {
			break
		}
		items[len(items)-1] = last + " " + parts[0]
		items = append(items, parts[1:]...)
	}
	return items, i
}

// periodStyle reports whether the block's items are known to end with
// full stops, which is what makes one that does not a broken item: an
// item on a bullet line ends with one, or a line without a bullet sits
// between bullet lines (the rest of a broken item), or there is a single
// item. Items written without full stops (CNN's highlights, several of
// them) are only joined to the next line on the ordinary evidence.
func periodStyle(lines []string, start int) bool {
	items := 0
	for i := start; i < len(lines) && i < start+24; i++ {
		if doc.BulletLen(lines[i]) == 0 {
			if i+1 < len(lines) && doc.BulletLen(lines[i+1]) > 0 {
				return true
			}
			break
		}
		for _, it := range splitItems(doc.TrimBullets(lines[i])) {
			if !openEnded(it) {
				return true
			}
			items++
		}
	}
	return items == 1
}

// splitItems splits a line that holds more than one bullet item: a
// bullet mark after the end of a sentence (". - Biden pressed"), or a "•"
// anywhere.
func splitItems(line string) []string {
	var out []string
	from := 0
	for i := 1; i+1 < len(line); i++ {
		if line[i-1] != ' ' {
			continue
		}
		n := doc.BulletLen(line[i:])
		if n == 0 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(line[i:])
		if r != '•' && openEnded(line[from:i-1]) {
			continue
		}
		if p := strings.TrimSpace(line[from : i-1]); p != "" {
			out = append(out, p)
		}
		from = i + n
		i = from
	}
	if p := strings.TrimSpace(line[from:]); p != "" || len(out) == 0 {
		out = append(out, p)
	}
	return out
}

// moreThanOneSentence reports whether s holds a sentence end followed by
// more text: a line that would join an item but goes on past it is the
// body's first paragraph, not the item's rest.
func moreThanOneSentence(s string) bool {
	for i := 0; i+2 < len(s); i++ {
		switch s[i] {
		case '.', '!', '?':
		default:
			continue
		}
		j := i + 1
		for j < len(s) && strings.IndexByte("\"')]", s[j]) >= 0 {
			j++
		}
		if j+1 >= len(s) || s[j] != ' ' {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[j+1:])
		if !unicode.IsUpper(r) && r != '"' && r != '“' {
			continue
		}
		w, _ := lastWord(s[:i])
		if len(w) >= 3 && !strings.Contains(w, ".") && !abbreviations[w] {
			return true
		}
	}
	return false
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// abbreviations end in a full stop that does not end a sentence.
var abbreviations = setOf("Mrs", "Gov", "Sen", "Rep", "Gen", "Col", "Capt", "Lt", "Sgt", "Inc", "Corp", "Ltd", "Co", "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "Prof", "Rev", "Ave", "Blvd", "No", "vs", "etc", "approx", "est")

// validBlock decides whether items read as a publisher's key points and not
// as a list that happens to start the text (links, a menu, a list of
// facts): at most twelve items, each of at least two words (six on
// average) and not a link; without a header, most end like sentences, and
// a single item is a whole sentence starting with a capital, and under a
// title there are two or more that all end like sentences; and the
// article below is longer than the points.
func validBlock(items []string, header, titled bool, body []string) bool {
	if len(items) == 0 || len(items) > 12 {
		return false
	}
	words, ended := 0, 0
	for _, it := range items {
		n := len(strings.Fields(it))
		if n < 2 || n > 120 || strings.Contains(it, "://") || strings.Contains(it, "www.") {
			return false
		}
		words += n
		if !openEnded(it) {
			ended++
		}
	}
	if words < 6*len(items) || !header && ended*2 < len(items) {
		return false
	}
	if !header && len(items) == 1 && (ended == 0 || words < 6 || startsLower(items[0])) {
		return false // one bullet line without a header: only a whole sentence
	}
	if !header && titled && (len(items) < 2 || ended < len(items)) {
		return false // under a title, only sentences: not a list of links or facts
	}
	bodyWords := 0
	for _, l := range body {
		bodyWords += wordCount(l)
		if bodyWords > words {
			return true
		}
	}
	return false
}
