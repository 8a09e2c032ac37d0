package evaluate

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/rouge"
)

// The fixtures are short news-like texts written for these tests.
const refsJSONL = `{"id":"a1","article":"The city council approved a new budget on Tuesday. Property taxes will rise by two percent.","summary":"Council approves budget\nProperty taxes to rise two percent"}
{"id":"a2","references":["Storm cuts power to thousands","Thousands lose power in storm"]}

{"id":3,"summary":"Local team wins the cup final"}
`

const predsJSONL = `{"id":"a1","summary":"The city council approved a new budget on Tuesday.\nProperty taxes will rise by two percent."}
{"id":"a2","keypoints":[{"text":"A storm cut power to thousands of homes."},{"text":"Crews worked overnight."}]}
{"id":"zz","summary":"An id the references do not have"}
`

func TestReadReferences(t *testing.T) {
	for _, gz := range []bool{false, true} {
		in := []byte(refsJSONL)
		if gz {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(in)
			zw.Close()
			in = b.Bytes()
		}
		refs, err := ReadReferences(bytes.NewReader(in))
		if err != nil {
			t.Fatalf("gzip %v: %v", gz, err)
		}
		want := []Reference{
			{ID: "a1", References: []string{"Council approves budget\nProperty taxes to rise two percent"},
				Article: "The city council approved a new budget on Tuesday. Property taxes will rise by two percent."},
			{ID: "a2", References: []string{"Storm cuts power to thousands", "Thousands lose power in storm"}},
			{ID: "3", References: []string{"Local team wins the cup final"}},
		}
		if len(refs) != len(want) {
			t.Fatalf("gzip %v: got %d records, want %d", gz, len(refs), len(want))
		}
		for i := range want {
			g, w := refs[i], want[i]
			if g.ID != w.ID || g.Article != w.Article || !slices.Equal(g.References, w.References) {
				t.Errorf("gzip %v: record %d = %+v, want %+v", gz, i, g, w)
			}
		}
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(predsJSONL))
	zw.Close()
	// Compressed without a .gz name, and plain with one: the content
	// decides.
	files := map[string][]byte{"preds.jsonl": gz.Bytes(), "plain.jsonl.gz": []byte(predsJSONL)}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		preds, err := ReadPredictions(f)
		f.Close()
		if err != nil || len(preds) != 3 {
			t.Errorf("%s: %d predictions, error %v; want 3", name, len(preds), err)
		}
	}
	if _, err := Open(filepath.Join(dir, "absent.jsonl")); err == nil {
		t.Error("Open of a missing file: no error")
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
		preds          bool
	}{
		{"bad json", "{\"id\":\"a\",\"summary\":\"x\"}\n{oops\n", "line 2", false},
		{"no id", `{"summary":"x"}`, `no "id"`, false},
		{"no summary", `{"id":"a"}`, `no "references" or "summary"`, false},
		{"bad id", `{"id":true,"summary":"x"}`, "neither a string nor a number", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.preds {
				_, err = ReadPredictions(strings.NewReader(tt.in))
			} else {
				_, err = ReadReferences(strings.NewReader(tt.in))
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestReadPredictions(t *testing.T) {
	preds, err := ReadPredictions(strings.NewReader(predsJSONL))
	if err != nil {
		t.Fatal(err)
	}
	want := []Prediction{
		{"a1", "The city council approved a new budget on Tuesday.\nProperty taxes will rise by two percent."},
		{"a2", "A storm cut power to thousands of homes.\nCrews worked overnight."},
		{"zz", "An id the references do not have"},
	}
	if !slices.Equal(preds, want) {
		t.Errorf("got %+v, want %+v", preds, want)
	}
}

func TestScoreMissingExtraDuplicates(t *testing.T) {
	refs, _ := ReadReferences(strings.NewReader(refsJSONL))
	refs = append(refs, Reference{ID: "a1", References: []string{"a duplicate reference"}})
	preds, _ := ReadPredictions(strings.NewReader(predsJSONL))
	preds = append(preds, Prediction{ID: "a2", Summary: "a duplicate prediction"})
	rep := Score(refs, preds, Options{})

	if got := len(rep.Items); got != 3 {
		t.Fatalf("%d items, want 3 (one per distinct reference id)", got)
	}
	if want := []string{"3"}; !slices.Equal(rep.Missing, want) {
		t.Errorf("Missing = %q, want %q", rep.Missing, want)
	}
	if want := []string{"zz"}; !slices.Equal(rep.Extra, want) {
		t.Errorf("Extra = %q, want %q", rep.Extra, want)
	}
	if want := []string{"a1", "a2"}; !slices.Equal(rep.Duplicates, want) {
		t.Errorf("Duplicates = %q, want %q", rep.Duplicates, want)
	}
	miss := rep.Items[2]
	if !miss.Missing || miss.ID != "3" || miss.Scores != (rouge.Scores{}) {
		t.Errorf("missing item = %+v, want id 3 marked missing with zero scores", miss)
	}
	// The first records count: a1's score is against its first reference.
	want := rouge.Evaluate(preds[0].Summary, refs[0].References, rouge.Options{Stem: true})
	if rep.Items[0].Scores != want {
		t.Errorf("a1 scores %+v, want %+v", rep.Items[0].Scores, want)
	}
	// The missing item counts as 0 in the mean.
	sum := rep.Items[0].Scores.R1.F + rep.Items[1].Scores.R1.F
	if got, want := rep.Summary.R1.F.Mean, sum/3; math.Abs(got-want) > 1e-12 {
		t.Errorf("mean R1 F = %v, want %v (missing item as 0)", got, want)
	}
	if rep.Summary.N != 3 {
		t.Errorf("Summary.N = %d, want 3", rep.Summary.N)
	}
}

// items returns n items whose R1 F values are spread over [0, 1).
func items(n int, shift float64) []Item {
	out := make([]Item, n)
	for i := range out {
		f := math.Mod(float64(i)*0.37+shift, 1)
		out[i] = Item{ID: string(rune('a'+i%26)) + string(rune('0'+i/26%10)) + string(rune('0'+i/260)),
			Scores: rouge.Scores{R1: rouge.Score{R: f, P: f / 2, F: f}, R2: rouge.Score{F: f / 3}}}
	}
	return out
}

func TestSummarizeDeterministic(t *testing.T) {
	it := items(200, 0)
	tests := []struct {
		name string
		a, b Options
		same bool
	}{
		{"default twice", Options{}, Options{}, true},
		{"default is the fixed seed", Options{}, Options{Seed: DefaultSeed, Resamples: DefaultResamples}, true},
		{"other seed", Options{}, Options{Seed: 7}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := Summarize(it, tt.a), Summarize(it, tt.b)
			if same := a.R1 == b.R1 && a.R2 == b.R2; same != tt.same {
				t.Errorf("R1 %+v vs %+v: same = %v, want %v", a.R1, b.R1, same, tt.same)
			}
			if a.R1.F.Mean != b.R1.F.Mean {
				t.Errorf("means differ: %v vs %v", a.R1.F.Mean, b.R1.F.Mean)
			}
		})
	}
	s := Summarize(it, Options{})
	for _, st := range []Stat{s.R1.R, s.R1.P, s.R1.F, s.R2.F} {
		if !(st.Lo <= st.Mean && st.Mean <= st.Hi && st.Lo < st.Hi) {
			t.Errorf("interval %+v does not bracket its mean", st)
		}
	}
	if z := Summarize(nil, Options{}); z.N != 0 || z.R1.F != (Stat{}) {
		t.Errorf("Summarize(nil) = %+v, want zero stats", z)
	}
}

func TestCompare(t *testing.T) {
	base := items(300, 0)
	better := items(300, 0)
	for i := range better {
		better[i].Scores.R1.F += 0.02 + 0.01*float64(i%3)
	}
	tests := []struct {
		name     string
		a, b     []Item
		diffSign int
		pMin     float64
		pMax     float64
	}{
		{"clearly better", better, base, 1, 0, 0},
		{"clearly worse", base, better, -1, 1, 1},
		{"identical", base, base, 0, 1, 1}, // every resample difference is 0, which counts as "not better"
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CompareItems(tt.a, tt.b, Options{})
			r1 := c.R1
			if r1.N != 300 {
				t.Errorf("N = %d, want 300", r1.N)
			}
			if got := sign(r1.Diff); got != tt.diffSign {
				t.Errorf("Diff = %v, want sign %d", r1.Diff, tt.diffSign)
			}
			if !(r1.Lo <= r1.Diff && r1.Diff <= r1.Hi) {
				t.Errorf("CI [%v, %v] does not bracket %v", r1.Lo, r1.Hi, r1.Diff)
			}
			if r1.P < tt.pMin || r1.P > tt.pMax {
				t.Errorf("P = %v, want in [%v, %v]", r1.P, tt.pMin, tt.pMax)
			}
			if again := CompareItems(tt.a, tt.b, Options{}); again.R1 != r1 {
				t.Errorf("not deterministic: %+v vs %+v", again.R1, r1)
			}
		})
	}
	if _, err := Compare([]float64{1, 2}, []float64{1}, Options{}); err == nil {
		t.Error("Compare of unequal lengths: no error")
	}
	// Ids only one side has are left out and listed.
	c := CompareItems(base[:5], base[2:8], Options{})
	if c.R1.N != 3 || len(c.OnlyA) != 2 || len(c.OnlyB) != 3 {
		t.Errorf("N %d, OnlyA %q, OnlyB %q; want 3, 2 ids, 3 ids", c.R1.N, c.OnlyA, c.OnlyB)
	}
}

