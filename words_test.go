package keypoints_test

import (
	"context"
	"os"
	"strings"
	"testing"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/doc"
)

// TestWordBudget: the key points never exceed the word budget, and when no
// whole sentence fits, the best one is cut to the budget and marked "…".
func TestWordBudget(t *testing.T) {
	b, err := os.ReadFile("testdata/example-article.txt")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := keypoints.New(keypoints.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, words := range []int{3, 5, 12, 25, 40, 60, 200} {
		e, err := eng.WithLength(4, words)
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.Summarize(context.Background(), doc.Article{Text: string(b)})
		if err != nil {
			t.Fatalf("words %d: %v", words, err)
		}
		if len(res.KeyPoints) == 0 {
			t.Fatalf("words %d: no key points", words)
		}
		total := 0
		for _, k := range res.KeyPoints {
			n := len(strings.Fields(strings.TrimSuffix(k.Text, "…")))
			total += n
			src := res.Document.Text[k.Start:k.End]
			if strings.HasSuffix(k.Text, "…") {
				if len(res.KeyPoints) != 1 || !strings.HasPrefix(res.Document.Sentences[k.Sentences[0]].Text, src) || k.Text != src+"…" {
					t.Errorf("words %d: cut key point %q does not start its sentence or is not alone", words, k.Text)
				}
			} else if k.Source != "" {
				if k.Source != src || len(k.Kept) == 0 {
					t.Errorf("words %d: compressed key point %q: source %q is not its span %q", words, k.Text, k.Source, src)
				}
			} else if k.Text != src {
				t.Errorf("words %d: key point %q is not its span %q", words, k.Text, src)
			}
		}
		if total > words {
			t.Errorf("words %d: key points have %d words", words, total)
		}
	}
}
