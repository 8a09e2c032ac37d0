package tokenize

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
)

// FuzzTokenize checks that tokens lie inside the span asked for, in
// increasing order without overlap, start and end on letters or digits,
// and carry the hash of their own text (curly apostrophes hashed as
// straight ones).
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"The U.S. economy grew 3.2% in 2019, officials said.",
		"don't once-in-a-lifetime don’t 10:30 19,000 $1.5bn",
		"-lrb- cnn -rrb- the senator did n't vote . '' `` ok",
		"Ünïcödé ÉCOLE straße ΣΊΣΥΦΟΣ 東京 ١٢٣ e\u0301",
		"\xff\xfe'-.,:a'b-c.d,e:f''--..,,::",
	} {
		f.Add(s, 0, len(s))
		f.Add(s, 3, len(s)-2)
	}
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if start < 0 || end > len(text) || start > end {
			start, end = 0, len(text)
		}
		toks := Sentence(text, start, end)
		checkTokens(t, text, start, end, toks)

		// Document gives each sentence the same tokens as Sentence.
		d := &doc.Document{Text: text, Sentences: []doc.Sentence{{Start: 0, End: start}, {Start: start, End: end}}}
		Document(d)
		if len(d.Sentences[1].Tokens) != len(toks) {
			t.Fatalf("Document: %d tokens in [%d,%d), Sentence: %d", len(d.Sentences[1].Tokens), start, end, len(toks))
		}
		for i, tok := range d.Sentences[1].Tokens {
			if tok != toks[i] {
				t.Fatalf("Document token %d = %+v, Sentence token = %+v", i, tok, toks[i])
			}
		}
	})
}

func checkTokens(t *testing.T, text string, start, end int, toks []doc.Token) {
	t.Helper()
	prev := start
	for i, tok := range toks {
		ts, te := int(tok.Start), int(tok.End)
		if ts < prev || te <= ts || te > end {
			t.Fatalf("token %d [%d,%d) out of order or outside [%d,%d) (previous end %d)", i, ts, te, start, end, prev)
		}
		w := text[ts:te]
		first, _ := utf8.DecodeRuneInString(w)
		last, _ := utf8.DecodeLastRuneInString(w)
		if !isWordRune(first) || !isWordRune(last) {
			t.Errorf("token %d %q does not start and end with a letter or digit", i, w)
		}
		if strings.IndexFunc(w, unicode.IsSpace) >= 0 {
			t.Errorf("token %d %q holds white space", i, w)
		}
		if want := Hash(strings.ReplaceAll(w, "’", "'")); tok.Term != want {
			t.Errorf("token %d %q: Term %x, Hash of its text %x", i, w, tok.Term, want)
		}
		prev = te
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
