package extract

import (
	"bytes"
	"net/url"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"github.com/keypoints-dev/keypoints/doc"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// parse reads b as UTF-8 HTML into a tree. A page the HTML parser
// refuses for nesting over 512 elements deep is parsed again with the
// tags deeper than maxDepth dropped.
//
// We parse ourselves instead of letting the libraries do it: their
// parser (go-shiori/dom) guesses the encoding from the bytes and
// re-decodes, which garbles pages that are already UTF-8 but still
// declare their original charset.
func parse(b []byte, maxDepth int) (*html.Node, error) {
	b = bytes.TrimPrefix(b, utf8BOM)
	// Invalid bytes would pass through the parser into Page.Text;
	// callers are promised valid UTF-8.
	b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
	// Composed forms, as the libraries' own parser makes them, so that
	// "é" is one character however the page spelled it. (That parser
	// also deletes soft hyphens; we keep them: they are part of the
	// page's text, and the team's reference snippets have them.)
	b = norm.NFC.Bytes(b)

	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		// The only error html.Parse returns for an in-memory reader is
		// its refusal of documents nested over 512 elements. Rather
		// than give up on the page, drop the excess tags, keep the
		// text and parse again.
		root, err = html.Parse(bytes.NewReader(flatten(b, maxDepth)))
		if err != nil {
			return nil, doc.Errorf(doc.EInvalid, "extract: cannot parse page: %v", err)
		}
	}
	dropRuby(root)
	return root, nil
}

// dropRuby removes ruby annotations (<rt>, <rp>): the readings printed
// over Japanese and Chinese text are not part of it, and the libraries,
// which do not know these tags, would splice them into the words.
func dropRuby(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && (c.Data == "rt" || c.Data == "rp") {
			n.RemoveChild(c)
		} else {
			dropRuby(c)
		}
		c = next
	}
}

// voidElements have no end tag and never stay open.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "keygen": true, "link": true, "meta": true,
	"param": true, "source": true, "track": true, "wbr": true,
}

// rawTextElements hold text the tokenizer does not parse as markup; when
// we drop their start tag we drop their content too, or scripts would
// turn into visible text.
var rawTextElements = map[string]bool{
	"script": true, "style": true, "textarea": true, "title": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true,
}

// flatten rewrites b so that no more than maxDepth elements are open at
// once, by dropping start tags (and their matching end tags) beyond that
// depth. Text and comments are kept verbatim. Its model of the open
// elements is simpler than the HTML parser's (it ignores implied end
// tags), so it may drop more than needed; it runs only on pages the
// parser has already refused.
func flatten(b []byte, maxDepth int) []byte {
	var out bytes.Buffer
	out.Grow(len(b))
	z := html.NewTokenizer(bytes.NewReader(b))
	var stack []string
	dropped := map[string]int{}
	skipRaw := ""
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.Bytes()
		}
		raw := z.Raw()
		if skipRaw != "" {
			if tt == html.EndTagToken {
				if name, _ := z.TagName(); string(name) == skipRaw {
					skipRaw = ""
				}
			}
			continue
		}
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			n := string(name)
			if voidElements[n] {
				break
			}
			if len(stack) >= maxDepth {
				dropped[n]++
				if rawTextElements[n] {
					skipRaw = n
				}
				continue
			}
			stack = append(stack, n)
		case html.EndTagToken:
			name, _ := z.TagName()
			n := string(name)
			if dropped[n] > 0 {
				dropped[n]--
				continue
			}
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == n {
					stack = stack[:i]
					break
				}
			}
		}
		out.Write(raw)
	}
}

// parseURL returns pageURL parsed if it is an absolute http(s) URL, and
// nil otherwise: the libraries only use it to resolve links and as a hint.
func parseURL(pageURL string) *url.URL {
	if pageURL == "" {
		return nil
	}
	u, err := url.Parse(pageURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// spaceMark stands in for white space at the edges of text nodes while
// go-trafilatura works on the tree; nodeText turns it back into a space.
//
// go-trafilatura trims every text node and tail it keeps, so
// "entitled <i>Beautiful Code</i>" comes out as "entitledBeautiful Code"
// and two links separated by a space run together. A private-use
// character is not white space to its trim. One that the page itself
// uses (icon fonts do) becomes a space as well, which loses nothing
// readable.
const spaceMark = '\uE000'

// markSpaces replaces the white space at either edge of each text node
// of root with spaceMark where that space separates the text from inline
// content next to it (an inline element, or text of an inline parent's
// neighbours); a text node that is all white space between two inline
// elements becomes one spaceMark. Space next to block boundaries is left
// alone: it separates nothing, and marking it changes which elements
// go-trafilatura takes for text holders.
func markSpaces(root *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if rawTextElements[n.Data] {
					continue
				}
				c.Data = markEdges(c.Data, inlineSide(n, c.PrevSibling), inlineSide(n, c.NextSibling))
			case html.ElementNode:
				if c.Data != "pre" && !skippedElements[c.Data] {
					walk(c)
				}
			default:
				walk(c)
			}
		}
	}
	walk(root)
}

// inlineSide reports whether the neighbour of a text node under parent
// (nil at the parent's edge) continues the same line of text.
func inlineSide(parent, neighbour *html.Node) bool {
	if neighbour == nil {
		return parent.Type == html.ElementNode && isInline(parent.Data)
	}
	switch neighbour.Type {
	case html.TextNode:
		return true
	case html.ElementNode:
		return isInline(neighbour.Data)
	}
	return false
}

func isInline(tag string) bool {
	return !blockElements[tag] && !skippedElements[tag] && tag != "br" && tag != "td" && tag != "th"
}

// markEdges returns s with its leading white space replaced by one
// spaceMark if before is set (by one space if not), its trailing white
// space likewise for after, and an all-space s by one spaceMark if both
// are set.
func markEdges(s string, before, after bool) string {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	lead := len(t) < len(s)
	t2 := strings.TrimRightFunc(t, unicode.IsSpace)
	trail := len(t2) < len(t)
	if t2 == "" {
		if s != "" && before && after {
			return string(spaceMark)
		}
		return s
	}
	if !lead && !trail {
		return s
	}
	edge := func(marked bool) string {
		if marked {
			return string(spaceMark)
		}
		return " "
	}
	var b strings.Builder
	b.Grow(len(t2) + 6)
	if lead {
		b.WriteString(edge(before))
	}
	b.WriteString(t2)
	if trail {
		b.WriteString(edge(after))
	}
	return b.String()
}
