package stories

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/internal/jsonl"
)

// The AllSides set (../shared/data/allsides, see ../shared/README.md): one
// event covered by a left, a centre and a right outlet, with the AllSides
// editors' neutral roundup. Tests that need it skip when it is absent.

var flatDir = flag.String("flat", "", "TestWriteFlat writes FLAT_{train,val}.jsonl into this directory")

type allSidesRecord struct {
	ID       string   `json:"id"`
	Articles []string `json:"articles"`
	Titles   []string `json:"article_titles"`
	Summary  string   `json:"summary"`
}

func loadAllSides(tb testing.TB, split string) []allSidesRecord {
	tb.Helper()
	path := filepath.Join("..", "..", "shared", "data", "allsides", split+".jsonl.gz")
	out, err := jsonl.ReadAll[allSidesRecord](path)
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skipf("%s not found", path)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// flatArticle is one article of a flattened AllSides split, with its true
// story.
type flatArticle struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	Text  string `json:"text"`
	Story string `json:"story"`
}

// flatten turns story records into single articles with a story field,
// shuffled with a fixed seed.
func flatten(recs []allSidesRecord) []flatArticle {
	var out []flatArticle
	for _, r := range recs {
		for k, t := range r.Articles {
			a := flatArticle{ID: r.ID + "-" + strconv.Itoa(k), Text: t, Story: r.ID}
			if k < len(r.Titles) {
				a.Title = r.Titles[k]
			}
			out = append(out, a)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// bcubed returns B-cubed precision, recall and F1 of groups against the
// true story of each article, as ../shared/checks/lib/bcubed.py computes
// them; an article missing from groups counts as a singleton.
func bcubed(truth map[string]string, groups []Group) (p, r, f float64) {
	pred := map[string]int{}
	for gi, g := range groups {
		for _, id := range g.Articles {
			pred[id] = gi
		}
	}
	next := len(groups)
	for id := range truth {
		if _, ok := pred[id]; !ok {
			pred[id] = next
			next++
		}
	}
	type key struct {
		t string
		p int
	}
	both, tsize, psize := map[key]int{}, map[string]int{}, map[int]int{}
	for id, t := range truth {
		both[key{t, pred[id]}]++
		tsize[t]++
		psize[pred[id]]++
	}
	for id, t := range truth {
		n := float64(both[key{t, pred[id]}])
		p += n / float64(psize[pred[id]])
		r += n / float64(tsize[t])
	}
	p /= float64(len(truth))
	r /= float64(len(truth))
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func groupFlat(tb testing.TB, flat []flatArticle, opt GroupOptions) []Group {
	tb.Helper()
	eng, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerUnsupervised})
	if err != nil {
		tb.Fatal(err)
	}
	arts := make([]Article, len(flat))
	for i, a := range flat {
		arts[i] = Article{ID: a.ID, Title: a.Title, Text: a.Text}
	}
	groups, err := GroupAll(context.Background(), eng, arts, opt)
	if err != nil {
		tb.Fatal(err)
	}
	return groups
}

func truthOf(flat []flatArticle) map[string]string {
	m := make(map[string]string, len(flat))
	for _, a := range flat {
		m[a.ID] = a.Story
	}
	return m
}

// TestGroupAllSidesVal regroups the shuffled articles of the validation
// split and holds B-cubed F1 at 0.90 or more with every article placed.
func TestGroupAllSidesVal(t *testing.T) {
	flat := flatten(loadAllSides(t, "val"))
	groups := groupFlat(t, flat, GroupOptions{})
	placed := 0
	for _, g := range groups {
		placed += len(g.Articles)
	}
	if placed != len(flat) {
		t.Errorf("placed %d articles of %d", placed, len(flat))
	}
	p, r, f := bcubed(truthOf(flat), groups)
	t.Logf("val: %d articles, %d stories: B-cubed P %.3f R %.3f F1 %.3f", len(flat), len(groups), p, r, f)
	if f < 0.90 {
		t.Errorf("B-cubed F1 %.3f, want >= 0.90", f)
	}
}

// TestWriteFlat writes the flattened splits for the stories check
// (../shared/checks/stories.sh): go test ./stories -run TestWriteFlat -flat /tmp
func TestWriteFlat(t *testing.T) {
	if *flatDir == "" {
		t.Skip("no -flat directory")
	}
	for _, split := range []string{"train", "val"} {
		flat := flatten(loadAllSides(t, split))
		f, err := os.Create(filepath.Join(*flatDir, "FLAT_"+split+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(f)
		enc.SetEscapeHTML(false)
		for _, a := range flat {
			if err := enc.Encode(a); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
