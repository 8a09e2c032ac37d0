package stories

import (
	"cmp"
	"container/heap"
	"context"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/keypoints-dev/keypoints/doc"
)

// GroupOptions configures a Grouper. The zero value asks for the
// defaults, which were chosen on the AllSides training split (see
// RESULTS.md).
type GroupOptions struct {
	// Join is the average link an article (or, in the merge pass, a
	// story) needs with the articles of a story to join it. The link of
	// two articles is their cosine less the mean of their typical
	// nearest-neighbour cosines, plus a constant (see linkOffset): a hub
	// that resembles everything a little ("Trump said on Tuesday...")
	// links weakly to all. 0 means DefaultJoin.
	Join float64 `json:"join,omitempty"`
	// Cohesion keeps two coherent stories apart: stories of two or more
	// articles merge only when their average cross link is at least
	// Cohesion times the lower of their average inner links. 0 means
	// DefaultCohesion; negative turns the guard off.
	Cohesion float64 `json:"cohesion,omitempty"`
	// Link is the cosine with a single article of a story that is
	// enough for a new article on a feed to join it, whatever the
	// average. 0 means DefaultLink; above 1 turns it off.
	Link float64 `json:"link,omitempty"`
	// Merge is the Join threshold of the merge pass. 0 means Join; a
	// negative value turns the merge pass off.
	Merge float64 `json:"merge,omitempty"`
	// Window is how far an article's publication time may lie outside a
	// story's span [first, last] for it to join. 0 means DefaultWindow.
	Window time.Duration `json:"window,omitempty"`
	// Duplicate is the share of word 4-grams the shorter of two articles
	// must have in common with the other for it to count as a copy of
	// the same wire text. 0 means DefaultDuplicate.
	Duplicate float64 `json:"duplicate,omitempty"`
	// TitleWeight and NameWeight multiply the weight of title words and
	// of names (capitalised words, acronyms). 0 means the defaults.
	TitleWeight float64 `json:"title_weight,omitempty"`
	NameWeight  float64 `json:"name_weight,omitempty"`
	// IDFPower is the exponent applied to inverse document frequencies;
	// below 1 it damps the weight of rare words. 0 means DefaultIDFPower.
	IDFPower float64 `json:"idf_power,omitempty"`
}

// Defaults of GroupOptions.
const (
	DefaultJoin        = 0.10
	DefaultCohesion    = 0.8
	DefaultLink        = 0.6
	DefaultWindow      = 72 * time.Hour
	DefaultDuplicate   = 0.6
	DefaultTitleWeight = 4.0
	DefaultNameWeight  = 1.5
	DefaultIDFPower    = 0.3
)

// Constants of the link (see GroupOptions.Join).
const (
	// hubK is how many nearest neighbours make an article's typical
	// similarity.
	hubK = 8
	// hubPrior stands in for missing neighbours: about the lowest decile
	// of hubs on the AllSides splits.
	hubPrior = 0.15
	// linkOffset is added to the hub-corrected cosine.
	linkOffset = 0.1
	// linkFloor is the cosine below which two articles do not link at all.
	linkFloor = 0.02
	// mergeNeighbours is how many nearest articles of each article the
	// merge pass considers: all other pairs count as unlinked, which
	// bounds memory on large feeds.
	mergeNeighbours = 40
)

func (o GroupOptions) withDefaults() GroupOptions {
	def := func(x *float64, d float64) {
		if *x == 0 {
			*x = d
		}
	}
	def(&o.Join, DefaultJoin)
	def(&o.Cohesion, DefaultCohesion)
	def(&o.Link, DefaultLink)
	def(&o.Merge, o.Join)
	def(&o.Duplicate, DefaultDuplicate)
	def(&o.TitleWeight, DefaultTitleWeight)
	def(&o.NameWeight, DefaultNameWeight)
	def(&o.IDFPower, DefaultIDFPower)
	if o.Window == 0 {
		o.Window = DefaultWindow
	}
	return o
}

