package segment

import "testing"

// FuzzSegment checks the package contract on any input: sentences are
// spans of the text (text[Start:End] == Text), in order, not overlapping,
// trimmed, never across a paragraph break, and together they cover every
// non-space byte of the text.
func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"The dam held. Crews stayed overnight.",
		"Mr. Okafor left at 3 p.m. EST. He did not return.",
		"“Stop!” Officer Diaz shouted.\nThe vote failed.The bill died.",
		"1.) Check the tires 2.) Fill the tank • 4. Bring water",
		"He said he would resign... The next day . . . . he did…",
		"`` stop ! '' he shouted . the talks . . . stalled ... '' gov . herbert",
		"\xff\xfe. \u2028A.\u00a0B? “”’.",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, tokenized bool) {
		checkInvariants(t, text, Segment(text, tokenized))
	})
}
