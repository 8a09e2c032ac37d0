package train

import (
	"compress/gzip"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/score"
	"github.com/keypoints-dev/keypoints/tokenize"
)

func TestValidation(t *testing.T) {
	// Pinned: the split decides which articles train the shipped model,
	// so it must never move (FNV-1a 32 of the id, mod 5, computed
	// independently of the code).
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"", false},
		{"a", true},
		{"cnndm-00001", false},
		{"cnndm-00007", true},
		{"riverton-1", false},
		{"cnndm-see-test-000001", true},
		{"cnndm-see-test-000002", false},
		{"cnndm-see-test-000013", true},
	} {
		t.Run(tc.id, func(t *testing.T) {
			for range 3 {
				if got := Validation(tc.id); got != tc.want {
					t.Fatalf("Validation(%q) = %v, want %v", tc.id, got, tc.want)
				}
			}
		})
	}
	t.Run("about one in five", func(t *testing.T) {
		for _, format := range []string{"cnndm-see-test-%06d", "%x", "article/%d.html"} {
			n, held := 10000, 0
			for i := 0; i < n; i++ {
				if Validation(fmt.Sprintf(format, i)) {
					held++
				}
			}
			if frac := float64(held) / float64(n); frac < 0.18 || frac > 0.22 {
				t.Errorf("ids %q: %.3f held out, want about 0.20", format, frac)
			}
		}
	})
}