// Validate reports the first invalid field as a *doc.Error (doc.EInvalid).
func (o GroupOptions) Validate() error {
	switch {
	case o.Join < 0 || o.Join > 1:
		return doc.Errorf(doc.EInvalid, "join must be in [0, 1], got %g", o.Join)
	case o.Link < 0:
		return doc.Errorf(doc.EInvalid, "link must not be negative, got %g", o.Link)
	case o.Merge > 1:
		return doc.Errorf(doc.EInvalid, "merge must be at most 1, got %g", o.Merge)
	case o.Duplicate < 0 || o.Duplicate > 1:
		return doc.Errorf(doc.EInvalid, "duplicate must be in [0, 1], got %g", o.Duplicate)
	case o.Window < 0:
		return doc.Errorf(doc.EInvalid, "window must not be negative, got %s", o.Window)
	case o.TitleWeight < 0 || o.NameWeight < 0 || o.IDFPower < 0:
		return doc.Errorf(doc.EInvalid, "weights must not be negative")
	}
	return nil
}

// State is everything a Grouper knows, as plain data: the document
// frequencies its TF-IDF weights come from and the stories with their
// articles' term vectors. It encodes to JSON as is, so a feed can save it
// between runs (or a store keep it in a database); NewGrouper rebuilds its
// indexes from it.
type State struct {
	// Docs is the number of articles whose terms are counted in DF.
	Docs int `json:"docs"`
	// DF maps a term key to the number of articles containing it.
	DF map[uint64]int `json:"df"`
	// Stories are the stories so far, oldest first.
	Stories []StoryState `json:"stories"`
	// NextID numbers new stories; Seq numbers arriving articles.
	NextID int `json:"next_id"`
	Seq    int `json:"seq"`
}

// StoryState is one story of a State.
type StoryState struct {
	ID string `json:"id"`
	// Members are the story's articles.
	Members []Member `json:"members"`
	// First and Last span the members' known publication times.
	First time.Time `json:"first,omitzero"`
	Last  time.Time `json:"last,omitzero"`
	// Pairs is the sum of the links of all pairs of distinct members, from
	// which the story's cohesion (average inner link) follows.
	Pairs float64 `json:"pairs"`
}

