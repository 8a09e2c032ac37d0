package stories

import (
	"context"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/attrib"
	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/tokenize"
)

// Options configures Summarize. The zero value asks for the defaults,
// chosen on the AllSides training split against the editors' roundups.
type Options struct {
	// Words is the word budget of the story's key points together; a
	// first point longer than it is still taken. 0 means DefaultWords.
	Words int `json:"words,omitempty"`
	// MaxPoints caps the number of key points. 0 means DefaultMaxPoints.
	MaxPoints int `json:"max_points,omitempty"`
	// Match is the cosine at which two sentences of different articles
	// report the same fact. 0 means DefaultMatch.
	Match float64 `json:"match,omitempty"`
	// Unique caps the facts listed per outlet as its own. 0 means
	// DefaultUnique.
	Unique int `json:"unique,omitempty"`
	// Duplicate is the shared share of word 4-grams that makes two
	// articles copies of one wire text (see GroupOptions.Duplicate).
	// 0 means DefaultDuplicate.
	Duplicate float64 `json:"duplicate,omitempty"`
	// Compress shows each key point with the phrases an editor would
	// drop left out, when the Engine is a Compressor. Off by default:
	// on the AllSides val roundups it shortens points from 26.5 to 24.7
	// words but costs 0.2 ROUGE-1.
	Compress bool `json:"compress,omitempty"`
}

// Defaults of Options.
const (
	DefaultWords     = 80
	DefaultMaxPoints = 6
	DefaultMatch     = 0.3
	DefaultUnique    = 3
)

