package segment

import (
	"strings"

	"github.com/keypoints-dev/keypoints/doc"
)

// danglers are words a complete sentence does not end with; a paragraph
// that ends with one was cut off by the scraper, usually where a link was
// removed ("... according to a readout of the call from the").
var danglers = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "from": true, "to": true, "in": true, "on": true,
	"at": true, "by": true, "for": true, "with": true, "and": true, "or": true, "but": true, "that": true,
	"said": true, "says": true, "told": true, "per": true, "via": true, "into": true, "his": true, "her": true,
	"their": true, "its": true, "our": true, "this": true, "these": true, "is": true, "was": true, "are": true,
}

// TrimCutOff shortens sentences that a scraper cut off mid-clause back to
// their last complete clause (the last ", " with at least six words before
// it) and marks them Cut. A cut-off sentence with no such clause is only
// marked. The text is not changed: a trimmed sentence is a shorter span
// of it, so offsets stay valid.
func TrimCutOff(text string, sents []doc.Sentence) {
	for i := range sents {
		s := &sents[i]
		if !CutOff(s.Text) {
			continue
		}
		s.Cut = true
		if k := strings.LastIndex(s.Text, ", "); k > 0 && len(strings.Fields(s.Text[:k])) >= 6 {
			s.End = s.Start + k
			s.Text = text[s.Start:s.End]
		}
	}
}

// CutOff reports whether a sentence ends mid-clause: no final punctuation
// and a last word that cannot end a sentence.
func CutOff(t string) bool {
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