// Member is one article of a story, reduced to what grouping needs.
type Member struct {
	ID        string    `json:"id"`
	Published time.Time `json:"published,omitzero"`
	// Seq is the article's arrival number: the order among articles
	// published at the same or an unknown time.
	Seq int `json:"seq"`
	// Terms maps term keys to the article's weighted term frequencies
	// (title and name weights applied, no IDF).
	Terms map[uint64]float64 `json:"terms"`
	// Shingles are the hashes of the article's word 4-grams, sorted.
	Shingles []uint64 `json:"shingles,omitempty"`
	// Hub is the mean cosine of the article with its nearest neighbours
	// when last measured (see GroupOptions.Join).
	Hub float64 `json:"hub"`
	// DuplicateOf is the ID of an earlier member this article is a copy
	// of (the same wire text), or empty.
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

// before orders members by publication time (unknown last), then arrival.
func (m *Member) before(o *Member) bool {
	switch {
	case m.Published.IsZero() != o.Published.IsZero():
		return !m.Published.IsZero()
	case !m.Published.Equal(o.Published):
		return m.Published.Before(o.Published)
	}
	return m.Seq < o.Seq
}

// Placement tells where Grouper.Add put an article.
type Placement struct {
	Story string `json:"story"`
	// New is true when the article started a new story.
	New bool `json:"new,omitempty"`
	// DuplicateOf names the story member this article copies, if any.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Link is the average link with the story it joined (0 for a new one).
	Link float64 `json:"link"`
}

// Group is one story as Grouper.Groups lists it.
type Group struct {
	ID string `json:"id"`
	// Articles are the member IDs by publication time, then arrival.
	Articles []string `json:"articles"`
	// Duplicates maps the ID of a member that copies another's wire text
	// to the ID of the earliest copy.
	Duplicates map[string]string `json:"duplicates,omitempty"`
	// First and Last span the members' known publication times.
	First time.Time `json:"first,omitzero"`
	Last  time.Time `json:"last,omitzero"`
}

// Grouper places articles into stories one at a time, as they arrive on
// a feed. Articles are TF-IDF vectors of their content words (title words
// and names weighted up); an article joins the story with the best average
// link to its articles (GroupOptions.Join) within the time window, or one
// with an article it links to very strongly (GroupOptions.Link), and
// starts a new story otherwise. A copy of a member's wire text always
// joins that member's story and is marked as a duplicate. Merge and
// Regroup refine the result with average-link agglomeration, which does not
// depend on the arrival order.
//
// A Grouper is not safe for concurrent use. Its whole state is the plain
// State it was built from, updated in place.
type Grouper struct {
	eng Engine
	opt GroupOptions
	st  *State

	// Indexes rebuilt from st.
	mems     []memRef             // all members, in index order
	postings map[uint64][]posting // term -> members containing it
	norms    []float64            // member vector norms under the current IDF
	normAt   []int                // st.Docs when norms[i] was computed
	acc      []float64            // per-member dot-product accumulator
	touched  []int32              // members with acc != 0
	byID     map[string]bool      // member IDs
	frozenDF bool                 // DF counted ahead (GroupAll)
}

type memRef struct{ story, member int }

type posting struct {
	mem int32
	w   float32
}

// NewGrouper returns a Grouper continuing from st (nil starts empty).
// st is used in place, not copied. It returns a *doc.Error (doc.EInvalid)
// for invalid options.
func NewGrouper(eng Engine, opt GroupOptions, st *State) (*Grouper, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if st == nil {
		st = &State{}
	}
	if st.DF == nil {
		st.DF = map[uint64]int{}
	}
	g := &Grouper{eng: eng, opt: opt.withDefaults(), st: st}
	g.rebuild()
	return g, nil
}

// State returns the grouper's state (the value it updates).
func (g *Grouper) State() *State { return g.st }

func (g *Grouper) rebuild() {
	g.mems = g.mems[:0]
	g.postings = map[uint64][]posting{}
	g.byID = map[string]bool{}
	g.norms, g.normAt, g.acc, g.touched = nil, nil, nil, nil
	for si := range g.st.Stories {
		for mi := range g.st.Stories[si].Members {
			g.index(memRef{si, mi})
		}
	}
}

func (g *Grouper) index(r memRef) {
	m := &g.st.Stories[r.story].Members[r.member]
	id := int32(len(g.mems))
	g.mems = append(g.mems, r)
	g.norms = append(g.norms, 0)
	g.normAt = append(g.normAt, -1)
	g.acc = append(g.acc, 0)
	g.byID[m.ID] = true
	for _, k := range sortedKeys(m.Terms) {
		g.postings[k] = append(g.postings[k], posting{id, float32(m.Terms[k])})
	}
}

func sortedKeys(m map[uint64]float64) []uint64 {
	ks := make([]uint64, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func (g *Grouper) idf(k uint64) float64 {
	df := max(g.st.DF[k], 1)
	n := max(g.st.Docs, df)
	return math.Pow(math.Log(1+float64(n)/float64(df)), g.opt.IDFPower)
}

func (g *Grouper) member(i int32) *Member {
	r := g.mems[i]
	return &g.st.Stories[r.story].Members[r.member]
}

// norm returns the length of member i's TF-IDF vector, recomputed when the
// document count has grown by a tenth since it was last computed.
func (g *Grouper) norm(i int32) float64 {
	if at := g.normAt[i]; at >= 0 && (g.frozenDF || float64(g.st.Docs) <= 1.1*float64(at)) {
		return g.norms[i]
	}
	g.norms[i] = g.vecNorm(g.member(i).Terms)
	g.normAt[i] = g.st.Docs
	return g.norms[i]
}

func (g *Grouper) vecNorm(terms map[uint64]float64) float64 {
	s := 0.0
	for k, w := range terms {
		x := w * g.idf(k)
		s += x * x
	}
	return math.Sqrt(s)
}

// similar fills g.acc with the cosine of terms with every member that
// shares a term with it (skip excepted) and returns those members, valid
// until the next call.
func (g *Grouper) similar(terms map[uint64]float64, skip int32) []int32 {
	for _, i := range g.touched {
		g.acc[i] = 0
	}
	g.touched = g.touched[:0]
	qn := g.vecNorm(terms)
	if qn == 0 {
		return nil
	}
	for _, k := range sortedKeys(terms) {
		ps := g.postings[k]
		if len(ps) == 0 {
			continue
		}
		idf := g.idf(k)
		qw := terms[k] * idf * idf
		for _, p := range ps {
			if p.mem == skip {
				continue
			}
			if g.acc[p.mem] == 0 {
				g.touched = append(g.touched, p.mem)
			}
			g.acc[p.mem] += qw * float64(p.w)
		}
	}
	for _, i := range g.touched {
		if n := g.norm(i); n > 0 {
			g.acc[i] /= qn * n
		}
	}
	return g.touched
}

// hubOf is the mean of the hubK largest cosines in cs; missing ones
// (a young feed, an article unlike any other) count as hubPrior, so that
// the correction does not turn every faint likeness into a link before
// there is anything to compare with.
func hubOf(cs []float64) float64 {
	slices.SortFunc(cs, func(a, b float64) int { return cmp.Compare(b, a) })
	n := min(len(cs), hubK)
	s := float64(hubK-n) * hubPrior
	for _, c := range cs[:n] {
		s += c
	}
	return s / hubK
}

// link is the hub-corrected similarity of two articles with cosine c.
func link(c, hubA, hubB float64) float64 {
	if c < linkFloor {
		return 0
	}
	return max(0, c-(hubA+hubB)/2+linkOffset)
}

// inWindow reports whether time t fits story s's span.
func (g *Grouper) inWindow(s *StoryState, t time.Time) bool {
	if t.IsZero() || s.First.IsZero() {
		return true
	}
	return !t.Before(s.First.Add(-g.opt.Window)) && !t.After(s.Last.Add(g.opt.Window))
}

// Add places one article: it joins a story or starts one. It returns a
// *doc.Error (doc.EInvalid) for an article with no ID, an ID already
// placed, or no text, and ctx's error when ctx is done.
func (g *Grouper) Add(ctx context.Context, a Article) (Placement, error) {
	p, _, err := g.add(ctx, a)
	return p, err
}

// add is Add that also returns the placement as a Step.
func (g *Grouper) add(ctx context.Context, a Article) (Placement, Step, error) {
	if err := ctx.Err(); err != nil {
		return Placement{}, Step{}, err
	}
	if a.ID == "" {
		return Placement{}, Step{}, doc.Errorf(doc.EInvalid, "article has no id")
	}
	if g.byID[a.ID] {
		return Placement{}, Step{}, doc.Errorf(doc.EInvalid, "article %q is already placed", a.ID)
	}
	m, err := vectorize(g.eng, a, g.opt)
	if err != nil {
		return Placement{}, Step{}, err
	}
	g.count(m)
	p, st := g.place(m)
	return p, st, nil
}

// count adds a member's terms to the document frequencies.
func (g *Grouper) count(m Member) {
	if !g.frozenDF {
		g.st.Docs++
		for k := range m.Terms {
			g.st.DF[k]++
		}
	}
}

// Step is one placement as a log of placements keeps it: enough to
// repeat the placement on another copy of the state with Apply, without
// deciding it again (a copy whose cached norms differ could decide
// otherwise, and every copy must agree).
type Step struct {
	// Member is the article as placed (Seq, Hub and DuplicateOf set).
	Member Member `json:"member"`
	// Story is the story it joined or started.
	Story string `json:"story"`
	New   bool   `json:"new,omitempty"`
	// Links is the sum of its links with the story's earlier members.
	Links float64 `json:"links"`
	// Marked tells that the story's duplicates were marked anew.
	Marked bool `json:"marked,omitempty"`
}

// AddStep is Add that also returns the placement as a Step.
func (g *Grouper) AddStep(ctx context.Context, a Article) (Placement, Step, error) {
	return g.add(ctx, a)
}

// Apply repeats a placement made by AddStep on another copy of the same
// state. It returns a *doc.Error (doc.EInvalid) when the step does not
// follow from this state (the copies differ).
func (g *Grouper) Apply(st Step) error {
	m := st.Member
	if g.byID[m.ID] {
		return doc.Errorf(doc.EInvalid, "article %q is already placed", m.ID)
	}
	if m.Seq != g.st.Seq+1 {
		return doc.Errorf(doc.EInvalid, "step %d does not follow %d", m.Seq, g.st.Seq)
	}
	si := -1
	if st.New {
		if id := "s" + strconv.Itoa(g.st.NextID+1); id != st.Story {
			return doc.Errorf(doc.EInvalid, "new story %q, want %q", st.Story, id)
		}
		g.st.NextID++
		g.st.Stories = append(g.st.Stories, StoryState{ID: st.Story})
		si = len(g.st.Stories) - 1
	} else {
		for i := range g.st.Stories {
			if g.st.Stories[i].ID == st.Story {
				si = i
				break
			}
		}
		if si < 0 {
			return doc.Errorf(doc.EInvalid, "no story %q to join", st.Story)
		}
	}
	g.count(m)
	g.st.Seq = m.Seq
	g.join(si, m, st.Links)
	if st.Marked {
		markDuplicates(g.st.Stories[si].Members, g.opt.Duplicate)
	}
	return nil
}

// cohesion returns the average inner link of a story of n members whose
// pair links sum to pairs, and false for a story of fewer than two.
func cohesion(pairs float64, n int) (float64, bool) {
	if n < 2 {
		return 0, false
	}
	return pairs / float64(n*(n-1)/2), true
}

// admits reports whether two groups with the given average cross link
// may join under threshold th: the average must reach th and, between two
// groups of two or more, the cohesion guard.
func (g *Grouper) admits(avg, th float64, pa float64, na int, pb float64, nb int) bool {
	if avg < th {
		return false
	}
	ca, oka := cohesion(pa, na)
	cb, okb := cohesion(pb, nb)
	if g.opt.Cohesion <= 0 || !oka || !okb {
		return true
	}
	return avg >= g.opt.Cohesion*min(ca, cb)
}

// place puts m into the best story or a new one, and returns where, also
// as the Step that Apply repeats.
func (g *Grouper) place(m Member) (Placement, Step) {
	g.st.Seq++
	m.Seq = g.st.Seq
	touched := g.similar(m.Terms, -1)
	cs := make([]float64, 0, len(touched))
	for _, i := range touched {
		cs = append(cs, g.acc[i])
	}
	m.Hub = hubOf(cs)
	type cand struct {
		sum, max float64
		best     int32
	}
	cands := map[int]*cand{}
	for _, i := range touched {
		r := g.mems[i]
		c := cands[r.story]
		if c == nil {
			c = &cand{best: i}
			cands[r.story] = c
		}
		c.sum += link(g.acc[i], m.Hub, g.member(i).Hub)
		if g.acc[i] > c.max {
			c.max, c.best = g.acc[i], i
		}
	}
	// Stories in index order, so that ties go to the oldest.
	order := make([]int, 0, len(cands))
	for si := range cands {
		order = append(order, si)
	}
	sort.Ints(order)
	bestStory, bestScore := -1, 0.0
	dupStory, dupScore, dupOf := -1, 0.0, ""
	for _, si := range order {
		s := &g.st.Stories[si]
		if !g.inWindow(s, m.Published) {
			continue
		}
		c := cands[si]
		if c.max >= 0.3 && c.max > dupScore {
			if bm := g.member(c.best); containment(bm.Shingles, m.Shingles) >= g.opt.Duplicate {
				dupStory, dupScore, dupOf = si, c.max, bm.ID
			}
		}
		avg := c.sum / float64(len(s.Members))
		score := avg
		if c.max >= g.opt.Link {
			score = max(score, 1+c.max) // a near-certain link outranks averages
		} else if !g.admits(avg, g.opt.Join, 0, 1, s.Pairs, len(s.Members)) {
			continue
		}
		if score > bestScore {
			bestStory, bestScore = si, score
		}
	}
	if dupStory >= 0 {
		bestStory = dupStory
	}
	if bestStory < 0 {
		g.st.NextID++
		id := "s" + strconv.Itoa(g.st.NextID)
		g.st.Stories = append(g.st.Stories, StoryState{ID: id})
		g.join(len(g.st.Stories)-1, m, 0)
		s := &g.st.Stories[len(g.st.Stories)-1]
		return Placement{Story: id, New: true}, Step{Member: s.Members[len(s.Members)-1], Story: id, New: true}
	}
	s := &g.st.Stories[bestStory]
	sum := cands[bestStory].sum
	g.join(bestStory, m, sum)
	if dupOf != "" {
		markDuplicates(s.Members, g.opt.Duplicate)
	}
	last := s.Members[len(s.Members)-1]
	return Placement{Story: s.ID, DuplicateOf: last.DuplicateOf, Link: round3(sum / float64(len(s.Members)-1))},
		Step{Member: last, Story: s.ID, Links: sum, Marked: dupOf != ""}
}

func (g *Grouper) join(si int, m Member, sumLink float64) {
	s := &g.st.Stories[si]
	s.Pairs += sumLink
	if !m.Published.IsZero() {
		if s.First.IsZero() || m.Published.Before(s.First) {
			s.First = m.Published
		}
		if m.Published.After(s.Last) {
			s.Last = m.Published
		}
	}
	s.Members = append(s.Members, m)
	g.index(memRef{si, len(s.Members) - 1})
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// markDuplicates sets DuplicateOf on every member whose text copies an
// earlier member's (by publication time, then arrival), pointing at the
// earliest copy; it clears it on the others.
func markDuplicates(ms []Member, threshold float64) {
	idx := make([]int, len(ms))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return ms[idx[a]].before(&ms[idx[b]]) })
	for k, i := range idx {
		ms[i].DuplicateOf = ""
		for _, j := range idx[:k] {
			if ms[j].DuplicateOf == "" && containment(ms[j].Shingles, ms[i].Shingles) >= threshold {
				ms[i].DuplicateOf = ms[j].ID
				break
			}
		}
	}
}

// StoryArticles returns the IDs of story id's articles, in no set order;
// nil when there is no such story. It is what Groups says of one story,
// without listing them all.
func (g *Grouper) StoryArticles(id string) []string {
	for si := range g.st.Stories {
		if s := &g.st.Stories[si]; s.ID == id {
			ids := make([]string, len(s.Members))
			for k, m := range s.Members {
				ids[k] = m.ID
			}
			return ids
		}
	}
	return nil
}

// Groups lists the stories, oldest first.
func (g *Grouper) Groups() []Group {
	out := make([]Group, 0, len(g.st.Stories))
	for si := range g.st.Stories {
		s := &g.st.Stories[si]
		if len(s.Members) == 0 {
			continue
		}
		ms := slices.Clone(s.Members)
		sort.SliceStable(ms, func(a, b int) bool { return ms[a].before(&ms[b]) })
		gr := Group{ID: s.ID, First: s.First, Last: s.Last}
		for _, m := range ms {
			gr.Articles = append(gr.Articles, m.ID)
			if m.DuplicateOf != "" {
				if gr.Duplicates == nil {
					gr.Duplicates = map[string]string{}
				}
				gr.Duplicates[m.ID] = m.DuplicateOf
			}
		}
		out = append(out, gr)
	}
	return out
}

// Merge runs the merge pass: average-link agglomeration of the stories,
// best pair first, while the average link between two stories reaches
// GroupOptions.Merge, the cohesion guard allows it and their time spans
// fit the window. Incremental placement depends on arrival order; the pass
// repairs a story that was split because its first articles had little
// in common. It measures every member's Hub and every story's Pairs anew
// under the current IDF, marks duplicates in merged stories, and returns
// the number of merges, or ctx's error.
func (g *Grouper) Merge(ctx context.Context) (int, error) {
	ns := len(g.st.Stories)
	if ns == 0 {
		return 0, nil
	}
	// Nearest neighbours of every member, and hubs from them.
	type nb struct {
		j int32
		c float64
	}
	near := make([][]nb, len(g.mems))
	var cs []float64
	for i := range g.mems {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
		}
		var l []nb
		cs = cs[:0]
		for _, j := range g.similar(g.member(int32(i)).Terms, int32(i)) {
			c := g.acc[j]
			cs = append(cs, c)
			if c >= linkFloor {
				l = append(l, nb{j, c})
			}
		}
		g.member(int32(i)).Hub = hubOf(cs)
		sort.Slice(l, func(a, b int) bool { return l[a].c > l[b].c || l[a].c == l[b].c && l[a].j < l[b].j })
		near[i] = l[:min(len(l), mergeNeighbours)]
	}
	// Links summed per story pair (cross) and within stories (pairs).
	size := make([]int, ns)
	pairs := make([]float64, ns)
	cross := make([]map[int]float64, ns)
	for si := range g.st.Stories {
		size[si] = len(g.st.Stories[si].Members)
		cross[si] = map[int]float64{}
	}
	seen := map[[2]int32]bool{}
	for i, l := range near {
		for _, n := range l {
			a, b := min(int32(i), n.j), max(int32(i), n.j)
			if seen[[2]int32{a, b}] {
				continue
			}
			seen[[2]int32{a, b}] = true
			ma, mb := g.member(a), g.member(b)
			x := link(n.c, ma.Hub, mb.Hub)
			if n.c >= 0.3 && containment(ma.Shingles, mb.Shingles) >= g.opt.Duplicate {
				x = 1 // copies of one wire text belong together
			}
			ra, rb := g.mems[a], g.mems[b]
			if ra.story == rb.story {
				pairs[ra.story] += x
			} else if x > 0 {
				cross[ra.story][rb.story] += x
				cross[rb.story][ra.story] += x
			}
		}
	}
	seen, near = nil, nil
	for si := range g.st.Stories {
		g.st.Stories[si].Pairs = pairs[si]
	}
	if g.opt.Merge < 0 {
		return 0, nil
	}
	alive := make([]bool, ns)
	version := make([]int, ns)
	for si := range alive {
		alive[si] = size[si] > 0
	}
	fits := func(a, b int) bool {
		sa, sb := &g.st.Stories[a], &g.st.Stories[b]
		if sa.First.IsZero() || sb.First.IsZero() {
			return true
		}
		return !sb.First.After(sa.Last.Add(g.opt.Window)) && !sa.First.After(sb.Last.Add(g.opt.Window))
	}
	h := &pairHeap{}
	push := func(a, b int) {
		a, b = min(a, b), max(a, b)
		c := cross[a][b]
		if c <= 0 {
			return
		}
		avg := c / float64(size[a]*size[b])
		if g.admits(avg, g.opt.Merge, pairs[a], size[a], pairs[b], size[b]) && fits(a, b) {
			heap.Push(h, pair{a: a, b: b, sim: avg, va: version[a], vb: version[b]})
		}
	}
	for a := range ns {
		for _, b := range sortedInts(cross[a]) {
			if a < b {
				push(a, b)
			}
		}
	}
	merges := 0
	for h.Len() > 0 {
		p := heap.Pop(h).(pair)
		if !alive[p.a] || !alive[p.b] || version[p.a] != p.va || version[p.b] != p.vb {
			continue
		}
		// Merge b into a, the older story, which keeps its ID.
		a, b := p.a, p.b
		pairs[a] += pairs[b] + cross[a][b]
		size[a] += size[b]
		for x, c := range cross[b] {
			if x != a {
				cross[a][x] += c
				cross[x][a] += c
			}
			delete(cross[x], b)
		}
		cross[b] = nil
		alive[b] = false
		version[a]++
		sa, sb := &g.st.Stories[a], &g.st.Stories[b]
		if sa.First.IsZero() || !sb.First.IsZero() && sb.First.Before(sa.First) {
			sa.First = sb.First
		}
		if sb.Last.After(sa.Last) {
			sa.Last = sb.Last
		}
		sa.Members = append(sa.Members, sb.Members...)
		sa.Pairs = pairs[a]
		sb.Members = nil
		markDuplicates(sa.Members, g.opt.Duplicate)
		merges++
		for _, x := range sortedInts(cross[a]) {
			if alive[x] {
				push(a, x)
			}
		}
	}
	if merges > 0 {
		g.compact()
	}
	return merges, nil
}

func sortedInts(m map[int]float64) []int {
	xs := make([]int, 0, len(m))
	for x := range m {
		xs = append(xs, x)
	}
	sort.Ints(xs)
	return xs
}

// Regroup clusters all articles anew: every article becomes a story of
// its own and Merge runs, so the result no longer depends on the order in
// which articles arrived. A new story keeps the ID of the old story that
// gave it most of its articles (the oldest such story on a tie), so IDs
// stay stable where stories did not change; others get fresh IDs. It
// returns the number of stories, or ctx's error (the state is then left
// split into single articles; call Regroup again).
func (g *Grouper) Regroup(ctx context.Context) (int, error) {
	old := map[string]string{} // member ID -> old story ID
	oldIdx := map[string]int{} // old story ID -> position (age)
	var ms []Member
	for si, s := range g.st.Stories {
		oldIdx[s.ID] = si
		for _, m := range s.Members {
			old[m.ID] = s.ID
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].before(&ms[b]) })
	g.st.Stories = g.st.Stories[:0]
	for _, m := range ms {
		g.st.Stories = append(g.st.Stories, StoryState{ID: m.ID, Members: []Member{m}, First: m.Published, Last: m.Published})
	}
	g.rebuild()
	if _, err := g.Merge(ctx); err != nil {
		return 0, err
	}
	// Name the new stories after the old ones.
	taken := map[string]bool{}
	type claim struct {
		story int
		id    string
		n     int
	}
	var claims []claim
	for si, s := range g.st.Stories {
		count := map[string]int{}
		for _, m := range s.Members {
			count[old[m.ID]]++
		}
		for id, n := range count {
			if id != "" {
				claims = append(claims, claim{si, id, n})
			}
		}
	}
	sort.Slice(claims, func(a, b int) bool {
		x, y := claims[a], claims[b]
		if x.n != y.n {
			return x.n > y.n
		}
		if oldIdx[x.id] != oldIdx[y.id] {
			return oldIdx[x.id] < oldIdx[y.id]
		}
		return x.story < y.story
	})
	named := make([]bool, len(g.st.Stories))
	for _, c := range claims {
		if !named[c.story] && !taken[c.id] {
			g.st.Stories[c.story].ID = c.id
			named[c.story], taken[c.id] = true, true
		}
	}
	for si := range g.st.Stories {
		if !named[si] {
			g.st.NextID++
			g.st.Stories[si].ID = "s" + strconv.Itoa(g.st.NextID)
		}
	}
	// Oldest story first, by its first member.
	first := func(s *StoryState) *Member {
		f := &s.Members[0]
		for i := range s.Members {
			if s.Members[i].before(f) {
				f = &s.Members[i]
			}
		}
		return f
	}
	sort.SliceStable(g.st.Stories, func(a, b int) bool {
		return first(&g.st.Stories[a]).before(first(&g.st.Stories[b]))
	})
	g.rebuild()
	return len(g.st.Stories), nil
}