func TestReadRecords(t *testing.T) {
	const jsonl = `{"id":"a","article":"First article. It has two sentences.","summary":"first"}
{"id":"b","text":"Text field only. Two sentences here.","title":"B title","summary":"second"}
`
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.jsonl")
	if err := os.WriteFile(plain, []byte(jsonl), 0o644); err != nil {
		t.Fatal(err)
	}
	gz := filepath.Join(dir, "packed.jsonl.gz")
	f, err := os.Create(gz)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte(jsonl))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte(`{"id":"a"}`+"\n"+`{"id": 3}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{plain, gz} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			recs, err := ReadRecords(path)
			if err != nil {
				t.Fatal(err)
			}
			want := []Record{
				{ID: "a", Article: "First article. It has two sentences.", Summary: "first"},
				{ID: "b", Article: "Text field only. Two sentences here.", Text: "Text field only. Two sentences here.", Title: "B title", Summary: "second"},
			}
			if !slices.Equal(recs, want) {
				t.Errorf("ReadRecords = %+v, want %+v", recs, want)
			}
		})
	}
	t.Run("bad record", func(t *testing.T) {
		_, err := ReadRecords(bad)
		if err == nil || !strings.Contains(err.Error(), "record 2") {
			t.Errorf("ReadRecords(bad) error = %v, want one naming record 2", err)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		if _, err := ReadRecords(filepath.Join(dir, "none.jsonl")); err == nil {
			t.Error("ReadRecords(missing) = nil error")
		}
	})
}

// reservoirRecords are short articles that all mention the reservoir;
// the references of the first three repeat the word, the others do not.
// "dam" occurs in exactly five articles.
func reservoirRecords() []Record {
	places := []string{"Ashford", "Bexley", "Crewe", "Dover", "Epsom", "Frome", "Goole"}
	var recs []Record
	for i, p := range places {
		art := fmt.Sprintf("Water in the %s reservoir fell to a record low on Monday. Engineers in %s said rain was needed within weeks. Farmers nearby were told to cut their use.", p, p)
		if i < 5 {
			art += " The old dam was inspected."
		}
		ref := fmt.Sprintf("%s water supplies run low", p)
		if i < 3 {
			ref = fmt.Sprintf("%s reservoir at record low", p)
		}
		recs = append(recs, Record{ID: fmt.Sprintf("r%d", i), Article: art, Summary: ref})
	}
	return recs
}

func prepared(t *testing.T, recs []Record) []Doc {
	t.Helper()
	eng, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerUnsupervised})
	if err != nil {
		t.Fatal(err)
	}
	docs, skipped := Prepare(recs, eng, func(sents []string, ref string) []int { return []int{0} })
	if skipped != 0 || len(docs) != len(recs) {
		t.Fatalf("Prepare: %d docs, %d skipped; want %d, 0", len(docs), skipped, len(recs))
	}
	return docs
}

func TestPrepare(t *testing.T) {
	eng, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerUnsupervised})
	if err != nil {
		t.Fatal(err)
	}
	recs := append(reservoirRecords()[:2],
		Record{ID: "one", Article: "Only one sentence here.", Summary: "x"},
		Record{ID: "empty", Article: "", Summary: "x"},
	)
	var calls []string
	docs, skipped := Prepare(recs, eng, func(sents []string, ref string) []int {
		calls = append(calls, ref)
		return []int{len(sents) - 1}
	})
	if got, want := skipped, 2; got != want {
		t.Errorf("skipped %d, want %d", got, want)
	}
	if got, want := len(docs), 2; got != want {
		t.Fatalf("%d docs, want %d", got, want)
	}
	if got, want := calls, []string{recs[0].Summary, recs[1].Summary}; !slices.Equal(got, want) {
		t.Errorf("oracle called with %q, want %q", got, want)
	}
	for _, d := range docs {
		n := len(d.Sentences)
		if n < 2 || len(d.Labels) != n || len(d.Document.Sentences) != n {
			t.Errorf("%s: %d sentences, %d labels, %d doc sentences", d.ID, n, len(d.Labels), len(d.Document.Sentences))
			continue
		}
		for i, l := range d.Labels {
			if want := b2f(i == n-1); l != want {
				t.Errorf("%s: label %d = %v, want %v", d.ID, i, l, want)
			}
		}
	}
	Featurize(docs, nil)
	ex := Examples(docs)
	if got, want := len(ex), len(docs[0].Sentences)+len(docs[1].Sentences); got != want {
		t.Fatalf("%d examples, want %d", got, want)
	}
	n0 := len(docs[0].Sentences)
	if ex[n0].Doc != 1 || ex[n0-1].Doc != 0 || ex[n0-1].Target != 1 || ex[0].Target != 0 {
		t.Errorf("examples not grouped and labelled by document: %+v", ex[n0-1:n0+1])
	}
	if ex[0].X[score.FBias] != 1 || ex[0].X[score.FFirst] != 1 || ex[n0].X[score.FFirst] != 1 {
		t.Errorf("example features are not each document's own rows")
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func TestLeaveOneOutPrior(t *testing.T) {
	docs := prepared(t, reservoirRecords())
	c := countWords(docs)
	reservoir, dam, ashford := tokenize.Hash("reservoir"), tokenize.Hash("dam"), tokenize.Hash("ashford")
	if got, want := c.art[reservoir], int32(7); got != want {
		t.Fatalf("reservoir in %d articles, want %d", got, want)
	}
	if got, want := c.hit[reservoir], int32(3); got != want {
		t.Fatalf("reservoir in %d references, want %d", got, want)
	}
	full := c.prob(7, 3)
	smoothed := func(art, hit float64) float64 {
		return (hit + lexiconSmoothing*c.p0) / (art + lexiconSmoothing)
	}
	if math.Abs(full-smoothed(7, 3)) > 1e-15 {
		t.Fatalf("full prior %v, want %v", full, smoothed(7, 3))
	}
	for _, tc := range []struct {
		name string
		doc  int
		term uint64
		want float64
	}{
		{"term in the doc and its reference: one hit fewer", 0, reservoir, smoothed(6, 2)},
		{"term in the doc, not its reference: one article fewer", 5, reservoir, smoothed(6, 3)},
		{"term not in the doc: full prior", 0, tokenize.Hash("goole"), c.prob(c.art[tokenize.Hash("goole")], c.hit[tokenize.Hash("goole")])},
		{"five articles less this one is under the minimum", 0, dam, c.p0},
		{"five articles, doc without it", 6, dam, smoothed(5, 0)},
		{"rare word: corpus rate", 0, ashford, c.p0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := leaveOneOut{c, &docs[tc.doc]}.Prior(tc.term)
			if math.Abs(got-tc.want) > 1e-15 {
				t.Errorf("leave-one-out prior = %v, want %v", got, tc.want)
			}
		})
	}
	loo := leaveOneOut{c, &docs[0]}.Prior(reservoir)
	if !(loo < full) {
		t.Errorf("doc 0 repeats reservoir in its reference: leave-one-out %v should be below the full prior %v", loo, full)
	}

	t.Run("shipped lexicon", func(t *testing.T) {
		lex, err := c.lexicon()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.IsSorted(lex.Terms) {
			t.Error("lexicon terms not sorted")
		}
		if !slices.Contains(lex.Terms, reservoir) || !slices.Contains(lex.Terms, dam) || slices.Contains(lex.Terms, ashford) {
			t.Errorf("lexicon should hold the words of at least %d articles only", lexiconMinDocs)
		}
		for _, tc := range []struct {
			term uint64
			want float64
		}{
			{reservoir, math.Round(full*1e4) / 1e4},
			{ashford, math.Round(c.p0*1e4) / 1e4},
		} {
			if got := lex.Prior(tc.term); math.Abs(got-tc.want) > 1e-7 {
				t.Errorf("Prior(%d) = %v, want %v", tc.term, got, tc.want)
			}
		}
		if got := lex.Prior(reservoir); math.Abs(got-loo) < 1e-4 {
			t.Errorf("full prior %v equals the leave-one-out prior %v", got, loo)
		}
	})
}
