package segment

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
)

// segCase is one entry of testdata/cases.json: an input paragraph (or
// several, separated by "\n") and the sentences it must split into.
// Category names the sentence-boundary problem the case exercises, after
// the "Golden Rules" of sentence boundary disambiguation plus news-specific
// ones (datelines, cut-off paragraphs, PTB-tokenized text).
type segCase struct {
	Name      string   `json:"name"`
	Category  string   `json:"category"`
	Input     string   `json:"input"`
	Output    []string `json:"output"`
	Tokenized bool     `json:"tokenized,omitempty"`
}

func loadCases(tb testing.TB, path string) []segCase {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var cases []segCase
	if err := json.Unmarshal(b, &cases); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return cases
}

func TestSegment(t *testing.T) {
	cases := loadCases(t, "testdata/cases.json")
	if len(cases) < 130 {
		t.Errorf("testdata/cases.json has %d cases, want at least 130", len(cases))
	}
	seen := map[string]bool{}
	for _, c := range cases {
		name := c.Category + "/" + c.Name
		if seen[name] {
			t.Errorf("duplicate case %q", name)
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			got := Segment(c.Input, c.Tokenized)
			checkInvariants(t, c.Input, got)
			texts := make([]string, len(got))
			for i, s := range got {
				texts[i] = s.Text
			}
			if !equal(texts, c.Output) {
				t.Errorf("input:\n\t%q\ngot:\n\t%s\nwant:\n\t%s", c.Input, quoteAll(texts), quoteAll(c.Output))
			}
		})
	}
}

// TestSegmentParagraphs checks the Paragraph field: a paragraph index
// counts only paragraphs that produced a sentence.
func TestSegmentParagraphs(t *testing.T) {
	got := Segment("Heading\n\nThe first one. The second one.\n  \nLast one", false)
	want := []int{0, 1, 1, 2}
	if len(got) != len(want) {
		t.Fatalf("got %d sentences, want %d", len(got), len(want))
	}
	for i, s := range got {
		if s.Paragraph != want[i] || s.Index != i {
			t.Errorf("sentence %d %q: paragraph %d index %d, want paragraph %d index %d", i, s.Text, s.Paragraph, s.Index, want[i], i)
		}
	}
}

func TestSegmentEmpty(t *testing.T) {
	for _, in := range []string{"", " ", "\n\n", "\t \r\n"} {
		if got := Segment(in, false); len(got) != 0 {
			t.Errorf("Segment(%q) = %d sentences, want none", in, len(got))
		}
		if got := Segment(in, true); len(got) != 0 {
			t.Errorf("Segment(%q, tokenized) = %d sentences, want none", in, len(got))
		}
	}
}

// checkInvariants verifies the package contract: every sentence is the
// span it claims, trimmed, non-empty, in order, not overlapping, never
// crossing a paragraph break, and together the sentences cover every
// non-space byte of the text.
func checkInvariants(t testing.TB, text string, got []doc.Sentence) {
	t.Helper()
	prevEnd := 0
	for i, s := range got {
		if s.Index != i {
			t.Errorf("sentence %d has Index %d", i, s.Index)
		}
		if s.Start < prevEnd || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("sentence %d span [%d,%d) out of order or out of range (previous end %d, len %d)", i, s.Start, s.End, prevEnd, len(text))
		}
		if text[s.Start:s.End] != s.Text {
			t.Fatalf("sentence %d: text[%d:%d] = %q, Text = %q", i, s.Start, s.End, text[s.Start:s.End], s.Text)
		}
		if r, _ := utf8.DecodeRuneInString(s.Text); unicode.IsSpace(r) {
			t.Errorf("sentence %d %q starts with white space", i, s.Text)
		}
		if r, _ := utf8.DecodeLastRuneInString(s.Text); unicode.IsSpace(r) {
			t.Errorf("sentence %d %q ends with white space", i, s.Text)
		}
		if strings.Contains(s.Text, "\n") {
			t.Errorf("sentence %d %q crosses a paragraph break", i, s.Text)
		}
		if i > 0 && s.Paragraph < got[i-1].Paragraph {
			t.Errorf("sentence %d: paragraph %d after %d", i, s.Paragraph, got[i-1].Paragraph)
		}
		if gap := text[prevEnd:s.Start]; strings.TrimSpace(gap) != "" {
			t.Errorf("text %q between sentences %d and %d is in no sentence", gap, i-1, i)
		}
		prevEnd = s.End
	}
	if rest := text[prevEnd:]; strings.TrimSpace(rest) != "" {
		t.Errorf("text %q after the last sentence is in no sentence", rest)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, "\n\t")
}

// BenchmarkSegment runs the segmenter over every case input of the
// table, joined as one article of paragraphs.
func BenchmarkSegment(b *testing.B) {
	var sb strings.Builder
	for _, c := range loadCases(b, "testdata/cases.json") {
		if !c.Tokenized {
			sb.WriteString(c.Input)
			sb.WriteByte('\n')
		}
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Segment(text, false)
	}
}

// TestSegmentLinear feeds long paragraphs built from one repeated
// pattern, each of which once made a look-back rescan the sentence
// (quadratic time: minutes for half a megabyte). Linear time is a few
// milliseconds; the bound is loose for slow machines.
func TestSegmentLinear(t *testing.T) {
	patterns := []string{
		"at 5 a.m. EST ", "x.Yx", "Mr. ", "U.S. ", "“Stop!” ", "1) ", "• ", ". . ", "etc. ",
		"No. 5 ", "I. ", "a) b) ", "1. 2. ", "- - a. ", "`` stop ! '' ", "mr . ", "... '' ",
	}
	for _, p := range patterns {
		text := strings.Repeat(p, (512<<10)/len(p))
		for _, tokenized := range []bool{false, true} {
			start := time.Now()
			Segment(text, tokenized)
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("Segment(%q x %d, tokenized=%v) took %v", p, len(text)/len(p), tokenized, d)
			}
		}
	}
}
