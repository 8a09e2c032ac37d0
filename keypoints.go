// Package keypoints turns news articles into their key points: the three
// or four bullets a news desk puts on top of a story.
//
// The pipeline runs in stages, each its own package talking in the plain
// types of package doc:
//
//	normalize -> segment -> tokenize -> score -> pick -> compress
//
// An Engine holds the configuration and the scoring model and runs the
// stages; it is safe for concurrent use. Every key point is an article
// sentence (or a safely trimmed part of one) and carries the index and the
// byte offsets of its source in the cleaned text, so it can always be
// traced back.
package keypoints

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/keypoints-dev/keypoints/attrib"
	"github.com/keypoints-dev/keypoints/compress"
	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/normalize"
	"github.com/keypoints-dev/keypoints/pick"
	"github.com/keypoints-dev/keypoints/score"
	"github.com/keypoints-dev/keypoints/segment"
	"github.com/keypoints-dev/keypoints/tokenize"
)

// Engine summarizes articles. Create it with New.
type Engine struct {
	opt   Options
	model *score.Model
	// shrink and prior compress the chosen sentences; nil shrink gives
	// whole sentences.
	shrink *compress.Model
	prior  compress.Prior
	pool   *sync.Pool // of *score.Scratch
}

// New returns an Engine for the options, loading the embedded model when
// the model scorer is selected.
func New(opt Options) (*Engine, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	e := &Engine{opt: opt, pool: &sync.Pool{New: func() any { return score.NewScratch() }}}
	if opt.Scorer == ScorerModel {
		m, err := score.DefaultModel()
		if err != nil {
			return nil, err
		}
		e.model = m
	}
	if err := e.loadCompressor(); err != nil {
		return nil, err
	}
	return e, nil
}

// loadCompressor sets the compressor as e.opt.Compress says.
func (e *Engine) loadCompressor() error {
	e.shrink, e.prior = nil, nil
	if !*e.opt.Compress || e.opt.Scorer == ScorerLead {
		return nil
	}
	cm, err := compress.DefaultModel()
	if err != nil {
		return err
	}
	// The compressor's word priors are the scorer's lexicon, whatever
	// the scorer.
	m, err := score.DefaultModel()
	if err != nil {
		return err
	}
	e.shrink, e.prior = cm, m.Lexicon
	return nil
}

