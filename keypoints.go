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
	return e.document(doc.Article{Text: text})
}

// document is Document for an article that may carry its page structure:
// each sentence gets the block kind of the line it came from.
func (e *Engine) document(a doc.Article) (*doc.Document, error) {
	clean, err := normalize.Normalize(a.Text, normalize.Options{MaxBytes: e.opt.MaxBytes})
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
	if a.Blocks != nil {
		// Sentence.Paragraph counts the lines of the cleaned text, and
		// clean.Lines maps those back to the article's lines.
		for i := range d.Sentences {
			s := &d.Sentences[i]
			line := s.Paragraph
			if clean.Lines != nil && line < len(clean.Lines) {
				line = clean.Lines[line]
			}
			if line < len(a.Blocks) {
				s.Block = a.Blocks[line]
			}
		}
	}
	segment.TrimCutOff(d.Text, d.Sentences)
	tokenize.Document(d)
	return d, nil
}

// Summarize returns the key points of an article. Besides the errors of
// Document it returns doc.EInvalid when the article has fewer than two
// sentences or no sentence punctuation at all, since there is nothing to
// choose from, and ctx's error when ctx is done. Only sentences of prose
// are chosen (see pick.Candidates), the opening one first. For a web page
// (a.Blocks set) those errors, and a page without a single sentence of
// prose, are doc.ENoArticle, and the result carries the page's warnings.
func (e *Engine) Summarize(ctx context.Context, a doc.Article) (*doc.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d, err := e.document(a)
	if err != nil {
		return nil, err
	}
	d.ID, d.Title = a.ID, a.Title
	if err := summarizable(d); err != nil {
		if a.Blocks != nil {
			// A web page without two sentences of text has no article.
			return nil, doc.Errorf(doc.ENoArticle, "no article text: %v", err)
		}
		return nil, err
	}
	var cands []bool
	if a.Blocks != nil {
		// A web page is judged whole: the verdict weighs its prose.
		if cands, err = candidates(d, a); err != nil {
			return nil, err
		}
	}
	scores := e.score(d)
	popt := pick.Options{N: e.opt.N, Words: e.opt.Words, Candidates: cands, Lead: !d.Tokenized}
	if cands == nil && a.Blocks == nil && !d.Tokenized {
		// Plain text: judge only the sentences pick looks at.
		// Pick may ask about a sentence more than once: judge it once.
		memo := make([]int8, len(d.Sentences))
		popt.Candidate = func(i int) bool {
			if memo[i] == 0 {
				memo[i] = 2
				if pick.IsCandidate(d, i) {
					memo[i] = 1
				}
			}
			return memo[i] == 1
		}
	}
	chosen := pick.Pick(d, scores, popt)
	if len(chosen) == 0 && popt.Candidate != nil {
		// No sentence of the text reads as a key point: choose among
		// all rather than nothing (whoever sent the text chose it).
		popt.Candidate = nil
		chosen = pick.Pick(d, scores, popt)
	}
	res := &doc.Result{ID: a.ID, Title: a.Title, Document: d, KeyPoints: make([]doc.KeyPoint, 0, len(chosen)),
		PublisherKeyPoints: d.PublisherKeyPoints}
	res.Warnings, res.Language = verdict(d, cands, a)
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
		start := s.End - len(doc.TrimBullets(d.Text[s.Start:s.End]))
		kp := doc.KeyPoint{Text: d.Text[start:s.End], Sentences: []int{i}, Start: start, End: s.End,
			Score: round(scores[i]), SaidBy: speakers[k]}
		if text, kept, ok := e.Compress(d, i, speakers[k]); ok && kept[0].Start >= start {
			kp.Source, kp.Text, kp.Kept = kp.Text, text, kept
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

// candidates returns the sentences of web page d that may be key points
// (nil: all). An English page with none has no article text and is
// refused; a page in another language (whose sentences the rules may not
// read) with none keeps choosing among all.
func candidates(d *doc.Document, a doc.Article) ([]bool, error) {
	if d.Tokenized {
		return nil, nil
	}
	c := pick.Candidates(d)
	for _, ok := range c {
		if ok {
			return c, nil
		}
	}
	if a.Language == "" || a.Language == "en" {
		return nil, doc.Errorf(doc.ENoArticle, "no article text: none of the page's %d lines of text reads as a sentence of prose", d.Sentences[len(d.Sentences)-1].Paragraph+1)
	}
	return nil, nil
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
