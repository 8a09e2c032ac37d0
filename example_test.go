package keypoints_test

import (
	"context"
	"fmt"
	"log"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/doc"
)

// exampleArticle is a short story written for the examples, with the
// damage scraped text has: a byline, a dateline, glued words and a
// "Read more" line.
const exampleArticle = `By Sam Ortega, Valley Herald
FRESNO, Calif. (AP) — Farmers in the San Joaquin Valley will get 40 percent of their requested water this year, federal officials said Thursday.
The allocation, up from 15 percent last year, follows a wet winter that left reservoirs near capacity. "This is the best news we have had in years," said grower Ana Lin.
Read more: How the drought changed the valley
Officials at the U.S. Bureau of Reclamation warned that the figure could still change. They will review it again in April after the snowpack is measured.
SenatorMaria Cantu called the decision a relief for families who lost jobs during the drought.
`

// Summarize with the "lead" scorer picks the first sentences: a stable
// baseline. The key points are in article order and carry the index of
// the sentence they come from.
func ExampleEngine_Summarize() {
	eng, err := keypoints.New(keypoints.Options{N: 2, Scorer: keypoints.ScorerLead})
	if err != nil {
		log.Fatal(err)
	}
	res, err := eng.Summarize(context.Background(), doc.Article{ID: "water", Text: exampleArticle})
	if err != nil {
		log.Fatal(err)
	}
	for _, kp := range res.KeyPoints {
		fmt.Printf("[%d] %s\n", kp.Sentences[0], kp.Text)
	}
	// Output:
	// [0] Farmers in the San Joaquin Valley will get 40 percent of their requested water this year, federal officials said Thursday.
	// [1] The allocation, up from 15 percent last year, follows a wet winter that left reservoirs near capacity.
}

// The default scorer is the trained model; which sentences it picks may
// change when the model is retrained, how many it picks does not.
func ExampleEngine_Summarize_model() {
	eng, err := keypoints.New(keypoints.Options{N: 3})
	if err != nil {
		log.Fatal(err)
	}
	res, err := eng.Summarize(context.Background(), doc.Article{Text: exampleArticle})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(res.KeyPoints), "key points")
	// Output: 3 key points
}

// Document shows what the engine reads: the cleaned text (byline, dateline
// and "Read more" line dropped, glued words split) cut into sentences,
// each a span of Document.Text.
func ExampleEngine_Document() {
	eng, err := keypoints.New(keypoints.Options{})
	if err != nil {
		log.Fatal(err)
	}
	d, err := eng.Document(exampleArticle)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range d.Sentences {
		fmt.Printf("%d (paragraph %d, bytes %d-%d) %s\n", s.Index, s.Paragraph, s.Start, s.End, s.Text)
	}
	// Output:
	// 0 (paragraph 0, bytes 0-122) Farmers in the San Joaquin Valley will get 40 percent of their requested water this year, federal officials said Thursday.
	// 1 (paragraph 1, bytes 123-225) The allocation, up from 15 percent last year, follows a wet winter that left reservoirs near capacity.
	// 2 (paragraph 1, bytes 226-292) "This is the best news we have had in years," said grower Ana Lin.
	// 3 (paragraph 2, bytes 293-379) Officials at the U.S. Bureau of Reclamation warned that the figure could still change.
	// 4 (paragraph 2, bytes 380-446) They will review it again in April after the snowpack is measured.
	// 5 (paragraph 3, bytes 447-542) Senator Maria Cantu called the decision a relief for families who lost jobs during the drought.
}
