package compress

import "testing"

// TestHasQuote: every quotation mark a sentence can carry, straight,
// curly or PTB's, is seen; apostrophes and other punctuation are not.
func TestHasQuote(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{`The mayor said "no" twice.`, true},
		{"The mayor said “no” twice.", true},
		{"The mayor’s “final” word.", true},
		{"the mayor said `` no '' twice .", true},
		{"The mayor's office closed the bridge.", false},
		{"The bridge – the city’s oldest – closes.", false},
		{"", false},
		{"ends in a lone \xe2\x80", false},
	} {
		if got := hasQuote(tc.text); got != tc.want {
			t.Errorf("hasQuote(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
