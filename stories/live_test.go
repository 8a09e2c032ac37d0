package stories

import (
	"context"
	"flag"
	"testing"
	"time"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/internal/jsonl"
)

var liveFlat = flag.String("live", "", "TestGroupLive reads this FLAT file (id, story, title, text, published), articles in publication order")

// TestGroupLive places the articles of a FLAT file one at a time in
// publication order, as a feed delivers them, merging every mergeEvery
// articles and at the end, as the live service does, and reports B-cubed.
func TestGroupLive(t *testing.T) {
	if *liveFlat == "" {
		t.Skip("no -live FLAT file")
	}
	type rec struct {
		ID, Story, Title, Text string
		Published              time.Time
	}
	recs, err := jsonl.ReadAll[rec](*liveFlat)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerUnsupervised})
	if err != nil {
		t.Fatal(err)
	}
	for _, every := range []int{0, 1, 10, 50} {
		g, err := NewGrouper(eng, GroupOptions{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		truth := map[string]string{}
		start := time.Now()
		for i, r := range recs {
			truth[r.ID] = r.Story
			if _, err := g.Add(context.Background(), Article{ID: r.ID, Title: r.Title, Text: r.Text, Published: r.Published}); err != nil {
				t.Fatal(err)
			}
			if every > 0 && (i+1)%every == 0 {
				if _, err := g.Merge(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
		}
		p, r, f := bcubed(truth, g.Groups())
		t.Logf("merge every %d: add only: P %.3f R %.3f F1 %.3f (%v)", every, p, r, f, time.Since(start))
		if _, err := g.Merge(context.Background()); err != nil {
			t.Fatal(err)
		}
		p, r, f = bcubed(truth, g.Groups())
		t.Logf("merge every %d, then merge: P %.3f R %.3f F1 %.3f", every, p, r, f)
		if _, err := g.Regroup(context.Background()); err != nil {
			t.Fatal(err)
		}
		p, r, f = bcubed(truth, g.Groups())
		t.Logf("then regroup: P %.3f R %.3f F1 %.3f", p, r, f)
	}
}