// Validate reports the first invalid field as a *doc.Error (doc.EInvalid).
func (o Options) Validate() error {
	switch {
	case o.Words < 0:
		return doc.Errorf(doc.EInvalid, "words must not be negative, got %d", o.Words)
	case o.MaxPoints < 0:
		return doc.Errorf(doc.EInvalid, "max_points must not be negative, got %d", o.MaxPoints)
	case o.Match < 0 || o.Match > 1:
		return doc.Errorf(doc.EInvalid, "match must be in [0, 1], got %g", o.Match)
	case o.Unique < 0:
		return doc.Errorf(doc.EInvalid, "unique must not be negative, got %d", o.Unique)
	case o.Duplicate < 0 || o.Duplicate > 1:
		return doc.Errorf(doc.EInvalid, "duplicate must be in [0, 1], got %g", o.Duplicate)
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.Words == 0 {
		o.Words = DefaultWords
	}
	if o.MaxPoints == 0 {
		o.MaxPoints = DefaultMaxPoints
	}
	if o.Match == 0 {
		o.Match = DefaultMatch
	}
	if o.Unique == 0 {
		o.Unique = DefaultUnique
	}
	if o.Duplicate == 0 {
		o.Duplicate = DefaultDuplicate
	}
	return o
}

// MaxArticles is the most articles Summarize takes in one story.
const MaxArticles = 500

// weights of the sentence score (see score). Chosen on the AllSides
// training split; tests may vary them.
var weights = struct {
	support, position, title, short float64
}{support: 1, position: 0.25, title: 1, short: 0}

// Summarize returns the story of the given articles, all about one event:
// its key points with the outlets that report each, and per outlet what
// only it reports and which key points it leaves out. It uses the default
// Options; see Summarizer for others.
//
// Articles without an ID are numbered "1", "2"... by position. It returns
// a *doc.Error with code doc.EInvalid for no articles, more than
// MaxArticles or an ID used twice, and ctx's error when ctx is done. An
// article whose body is empty or cannot be read (boilerplate) counts its
// title as its only sentence; one without either stays in the story with
// no sentences, and a story of such articles has no key points.
func Summarize(ctx context.Context, eng Engine, arts []Article) (Story, error) {
	return Summarizer{Engine: eng}.Summarize(ctx, arts)
}

// Summarizer summarizes stories with an engine and options. The zero
// Options are the defaults. A Summarizer is safe for concurrent use when
// its Engine is (keypoints.Engine is).
type Summarizer struct {
	Engine  Engine
	Options Options
}

// sent is one sentence of a story.
type sent struct {
	art, idx int // article, index in its body
	text     string
	source   string // the whole sentence when text is compressed
	words    int
	terms    vector // unit TF-IDF vector
	saidBy   string
	denial   bool // the sentence denies or negates what it states
	score    float64
}

// Summarize is the package-level Summarize with s's options; options
// that fail Validate give their *doc.Error.
func (s Summarizer) Summarize(ctx context.Context, arts []Article) (Story, error) {
	if err := s.Options.Validate(); err != nil {
		return Story{}, err
	}
	opt := s.Options.withDefaults()
	switch {
	case len(arts) == 0:
		return Story{}, doc.Errorf(doc.EInvalid, "a story needs at least one article")
	case len(arts) > MaxArticles:
		return Story{}, doc.Errorf(doc.EInvalid, "a story takes at most %d articles, got %d", MaxArticles, len(arts))
	}
	arts = slices.Clone(arts)
	seen := map[string]bool{}
	for i := range arts {
		if arts[i].ID == "" {
			arts[i].ID = strconv.Itoa(i + 1)
		}
		if seen[arts[i].ID] {
			return Story{}, doc.Errorf(doc.EInvalid, "article id %q appears twice in the story", arts[i].ID)
		}
		seen[arts[i].ID] = true
		arts[i].Stance = NormalizeStance(arts[i].Stance)
	}
	b, err := s.build(ctx, arts, opt)
	if err != nil {
		return Story{}, err
	}
	return b.story(opt), nil
}

// builder holds a story's sentences and their similarities.
type builder struct {
	arts   []Article
	sents  []sent
	byArt  [][]int     // sentence indexes of each article
	titles []sent      // title pseudo-sentences, one per article (terms may be empty)
	root   []int       // the article each article is a copy of (itself if none)
	dupOf  []string    // DuplicateOf per article
	sim    [][]float64 // sentence cosine matrix
}

func (s Summarizer) build(ctx context.Context, arts []Article, opt Options) (*builder, error) {
	b := &builder{arts: arts, byArt: make([][]int, len(arts)), titles: make([]sent, len(arts))}
	mems := make([]Member, len(arts))
	type raw struct {
		art, idx     int
		text, source string
		terms        []term
		words        int
		saidBy       string
		denial       bool
	}
	var shrink Compressor
	if opt.Compress {
		shrink, _ = s.Engine.(Compressor)
	}
	var raws []raw
	titleTerms := make([][]term, len(arts))
	for ai, a := range arts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		mems[ai] = Member{ID: a.ID, Published: a.Published, Seq: ai}
		if a.Title != "" {
			titleTerms[ai] = contentTerms(a.Title, tokenize.Sentence(a.Title, 0, len(a.Title)), nil)
		}
		body := a.body()
		if body == "" {
			// A headline alone still states the article's fact; the
			// title is then its only sentence (index 0).
			body = a.Title
		}
		if body == "" {
			continue
		}
		d, err := s.Engine.Document(body)
		if err != nil && doc.ErrorCode(err) != doc.EInternal && a.Title != "" {
			// The normalizer takes a lone headline for boilerplate.
			d, err = s.Engine.Document(a.Title + ".")
		}
		if err != nil {
			if doc.ErrorCode(err) == doc.EInternal {
				return nil, err
			}
			continue // unreadable article: kept, with no sentences
		}
		texts := make([]string, len(d.Sentences))
		for si, st := range d.Sentences {
			texts[si] = strings.TrimSpace(st.Text)
		}
		// Who says each sentence, read in its article: "he said" and
		// quotations over several sentences need the sentences around.
		speakers := attrib.Speakers(texts)
		for si, st := range d.Sentences {
			mems[ai].Shingles = appendShingles(mems[ai].Shingles, st.Tokens)
			r := raw{art: ai, idx: si, text: texts[si],
				terms: contentTerms(d.Text, st.Tokens, nil), words: len(st.Tokens), saidBy: speakers[si],
				denial: denial(texts[si])} // the whole sentence: a denial may sit in words compression leaves out
			if shrink != nil {
				// Matching between outlets uses the whole sentence; the
				// point shown and its words are the compressed one.
				if text, kept, ok := shrink.Compress(d, si, r.saidBy); ok {
					r.source, r.text = r.text, text
					r.words -= droppedWords(st.Tokens, kept)
				}
			}
			raws = append(raws, r)
		}
		slices.Sort(mems[ai].Shingles)
		mems[ai].Shingles = slices.Compact(mems[ai].Shingles)
	}
	markDuplicates(mems, opt.Duplicate)
	b.root = make([]int, len(arts))
	b.dupOf = make([]string, len(arts))
	idx := map[string]int{}
	for i, a := range arts {
		idx[a.ID] = i
	}
	for i, m := range mems {
		b.root[i] = i
		if m.DuplicateOf != "" {
			b.root[i] = idx[m.DuplicateOf]
			b.dupOf[i] = m.DuplicateOf
		}
	}
	// IDF over the story's sentences and titles, square-rooted: the
	// details that tell facts apart weigh more than the words every
	// outlet repeats, but not so much that two outlets telling the same
	// event in their own words no longer match.
	df := map[uint64]int{}
	n := 0
	count := func(ts []term) {
		seen := map[uint64]bool{}
		for _, t := range ts {
			if !seen[t.key] {
				seen[t.key] = true
				df[t.key]++
			}
		}
		n++
	}
	for _, r := range raws {
		count(r.terms)
	}
	for _, ts := range titleTerms {
		if len(ts) > 0 {
			count(ts)
		}
	}
	vec := func(ts []term) vector {
		keys := make([]uint64, len(ts))
		for i, t := range ts {
			keys[i] = t.key
		}
		slices.Sort(keys)
		var v vector
		norm := 0.0
		for i := 0; i < len(keys); {
			j := i
			for j < len(keys) && keys[j] == keys[i] {
				j++
			}
			w := (1 + math.Log(float64(j-i))) * math.Sqrt(math.Log(1+float64(n)/float64(df[keys[i]])))
			v = append(v, weight{keys[i], w})
			norm += w * w
			i = j
		}
		norm = math.Sqrt(norm)
		if norm > 0 {
			for k := range v {
				v[k].w /= norm
			}
		}
		return v
	}
	for _, r := range raws {
		b.byArt[r.art] = append(b.byArt[r.art], len(b.sents))
		b.sents = append(b.sents, sent{art: r.art, idx: r.idx, text: r.text, source: r.source, words: r.words,
			terms: vec(r.terms), saidBy: r.saidBy, denial: r.denial})
	}
	for ai, ts := range titleTerms {
		b.titles[ai] = sent{art: ai, idx: -1, text: arts[ai].Title, terms: vec(ts)}
	}
	b.sim = make([][]float64, len(b.sents))
	for i := range b.sents {
		b.sim[i] = make([]float64, len(b.sents))
	}
	for i := range b.sents {
		b.sim[i][i] = 1
		for j := i + 1; j < len(b.sents); j++ {
			c := cosine(b.sents[i].terms, b.sents[j].terms)
			b.sim[i][j], b.sim[j][i] = c, c
		}
	}
	b.score()
	return b, nil
}

