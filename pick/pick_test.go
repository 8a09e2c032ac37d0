package pick_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/pick"
	"github.com/keypoints-dev/keypoints/tokenize"
)

// newDoc builds a tokenized document whose sentences are exactly sents,
// joined by single spaces, so each test controls every sentence's words.
func newDoc(t *testing.T, sents ...string) *doc.Document {
	t.Helper()
	d := &doc.Document{Text: strings.Join(sents, " ")}
	pos := 0
	for i, s := range sents {
		d.Sentences = append(d.Sentences, doc.Sentence{Index: i, Start: pos, End: pos + len(s), Text: s})
		pos += len(s) + 1
	}
	tokenize.Document(d)
	return d
}

// words returns the word count pick uses: tokens per sentence.
func words(d *doc.Document, idx []int) int {
	n := 0
	for _, i := range idx {
		n += len(d.Sentences[i].Tokens)
	}
	return n
}

// Five sentences on unrelated facts: no two share a content word, so
// redundancy never interferes with the cases that use them.
var distinct = []string{
	"Firefighters contained a blaze that destroyed two warehouses near Leeds.", // 10 words
	"Shares in the carmaker fell sharply after weak quarterly sales.",          // 10 words
	"A rare orchid was found growing beside a railway embankment.",             // 10 words
	"Parliament approved the budget late on Tuesday.",                          // 7 words
	"Tickets sold out within minutes.",                                         // 5 words
}

func TestPickOrderAndN(t *testing.T) {
	d := newDoc(t, distinct...)
	for _, tc := range []struct {
		name   string
		scores []float64
		n      int
		want   []int
	}{
		{"article order, not score order", []float64{0.1, 0.9, 0.5, 0.8, 0.2}, 2, []int{1, 3}},
		{"three of five", []float64{0.1, 0.9, 0.5, 0.8, 0.2}, 3, []int{1, 2, 3}},
		{"best is last", []float64{0.1, 0.2, 0.3, 0.4, 0.5}, 1, []int{4}},
		{"N above sentence count gives all", []float64{0.5, 0.4, 0.3, 0.2, 0.1}, 10, []int{0, 1, 2, 3, 4}},
		{"N zero gives none", []float64{0.5, 0.4, 0.3, 0.2, 0.1}, 0, nil},
		{"N negative gives none", []float64{0.5, 0.4, 0.3, 0.2, 0.1}, -1, nil},
		{"negative scores still ranked", []float64{-3, -1, -2, -5, -4}, 2, []int{1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := pick.Pick(d, tc.scores, pick.Options{N: tc.n})
			if !slices.Equal(got, tc.want) {
				t.Errorf("Pick(N=%d) = %v, want %v", tc.n, got, tc.want)
			}
			if tc.n > 0 && len(got) > tc.n {
				t.Errorf("Pick returned %d sentences, N=%d", len(got), tc.n)
			}
			if !slices.IsSorted(got) {
				t.Errorf("Pick = %v, not in article order", got)
			}
		})
	}
}

func TestPickWordBudget(t *testing.T) {
	d := newDoc(t, distinct...)
	// Check the word counts the cases below rely on.
	for i, want := range []int{10, 10, 10, 7, 5} {
		if got := len(d.Sentences[i].Tokens); got != want {
			t.Fatalf("fixture sentence %d has %d words, want %d", i, got, want)
		}
	}
	scores := []float64{0.9, 0.8, 0.7, 0.6, 0.5}
	for _, tc := range []struct {
		name  string
		n     int
		words int
		want  []int
	}{
		{"no budget", 3, 0, []int{0, 1, 2}},
		{"budget fits exactly", 2, 20, []int{0, 1}},
		{"budget one short skips to a later sentence that fits", 2, 19, []int{0, 3}},
		{"budget fits the best and the shortest", 3, 15, []int{0, 4}},
		{"best sentences too long, one later fits", 3, 9, []int{3}},
		{"only the shortest fits", 3, 6, []int{4}},
		{"nothing fits", 3, 4, nil},
		{"large budget is no limit", 5, 1000, []int{0, 1, 2, 3, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := pick.Pick(d, scores, pick.Options{N: tc.n, Words: tc.words})
			if !slices.Equal(got, tc.want) {
				t.Errorf("Pick(N=%d, Words=%d) = %v, want %v", tc.n, tc.words, got, tc.want)
			}
			if w := words(d, got); tc.words > 0 && w > tc.words {
				t.Errorf("Pick(N=%d, Words=%d) chose %d words, over the budget", tc.n, tc.words, w)
			}
		})
	}
}

