package pick

import (
	"strings"

	"github.com/keypoints-dev/keypoints/doc"
)

// danglers are words a complete sentence does not end with; a paragraph
// that ends with one was cut off by the scraper (usually where a link was).
var danglers = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "from": true, "to": true, "in": true, "on": true,
	"at": true, "by": true, "for": true, "with": true, "and": true, "or": true, "but": true, "that": true,
	"said": true, "says": true, "told": true, "per": true, "via": true, "into": true, "his": true, "her": true,
	"their": true, "its": true, "our": true, "this": true, "these": true, "is": true, "was": true, "are": true,
}

// Span returns the part of sentence i worth showing as a key point, as
// byte offsets into d.Text. Usually that is the whole sentence; a sentence
// cut off mid-clause ("..., according to a readout of the call from the")
// is trimmed back to its last complete clause when enough is left.
func Span(d *doc.Document, i int) (int, int) {
	s := d.Sentences[i]
	if !Truncated(s.Text) {
		return s.Start, s.End
	}
	// Cut at the last clause comma, keeping at least six words.
	t := s.Text
	if k := strings.LastIndex(t, ", "); k > 0 && len(strings.Fields(t[:k])) >= 6 {
		return s.Start, s.Start + k
	}
	return s.Start, s.End
}

// Truncated reports whether a sentence ends mid-clause: no final
// punctuation and a last word that cannot end a sentence.
func Truncated(t string) bool {
	t = strings.TrimRight(t, " ")
	if t == "" {
		return false
	}
	switch t[len(t)-1] {
	case '.', '!', '?', '"', '\'', ')', ':':
		return false
	}
	k := strings.LastIndexByte(t, ' ')
	return danglers[strings.ToLower(t[k+1:])]
}
