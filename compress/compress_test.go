package compress_test

import (
	"slices"
	"strings"
	"testing"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/compress"
	"github.com/keypoints-dev/keypoints/doc"
)

// document runs the engine's first stages on one or two sentences.
func document(t *testing.T, text string) *doc.Document {
	t.Helper()
	eng, err := keypoints.New(keypoints.Options{Compress: keypoints.Bool(false)})
	if err != nil {
		t.Fatal(err)
	}
	d, err := eng.Document(text)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestCandidates: one sentence per kind of deletion, with the text left
// when that candidate alone goes.
func TestCandidates(t *testing.T) {
	for _, tc := range []struct {
		name, sentence string
		kind           compress.Kind
		want           string
	}{
		{"parenthesis", "The storm dumped 30 inches (76 centimeters) of snow on the town overnight.",
			compress.Paren, "The storm dumped 30 inches of snow on the town overnight."},
		{"dash pair", "The senator \u2014 a former prosecutor from Ohio \u2014 voted against the bill on Tuesday.",
			compress.Dash, "The senator voted against the bill on Tuesday."},
		{"leading phrase", "On Monday, the city council approved a new budget for the schools.",
			compress.Lead, "The city council approved a new budget for the schools."},
		{"subordinate clause first", "While the storm weakened overnight, the river kept rising in three towns.",
			compress.Lead, "The river kept rising in three towns."},
		{"second main clause", "The fire destroyed three homes near the river, and firefighters fought it for six hours.",
			compress.Clause, "The fire destroyed three homes near the river."},
		{"trailing attribution", "The fire destroyed three homes near the river, police said.",
			compress.Attribution, "The fire destroyed three homes near the river."},
		{"attribution with the speaker's title", "The bridge will stay closed until June, said Maria Lopez, a spokeswoman for the agency.",
			compress.Attribution, "The bridge will stay closed until June."},
		{"according to", "Unemployment fell to its lowest level in a decade, according to the labour ministry.",
			compress.Attribution, "Unemployment fell to its lowest level in a decade."},
		{"relative clause", "The company hired Tom Reed, who ran its rival for a decade, as its new chief executive.",
			compress.Relative, "The company hired Tom Reed as its new chief executive."},
		{"appositive", "Sahra Ali, a nurse from Leeds, won the national award for the second year.",
			compress.Appositive, "Sahra Ali won the national award for the second year."},
		{"trailing phrase", "Thousands of people marched through the capital on Saturday, including students and teachers.",
			compress.Trailing, "Thousands of people marched through the capital on Saturday."},
		{"PTB text", "the fire destroyed three homes near the river -lrb- pictured -rrb- on sunday , police said .",
			compress.Paren, "the fire destroyed three homes near the river on sunday , police said ."},
		{"PTB attribution", "the fire destroyed three homes near the river on sunday , police said .",
			compress.Attribution, "the fire destroyed three homes near the river on sunday ."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := document(t, tc.sentence)
			if len(d.Sentences) != 1 {
				t.Fatalf("segmented into %d sentences", len(d.Sentences))
			}
			s := &d.Sentences[0]
			var found bool
			for _, sp := range compress.Candidates(d, s) {
				if sp.Kind != tc.kind {
					continue
				}
				found = true
				got, kept := compress.Apply(d, s, []compress.Span{sp})
				if got != tc.want {
					t.Errorf("without the %s: %q, want %q", sp.Kind, got, tc.want)
				}
				checkKept(t, d, s, got, kept)
			}
			if !found {
				t.Errorf("no %s candidate in %q (got %v)", tc.kind, tc.sentence, compress.Candidates(d, s))
			}
		})
	}
}

// checkKept: the kept ranges lie in the sentence, in order, and joined
// they give the key point's words (the first letter may be capitalised).
func checkKept(t *testing.T, d *doc.Document, s *doc.Sentence, got string, kept []doc.Range) {
	t.Helper()
	prev := s.Start
	var parts []string
	for _, r := range kept {
		if r.Start < prev || r.End <= r.Start || r.End > s.End {
			t.Fatalf("kept range %v out of order or outside the sentence [%d,%d)", r, s.Start, s.End)
		}
		prev = r.End
		parts = append(parts, d.Text[r.Start:r.End])
	}
	if !strings.EqualFold(strings.Join(strings.Fields(strings.Join(parts, " ")), ""), strings.Join(strings.Fields(got), "")) {
		t.Errorf("kept ranges give %q, text is %q", parts, got)
	}
}

// TestNotCut: sentences no rule may shorten.
func TestNotCut(t *testing.T) {
	for _, tc := range []struct{ name, sentence string }{
		{"quotation", "\u201cWe will rebuild every house, street by street,\u201d the mayor said on Friday."},
		{"quotation with straight marks", "\"The plant is safe,\" said Ann Cole, the company's director of operations."},
		{"PTB quotation", "`` we will rebuild every house , '' the mayor said on friday ."},
		{"negation", "The drug, not yet approved in Europe, is sold in more than 40 countries."},
		{"negation in a trailing phrase", "The minister resigned on Tuesday, never explaining why the contract was signed."},
		{"numbers with units", "The bridge is 1,200 feet long and cost $4.5 million to build in 1998."},
		{"name with a suffix", "The award went to John Smith, Jr., the oldest firefighter in the county."},
		{"place", "Police in Springfield, Illinois, arrested two men after the robbery."},
		{"title before a name", "Gov. Jerry Brown of California signed the water law on Monday evening."},
		{"list", "The storm hit Texas, Louisiana, Alabama and Mississippi on Sunday night."},
		{"conditional", "If the rain continues, the river will flood the lower town by Friday."},
		{"too short to cut", "On Monday, prices rose."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := document(t, tc.sentence)
			for i := range d.Sentences {
				if c := compress.Candidates(d, &d.Sentences[i]); len(c) > 0 {
					s := &d.Sentences[i]
					got, _ := compress.Apply(d, s, c[:1])
					t.Errorf("%q has %d candidates; the first leaves %q", s.Text, len(c), got)
				}
			}
		})
	}
}