// WithCompress returns an engine that shares e's model and compresses
// key points or not (see Options.Compress).
func (e *Engine) WithCompress(on bool) (*Engine, error) {
	c := *e
	c.opt.Compress = Bool(on)
	if err := c.loadCompressor(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Options returns the engine's options with defaults filled in.
func (e *Engine) Options() Options { return e.opt }

// WithLength returns an engine that shares e's model but chooses n key
// points within a budget of words (0 keeps e's setting for either).
func (e *Engine) WithLength(n, words int) (*Engine, error) {
	opt := e.opt
	if n != 0 {
		opt.N = n
	}
	if words != 0 {
		opt.Words = words
	}
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	c := *e
	c.opt = opt
	return &c, nil
}

// Document normalizes, segments and tokenizes an article's text. It
// returns a *doc.Error (doc.EInvalid, doc.ETooLarge) for text that cannot
// be read as an article.
func (e *Engine) Document(text string) (*doc.Document, error) {
	clean, err := normalize.Normalize(text, normalize.Options{MaxBytes: e.opt.MaxBytes})
	if err != nil {
		return nil, err
	}
	d := &doc.Document{Text: clean.Text, Tokenized: clean.Tokenized}
	if len(clean.Publisher) > 0 {
		d.PublisherKeyPoints = make([]doc.PublisherPoint, len(clean.Publisher))
		for i, p := range clean.Publisher {
			d.PublisherKeyPoints[i] = doc.PublisherPoint{Text: p}
		}
	}
	d.Sentences = segment.Segment(clean.Text, clean.Tokenized)
	segment.TrimCutOff(d.Text, d.Sentences)
	tokenize.Document(d)
	return d, nil
}

// Summarize returns the key points of an article. Besides the errors of
// Document it returns doc.EInvalid when the article has fewer than two
// sentences or no sentence punctuation at all, since there is nothing to
// choose from, and ctx's error when ctx is done.
func (e *Engine) Summarize(ctx context.Context, a doc.Article) (*doc.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d, err := e.Document(a.Text)
	if err != nil {
		return nil, err
	}
	d.ID, d.Title = a.ID, a.Title
	if err := summarizable(d); err != nil {
		return nil, err
	}
	scores := e.score(d)
	chosen := pick.Pick(d, scores, pick.Options{N: e.opt.N, Words: e.opt.Words})
	res := &doc.Result{ID: a.ID, Title: a.Title, Document: d, KeyPoints: make([]doc.KeyPoint, 0, len(chosen)),
		PublisherKeyPoints: d.PublisherKeyPoints}
	// Who says each point is read before compressing it, so that the
	// compressor leaves the speaker in: a reader must find them in the
	// point.
	speakers := make([]string, len(chosen))
	if len(chosen) > 0 && !d.Tokenized {
		// Tokenized, lower-cased text (the research corpora's form)
		// has lost the capitals that mark names and its quotation
		// marks are `` and '': a speaker read there would be a guess.
		speakers = readSpeakers(d, chosen)
	}
	for k, i := range chosen {
		s := d.Sentences[i]
		// A list item keeps its bullet as a sentence; the key point is
		// the item's text ("- - " where a list was quoted in a list).
		start := s.Start
		for n := doc.BulletLen(d.Text[start:s.End]); n > 0; n = doc.BulletLen(d.Text[start:s.End]) {
			start += n
		}
		kp := doc.KeyPoint{Text: d.Text[start:s.End], Sentences: []int{i}, Start: start, End: s.End,
			Score: round(scores[i]), SaidBy: speakers[k]}
		if text, kept, ok := e.Compress(d, i, speakers[k]); ok && kept[0].Start >= start {
			kp.Source, kp.Text, kp.Kept = s.Text, text, kept
		}
		res.KeyPoints = append(res.KeyPoints, kp)
	}
	if len(chosen) == 0 && e.opt.Words > 0 {
		// Not even one sentence fits the budget: show the best one cut to
		// it, marked as cut, rather than nothing.
		best := 0
		for i, v := range scores {
			if v > scores[best] {
				best = i
			}
		}
		start, end, _ := pick.Cut(d, best, e.opt.Words)
		res.KeyPoints = append(res.KeyPoints, doc.KeyPoint{
			Text: d.Text[start:end] + "…", Sentences: []int{best}, Start: start, End: end, Score: round(scores[best]),
		})
	}
	return res, nil
}

// readSpeakers returns who each chosen sentence is attributed to, read
// from the sentence and, for "he said", the sentence before.
func readSpeakers(d *doc.Document, chosen []int) []string {
	texts := make([]string, len(d.Sentences))
	for i, s := range d.Sentences {
		texts[i] = s.Text
	}
	a := attrib.NewArticle(texts)
	who := make([]string, len(chosen))
	for k, i := range chosen {
		who[k] = a.Speaker(i)
	}
	return who
}

// Compress returns sentence i of d with the constituents the compressor
// leaves out (see package compress) and the byte ranges it keeps; ok is
// false when nothing is left out (or the engine does not compress). No
// constituent holding keep (the sentence's speaker, when it names one)
// is left out. d must come from Document.
func (e *Engine) Compress(d *doc.Document, i int, keep string) (text string, kept []doc.Range, ok bool) {
	if e.shrink == nil {
		return d.Sentences[i].Text, nil, false
	}
	s := &d.Sentences[i]
	cands := compress.Candidates(d, s)
	if keep != "" {
		if at := strings.Index(d.Text[s.Start:s.End], keep); at >= 0 {
			from, to := s.Start+at, s.Start+at+len(keep)
			cands = slices.DeleteFunc(cands, func(sp compress.Span) bool { return sp.Start < to && from < sp.End })
		}
	}
	del := e.shrink.Decide(d, s, cands, e.prior)
	if len(del) == 0 {
		return s.Text, nil, false
	}
	text, kept = compress.Apply(d, s, del)
	return text, kept, true
}

// Scores returns the score of every sentence of d, as Summarize computes
// them. d must come from Document.
func (e *Engine) Scores(d *doc.Document) []float64 { return e.score(d) }

func (e *Engine) score(d *doc.Document) []float64 {
	out := make([]float64, 0, len(d.Sentences))
	if e.opt.Scorer == ScorerLead {
		for i := range d.Sentences {
			out = append(out, 1/float64(i+1))
		}
		return out
	}
	s := e.pool.Get().(*score.Scratch)
	defer e.pool.Put(s)
	feats := e.features(s, d)
	if e.model != nil {
		return e.model.Score(feats, out)
	}
	return score.Unsupervised(feats, out)
}

// Features returns the feature matrix the engine scores d with: one row
// of score.NumFeatures values per sentence (see package score). d must
// come from Document.
func (e *Engine) Features(d *doc.Document) []float64 {
	return append([]float64(nil), e.features(score.NewScratch(), d)...)
}

// features computes d's features in s, with the title and the model's
// word priors when there are any; the result is owned by s.
func (e *Engine) features(s *score.Scratch, d *doc.Document) []float64 {
	var title []doc.Token
	if d.Title != "" {
		title = tokenize.Sentence(d.Title, 0, len(d.Title))
	}
	var prior score.Prior
	if e.model != nil {
		prior = e.model.Prior()
	}
	return s.FeaturesWith(d, title, prior)
}

func summarizable(d *doc.Document) error {
	if len(d.Sentences) < 2 {
		return doc.Errorf(doc.EInvalid, "found %d sentence; key points need an article of at least two sentences", len(d.Sentences))
	}
	for i := 0; i < len(d.Text); i++ {
		switch d.Text[i] {
		case '.', '!', '?':
			return nil
		}
	}
	return doc.Errorf(doc.EInvalid, "no sentence punctuation in %d bytes of text: this does not look like an article", len(d.Text))
}

// round keeps scores stable across platforms in JSON output.
func round(x float64) float64 {
	const k = 1e6
	if x < 0 {
		return -float64(int64(-x*k+0.5)) / k
	}
	return float64(int64(x*k+0.5)) / k
}
