package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/keypoints-dev/keypoints/store"
	"github.com/keypoints-dev/keypoints/stories"
)

type placeWorker struct {
	river.WorkerDefaults[PlaceArgs]
	s *Service

	// The node's copy of the Grouper, valid while the stored state's
	// version is cachedVersion (no other node placed since).
	mu            sync.Mutex
	grouper       *stories.Grouper
	cachedVersion int64
	// lastRegroup is when this node last regrouped, and regroupTook how
	// long that took: a drained queue triggers a regroup only once ten
	// times that has passed, so that regrouping never takes more than a
	// tenth of the time however large the open stories grow.
	lastRegroup time.Time
	regroupTook time.Duration
}

func (w *placeWorker) Work(ctx context.Context, job *river.Job[PlaceArgs]) error {
	return w.place(ctx, job.Args.Article, job.ID)
}

// place places one article (0: none, only a pending regroup) under the
// grouping lock; self is the job's ID.
func (w *placeWorker) place(ctx context.Context, article, self int64) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	ok := false
	defer func() {
		if !ok {
			w.grouper = nil // the copy may be ahead of the database
		}
	}()
	st, m := w.s.cfg.Store, w.s.cfg.Metrics
	g, err := st.BeginGroup(ctx)
	if err != nil {
		return err
	}
	defer g.Rollback()
	var a store.Article
	if article != 0 {
		arts, err := g.Articles(ctx, []int64{article})
		if err != nil {
			return err
		}
		if len(arts) == 0 || arts[0].State != store.StateReady {
			ok = true
			return nil // placed already (a rerun), or not to be placed
		}
		a = arts[0]
	} else if g.Pending == 0 {
		ok = true
		return nil // nothing placed since the last regroup
	}
	grp, err := w.load(ctx, g)
	if err != nil {
		return err
	}
	before := members(grp)
	changed := map[string]bool{}
	pending := g.Pending
	if article != 0 {
		pl, err := grp.Add(ctx, storyArticle(a))
		if err != nil {
			return err
		}
		changed[pl.Story] = true
		pending++
	}
	due := article == 0 || pending >= int64(w.s.cfg.RegroupEvery) ||
		time.Since(w.lastRegroup) >= 10*w.regroupTook && !w.placementsWaiting(ctx, g, self)
	if due {
		start := time.Now()
		if _, err := grp.Regroup(ctx); err != nil {
			return err
		}
		w.lastRegroup, w.regroupTook = time.Now(), time.Since(start)
		pending = 0
		m.regroups.Inc()
	}
	after := members(grp)
	for id, ms := range after {
		if !slices.Equal(ms, before[id]) {
			changed[id] = true
		}
	}
	now := time.Now()
	for id := range before {
		if _, still := after[id]; !still {
			if err := g.EmptyStory(ctx, id, now); err != nil {
				return err
			}
		}
	}
	for id := range changed {
		if len(after[id]) == 0 {
			continue // the regroup merged it away (emptied above, if stored)
		}
		if err := w.writeStory(ctx, g, id, after[id], now); err != nil {
			return err
		}
	}
	if due {
		// Closed stories stay stored as they are.
		if grp, err = w.close(grp); err != nil {
			return err
		}
	}
	state, err := json.Marshal(grp.State())
	if err != nil {
		return err
	}
	if err := g.Save(ctx, state, pending); err != nil {
		return err
	}
	if err := g.Commit(); err != nil {
		return err
	}
	ok = true
	w.grouper, w.cachedVersion = grp, g.Version
	if article == 0 {
		return nil
	}
	m.placed.Inc()
	m.seenToStory.Observe(now.Sub(a.Seen).Seconds())
	if !a.Published.IsZero() {
		m.pubToStory.Observe(now.Sub(a.Published).Seconds())
	}
	return nil
}

