package stories_test

import (
	"context"
	"strings"
	"testing"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/stories"
)

// TestCompressedPoints: with Options.Compress a story's key points leave
// out what the compressor drops and keep the whole sentence as Source;
// the attribution still comes from the whole sentence, and the speaker
// stays in the point.
func TestCompressedPoints(t *testing.T) {
	arts := []stories.Article{
		{ID: "a", Outlet: "Left Daily", Text: "The harbour bridge in Larkspur (built in 1931) will close for eight months of repairs, Mayor Ann Cole said on Tuesday. A ferry will replace it."},
		{ID: "b", Outlet: "Right Times", Text: "Larkspur's council voted to close the harbour bridge for eight months of repairs. Shop owners fear a drop in trade."},
	}
	eng, err := keypoints.New(keypoints.Options{})
	if err != nil {
		t.Fatal(err)
	}
	whole, err := stories.Summarizer{Engine: eng}.Summarize(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	for _, kp := range whole.KeyPoints {
		if kp.Source != "" {
			t.Errorf("without Compress: point %q has source %q", kp.Text, kp.Source)
		}
	}
	short, err := stories.Summarizer{Engine: eng, Options: stories.Options{Compress: true}}.Summarize(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, kp := range short.KeyPoints {
		if kp.Source == "" {
			continue
		}
		found = true
		if strings.Contains(kp.Text, "1931") || !strings.Contains(kp.Source, kp.Text[:20]) {
			t.Errorf("compressed point %q of %q", kp.Text, kp.Source)
		}
		if kp.SaidBy != "" && !strings.Contains(kp.Text, kp.SaidBy) {
			t.Errorf("compressed point %q left out its speaker %q", kp.Text, kp.SaidBy)
		}
		if kp.SaidBy == "" && strings.Contains(kp.Source, "Cole said") {
			t.Errorf("compressed point %q lost its speaker (source %q)", kp.Text, kp.Source)
		}
	}
	if !found {
		t.Errorf("no point compressed: %+v", short.KeyPoints)
	}
}
