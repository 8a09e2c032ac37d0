package keypoints_test

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/doc"
)

// A publisher's page as scraped, written for this test: "Key Points" on
// top, a point broken where a link began ("Mayor\nDana Whitfield"), two
// points on one line, a glued link ("onTuesday"), a space before a full
// stop, a credit line, and in the body a line broken at a link, a cut-off
// paragraph and a bullet list.
const harbourPage = `Key Points
- Larkspur's
Mayor Dana Whitfield said the harbour bridge would reopen in the spring. - Engineers found cracks in two of its supports.
- Shop owners on the waterfront fear the closure will cost them customers, said trader
Maria Costa .
Photo: Jane Doe/Getty Images
The city council of Larkspur voted onTuesday to close the old harbour bridge for repairs, after engineers working for the
Harbour Trust found cracks in two of its supports.
Mayor Dana Whitfield said the bridge would reopen in the spring if the work went to plan, according to a statement from the
The council said the repairs would cost about 4 million pounds, to be shared with the county.
Traffic will be sent over the Mill Road crossing in the meantime, and buses will run every ten minutes instead of every twenty.
The council listed the damage it had found:
- cracks in two of the bridge's four supports
- rusted railings along the whole of the east side of the bridge
Shop owners on the waterfront said the closure would cost them customers during the busiest weeks of the year, and asked the council for help with their rents.
The county engineer, Paul Okafor, said the cracks had been growing for years and that closing the bridge now would keep the repairs from costing far more later.`

var harbourPoints = []string{
	"Larkspur's Mayor Dana Whitfield said the harbour bridge would reopen in the spring.",
	"Engineers found cracks in two of its supports.",
	"Shop owners on the waterfront fear the closure will cost them customers, said trader Maria Costa.",
}

var gluedWord = regexp.MustCompile(`\b[a-zA-Z][a-z]+[A-Z][a-z]+\b`)

// checkKeyPoints applies the rules every key point keeps on a publisher's
// page: none starts with a bullet, repeats a publisher point, is under
// four words or keeps a word glued in the input (CamelCase in the input
// that is not glue, such as "SolarWinds", is named in names).
func checkKeyPoints(t *testing.T, res *doc.Result, names ...string) {
	t.Helper()
	for _, k := range res.KeyPoints {
		if doc.BulletLen(k.Text) > 0 {
			t.Errorf("key point starts with a bullet: %q", k.Text)
		}
		if len(strings.Fields(k.Text)) < 4 {
			t.Errorf("key point under four words: %q", k.Text)
		}
		for _, w := range gluedWord.FindAllString(k.Text, -1) {
			if !slices.Contains(names, w) {
				t.Errorf("key point keeps a glued word (%q): %q", w, k.Text)
			}
		}
		for _, p := range res.PublisherKeyPoints {
			if k.Text == p.Text {
				t.Errorf("key point repeats the publisher's: %q", k.Text)
			}
		}
		whole := k.Text
		if k.Source != "" {
			whole = k.Source // a compressed point: its sentence is the span
		}
		if res.Document.Text[k.Start:k.End] != whole {
			t.Errorf("key point %q is not its span of the text", k.Text)
		}
	}
}

func publisherTexts(res *doc.Result) []string {
	var out []string
	for _, p := range res.PublisherKeyPoints {
		out = append(out, p.Text)
	}
	return out
}

func TestPublisherPage(t *testing.T) {
	eng, err := keypoints.New(keypoints.Options{N: 3})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Summarize(context.Background(), doc.Article{Text: harbourPage})
	if err != nil {
		t.Fatal(err)
	}
	if got := publisherTexts(res); strings.Join(got, "\n") != strings.Join(harbourPoints, "\n") {
		t.Errorf("publisher points\n got: %q\nwant: %q", got, harbourPoints)
	}
	if len(res.KeyPoints) != 3 {
		t.Errorf("%d key points, want 3", len(res.KeyPoints))
	}
	checkKeyPoints(t, res)
	text := res.Document.Text
	for _, s := range []string{"Key Points", "trader Maria Costa", "Getty"} {
		if strings.Contains(text, s) {
			t.Errorf("the body still holds %q", s)
		}
	}
	// The body's own damage is repaired: the broken line joined, the glued
	// link split, the cut-off paragraph kept apart from the next.
	for _, s := range []string{
		"voted on Tuesday",
		"after engineers working for the Harbour Trust found cracks",
		"according to a statement from the\nThe council said",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("the body lacks %q:\n%s", s, text)
		}
	}
}

// TestPublisherPageWithout: the same article with its body only grows no
// publisher points.
func TestPublisherPageWithout(t *testing.T) {
	eng, err := keypoints.New(keypoints.Options{N: 3})
	if err != nil {
		t.Fatal(err)
	}
	body := harbourPage[strings.Index(harbourPage, "The city council"):]
	res, err := eng.Summarize(context.Background(), doc.Article{Text: body})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.PublisherKeyPoints) != 0 {
		t.Errorf("publisher points on an article without them: %q", publisherTexts(res))
	}
	checkKeyPoints(t, res)
}

// TestPublisherSeed runs the article the project started from, as it was
// scraped: its three Key Points come back whole, and three key points of
// our own from the body.
func TestPublisherSeed(t *testing.T) {
	raw, err := os.ReadFile("../shared/examples/cnbc-biden-putin.txt")
	if err != nil {
		t.Skipf("the seed article is not available (%v): it sits in ../shared beside the repository", err)
	}
	eng, err := keypoints.New(keypoints.Options{N: 3})
	if err != nil {
		t.Fatal(err)
	}
	res, err := eng.Summarize(context.Background(), doc.Article{Text: string(raw)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"President Joe Biden on Tuesday spoke to Russian President Vladimir Putin for the first time as commander-in-chief.",
		"Biden pressed Putin on an array of topics, including Russian election interference.",
		"The president has pledged to be more assertive with Putin than his predecessor, President Donald Trump.",
	}
	if got := publisherTexts(res); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("publisher points\n got: %q\nwant: %q", got, want)
	}
	if len(res.KeyPoints) != 3 {
		t.Errorf("%d key points, want 3", len(res.KeyPoints))
	}
	checkKeyPoints(t, res, "SolarWinds")
}
