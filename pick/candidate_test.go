package pick

import (
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/doc"
)

// TestCandidate: each kind of non-sentence seen on real pages is never a
// key point, and ordinary news sentences always can be.
func TestCandidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		block doc.Block
		want  bool
	}{
		{"news sentence", "The city council voted on Tuesday to close the harbour bridge.", doc.Paragraph, true},
		{"quoted sentence", "“We had no choice,” the mayor said after the vote.", doc.Paragraph, true},
		{"quotation alone", "“The inspectors were clear, and so are we.”", doc.Paragraph, false},
		{"quotation alone, straight quotes", "\"We will rebuild the bridge within two years.\"", doc.Paragraph, false},
		{"two quotations and their speaker", "“We will rebuild,” the mayor said, “and soon.”", doc.Paragraph, true},
		{"sentence in a list item", "Engineers found cracks in two of the steel supports.", doc.ListItem, true},
		{"heading", "Council votes to close the harbour bridge for repairs.", doc.Heading, false},
		{"table row", "Larkspur 14 11 6 15 — 44.", doc.TableRow, false},
		{"code", "The result is printed with print(deref(address)) at the end.", doc.Code, false},
		{"caption", "The old harbour bridge seen from the north bank last week.", doc.Caption, false},
		{"verbless list row", "Free parking for all residents of the old town.", doc.ListItem, false},
		{"fewer than five words", "Hong Kong is burning.", doc.Paragraph, false},
		{"no final punctuation", "This has freed the move of the keeper to Madrid", doc.Paragraph, false},
		{"question as a hook", "Is the harbour bridge about to fall into the river?", doc.Paragraph, false},
		{"starts in lower case", "the equivalent for the old bridge was built in 1920.", doc.Paragraph, false},
		{"unbalanced quotes", "“South Dakota has a problem with its new campaign.", doc.Paragraph, false},
		{"image credit", "Image credit: the city of Larkspur press office.", doc.Paragraph, false},
		{"reprint notice", "For reprints of this article contact the news desk today.", doc.Paragraph, false},
		{"subscription promo", "Subscribe to our newsletter for the latest news every day.", doc.Paragraph, false},
		{"contact line", "Call the desk at (555) 123-4567 with any tips you have.", doc.Paragraph, false},
		{"e-mail address", "You can write to us at desk@example.com with your questions.", doc.Paragraph, false},
		{"web address", "More details are posted at www.example.com for readers.", doc.Paragraph, false},
		{"code in prose", "Then call my_plot + theme(size = 20) to enlarge the text.", doc.Paragraph, false},
		{"capitals", "CHEER ON THE RIDERS AT THE SHOW THIS WEEKEND IN TOWN.", doc.Paragraph, false},
		{"sponsor disclosure", "This shop has been compensated by a brand and its advertiser.", doc.Paragraph, false},
		{"welcome promo", "Welcome to Daily Deals, your source for the best prices.", doc.Paragraph, false},
		{"affiliate disclosure", "We may receive compensation when you click on links to those products.", doc.Paragraph, false},
		{"figure label", "Figure 3: Changing the font size of the axis text.", doc.Paragraph, false},
		{"parenthetical aside", "(We never did settle on one slogan for the state.)", doc.Paragraph, false},
	} {
		if got := Candidate(tc.text, tc.block); got != tc.want {
			t.Errorf("%s: Candidate(%q, %q) = %v, want %v", tc.name, tc.text, tc.block, got, tc.want)
		}
	}
}

// TestPickCandidatesAndLead: non-candidates are never chosen, even when
// they score best, and Lead puts the opening sentence first.
func TestPickCandidatesAndLead(t *testing.T) {
	d := &doc.Document{}
	for i, n := range []int{6, 8, 7, 9} {
		s := doc.Sentence{Index: i, Paragraph: i}
		for k := 0; k < n; k++ {
			s.Tokens = append(s.Tokens, doc.Token{Term: uint64(100*i + k)})
		}
		d.Sentences = append(d.Sentences, s)
	}
	scores := []float64{0.1, 0.9, 0.5, 0.8}
	got := Pick(d, scores, Options{N: 2, Candidates: []bool{true, false, true, true}})
	if len(got) != 2 || got[0] != 2 || got[1] != 3 {
		t.Errorf("Pick with candidates = %v, want [2 3]", got)
	}
	got = Pick(d, scores, Options{N: 2, Candidates: []bool{true, false, true, true}, Lead: true})
	if len(got) != 2 || got[0] != 0 || got[1] != 3 {
		t.Errorf("Pick with Lead = %v, want [0 3]", got)
	}
}

// BenchmarkCandidate: the judgement runs on the sentences pick looks at
// in every plain-text article and on every sentence of a web page.
func BenchmarkCandidate(b *testing.B) {
	sents := []string{
		"The city council voted on Tuesday to close the harbour bridge for repairs, officials said.",
		"“We had no choice,” the mayor said after the vote, which passed by nine votes to two.",
		"Subscribe to our newsletter for the latest news every day.",
		"Call the desk at (555) 123-4567 with any tips you have.",
	}
	for i := 0; i < b.N; i++ {
		Candidate(sents[i%len(sents)], doc.Paragraph)
	}
}

// TestIsCandidateCutOff: a paragraph a scraper cut where a link was,
// trimmed back to its last whole clause, can be a key point; cut with no
// whole clause left, it cannot.
func TestIsCandidateCutOff(t *testing.T) {
	text := "The mayor of Larkspur on Monday closed the harbour bridge for the winter, according to a notice from the\n" +
		"Ferries will run every ten minutes until the bridge opens again in April."
	d := &doc.Document{Text: text}
	first := len("The mayor of Larkspur on Monday closed the harbour bridge for the winter")
	d.Sentences = []doc.Sentence{
		{Text: text[:first], Start: 0, End: first, Cut: true},
		{Text: text[first+2 : strings.IndexByte(text, '\n')], Start: first + 2, End: strings.IndexByte(text, '\n'), Cut: true},
	}
	if !IsCandidate(d, 0) {
		t.Errorf("trimmed cut-off sentence %q is not a candidate", d.Sentences[0].Text)
	}
	if IsCandidate(d, 1) {
		t.Errorf("untrimmed fragment %q is a candidate", d.Sentences[1].Text)
	}
}