// compact drops emptied stories and rebuilds the indexes.
func (g *Grouper) compact() {
	kept := g.st.Stories[:0]
	for _, s := range g.st.Stories {
		if len(s.Members) > 0 {
			kept = append(kept, s)
		}
	}
	clear(g.st.Stories[len(kept):])
	g.st.Stories = kept
	g.rebuild()
}

type pair struct {
	a, b   int
	sim    float64
	va, vb int
}

type pairHeap []pair

func (h pairHeap) Len() int { return len(h) }
func (h pairHeap) Less(i, j int) bool {
	if h[i].sim != h[j].sim {
		return h[i].sim > h[j].sim
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h pairHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *pairHeap) Push(x any)   { *h = append(*h, x.(pair)) }
func (h *pairHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// GroupAll groups a whole collection at once, the way Regroup does: the
// document frequencies are counted over all articles first (so the first
// articles are weighed like the last), every article starts as a story of
// its own and Merge builds the stories. The result does not depend on the
// input order except for story IDs ("s1", "s2"... by first article) and
// ties. It returns the groups oldest first; errors are those of
// Grouper.Add for the first bad article (an ID used twice included), and
// ctx's.
func GroupAll(ctx context.Context, eng Engine, arts []Article, opt GroupOptions) ([]Group, error) {
	g, err := NewGrouper(eng, opt, nil)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for i, a := range arts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if a.ID == "" {
			return nil, doc.Errorf(doc.EInvalid, "article %d has no id", i+1)
		}
		if seen[a.ID] {
			return nil, doc.Errorf(doc.EInvalid, "article id %q appears twice", a.ID)
		}
		seen[a.ID] = true
		m, err := vectorize(eng, a, g.opt)
		if err != nil {
			return nil, err
		}
		m.Seq = i + 1
		g.st.Docs++
		for k := range m.Terms {
			g.st.DF[k]++
		}
		g.st.Stories = append(g.st.Stories, StoryState{Members: []Member{m}, First: m.Published, Last: m.Published})
	}
	g.st.Seq = len(arts)
	g.frozenDF = true
	g.rebuild()
	if _, err := g.Regroup(ctx); err != nil {
		return nil, err
	}
	return g.Groups(), nil
}
