package keypoints_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/extract"
	"github.com/keypoints-dev/keypoints/pick"
)

// summarizePage runs a fixture page through extraction and the engine as
// the CLI, batch and server do.
func summarizePage(t *testing.T, name string) (*doc.Result, error) {
	t.Helper()
	b, err := os.ReadFile("testdata/pages/" + name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := extract.Default().Extract(b, "https://larkspur-gazette.example/news/"+name)
	if err != nil {
		return nil, err
	}
	eng, err := keypoints.New(keypoints.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return eng.Summarize(context.Background(), doc.Article{Title: p.Title, Text: p.Text, Blocks: p.Blocks, Language: p.Language, Paywall: p.Paywall})
}

// TestPageNews: on a news page with every kind of page furniture around
// the story (byline, dateline, credit caption, subheading as a question,
// fact box list, table, hook question, declined-to-comment line, reprint
// and contact notice, newsletter promo), only sentences of the story are
// key points, the opening fact is one of them, sentence boundaries hold
// on titles, names and quotations, and glued words are split while
// names written as one word are kept.
func TestPageNews(t *testing.T) {
	res, err := summarizePage(t, "news.html")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %v on a news article, want none", res.Warnings)
	}
	if len(res.KeyPoints) != 3 {
		t.Fatalf("%d key points, want 3: %+v", len(res.KeyPoints), res.KeyPoints)
	}
	lead := "The Larkspur harbour authority opened an inquiry on Tuesday into the sinking of the passenger ferry Marigold"
	if !strings.HasPrefix(res.KeyPoints[0].Text, lead) {
		t.Errorf("first key point %q, want the opening fact without its dateline (%q...)", res.KeyPoints[0].Text, lead)
	}
	d := res.Document
	for _, k := range res.KeyPoints {
		s := d.Sentences[k.Sentences[0]]
		if !pick.Candidate(k.Text, s.Block) {
			t.Errorf("key point %q (block %q) is not a sentence of prose", k.Text, s.Block)
		}
	}
	// Every non-sentence stays in the document but is no candidate.
	never := []string{"What went wrong?", "Image credit", "Ferry built in 1998", "2022 4,100",
		"Is this the end", "For reprints", "Subscribe to our newsletter"}
	for _, s := range d.Sentences {
		for _, n := range never {
			if strings.HasPrefix(s.Text, n) && pick.Candidate(s.Text, s.Block) {
				t.Errorf("%q (block %q) is a candidate key point", s.Text, s.Block)
			}
		}
	}
	texts := make([]string, len(d.Sentences))
	for i, s := range d.Sentences {
		texts[i] = s.Text
	}
	for _, want := range []string{
		"The chairman of the authority, Dr the Rt. Hon. Alan Reeve, said the inquiry would examine the maintenance records of the vessel and the weather warnings issued that morning.",
		"“The ferry was inspected in March. We need to know what changed since then,” Reeve told reporters outside the harbour office.",
		"The operator, which also runs the new ID. Buzz shuttle vans to the ferry terminal, said it would cooperate fully with the investigation.",
		"The minister spoke with President Vladimir Petrov of the ferry workers union on Wednesday, and passengers told E! News the crossing had been rough from the start.",
		"Passengers said the ferry’s screens, which support CarPlay for drivers on the car deck, kept working until the power failed.",
	} {
		if !slices.Contains(texts, want) {
			t.Errorf("no sentence %q in:\n%s", want, strings.Join(texts, "\n"))
		}
	}
}

// TestPageVerdicts: pages that are not (whole) articles carry warnings,
// and a page with no article text at all is refused with no_article.
func TestPageVerdicts(t *testing.T) {
	for _, tc := range []struct {
		page, warning, lang string
	}{
		{"docs.html", doc.WNotArticle, ""},
		{"teaser.html", doc.WPaywall, ""},
		{"german.html", doc.WLanguage, "de"},
	} {
		res, err := summarizePage(t, tc.page)
		if err != nil {
			t.Errorf("%s: %v", tc.page, err)
			continue
		}
		if !slices.Contains(res.Warnings, tc.warning) || res.Language != tc.lang {
			t.Errorf("%s: warnings %v, language %q; want %q among them, language %q", tc.page, res.Warnings, res.Language, tc.warning, tc.lang)
		}
	}
	if _, err := summarizePage(t, "table.html"); doc.ErrorCode(err) != doc.ENoArticle {
		t.Errorf("table.html: error %v (code %q), want code %q", err, doc.ErrorCode(err), doc.ENoArticle)
	}
}
