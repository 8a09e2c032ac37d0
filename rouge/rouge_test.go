package rouge

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/internal/jsonl"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name, text string
		stem       bool
		want       string
	}{
		{"lowercase", "BIDEN Pressed Putin", false, "biden pressed putin"},
		{"hyphen splits", "half-a-second team-mate", false, "half a second team mate"},
		{"apostrophe splits", "Putin's critic wasn't", false, "putin s critic wasn t"},
		{"punctuation and digits", "$3.5bn, up 50% at 3:00 p.m.", false, "3 5bn up 50 at 3 00 p m"},
		{"non-ASCII bytes split", "Café in Zürich — “naïve”", false, "caf in z rich na ve"},
		{"no tokens", " ,.;'-- \n ", false, ""},
		{"stemming", "Running runners studies generously", true, "run runner studi gener"},
		{"short words unstemmed", "was has use uses", true, "was has use us"},
		{"WordNet exceptions", "said were wore flew data best", true, "say be wear fly datum well"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := NewVocab(Options{Stem: tt.stem})
			// Map ids back to the forms they stand for through a second
			// pass over the expected tokens.
			got := v.AppendTokens(nil, tt.text)
			want := v.AppendTokens(nil, tt.want)
			if tt.stem {
				// Expected forms are already stems; look them up without
				// stemming them again.
				want = want[:0]
				for _, w := range strings.Fields(tt.want) {
					want = append(want, v.lookupStem(w))
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("tokens of %q: ids %v, want %v (%q)", tt.text, got, want, tt.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	v := NewVocab(Options{})
	toks, ends := v.AppendSentences(nil, nil, "one two\n\nthree")
	if len(toks) != 3 || !slices.Equal(ends, []int{2, 2, 3}) {
		t.Errorf("got %d tokens, ends %v; want 3 tokens, ends [2 2 3]", len(toks), ends)
	}
}

// TestEvaluate pins small cases worked out by hand from ROUGE-1.5.5's
// rules, written for the project.
func TestEvaluate(t *testing.T) {
	tests := []struct {
		name  string
		cand  string
		refs  []string
		opt   Options
		want  Scores
		check func(Scores) [4]Score
	}{
		{
			name: "identical",
			cand: "the mayor opened the new bridge\ntraffic moved at once",
			refs: []string{"the mayor opened the new bridge\ntraffic moved at once"},
			want: Scores{R1: Score{1, 1, 1}, R2: Score{1, 1, 1}, RL: Score{1, 1, 1}, RSU4: Score{1, 1, 1}},
		},
		{
			name: "nothing shared",
			cand: "storm closes schools",
			refs: []string{"markets rally on rate cut"},
		},
		{
			name: "empty candidate",
			cand: "",
			refs: []string{"markets rally on rate cut"},
		},
		{
			name: "no references",
			cand: "markets rally",
		},
		{
			// 3 of 6 reference words, 3 of 3 candidate words; bigrams 2/5
			// and 2/2.
			name: "partial",
			cand: "council approves budget",
			refs: []string{"city council approves budget after debate"},
			want: Scores{
				R1: Score{0.5, 1, 0.66667},
				R2: Score{0.4, 1, 0.57143},
				RL: Score{0.5, 1, 0.66667},
				// Reference: 5 unigrams (last one left out) + 5+4+3+2+1
				// pairs = 20; candidate: 2 unigrams + 3 pairs = 5; shared:
				// council, approves + 3 pairs = 5.
				RSU4: Score{0.25, 1, 0.4},
			},
		},
		{
			// -f A: hits and totals summed over both references:
			// R1 (2+1)/(3+3) = 0.5, P (2+1)/(2+2) = 0.75.
			name: "two references",
			cand: "rates rise",
			refs: []string{"rates rise again", "prices rise fast"},
			want: Scores{
				R1: Score{0.5, 0.75, 0.6},
				R2: Score{0.25, 0.5, 0.33333},
				RL: Score{0.5, 0.75, 0.6},
				// Candidate: unigram "rates" and one pair; each reference
				// 2 unigrams + 3 pairs; only the first shares anything.
				RSU4: Score{0.2, 0.5, 0.28571},
			},
		},
		{
			// The LCS union over candidate sentences: "a b" and "c d" both
			// sit in the one reference sentence.
			name: "union LCS",
			cand: "w1 w2\nw3 w4",
			refs: []string{"w1 w2 w3 w4"},
			want: Scores{
				R1:   Score{1, 1, 1},
				R2:   Score{1, 1, 1},
				RL:   Score{1, 1, 1},
				RSU4: Score{1, 1, 1},
			},
		},
		{
			// A repeated candidate word counts once per reference use.
			name: "clipping",
			cand: "the the the cat",
			refs: []string{"the cat"},
			want: Scores{
				R1: Score{1, 0.5, 0.66667},
				R2: Score{1, 0.33333, 0.5},
				RL: Score{1, 0.5, 0.66667},
				// Candidate: 3 unigrams (the last word is left out) and
				// 3 (the, the) + 3 (the, cat) pairs; reference: "the" and
				// (the, cat).
				RSU4: Score{1, 0.22222, 0.36363},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Evaluate(tt.cand, tt.refs, tt.opt)
			g, w := measures(got), measures(tt.want)
			for m, name := range measureNames {
				if maxDiff(g[m], w[m]) > 1e-5 {
					t.Errorf("%s = %+v, want %+v", name, g[m], w[m])
				}
			}
		})
	}
}

func TestRound5(t *testing.T) {
	tests := []struct{ in, want float64 }{
		{16.0 / 86, 0.18605},
		{1.0 / 3, 0.33333},
		{2.0 / 3, 0.66667},
		{0.125, 0.125},
		// Halves in decimal are not halves in binary: printf rounds the
		// binary value, and so must round5.
		{0.000005, 0.00001},
		{0.000015, 0.00002},
		{0.000025, 0.00003},
		{0.000035, 0.00003},
		{0.123455, 0.12345},
		{1, 1},
		{0, 0},
	}
	for _, tt := range tests {
		want, _ := strconvFloat(fmt.Sprintf("%.5f", tt.in))
		if got := round5(tt.in); got != want || got != tt.want {
			t.Errorf("round5(%v) = %v, want %v (printf gives %v)", tt.in, got, tt.want, want)
		}
	}
}

func strconvFloat(s string) (float64, error) {
	var f float64
	_, err := fmt.Sscan(s, &f)
	return f, err
}

// TestFScore checks that F is taken from the rounded R and P, as the
// script prints it: R 8/24 and P 8/62 give 0.18604, where the exact
// 16/86 would round to 0.18605.
func TestFScore(t *testing.T) {
	if got := FScore(round5(8.0/24), round5(8.0/62)); got != 0.18604 {
		t.Errorf("FScore = %v, want 0.18604", got)
	}
	if got := FScore(0, 0); got != 0 {
		t.Errorf("FScore(0, 0) = %v, want 0", got)
	}
}

func TestMean(t *testing.T) {
	got := Mean([]Scores{
		{R1: Score{1, 0, 0}},
		{R1: Score{0, 1, 0.5}},
	})
	if want := (Score{0.5, 0.5, 0.25}); got.R1 != want {
		t.Errorf("Mean R1 = %+v, want %+v", got.R1, want)
	}
	if got := Mean(nil); got != (Scores{}) {
		t.Errorf("Mean(nil) = %+v, want zero", got)
	}
}

// TestScorerReuse checks that a Scorer gives the same scores whatever it
// scored before, since it keeps buffers and a growing vocabulary.
func TestScorerReuse(t *testing.T) {
	pairs := [][2]string{
		{"flood waters rose overnight\nresidents were evacuated", "residents evacuated as flood waters rise"},
		{"the central bank held rates", "bank holds interest rates steady"},
		{"", "nothing here"},
		{"flood waters rose overnight\nresidents were evacuated", "residents evacuated as flood waters rise"},
	}
	for _, opt := range []Options{{}, {Stem: true}} {
		sc := NewScorer(opt)
		for i, p := range pairs {
			got := sc.Score(p[0], []string{p[1]})
			if want := Evaluate(p[0], []string{p[1]}, opt); got != want {
				t.Errorf("pair %d (stem %v): reused scorer %+v, fresh %+v", i, opt.Stem, got, want)
			}
		}
	}
}

func inUnit(s Score) bool {
	ok := func(x float64) bool { return x >= 0 && x <= 1 && !math.IsNaN(x) }
	return ok(s.R) && ok(s.P) && ok(s.F)
}

func FuzzEvaluate(f *testing.F) {
	f.Add("the cat sat on the mat\nthe cat", "the the the the cat cat sat", true)
	f.Add("Café owners in Zürich", "Zurich cafe owners say", false)
	f.Add("", "x", true)
	f.Add("a-b-c\n\n\nd", "---", false)
	f.Fuzz(func(t *testing.T, cand, ref string, stem bool) {
		opt := Options{Stem: stem}
		for _, s := range measures(Evaluate(cand, []string{ref}, opt)) {
			if !inUnit(s) {
				t.Fatalf("score %+v outside [0,1] for %q vs %q", s, cand, ref)
			}
		}
		if len(NewVocab(opt).AppendTokens(nil, cand)) == 0 {
			return
		}
		same := Evaluate(cand, []string{cand}, opt)
		if one := (Score{1, 1, 1}); same.R1 != one || same.RL != one {
			t.Fatalf("identical texts %q: R1 %+v RL %+v, want all 1", cand, same.R1, same.RL)
		}
	})
}

func Example() {
	candidate := "The council approved the budget on Tuesday.\nTaxes will rise by 2%."
	reference := "Council approves budget\nTaxes to rise 2%"
	s := Evaluate(candidate, []string{reference}, Options{Stem: true})
	fmt.Printf("ROUGE-1 R %.5f P %.5f F %.5f\n", s.R1.R, s.R1.P, s.R1.F)
	fmt.Printf("ROUGE-2 F %.5f, ROUGE-L F %.5f, ROUGE-SU4 F %.5f\n", s.R2.F, s.RL.F, s.RSU4.F)
	// Output:
	// ROUGE-1 R 0.85714 P 0.50000 F 0.63158
	// ROUGE-2 F 0.11765, ROUGE-L F 0.63158, ROUGE-SU4 F 0.34146
}

// BenchmarkCorpus scores the 6,558 CNN/DailyMail development articles'
// first three sentences against their highlights, one op being the whole
// corpus, with stemming (the usual -m setting).
func BenchmarkCorpus(b *testing.B) {
	path := filepath.FromSlash("../../shared/data/cnndm/dev.jsonl.gz")
	recs, err := jsonl.ReadAll[struct{ Article, Summary string }](path)
	if errors.Is(err, fs.ErrNotExist) {
		b.Skipf("CNN/DailyMail development data not found at %s; skipping", path)
	}
	if err != nil {
		b.Fatal(err)
	}
	type pair struct {
		cand string
		refs []string
	}
	var pairs []pair
	for _, rec := range recs {
		sents := strings.SplitAfterN(rec.Article, " . ", 4)
		pairs = append(pairs, pair{strings.Join(sents[:min(3, len(sents))], "\n"), []string{rec.Summary}})
	}
	s := NewScorer(Options{Stem: true})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pairs {
			s.Score(p.cand, p.refs)
		}
	}
	b.ReportMetric(float64(len(pairs)), "pairs/op")
}