// vector is a sparse term vector sorted by key: sums over it run in key
// order, so scores (and the choices that depend on near-ties between
// them) are the same on every run, which a map's random order would not
// give.
type vector []weight

type weight struct {
	key uint64
	w   float64
}

// cosine is the dot product of two unit vectors, by merging their keys.
func cosine(a, b vector) float64 {
	s := 0.0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].key < b[j].key:
			i++
		case a[i].key > b[j].key:
			j++
		default:
			s += a[i].w * b[j].w
			i++
			j++
		}
	}
	return s
}

// independent reports whether articles a and b are separate sources (not
// copies of one wire text).
func (b *builder) independent(x, y int) bool { return b.root[x] != b.root[y] }

// bestMatch returns the sentence of article art most similar to sentence
// i that may state the same fact (see sameFact), and its cosine (-1, 0
// when none).
func (b *builder) bestMatch(i, art int) (int, float64) {
	best, bc := -1, 0.0
	for _, j := range b.byArt[art] {
		if c := b.sim[i][j]; c > bc && sameFact(&b.sents[i], &b.sents[j]) {
			best, bc = j, c
		}
	}
	return best, bc
}

// score sets each sentence's salience: how much the other independent
// outlets say the same (support), how early it comes in its article
// (news put the event first), how close it is to the outlets' headlines,
// less a penalty for fragments.
func (b *builder) score() {
	roots := map[int]bool{}
	for _, r := range b.root {
		roots[r] = true
	}
	others := len(roots) - 1
	for i := range b.sents {
		s := &b.sents[i]
		sup := 0.0
		if others > 0 {
			// The best match in each other independent source, the
			// article's own copies excluded.
			best := map[int]float64{}
			for art := range b.arts {
				if !b.independent(art, s.art) {
					continue
				}
				if _, c := b.bestMatch(i, art); c > best[b.root[art]] {
					best[b.root[art]] = c
				}
			}
			for _, c := range best {
				sup += c
			}
			sup /= float64(others)
		}
		title, nt := 0.0, 0
		for ai := range b.titles {
			if len(b.titles[ai].terms) > 0 {
				title += cosine(s.terms, b.titles[ai].terms)
				nt++
			}
		}
		if nt > 0 {
			title /= float64(nt)
		}
		short := 0.0
		if s.words < 8 {
			short = float64(8-s.words) / 8
		}
		s.score = weights.support*sup + weights.position/float64(2+s.idx) + weights.title*title - weights.short*short
	}
}

