// Package train fits the sentence scorer that keypoints embeds: it turns a
// corpus of articles with reference key points into per-sentence features
// and oracle labels, fits a small network (see Fit) and measures the
// result with ROUGE on a held-out part.
//
// Everything is deterministic: the split is a hash of each record's id,
// the oracle is greedy with ties broken by position, and the optimiser is
// seeded, so "keypoints train" rebuilds the shipped model exactly.
package train

import (
	"hash/fnv"
	"io"
	"strings"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/internal/jsonl"
	"github.com/keypoints-dev/keypoints/score"
	"github.com/keypoints-dev/keypoints/tokenize"
)

// Record is one corpus record.
type Record struct {
	ID      string `json:"id"`
	Article string `json:"article"`
	Text    string `json:"text"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
}

// Validation reports whether a record id belongs to the held-out part: one
// id in five, chosen by a hash of the id so the split never depends on
// file order.
func Validation(id string) bool {
	h := fnv.New32a()
	io.WriteString(h, id)
	return h.Sum32()%5 == 0
}

// ReadRecords reads a JSONL corpus, gzip-compressed or not.
func ReadRecords(path string) ([]Record, error) {
	out, err := jsonl.ReadAll[Record](path)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Article == "" {
			out[i].Article = out[i].Text
		}
	}
	return out, nil
}

// Doc is one prepared article: its sentences, features and labels.
type Doc struct {
	ID        string
	Refs      []string
	Document  *doc.Document
	Feats     []float64 // len(Sentences) * score.NumFeatures
	Labels    []float64 // 1 for oracle sentences, else 0
	Oracle    []int     // oracle sentence indexes, in article order
	Sentences []string
	Title     string

	artTerms []uint64        // distinct content terms of the article, sorted
	refTerms map[uint64]bool // content terms of the references
}

// Prepare turns records into Docs with the engine's pipeline and labels
// them with the oracle; Featurize adds the features. Records the engine
// rejects (too short, no text) are skipped and counted.
func Prepare(recs []Record, eng *keypoints.Engine, oracle func(sents []string, ref string) []int) ([]Doc, int) {
	var docs []Doc
	skipped := 0
	for _, r := range recs {
		d, err := eng.Document(r.Article)
		if err != nil || len(d.Sentences) < 2 {
			skipped++
			continue
		}
		sents := make([]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Text
		}
		pd := Doc{ID: r.ID, Refs: []string{r.Summary}, Document: d, Sentences: sents, Title: r.Title,
			Labels: make([]float64, len(sents)), artTerms: contentTerms(d)}
		pd.refTerms = referenceTerms(pd.Refs)
		pd.Oracle = oracle(sents, r.Summary)
		for _, i := range pd.Oracle {
			pd.Labels[i] = 1
		}
		docs = append(docs, pd)
	}
	return docs, skipped
}

// Featurize computes each doc's features with the word prior that prior
// returns for it (nil: no prior).
func Featurize(docs []Doc, prior func(d *Doc) score.Prior) {
	s := score.NewScratch()
	for i := range docs {
		d := &docs[i]
		var title []doc.Token
		if d.Title != "" {
			title = tokenize.Sentence(d.Title, 0, len(d.Title))
		}
		var p score.Prior
		if prior != nil {
			p = prior(d)
		}
		d.Feats = append([]float64(nil), s.FeaturesWith(d.Document, title, p)...)
	}
}

// Examples flattens docs into training examples.
func Examples(docs []Doc) []Example {
	var ex []Example
	for k, d := range docs {
		n := len(d.Sentences)
		for i := 0; i < n; i++ {
			var e Example
			copy(e.X[:], d.Feats[i*score.NumFeatures:(i+1)*score.NumFeatures])
			e.Target = d.Labels[i]
			e.Doc = k
			ex = append(ex, e)
		}
	}
	return ex
}

// joinLines joins sentences as a "\n"-separated summary.
func joinLines(s []string) string { return strings.Join(s, "\n") }
