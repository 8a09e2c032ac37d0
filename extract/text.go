package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/keypoints-dev/keypoints/doc"
)

// blockElements start and end a line in the text: they are the elements
// a browser lays out as separate blocks, plus the list and table parts
// that the libraries keep.
var blockElements = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"caption": true, "center": true, "dd": true, "details": true, "dialog": true,
	"dir": true, "div": true, "dl": true, "dt": true, "fieldset": true,
	"figcaption": true, "figure": true, "footer": true, "form": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hgroup": true, "hr": true, "html": true, "legend": true,
	"li": true, "main": true, "menu": true, "nav": true, "ol": true, "p": true,
	"pre": true, "section": true, "summary": true, "table": true, "tbody": true,
	"tfoot": true, "thead": true, "tr": true, "ul": true,
}

// skippedElements never hold article text.
var skippedElements = map[string]bool{
	"head": true, "script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "iframe": true, "object": true, "button": true,
	"select": true, "textarea": true, "input": true,
}

// nodeBlocks renders the text under n as Page.Text, with the kind of
// block each line came from: one block a line, whitespace runs collapsed
// to one space, lines trimmed, empty lines and a line equal to the one
// before it dropped. Table cells are joined by a space so that a row
// reads as one line, and <br> ends a line, except where a page breaks a
// sentence in the middle (see flush).
func nodeBlocks(n *html.Node) (string, []doc.Block) {
	var r textRenderer
	r.walk(n, false, doc.Paragraph, false)
	r.flush()
	markCaptions(r.lines, r.blocks)
	return strings.Join(r.lines, "\n"), r.blocks
}

// creditLine matches a photo credit on a line of its own: "Photo: AP",
// "Image credit: Reuters", "Picture: Getty Images".
var creditLine = regexp.MustCompile(`(?i)^(photo(graph)?s?|images?|pictures?|credit|illustration|video)( credit| by)?\s*:\s*\S`)

// creditEnd matches a caption that ends with its credit on the same line.
var creditEnd = regexp.MustCompile(`[.!?]["”’)]? (Photo(graph)?|Image|Picture)s?( credit| by)?: [^.!?]{1,60}$`)

// markCaptions marks as a caption the line before a credit line: pages
// that lay a caption out as a paragraph still follow it with its credit.
// Credits themselves are captions too.
func markCaptions(lines []string, blocks []doc.Block) {
	for i, l := range lines {
		if blocks[i] == doc.Paragraph && len(l) < 400 && strings.Contains(l, ": ") && creditEnd.MatchString(l) {
			blocks[i] = doc.Caption // "The mayor speaks on Tuesday. Photo: AP"
			continue
		}
		if len(l) > 120 || blocks[i] != doc.Paragraph || !creditLine.MatchString(l) {
			continue // (a credit in a figure caption follows the figure's own text)
		}
		blocks[i] = doc.Caption
		if i > 0 && blocks[i-1] == doc.Paragraph && strings.Count(lines[i-1], " ") < 50 {
			blocks[i-1] = doc.Caption
		}
	}
}

type textRenderer struct {
	lines  []string
	blocks []doc.Block
	cur    strings.Builder
	// kind is the block kind of the current line's first text; code and
	// other count the letters of the line inside and outside <code>.
	kind        doc.Block
	code, other int
	started     bool
	// soft marks the current line as ended by <br>, which a page may
	// put in the middle of a sentence; afterBr says the last line kept
	// was. A block's end is never undone.
	soft, afterBr bool
}

// blockKind returns the kind of block an element starts, or "" (keep
// the enclosing kind).
func blockKind(name string) (doc.Block, bool) {
	switch name {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return doc.Heading, true
	case "li", "dt", "dd":
		return doc.ListItem, true
	case "tr", "table":
		return doc.TableRow, true
	case "pre":
		return doc.Code, true
	case "figcaption", "caption", "figure":
		return doc.Caption, true
	case "p", "blockquote":
		return doc.Paragraph, true
	}
	return "", false
}

