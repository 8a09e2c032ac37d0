package keypoints_test

import (
	"context"
	"strings"
	"testing"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/doc"
)

const compressArticle = `The city council of Larkspur (population 41,000) voted on Tuesday to close the old harbour bridge for eight months of repairs.
Engineers found cracks in two of the bridge's steel supports (the ones nearest the shore) during an inspection last month, the council said.
The bridge, which was built in 1931, carries about 9,000 cars a day between the port and the old town.
A free ferry will run every twenty minutes while the bridge is shut, according to the harbour authority.
Shop owners on the waterfront said they feared a drop in trade during the busy summer months.
The mayor promised a fund of two million dollars to help businesses through the works.`

// TestCompressOption: by default key points may leave words out, and then
// say which; with Compress false they are whole sentences.
func TestCompressOption(t *testing.T) {
	ctx := context.Background()
	a := doc.Article{ID: "larkspur", Text: compressArticle}
	on, err := keypoints.New(keypoints.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := on.Summarize(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	compressed := 0
	for _, k := range res.KeyPoints {
		if k.Source == "" {
			if len(k.Kept) != 0 || res.Document.Text[k.Start:k.End] != k.Text {
				t.Errorf("whole key point %q with kept %v", k.Text, k.Kept)
			}
			continue
		}
		compressed++
		if res.Document.Text[k.Start:k.End] != k.Source {
			t.Errorf("source %q is not the span [%d,%d)", k.Source, k.Start, k.End)
		}
		if len(strings.Fields(k.Text)) >= len(strings.Fields(k.Source)) {
			t.Errorf("compressed %q is not shorter than %q", k.Text, k.Source)
		}
		var parts []string
		prev := k.Start
		for _, r := range k.Kept {
			if r.Start < prev || r.End > k.End || r.Start >= r.End {
				t.Fatalf("kept %v out of order or outside [%d,%d)", k.Kept, k.Start, k.End)
			}
			prev = r.End
			parts = append(parts, res.Document.Text[r.Start:r.End])
		}
		if strings.Join(strings.Fields(strings.Join(parts, " ")), "") != strings.Join(strings.Fields(k.Text), "") {
			t.Errorf("kept parts %q do not make the key point %q", parts, k.Text)
		}
	}
	if compressed == 0 {
		t.Errorf("no key point compressed: %q", res.Summary())
	}

	off, err := on.WithCompress(false)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := off.Summarize(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range whole.KeyPoints {
		if k.Source != "" || len(k.Kept) != 0 || whole.Document.Text[k.Start:k.End] != k.Text {
			t.Errorf("Compress false: key point %q has source %q kept %v", k.Text, k.Source, k.Kept)
		}
		if k.Start != res.KeyPoints[i].Start {
			t.Errorf("compression changed the choice: %d vs %d", k.Start, res.KeyPoints[i].Start)
		}
	}
	viaOptions, err := keypoints.New(keypoints.Options{Compress: keypoints.Bool(false)})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := viaOptions.Summarize(ctx, a); r.Summary() != whole.Summary() {
		t.Errorf("Options.Compress false gives %q, WithCompress(false) %q", r.Summary(), whole.Summary())
	}
	lead, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerLead})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := lead.Summarize(ctx, a); strings.Contains(r.Summary(), "Larkspur voted") {
		t.Errorf("the lead baseline was compressed: %q", r.Summary())
	}
}