// choose picks the key points: best score first, skipping sentences that
// repeat a chosen one (a matching fact from the same source), within the
// word budget. A first pass leaves out fragments (short sentences and
// pieces of a longer quotation); a second takes them only when fewer
// than two points were found.
func (b *builder) choose(opt Options) []int {
	order := make([]int, len(b.sents))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return b.sents[order[x]].score > b.sents[order[y]].score })
	var chosen []int
	words := 0
	for pass := 0; pass < 2 && (pass == 0 || len(chosen) < 2); pass++ {
		for _, i := range order {
			if len(chosen) == opt.MaxPoints {
				break
			}
			s := &b.sents[i]
			if s.words < 4 || pass == 0 && (s.words < minPointWords || fragment(s.text)) || slices.Contains(chosen, i) {
				continue
			}
			if len(chosen) > 0 && words+s.words > opt.Words {
				continue
			}
			redundant := false
			for _, j := range chosen {
				if b.sim[i][j] >= opt.Match && sameFact(s, &b.sents[j]) {
					redundant = true
					break
				}
			}
			if redundant {
				continue
			}
			chosen = append(chosen, i)
			words += s.words
		}
	}
	return chosen
}

// droppedWords counts the tokens outside the kept ranges.
func droppedWords(toks []doc.Token, kept []doc.Range) int {
	n := 0
	for _, t := range toks {
		in := false
		for _, r := range kept {
			if int(t.Start) >= r.Start && int(t.End) <= r.End {
				in = true
				break
			}
		}
		if !in {
			n++
		}
	}
	return n
}

// minPointWords is the length below which a sentence is a fragment.
const minPointWords = 8