func (r *textRenderer) walk(n *html.Node, pre bool, kind doc.Block, code bool) {
	switch n.Type {
	case html.TextNode:
		if pre {
			// Preformatted text keeps its line structure.
			for i, part := range strings.Split(n.Data, "\n") {
				if i > 0 {
					r.flush()
				}
				r.write(part, kind, true)
			}
			return
		}
		r.write(n.Data, kind, code)
		return
	case html.ElementNode:
		name := n.Data
		if skippedElements[name] {
			return
		}
		switch name {
		case "br":
			r.soft = true
			r.flush()
			return
		case "td", "th":
			r.cur.WriteByte(' ')
		case "pre":
			pre = true
		case "code", "kbd", "samp", "tt":
			code = true
		}
		if k, ok := blockKind(name); ok && !(k == doc.Paragraph && kind != doc.Paragraph) {
			// A paragraph inside a list item or a caption stays one.
			kind = k
		}
		block := blockElements[name]
		if block {
			r.flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.walk(c, pre, kind, code)
		}
		if block {
			r.flush()
		} else if name == "td" || name == "th" {
			r.cur.WriteByte(' ')
		}
		return
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.walk(c, pre, kind, code)
		}
	}
}

// write adds text of the given kind to the current line.
func (r *textRenderer) write(s string, kind doc.Block, code bool) {
	letters := 0
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			letters++
		}
	}
	if letters > 0 && !r.started {
		r.kind, r.started = kind, true
	}
	if code {
		r.code += letters
	} else {
		r.other += letters
	}
	r.cur.WriteString(s)
}

// flush ends the current line, keeping it if it has any text. A line
// ended by <br> in mid-sentence, followed by one that goes on in lower
// case, is the same sentence broken by the page's layout: the two are
// joined again. (Across blocks a lower-case start is as often a drop
// capital lost by the extractor: "T" + "urkey, Poland and...".)
func (r *textRenderer) flush() {
	endedByBr := r.soft
	r.soft = false
	if r.cur.Len() == 0 {
		return
	}
	line := collapseSpace(r.cur.String())
	r.cur.Reset()
	if strings.Contains(line, "&") && strings.Contains(line, ";") {
		// Entities escaped twice by the page ("we&#8217;re"): repaired
		// to the character the writer meant.
		line = html.UnescapeString(line)
	}
	kind := r.kind
	if r.code > 0 && r.code >= 4*r.other {
		kind = doc.Code
	}
	r.kind, r.code, r.other, r.started = doc.Paragraph, 0, 0, false
	if line == "" {
		return
	}
	n := len(r.lines)
	// A paragraph repeated right after itself is never content: it is
	// how go-trafilatura's last-resort baseline ends short pages (the
	// paragraphs, then the whole page text again).
	if n > 0 && r.lines[n-1] == line {
		return
	}
	afterBr := r.afterBr
	r.afterBr = endedByBr
	if afterBr && n > 0 && kind == doc.Paragraph && r.blocks[n-1] == doc.Paragraph && midSentence(r.lines[n-1], line) {
		r.lines[n-1] += " " + line
		return
	}
	r.lines = append(r.lines, line)
	r.blocks = append(r.blocks, kind)
}

// midSentence reports a line break inside a sentence: the line before
// ends without a sentence mark (or on a comma) and the next line starts
// with a lower-case word.
func midSentence(before, after string) bool {
	last, _ := utf8.DecodeLastRuneInString(before)
	switch last {
	case '.', '!', '?', ':', ';', '…', '"', '”', '’', ')', ']':
		return false
	}
	first, _ := utf8.DecodeRuneInString(after)
	return unicode.IsLower(first)
}

// collapseSpace trims s and replaces each run of Unicode white space in
// it with one ASCII space. Invisible format characters that pages use as
// break hints (zero-width space, word joiner, BOM) and stray control
// characters are dropped; U+FFFD is kept (it marks bytes that were not
// UTF-8).
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, c := range s {
		switch {
		case unicode.IsSpace(c) || c == spaceMark:
			space = b.Len() > 0
			continue
		case c == '\u200B' || c == '\u2060' || c == '\uFEFF' || unicode.IsControl(c):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(c)
	}
	return b.String()
}
