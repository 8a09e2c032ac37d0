package extract

import "bytes"

// htmlStarts are the tags that, first in a document, mark it as HTML: the
// WHATWG MIME sniffing list (which http.DetectContentType also uses) plus
// the elements that fragments saved from pages commonly start with.
var htmlStarts = []string{
	"!doctype html", "html", "head", "body", "script", "iframe", "h1", "h2", "h3",
	"h4", "h5", "h6", "div", "font", "table", "a", "style", "title", "b", "br", "p",
	"meta", "link", "span", "article", "section", "main", "header", "nav", "ul",
	"ol", "li", "img", "form", "center", "i", "em", "strong", "blockquote", "pre",
	"figure", "noscript", "base",
}

// IsHTML reports whether b looks like HTML: after an optional UTF-8 byte
// order mark and white space, it starts with an HTML comment, a doctype,
// one of the usual opening tags (html, head, body, p, div, ...; case
// does not matter, and the name must end the tag or be followed by
// white space, "/" or ">"), or an XML declaration followed within the
// first 1024 bytes by an <html> tag (XHTML). Plain text that merely
// contains tags later on is not HTML. It reads at most the first 1024
// bytes.
func IsHTML(b []byte) bool {
	b = bytes.TrimPrefix(b, utf8BOM)
	if len(b) > 1024 {
		b = b[:1024]
	}
	b = bytes.TrimLeft(b, " \t\n\r\f")
	if len(b) < 2 || b[0] != '<' {
		return false
	}
	rest := b[1:]
	if bytes.HasPrefix(rest, []byte("!--")) {
		return true
	}
	if hasPrefixFold(rest, "?xml") {
		return bytes.Contains(bytes.ToLower(rest), []byte("<html"))
	}
	for _, tag := range htmlStarts {
		if !hasPrefixFold(rest, tag) {
			continue
		}
		if len(rest) == len(tag) {
			return true
		}
		switch rest[len(tag)] {
		case ' ', '\t', '\n', '\r', '\f', '/', '>':
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether b starts with the lowercase ASCII s,
// ignoring ASCII case.
func hasPrefixFold(b []byte, s string) bool {
	if len(b) < len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}
