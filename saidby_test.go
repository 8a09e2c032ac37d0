package keypoints_test

import (
	"context"
	"strings"
	"testing"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/doc"
)

// Single-article key points carry who says them, read in the article:
// "she said" after the one person the sentence before names.
func TestSummarizeSaidBy(t *testing.T) {
	const article = "Mayor Lena Ortiz said on Monday that the harbour bridge would close for repairs in May. " +
		"“We owe it to the commuters who cross it twice a day,” she said. " +
		"The bridge carries about 9,000 cars a day between the two halves of the town. " +
		"Engineers found cracks in two of its steel supports, according to a council report."
	eng, err := keypoints.New(keypoints.Options{N: 4, Scorer: keypoints.ScorerLead})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Summarize(context.Background(), doc.Article{Text: article})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Mayor Lena Ortiz", "Mayor Lena Ortiz", "", "a council report"}
	if len(res.KeyPoints) != len(want) {
		t.Fatalf("%d key points, want %d", len(res.KeyPoints), len(want))
	}
	for i, kp := range res.KeyPoints {
		if kp.SaidBy != want[i] {
			t.Errorf("key point %d %q: said_by %q, want %q", i, kp.Text, kp.SaidBy, want[i])
		}
		if kp.SaidBy != "" && i != 1 && !strings.Contains(kp.Text, kp.SaidBy) {
			t.Errorf("key point %d: said_by %q is not in its text", i, kp.SaidBy)
		}
	}
}
