// Package stagebench defines the per-stage benchmarks of the pipeline once,
// for both "go test -bench" (bench_test.go at the module root) and
// "keypoints bench", which writes their figures into BENCHMARKS.md.
//
// Every benchmark cycles through thousands of distinct articles: one
// article repeated is memorised by the CPU's branch predictors and caches
// and overstates speed several times.
package stagebench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"testing"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/batch"
	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/internal/jsonl"
	"github.com/keypoints-dev/keypoints/normalize"
	"github.com/keypoints-dev/keypoints/pick"
	"github.com/keypoints-dev/keypoints/rouge"
	"github.com/keypoints-dev/keypoints/score"
	"github.com/keypoints-dev/keypoints/segment"
	"github.com/keypoints-dev/keypoints/tokenize"
)

// Corpus is a benchmark corpus: the JSONL lines and their article texts.
type Corpus struct {
	Lines     [][]byte
	Texts     []string
	Summaries []string // reference key points, "\n"-separated, when the records have them
	Bytes     int64    // total article bytes
}

// Load reads a JSONL corpus (gzip allowed) of records with "article" or
// "text".
func Load(path string) (*Corpus, error) {
	r, err := jsonl.Open(path, os.Stdin)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	c := &Corpus{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var rec struct{ Article, Text, Summary string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if rec.Article == "" {
			rec.Article = rec.Text
		}
		c.Lines = append(c.Lines, append([]byte(nil), sc.Bytes()...))
		c.Texts = append(c.Texts, rec.Article)
		c.Summaries = append(c.Summaries, rec.Summary)
		c.Bytes += int64(len(rec.Article))
	}
	if len(c.Lines) == 0 {
		return nil, fmt.Errorf("%s: no records", path)
	}
	return c, sc.Err()
}

// Stage is one benchmark. Run is a standard benchmark function; one
// operation is one article.
type Stage struct {
	Name string
	Doc  string
	Run  func(b *testing.B)
}

// Stages returns the benchmarks over c, in pipeline order, then the
// whole pipeline from JSON line to JSON line with one and two workers.
func Stages(c *Corpus) []Stage {
	n := len(c.Texts)
	perArticle := c.Bytes / int64(n)
	setBytes := func(b *testing.B) { b.SetBytes(perArticle); b.ReportAllocs() }
	// Inputs of each stage, prepared once, outside the timed loops.
	var clean []normalize.Text
	var docs []*doc.Document
	var feats [][]float64
	var scores [][]float64
	eng, engErr := keypoints.New(keypoints.Options{})
	prepare := func(b *testing.B) {
		if engErr != nil {
			b.Fatal(engErr)
		}
		if docs != nil {
			return
		}
		for _, t := range c.Texts {
			nt, err := normalize.Normalize(t, normalize.Options{})
			if err != nil {
				continue
			}
			d, err := eng.Document(t)
			if err != nil {
				continue
			}
			clean = append(clean, nt)
			docs = append(docs, d)
			feats = append(feats, eng.Features(d))
			scores = append(scores, eng.Scores(d))
		}
	}
	return []Stage{
		{"normalize", "validation, cleanup, repair", func(b *testing.B) {
			prepare(b)
			setBytes(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				normalize.Normalize(c.Texts[i%n], normalize.Options{})
			}
		}},
		{"segment", "sentence boundaries and cut-off trimming", func(b *testing.B) {
			prepare(b)
			setBytes(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t := clean[i%len(clean)]
				segment.TrimCutOff(t.Text, segment.Segment(t.Text, t.Tokenized))
			}
		}},
		{"tokenize", "words, offsets, term hashes", func(b *testing.B) {
			prepare(b)
			setBytes(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				tokenize.Document(docs[i%len(docs)])
			}
		}},
		{"features", "per-sentence features, with the model's word priors", func(b *testing.B) {
			prepare(b)
			s := score.NewScratch()
			m, err := score.DefaultModel()
			if err != nil {
				b.Fatal(err)
			}
			prior := m.Prior()
			setBytes(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s.FeaturesWith(docs[i%len(docs)], nil, prior)
			}
		}},
		{"model", "trained scorer over the features", func(b *testing.B) {
			prepare(b)
			m, err := score.DefaultModel()
			if err != nil {
				b.Fatal(err)
			}
			out := make([]float64, 0, 512)
			setBytes(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out = m.Score(feats[i%len(feats)], out)
			}
		}},
		{"pick", "selection with redundancy control", func(b *testing.B) {
			prepare(b)
			setBytes(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := i % len(docs)
				pick.Pick(docs[k], scores[k], pick.Options{N: 3})
			}
		}},
		{"compress", "sentence compression of the three chosen sentences", func(b *testing.B) {
			prepare(b)
			chosen := make([][]int, len(docs))
			for k := range docs {
				chosen[k] = pick.Pick(docs[k], scores[k], pick.Options{N: 3})
			}
			setBytes(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := i % len(docs)
				for _, j := range chosen[k] {
					eng.Compress(docs[k], j, "")
				}
			}
		}},
		{"summarize", "Engine.Summarize: all stages, article text in, key points out", func(b *testing.B) {
			prepare(b)
			ctx := context.Background()
			setBytes(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				eng.Summarize(ctx, doc.Article{Text: c.Texts[i%n]})
			}
		}},
		{"rouge", "ROUGE-1/2/L/SU4 (stemmed) of the key points against the reference, as eval scores them", func(b *testing.B) {
			prepare(b)
			ctx := context.Background()
			preds := make([]string, n)
			for i, t := range c.Texts {
				if res, err := eng.Summarize(ctx, doc.Article{Text: t}); err == nil {
					preds[i] = res.Summary()
				}
			}
			rs := rouge.NewScorer(rouge.Options{Stem: true})
			refs := make([]string, 1)
			setBytes(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				refs[0] = c.Summaries[i%n]
				rs.Score(preds[i%n], refs)
			}
		}},
		{"batch-1", "JSON line in to JSON line out, 1 worker", func(b *testing.B) { runBatch(b, c, eng, engErr, 1) }},
		{"batch-2", "JSON line in to JSON line out, 2 workers", func(b *testing.B) { runBatch(b, c, eng, engErr, 2) }},
	}
}

func runBatch(b *testing.B, c *Corpus, eng *keypoints.Engine, engErr error, workers int) {
	if engErr != nil {
		b.Fatal(engErr)
	}
	var in bytes.Buffer
	for i := 0; i < b.N; i++ {
		in.Write(c.Lines[i%len(c.Lines)])
		in.WriteByte('\n')
	}
	b.SetBytes(int64(in.Len() / max(b.N, 1)))
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := batch.Run(context.Background(), eng, &in, io.Discard, batch.Options{Workers: workers}); err != nil {
		b.Fatal(err)
	}
}