func sign(x float64) int {
	switch {
	case x > 1e-12:
		return 1
	case x < -1e-12:
		return -1
	}
	return 0
}

func TestWriteItems(t *testing.T) {
	its := []Item{
		{ID: "a1", Scores: rouge.Scores{R1: rouge.Score{R: 0.5, P: 0.25, F: 0.33333}, RSU4: rouge.Score{R: 0.1, P: 0.2, F: 0.13333}}},
		{ID: "b\"2", Missing: true},
	}
	var b bytes.Buffer
	if err := WriteItems(&b, its); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), b.String())
	}
	var got struct {
		ID       string             `json:"id"`
		Rouge1   map[string]float64 `json:"rouge1"`
		RougeSU4 map[string]float64 `json:"rougeSU4"`
		RougeL   map[string]float64 `json:"rougeL"`
		Missing  bool               `json:"missing"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != "a1" || got.Rouge1["r"] != 0.5 || got.Rouge1["f"] != 0.33333 || got.RougeSU4["p"] != 0.2 || got.RougeL == nil || got.Missing {
		t.Errorf("line 1 = %s", lines[0])
	}
	if !strings.Contains(lines[1], `"missing":true`) || !strings.Contains(lines[1], `"id":"b\"2"`) {
		t.Errorf("line 2 = %s", lines[1])
	}
}

func TestWriteTable(t *testing.T) {
	s := Summarize(items(50, 0), Options{})
	var b bytes.Buffer
	if err := WriteTable(&b, []NamedSummary{{"lead3", s}, {"keypoints", s}}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) != 9 {
		t.Fatalf("%d lines, want header + 8:\n%s", len(lines), b.String())
	}
	// Aligned: the R column starts at the same offset on every line.
	col := strings.Index(lines[0], "R ")
	for _, l := range lines[1:] {
		if len(l) <= col || l[col-1] != ' ' || l[col] == ' ' {
			t.Errorf("line %q not aligned at column %d", l, col)
		}
	}
	if !strings.Contains(b.String(), "keypoints  ROUGE-SU4") {
		t.Errorf("table lacks the keypoints ROUGE-SU4 row:\n%s", b.String())
	}
	b.Reset()
	if err := WriteComparison(&b, "kp", "lead3", CompareItems(items(50, 0.1), items(50, 0), Options{})); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "ROUGE-1") || !strings.Contains(b.String(), "p(kp<=lead3)") {
		t.Errorf("comparison table:\n%s", b.String())
	}
}

func TestLead(t *testing.T) {
	split := func(s string) []string { return strings.SplitAfter(s, ". ") }
	got := Lead("One. Two. Three. Four.", 3, split)
	if want := []string{"One. ", "Two. ", "Three. "}; !slices.Equal(got, want) {
		t.Errorf("Lead = %q, want %q", got, want)
	}
	if got := Lead("Only one.", 3, split); len(got) != 1 {
		t.Errorf("Lead of a one-sentence article = %q", got)
	}
}
