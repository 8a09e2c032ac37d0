// Package stories groups news coverage into stories and shows what each
// outlet adds or leaves out.
//
// Grouping: a Grouper takes articles one at a time, as from a feed, and
// places each into a story: an article is a TF-IDF vector of its content
// words (Porter-stemmed, title words and names weighted up), and it joins
// the story whose articles it links to best on average, within a time
// window, or starts a new one. The link of two articles is their cosine
// corrected for hubs (articles that resemble everything a little), and a
// cohesion guard keeps two tight stories on neighbouring events apart.
// Merge and Regroup refine a feed's stories by average-link agglomeration;
// GroupAll groups a whole collection that way. Copies of one wire text are
// recognised by shared word 4-grams, kept, and marked. The Grouper's whole
// state is a plain State value that encodes to JSON.
//
// Summarizing: Summarize takes the articles of one story and returns its
// key points, the facts of the event as a whole: sentences scored by how
// much the other independent outlets say the same, how close they are to
// the outlets' headlines and how early they come, chosen best first within
// a word budget with each fact once. Each point lists the outlets that
// report it, its source sentences and, when the sentence attributes the
// claim ("the Kremlin said"), who says it; points from different speakers
// are never merged. Per outlet, the story lists what only that outlet
// reports and which key points it leaves out, a coverage matrix, and, when
// outlets carry a stance, how many left, centre and right outlets report
// each point.
//
// Both steps use an Engine (keypoints.Engine) only to clean, segment and
// tokenize text. Thresholds and weights were chosen on the AllSides
// training split; stories/RESULTS.md has the measurements.
//
// Input: Record and ArticleRecord are the JSON records that the keypoints
// stories command and POST /v1/stories read (DecodeRecord, then Resolve
// for an article or Given for a story as given), and
// Summarizer.SummarizeAll summarizes given stories as they are and groups
// the loose articles first, as both do. Web pages ("html") are read by a
// PageFunc the caller passes, so this package needs no extractor.
package stories