// TestPickBudgetNeverExceeded sweeps budgets and score orders over the
// fixture: whatever is chosen stays within the budget.
func TestPickBudgetNeverExceeded(t *testing.T) {
	d := newDoc(t, distinct...)
	orders := [][]float64{
		{0.9, 0.8, 0.7, 0.6, 0.5},
		{0.5, 0.6, 0.7, 0.8, 0.9},
		{0.1, 0.9, 0.1, 0.9, 0.1},
	}
	for k, scores := range orders {
		for budget := 1; budget <= 45; budget++ {
			for n := 1; n <= 5; n++ {
				got := pick.Pick(d, scores, pick.Options{N: n, Words: budget})
				if w := words(d, got); w > budget || len(got) > n {
					t.Errorf("order %d, N=%d, Words=%d: chose %v (%d words)", k, n, budget, got, w)
				}
			}
		}
	}
}

func TestPickRedundancy(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sents  []string
		scores []float64
		n      int
		want   []int
	}{
		{
			name: "shared content trigram blocks the repeat",
			sents: []string{
				"The central bank raised interest rates by half a point on Tuesday.",
				"Economists warned the central bank raised interest rates too late for exporters.",
				"Farmers in the north reported a poor wheat harvest.",
			},
			scores: []float64{0.9, 0.8, 0.1}, n: 2, want: []int{0, 2},
		},
		{
			name: "three quarters of content words seen blocks the repeat",
			sents: []string{
				"The storm flooded coastal villages and thousands of people fled.",
				// Content words thousands, fled, flooded, villages, storm:
				// all seen, no content trigram shared.
				"Thousands fled flooded villages after the storm.",
				"Farmers in the north reported a poor wheat harvest.",
			},
			scores: []float64{0.9, 0.8, 0.1}, n: 2, want: []int{0, 2},
		},
		{
			name: "exactly three quarters is redundant",
			sents: []string{
				"Police arrested a teacher in Madrid.",
				// police, teacher, madrid seen; lawyer new: 3 of 4.
				"Madrid lawyer police teacher.",
				"Farmers in the north reported a poor wheat harvest.",
			},
			scores: []float64{0.9, 0.8, 0.1}, n: 2, want: []int{0, 2},
		},
		{
			name: "under three quarters is kept",
			sents: []string{
				"Police arrested a teacher in Madrid.",
				// police, teacher seen; lawyer, judge new: 2 of 4.
				"Police questioned the teacher's lawyer and a judge.",
				"Farmers in the north reported a poor wheat harvest.",
			},
			scores: []float64{0.9, 0.8, 0.1}, n: 2, want: []int{0, 1},
		},
		{
			name: "shared function-word phrase is not a repeat",
			sents: []string{
				"Putin on the phone warned European leaders about gas supplies.",
				"Putin on the other hand praised Chinese investors yesterday.",
				"Farmers in the north reported a poor wheat harvest.",
			},
			scores: []float64{0.9, 0.8, 0.1}, n: 2, want: []int{0, 1},
		},
		{
			name: "verbatim duplicate picked once",
			sents: []string{
				"Rescuers pulled two climbers from a crevasse on Mont Blanc.",
				"Rescuers pulled two climbers from a crevasse on Mont Blanc.",
				"Rescuers pulled two climbers from a crevasse on Mont Blanc.",
			},
			scores: []float64{0.5, 0.9, 0.7}, n: 3, want: []int{1},
		},
		{
			name: "redundant sentence is replaced by the next best",
			sents: []string{
				"Farmers in the north reported a poor wheat harvest.",
				"The central bank raised interest rates by half a point on Tuesday.",
				"Economists warned the central bank raised interest rates too late for exporters.",
				"A rare orchid was found growing beside a railway embankment.",
			},
			scores: []float64{0.2, 0.9, 0.8, 0.3}, n: 2, want: []int{1, 3},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDoc(t, tc.sents...)
			got := pick.Pick(d, tc.scores, pick.Options{N: tc.n})
			if !slices.Equal(got, tc.want) {
				t.Errorf("Pick = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPickMinWords(t *testing.T) {
	sents := []string{
		"Breaking news.",                   // 2 words
		"Three killed overnight.",          // 3 words
		"Officials confirmed four deaths.", // 4 words
		"Firefighters contained a blaze that destroyed two warehouses near Leeds.",
		"Shares in the carmaker fell sharply after weak quarterly sales.",
	}
	d := newDoc(t, sents...)
	for _, tc := range []struct {
		name   string
		scores []float64
		n, min int
		want   []int
	}{
		{"short best sentences skipped when longer ones suffice", []float64{0.9, 0.8, 0.1, 0.5, 0.4}, 2, 0, []int{3, 4}},
		{"four words is not short by default", []float64{0.1, 0.1, 0.9, 0.5, 0.4}, 2, 0, []int{2, 3}},
		{"short ones fill in when longer ones run out", []float64{0.9, 0.8, 0.7, 0.5, 0.4}, 4, 0, []int{0, 2, 3, 4}},
		{"all five when N allows", []float64{0.9, 0.8, 0.7, 0.5, 0.4}, 5, 0, []int{0, 1, 2, 3, 4}},
		{"MinWords 2 lets the two-word sentence in", []float64{0.9, 0.8, 0.1, 0.5, 0.4}, 2, 2, []int{0, 1}},
		{"MinWords 5 skips the four-word sentence", []float64{0.1, 0.1, 0.9, 0.5, 0.4}, 2, 5, []int{3, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := pick.Pick(d, tc.scores, pick.Options{N: tc.n, MinWords: tc.min})
			if !slices.Equal(got, tc.want) {
				t.Errorf("Pick(N=%d, MinWords=%d) = %v, want %v", tc.n, tc.min, got, tc.want)
			}
		})
	}
}

// A sentence without a single word (a stray dash left by scraping) is
// never picked, not even to fill N.
func TestPickSkipsWordlessSentence(t *testing.T) {
	d := newDoc(t, "— —", "Officials confirmed four deaths.", "Tickets sold out within minutes.")
	if n := len(d.Sentences[0].Tokens); n != 0 {
		t.Fatalf("fixture sentence 0 has %d tokens, want 0", n)
	}
	got := pick.Pick(d, []float64{0.9, 0.5, 0.4}, pick.Options{N: 3})
	if want := []int{1, 2}; !slices.Equal(got, want) {
		t.Errorf("Pick = %v, want %v", got, want)
	}
}

func TestPickTiesByPosition(t *testing.T) {
	d := newDoc(t, distinct...)
	for _, tc := range []struct {
		name   string
		scores []float64
		n      int
		want   []int
	}{
		{"all equal: the first N", []float64{1, 1, 1, 1, 1}, 2, []int{0, 1}},
		{"tie below the best: the earlier one", []float64{0.2, 0.5, 0.9, 0.5, 0.5}, 2, []int{1, 2}},
		{"tie at the top: the earlier one", []float64{0.2, 0.3, 0.7, 0.1, 0.7}, 1, []int{2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for range 20 {
				got := pick.Pick(d, tc.scores, pick.Options{N: tc.n})
				if !slices.Equal(got, tc.want) {
					t.Fatalf("Pick = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// TestPickTiesManySentences checks ties in a long article, where a sort
// that is not stable would reorder equal scores.
func TestPickTiesManySentences(t *testing.T) {
	sents := make([]string, 64)
	scores := make([]float64, 64)
	for i := range sents {
		// Made-up words unique to each sentence: no redundancy.
		sents[i] = fmt.Sprintf("Qx%da qx%db qx%dc qx%dd.", i, i, i, i)
		scores[i] = float64((i * 7) % 3)
	}
	d := newDoc(t, sents...)
	for _, tc := range []struct {
		name string
		n    int
		want []int
	}{
		// Scores are 2 for i%3 == 2 (21 sentences), 1 for i%3 == 1.
		{"first five of the top tier", 5, []int{2, 5, 8, 11, 14}},
		{"whole top tier then the earliest of the next", 23, []int{1, 2, 4, 5, 8, 11, 14, 17, 20, 23, 26, 29, 32, 35, 38, 41, 44, 47, 50, 53, 56, 59, 62}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := pick.Pick(d, scores, pick.Options{N: tc.n})
			if !slices.Equal(got, tc.want) {
				t.Errorf("Pick(N=%d) = %v, want %v", tc.n, got, tc.want)
			}
		})
	}
}

func TestPickEmpty(t *testing.T) {
	for _, tc := range []struct {
		name   string
		d      *doc.Document
		scores []float64
	}{
		{"no sentences", &doc.Document{}, nil},
		{"no sentences, empty scores", &doc.Document{Text: ""}, []float64{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pick.Pick(tc.d, tc.scores, pick.Options{N: 3, Words: 50}); len(got) != 0 {
				t.Errorf("Pick = %v, want none", got)
			}
		})
	}
}

// Pick must not change its inputs: the engine reuses the scores for the
// key points it returns.
func TestPickLeavesInputs(t *testing.T) {
	d := newDoc(t, distinct...)
	scores := []float64{0.1, 0.9, 0.5, 0.8, 0.2}
	before := slices.Clone(scores)
	pick.Pick(d, scores, pick.Options{N: 3, Words: 20})
	if !slices.Equal(scores, before) {
		t.Errorf("scores changed: %v, want %v", scores, before)
	}
}
