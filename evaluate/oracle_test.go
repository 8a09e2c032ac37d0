package evaluate

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/internal/jsonl"
	"github.com/keypoints-dev/keypoints/rouge"
)

// An invented article and its key points.
var bridgeArticle = []string{
	"The mayor opened a new bridge over the river on Friday.",
	"Weather was sunny and mild.",
	"The bridge cost 40 million dollars and took three years to build.",
	"Traffic on the old road fell by half.",
}

func TestGreedyOracle(t *testing.T) {
	refs := []string{"Mayor opens new bridge over river\nBridge cost 40 million dollars"}
	tests := []struct {
		name  string
		sents []string
		refs  []string
		max   int
		want  []int
	}{
		// Sentence 0 scores best alone (mean F .42 against .41), 2 adds
		// the cost, and 1 and 3 share nothing, so the oracle stops.
		{"stops without gain", bridgeArticle, refs, 0, []int{0, 2}},
		{"limit", bridgeArticle, refs, 1, []int{0}},
		{"limit above sentence count", bridgeArticle, refs, 10, []int{0, 2}},
		// A repeated sentence adds no hits, only length.
		{"duplicate", []string{"Mayor opens new bridge", "Mayor opens new bridge"}, []string{"mayor opens new bridge"}, 0, []int{0}},
		{"nothing shared", []string{"Weather was sunny."}, refs, 0, nil},
		{"no references", bridgeArticle, nil, 0, nil},
		{"no sentences", nil, refs, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := GreedyOracle(tt.sents, tt.refs, tt.max, rouge.Options{Stem: true})
			if !slices.Equal(got, tt.want) {
				t.Errorf("GreedyOracle = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOracleMatchesNaive checks the incremental counts against a direct
// recount of every candidate selection, on invented multi-reference
// articles, with one Oracle reused throughout.
func TestOracleMatchesNaive(t *testing.T) {
	articles := []struct{ sents, refs []string }{
		{bridgeArticle, []string{"Mayor opens new bridge over river\nBridge cost 40 million dollars", "New river bridge opens; traffic on old road halves"}},
		{[]string{
			"Heavy rain flooded streets in the north of the city.",
			"Schools closed and buses stopped running.",
			"The rain is expected to ease on Sunday.",
			"Residents said the flooding was the worst in years.",
			"Emergency crews pumped water from homes in the north.",
		}, []string{"Rain floods city streets, schools close\nWorst flooding in years, residents say", "Crews pump water from flooded homes"}},
		{[]string{"the the the cat", "the cat sat on the mat", "a dog barked", "the mat was red"}, []string{"the cat sat on the mat\nthe cat"}},
	}
	o := NewOracle(rouge.Options{Stem: true})
	v := rouge.NewVocab(rouge.Options{Stem: true})
	for i, a := range articles {
		for _, max := range []int{0, 1, 2} {
			got := o.Select(a.sents, a.refs, max)
			want := naiveOracle(v, a.sents, a.refs, max)
			if !slices.Equal(got, want) {
				t.Errorf("article %d, max %d: Oracle %v, naive %v", i, max, got, want)
			}
		}
	}
}

// naiveOracle recounts everything with maps for each trial selection.
func naiveOracle(v *rouge.Vocab, sents, refs []string, maxSents int) []int {
	if len(sents) == 0 || len(refs) == 0 {
		return nil
	}
	if maxSents <= 0 {
		maxSents = len(sents)
	}
	grams := func(toks []int32) (map[[2]int32]int, map[[2]int32]int) {
		u, b := map[[2]int32]int{}, map[[2]int32]int{}
		for i, w := range toks {
			u[[2]int32{w, -1}]++
			if i > 0 {
				b[[2]int32{toks[i-1], w}]++
			}
		}
		return u, b
	}
	type counts struct{ u, b map[[2]int32]int }
	var rc []counts
	var refU, refB int
	for _, r := range refs {
		toks := v.AppendTokens(nil, r)
		u, b := grams(toks)
		rc = append(rc, counts{u, b})
		refU += len(toks)
		refB += max(len(toks)-1, 0)
	}
	score := func(sel []int) float64 {
		cu, cb := map[[2]int32]int{}, map[[2]int32]int{}
		nu, nb := 0, 0
		for _, i := range sel {
			toks := v.AppendTokens(nil, sents[i])
			u, b := grams(toks)
			for k, c := range u {
				cu[k] += c
			}
			for k, c := range b {
				cb[k] += c
			}
			nu += len(toks)
			nb += max(len(toks)-1, 0)
		}
		hu, hb := 0, 0
		for _, r := range rc {
			for k, c := range r.u {
				hu += min(c, cu[k])
			}
			for k, c := range r.b {
				hb += min(c, cb[k])
			}
		}
		return objective(hu, hb, refU, refB, len(refs)*nu, len(refs)*nb)
	}
	var sel []int
	best := 0.0
	for len(sel) < maxSents {
		pick, ps := -1, best
		for i := range sents {
			if slices.Contains(sel, i) {
				continue
			}
			if s := score(append(slices.Clone(sel), i)); s > ps {
				pick, ps = i, s
			}
		}
		if pick < 0 {
			break
		}
		sel = append(sel, pick)
		best = ps
	}
	slices.Sort(sel)
	return sel
}

type cnndmRecord struct {
	ID      string `json:"id"`
	Article string `json:"article"`
	Summary string `json:"summary"`
}

func loadCNNDM(tb testing.TB) []cnndmRecord {
	tb.Helper()
	path := filepath.FromSlash("../../shared/data/cnndm/dev.jsonl.gz")
	out, err := jsonl.ReadAll[cnndmRecord](path)
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("CNN/DailyMail development data not found at %s; skipping", path)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// BenchmarkOracleCorpus runs the greedy oracle (at most 3 sentences) on
// all CNN/DailyMail development articles, split naively on " . "; one op
// is the whole corpus.
func BenchmarkOracleCorpus(b *testing.B) {
	recs := loadCNNDM(b)
	sents := make([][]string, len(recs))
	for i, r := range recs {
		sents[i] = strings.SplitAfter(r.Article, " . ")
	}
	o := NewOracle(rouge.Options{Stem: true})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i, r := range recs {
			o.Select(sents[i], []string{r.Summary}, 3)
		}
	}
	b.ReportMetric(float64(len(recs)), "articles/op")
}