// close drops the stories that have received no article for the last
// OpenArticles placements from the Grouper (they stay stored as they
// are), so that its state, and the time to save and regroup it, stays
// bounded however long the service runs.
func (w *placeWorker) close(grp *stories.Grouper) (*stories.Grouper, error) {
	st := grp.State()
	n := 0
	for _, s := range st.Stories {
		n += len(s.Members)
	}
	limit := w.s.cfg.OpenArticles
	if n <= limit+limit/10 {
		return grp, nil
	}
	lastSeq := func(s stories.StoryState) int {
		x := 0
		for _, m := range s.Members {
			x = max(x, m.Seq)
		}
		return x
	}
	keepFrom := st.Seq - limit
	kept := st.Stories[:0]
	for _, s := range st.Stories {
		if lastSeq(s) > keepFrom {
			kept = append(kept, s)
		}
	}
	st.Stories = kept
	return stories.NewGrouper(w.s.cfg.Engine, w.s.cfg.Group, st)
}

// placementsWaiting reports whether other placements are queued, in
// which case the regroup waits for the last of them.
func (w *placeWorker) placementsWaiting(ctx context.Context, g *store.GroupTx, self int64) bool {
	var n int
	err := g.Tx().QueryRowContext(ctx, w.s.cfg.Store.Rebind(`SELECT COUNT(*) FROM river_job
		WHERE kind = 'place' AND id <> ? AND state IN ('available', 'running', 'retryable', 'scheduled', 'pending')`), self).Scan(&n)
	return err == nil && n > 0
}

// load returns the node's Grouper, reloaded from the database when
// another node placed articles since.
func (w *placeWorker) load(ctx context.Context, g *store.GroupTx) (*stories.Grouper, error) {
	if w.grouper != nil && w.cachedVersion == g.Version {
		return w.grouper, nil
	}
	raw, err := g.State(ctx)
	if err != nil {
		return nil, err
	}
	var st *stories.State
	if len(raw) > 0 {
		st = new(stories.State)
		if err := json.Unmarshal(raw, st); err != nil {
			return nil, errors.New("jobs: the stored grouper state is unreadable: " + err.Error())
		}
	}
	grp, err := stories.NewGrouper(w.s.cfg.Engine, w.s.cfg.Group, st)
	if err != nil {
		return nil, err
	}
	w.grouper, w.cachedVersion = grp, g.Version
	return grp, nil
}

// members maps each story to its sorted article IDs.
func members(grp *stories.Grouper) map[string][]string {
	out := map[string][]string{}
	for _, gr := range grp.Groups() {
		ids := slices.Clone(gr.Articles)
		slices.Sort(ids)
		out[gr.ID] = ids
	}
	return out
}

func storyArticle(a store.Article) stories.Article {
	return stories.Article{ID: strconv.FormatInt(a.ID, 10), Title: a.Title, Text: a.Text, Outlet: a.Outlet,
		Stance: stories.NormalizeStance(a.Stance), Published: a.Published, URL: a.URL}
}

// writeStory summarizes a story's articles and stores it.
func (w *placeWorker) writeStory(ctx context.Context, g *store.GroupTx, id string, memberIDs []string, now time.Time) error {
	ids := make([]int64, 0, len(memberIDs))
	for _, s := range memberIDs {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return err
		}
		ids = append(ids, n)
	}
	arts, err := g.Articles(ctx, ids)
	if err != nil {
		return err
	}
	slices.SortStableFunc(arts, func(a, b store.Article) int { return a.Published.Compare(b.Published) })
	in := make([]stories.Article, len(arts))
	u := store.StoryUpdate{ID: id, Articles: ids}
	for i, a := range arts {
		in[i] = storyArticle(a)
		switch in[i].Stance {
		case stories.StanceLeft:
			u.Coverage.Left++
		case stories.StanceCenter:
			u.Coverage.Center++
		case stories.StanceRight:
			u.Coverage.Right++
		}
		if p := a.Published; !p.IsZero() {
			if u.First.IsZero() || p.Before(u.First) {
				u.First = p
			}
			if p.After(u.Last) {
				u.Last = p
			}
		}
	}
	sum, err := stories.Summarize(ctx, w.s.cfg.Engine, in)
	if err != nil {
		return err
	}
	sum.ID = id
	u.Title = sum.Title
	if u.Summary, err = json.Marshal(sum); err != nil {
		return err
	}
	return g.PutStory(ctx, u, now)
}
