package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
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

// nodeText renders the text under n as Page.Text: one block a line,
// whitespace runs collapsed to one space, lines trimmed, empty lines and
// a line equal to the one before it dropped. Table cells are joined by a
// space so that a row reads as one line, and <br> ends a line.
func nodeText(n *html.Node) string {
	var r textRenderer
	r.walk(n, false)
	r.flush()
	return strings.Join(r.lines, "\n")
}

type textRenderer struct {
	lines []string
	cur   strings.Builder
}

func (r *textRenderer) walk(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		if pre {
			// Preformatted text keeps its line structure.
			for i, part := range strings.Split(n.Data, "\n") {
				if i > 0 {
					r.flush()
				}
				r.cur.WriteString(part)
			}
			return
		}
		r.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		name := n.Data
		if skippedElements[name] {
			return
		}
		switch name {
		case "br":
			r.flush()
			return
		case "td", "th":
			r.cur.WriteByte(' ')
		case "pre":
			pre = true
		}
		block := blockElements[name]
		if block {
			r.flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.walk(c, pre)
		}
		if block {
			r.flush()
		} else if name == "td" || name == "th" {
			r.cur.WriteByte(' ')
		}
		return
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.walk(c, pre)
		}
	}
}

// flush ends the current line, keeping it if it has any text.
func (r *textRenderer) flush() {
	if r.cur.Len() == 0 {
		return
	}
	line := collapseSpace(r.cur.String())
	r.cur.Reset()
	// A paragraph repeated right after itself is never content: it is
	// how go-trafilatura's last-resort baseline ends short pages (the
	// paragraphs, then the whole page text again).
	if line != "" && (len(r.lines) == 0 || r.lines[len(r.lines)-1] != line) {
		r.lines = append(r.lines, line)
	}
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
