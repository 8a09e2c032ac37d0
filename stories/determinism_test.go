package stories

import (
	"context"
	"encoding/json"
	"testing"

	keypoints "github.com/keypoints-dev/keypoints"
)

// TestSummarizeDeterministic summarizes the AllSides val stories three times in
// one process (where map iteration order differs between passes) and
// requires identical output.
func TestSummarizeDeterministic(t *testing.T) {
	recs := loadAllSides(t, "val")
	eng, err := keypoints.New(keypoints.Options{})
	if err != nil {
		t.Fatal(err)
	}
	run := func() []byte {
		var all []Story
		for _, r := range recs {
			arts := make([]Article, len(r.Articles))
			for k, text := range r.Articles {
				arts[k] = Article{ID: string(rune('a' + k)), Text: text}
				if k < len(r.Titles) {
					arts[k].Title = r.Titles[k]
				}
			}
			st, err := Summarize(context.Background(), eng, arts)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, st)
		}
		b, err := json.Marshal(all)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	first := run()
	for pass := 2; pass <= 3; pass++ {
		if string(run()) != string(first) {
			t.Fatalf("pass %d differs from pass 1: story output depends on the run", pass)
		}
	}
}