// fragment reports whether a sentence is a piece of a longer quotation
// (its quotation marks do not pair up) or starts mid-sentence (lower
// case).
func fragment(t string) bool {
	straight := strings.Count(t, "\"")
	open, close := strings.Count(t, "“"), strings.Count(t, "”")
	if straight%2 == 1 || open != close {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}

// story assembles the output.
func (b *builder) story(opt Options) Story {
	st := Story{Outlets: make([]OutletView, len(b.arts))}
	stances := map[string]bool{}
	for ai, a := range b.arts {
		st.Articles = append(st.Articles, a.ID)
		if !a.Published.IsZero() {
			if st.First.IsZero() || a.Published.Before(st.First) {
				st.First = a.Published
			}
			if a.Published.After(st.Last) {
				st.Last = a.Published
			}
		}
		if a.Stance != "" {
			stances[a.Stance] = true
		}
		st.Outlets[ai] = OutletView{Article: a.ID, Outlet: a.Outlet, Stance: a.Stance, Title: a.Title,
			URL: a.URL, DuplicateOf: b.dupOf[ai], Unique: []Point{}, Omitted: []int{}}
	}
	for _, s := range []string{StanceLeft, StanceCenter, StanceRight} {
		if stances[s] {
			st.Stances = append(st.Stances, s)
		}
	}
	st.Title = b.storyTitle()

	chosen := b.choose(opt)
	type point struct {
		kp    KeyPoint
		cover []bool
		score float64
	}
	points := make([]point, 0, len(chosen))
	for _, i := range chosen {
		s := &b.sents[i]
		p := point{cover: make([]bool, len(b.arts)), score: s.score}
		p.kp = KeyPoint{Text: s.text, Source: s.source, SaidBy: s.saidBy, Sources: []Source{{Article: b.arts[s.art].ID, Sentence: s.idx}}}
		p.cover[s.art] = true
		for art := range b.arts {
			if art == s.art {
				continue
			}
			if j, c := b.bestMatch(i, art); j >= 0 && (c >= opt.Match || !b.independent(art, s.art)) {
				p.cover[art] = true
				p.kp.Sources = append(p.kp.Sources, Source{Article: b.arts[art].ID, Sentence: b.sents[j].idx})
			}
		}
		roots := map[int]bool{}
		var count StanceCount
		covered := map[string]bool{}
		for art, ok := range p.cover {
			if !ok {
				continue
			}
			p.kp.Outlets = append(p.kp.Outlets, b.arts[art].label())
			roots[b.root[art]] = true
			switch b.arts[art].Stance {
			case StanceLeft:
				count.Left++
			case StanceCenter:
				count.Center++
			case StanceRight:
				count.Right++
			}
			if s := b.arts[art].Stance; s != "" {
				covered[s] = true
			}
		}
		p.kp.Independent = len(roots)
		if len(stances) > 0 {
			p.kp.ByStance = &count
			if len(stances) > 1 && len(covered) == 1 {
				for s := range covered {
					p.kp.Blindspot = s
				}
			}
		}
		points = append(points, p)
	}
	// Facts reported by more independent outlets first, then by score.
	sort.SliceStable(points, func(x, y int) bool {
		if points[x].kp.Independent != points[y].kp.Independent {
			return points[x].kp.Independent > points[y].kp.Independent
		}
		return points[x].score > points[y].score
	})
	st.KeyPoints = make([]KeyPoint, len(points))
	st.Coverage = make([][]bool, len(points))
	texts := make([]string, len(points))
	for pi, p := range points {
		st.KeyPoints[pi] = p.kp
		st.Coverage[pi] = p.cover
		texts[pi] = p.kp.Text
		for art, ok := range p.cover {
			if !ok {
				st.Outlets[art].Omitted = append(st.Outlets[art].Omitted, pi)
			}
		}
	}
	st.Summary = strings.Join(texts, "\n")
	b.unique(&st, opt)
	return st
}

// unique lists per article the sentences no other article matches, most
// salient first. A wire text's copies share their sentences, so none of
// them is unique to one outlet.
func (b *builder) unique(st *Story, opt Options) {
	for art := range b.arts {
		var own []int
		for _, i := range b.byArt[art] {
			if b.sents[i].words < 4 {
				continue
			}
			matched := false
			for other := range b.arts {
				if other == art {
					continue
				}
				if _, c := b.bestMatch(i, other); c >= opt.Match {
					matched = true
					break
				}
			}
			if !matched {
				own = append(own, i)
			}
		}
		sort.SliceStable(own, func(x, y int) bool { return b.sents[own[x]].score > b.sents[own[y]].score })
		for _, i := range own[:min(len(own), opt.Unique)] {
			s := &b.sents[i]
			st.Outlets[art].Unique = append(st.Outlets[art].Unique, Point{Text: s.text, Sentence: s.idx, SaidBy: s.saidBy})
		}
	}
}

// storyTitle is the title closest to all the others.
func (b *builder) storyTitle() string {
	best, bs := "", -1.0
	for i, t := range b.titles {
		if t.text == "" {
			continue
		}
		s := 0.0
		for j, u := range b.titles {
			if j != i {
				s += cosine(t.terms, u.terms)
			}
		}
		if s > bs {
			best, bs = t.text, s
		}
	}
	return best
}
