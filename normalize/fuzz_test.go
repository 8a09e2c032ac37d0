package normalize

import (
	"testing"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
)

// FuzzNormalize checks that Normalize never panics, returns only
// *doc.Error failures, returns valid UTF-8 without empty lines, and is
// idempotent: cleaning clean text changes nothing.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"WASHINGTON (CNN) -- PresidentVladimir Putin met Trump .\nBy Jane Doe\nRead more: elsewhere",
		"-lrb- cnn -rrb- -- the senator did n't vote . `` no , '' she said .",
		"LONDON, England (Reuters) - Shares fell. . . . \u00a0Quotes “curly” and\u200bzero width.",
		"iPhone YouTube McCain McDonaldsCorp Mac\u00adDonald ZZTop aBc",
		"  \r\n\r\n\tWord , word . . word .word\r",
		"\x00\xff\xfe",
		"Key Points\n- President\nJoe Biden spoke. - Biden pressed Putin on arms.\n- He was firmer than President\nDonald Trump .\nThe call from the\nThe Kremlin said little.",
		"Title\nStory highlights\n* A point in five words\n• Another point\nof six words\nWASHINGTON (CNN) -- Body by the\nWhite House staff, said\nMr Smith.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		out, err := Normalize(raw, Options{MaxBytes: 1 << 16})
		if err != nil {
			if _, ok := err.(*doc.Error); !ok {
				t.Fatalf("error %v is a %T, not a *doc.Error", err, err)
			}
			return
		}
		if !utf8.ValidString(out.Text) {
			t.Fatalf("output is not valid UTF-8: %q", out.Text)
		}
		if out.Text == "" {
			t.Fatalf("empty output without an error for %q", raw)
		}
		again, err := Normalize(out.Text, Options{MaxBytes: 1 << 16})
		if err != nil {
			t.Fatalf("Normalize(Normalize(x)) failed: %v\nx: %q\nNormalize(x): %q", err, raw, out.Text)
		}
		if again.Text != out.Text {
			t.Fatalf("not idempotent\nx:      %q\nonce:   %q\ntwice:  %q", raw, out.Text, again.Text)
		}
	})
}