// TestDecideKeepsAClause: a model that deletes everything still leaves at
// least two fifths of the sentence and a clause of several words.
func TestDecideKeepsAClause(t *testing.T) {
	d := document(t, "On Monday, the council, which met for six hours, approved the budget (its largest ever), officials said.")
	s := &d.Sentences[0]
	c := compress.Candidates(d, s)
	if len(c) < 3 {
		t.Fatalf("want at least 3 candidates, got %v", c)
	}
	all := &compress.Model{Features: compress.FeatureNames[:], Weights: make([]float64, compress.NumFeatures), Threshold: 0.1}
	all.Weights[compress.FBias] = 10
	del := all.Decide(d, s, c, nil)
	got, kept := compress.Apply(d, s, del)
	checkKept(t, d, s, got, kept)
	if w, sw := len(strings.Fields(got)), len(s.Tokens); 5*w < 2*sw || w < 6 {
		t.Errorf("kept %d of %d words: %q", w, sw, got)
	}
	none := &compress.Model{Features: compress.FeatureNames[:], Weights: make([]float64, compress.NumFeatures), Threshold: 0.9}
	if del := none.Decide(d, s, c, nil); len(del) != 0 {
		t.Errorf("a model below its threshold deleted %v", del)
	}
	if got, kept := compress.Apply(d, s, nil); got != s.Text || len(kept) != 1 || kept[0] != (doc.Range{Start: s.Start, End: s.End}) {
		t.Errorf("no deletion: %q %v", got, kept)
	}
}

// TestKindThresholds: a kind whose threshold is 1 is never deleted, the
// others still are, and a model with the wrong number of kind thresholds
// or one outside (0, 1] is refused.
func TestKindThresholds(t *testing.T) {
	d := document(t, "The council approved the budget (its largest ever) on Monday, officials said.")
	s := &d.Sentences[0]
	c := compress.Candidates(d, s)
	kinds := map[compress.Kind]bool{}
	for _, sp := range c {
		kinds[sp.Kind] = true
	}
	if !kinds[compress.Paren] || !kinds[compress.Attribution] {
		t.Fatalf("want a parenthesis and an attribution among %v", c)
	}
	m := &compress.Model{Features: compress.FeatureNames[:], Weights: make([]float64, compress.NumFeatures), Threshold: 0.5,
		Thresholds: make([]float64, compress.NumKinds)}
	m.Weights[compress.FBias] = 2 // every candidate at 0.88
	for k := range m.Thresholds {
		m.Thresholds[k] = 0.5
	}
	m.Thresholds[compress.Paren] = 1
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	del := m.Decide(d, s, c, nil)
	if len(del) == 0 {
		t.Fatal("nothing deleted below the other kinds' thresholds")
	}
	for _, sp := range del {
		if sp.Kind == compress.Paren {
			t.Errorf("deleted a parenthesis at threshold 1: %v", del)
		}
	}
	for _, bad := range [][]float64{{0.5}, append(slices.Clone(m.Thresholds[:compress.NumKinds-1]), 0), append(slices.Clone(m.Thresholds[:compress.NumKinds-1]), 1.5)} {
		b := *m
		b.Thresholds = bad
		if b.Validate() == nil {
			t.Errorf("kind thresholds %v validate", bad)
		}
	}
}

func TestDefaultModel(t *testing.T) {
	m, err := compress.DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Threshold <= 0 || m.Threshold >= 1 {
		t.Errorf("threshold %v", m.Threshold)
	}
	bad := *m
	bad.Weights = bad.Weights[:3]
	if bad.Validate() == nil {
		t.Error("a model with 3 weights validates")
	}
	if _, err := compress.LoadModel([]byte(`{"features":["x"]}`)); err == nil {
		t.Error("a model with the wrong features loads")
	}
}

func FuzzCandidates(f *testing.F) {
	for _, s := range []string{
		"On Monday, the council (its largest) approved it, police said.",
		"a -- b -- c , d , who e , f -lrb- g -rrb- .",
		"(((,,,)))---,,, \u2014\u2014 said, according, which",
	} {
		f.Add(s)
	}
	eng, err := keypoints.New(keypoints.Options{Compress: keypoints.Bool(false)})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, err := eng.Document(text)
		if err != nil {
			return
		}
		for i := range d.Sentences {
			s := &d.Sentences[i]
			c := compress.Candidates(d, s)
			prev := s.Start
			for _, sp := range c {
				if sp.Start < prev || sp.End > s.End || sp.Start >= sp.End {
					t.Fatalf("candidate %+v out of order or outside [%d,%d)", sp, s.Start, s.End)
				}
				prev = sp.End
			}
			_, kept := compress.Apply(d, s, c)
			for _, r := range kept {
				if r.Start < s.Start || r.End > s.End || r.Start >= r.End {
					t.Fatalf("kept %v outside [%d,%d)", r, s.Start, s.End)
				}
			}
		}
	})
}
