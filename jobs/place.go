package jobs

import (
	"bytes"
	"context"
	"encoding/gob"
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

// place places one article (0: none, only a pending regroup); self is
// the job's ID. The work (adding, regrouping, summarizing the stories
// that changed) is done outside the database, from the state at the
// version read first; the results are written under the grouping lock
// only if no other node placed in between (optimistic concurrency), and
// worked out again from the newer state otherwise. The lock is so held
// for the writes alone.
func (w *placeWorker) place(ctx context.Context, article, self int64) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	for range 8 {
		done, err := w.try(ctx, article, self)
		if err != nil || done {
			if err != nil {
				w.grouper = nil // the copy may be ahead of the database
			}
			return err
		}
		// Another node placed first: try again from its state.
	}
	return errors.New("jobs: placement lost to other nodes 8 times in a row")
}

// try makes one attempt at place; done is false when another node placed
// in between.
func (w *placeWorker) try(ctx context.Context, article, self int64) (done bool, err error) {
	st, m := w.s.cfg.Store, w.s.cfg.Metrics
	version, pending, err := st.GrouperVersion(ctx)
	if err != nil {
		return false, err
	}
	var a store.Article
	if article != 0 {
		arts, err := st.Articles(ctx, []int64{article})
		if err != nil {
			return false, err
		}
		if len(arts) == 0 || arts[0].State != store.StateReady {
			return true, nil // placed already (a rerun), or not to be placed
		}
		a = arts[0]
	} else if pending == 0 || time.Since(w.lastRegroup) < 10*w.regroupTook {
		return true, nil // nothing placed since the last regroup, or too soon
	}
	grp, err := w.load(ctx, version)
	if err != nil {
		return false, err
	}
	if w.cachedVersion != version {
		return false, nil // the state moved on while we read it
	}
	w.grouper = nil // about to change: valid again only once saved
	before := members(grp)
	changed := map[string]bool{}
	if article != 0 {
		pl, err := grp.Add(ctx, storyArticle(a))
		if err != nil {
			return false, err
		}
		changed[pl.Story] = true
		pending++
	}
	// Regrouping takes time that grows with the open stories: it runs at
	// most a tenth of the time, after RegroupEvery placements or when no
	// placement waits, and always for the periodic check (article 0).
	due := article == 0 || time.Since(w.lastRegroup) >= 10*w.regroupTook &&
		(pending >= int64(w.s.cfg.RegroupEvery) || !w.placementsWaiting(ctx, self))
	if due {
		start := time.Now()
		if _, err := grp.Regroup(ctx); err != nil {
			return false, err
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
	var emptied []string
	for id := range before {
		if _, still := after[id]; !still {
			emptied = append(emptied, id)
		}
	}
	var updates []store.StoryUpdate
	for id := range changed {
		if len(after[id]) == 0 {
			continue // the regroup merged it away (emptied above, if stored)
		}
		u, err := w.story(ctx, id, after[id])
		if err != nil {
			return false, err
		}
		updates = append(updates, u)
	}
	if due {
		// Closed stories stay stored as they are.
		if grp, err = w.close(grp); err != nil {
			return false, err
		}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(grp.State()); err != nil {
		return false, err
	}
	state := buf.Bytes()

	g, err := st.BeginGroup(ctx)
	if err != nil {
		return false, err
	}
	defer g.Rollback()
	if g.Version != version {
		return false, nil
	}
	now := time.Now()
	for _, id := range emptied {
		if err := g.EmptyStory(ctx, id, now); err != nil {
			return false, err
		}
	}
	for _, u := range updates {
		if err := g.PutStory(ctx, u, now); err != nil {
			return false, err
		}
	}
	if err := g.Save(ctx, state, pending); err != nil {
		return false, err
	}
	if err := g.Commit(); err != nil {
		return false, err
	}
	w.grouper, w.cachedVersion = grp, g.Version
	if article != 0 {
		m.placed.Inc()
		m.seenToStory.Observe(now.Sub(a.Seen).Seconds())
		if !a.Published.IsZero() {
			m.pubToStory.Observe(now.Sub(a.Published).Seconds())
		}
	}
	return true, nil
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
func (w *placeWorker) placementsWaiting(ctx context.Context, self int64) bool {
	var n int
	err := w.s.cfg.Store.QueryRow(ctx, w.s.cfg.Store.Rebind(`SELECT COUNT(*) FROM river_job
		WHERE kind = 'place' AND id <> ? AND state IN ('available', 'running', 'retryable', 'scheduled', 'pending')`), self).Scan(&n)
	return err == nil && n > 0
}

// load returns the node's Grouper at version, reloaded from the database
// when another node placed articles since (cachedVersion then tells the
// version read, which may be newer).
func (w *placeWorker) load(ctx context.Context, version int64) (*stories.Grouper, error) {
	if w.grouper != nil && w.cachedVersion == version {
		return w.grouper, nil
	}
	v, _, raw, err := w.s.cfg.Store.GrouperState(ctx)
	if err != nil {
		return nil, err
	}
	var st *stories.State
	if len(raw) > 0 {
		st = new(stories.State)
		if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(st); err != nil {
			return nil, errors.New("jobs: the stored grouper state is unreadable: " + err.Error())
		}
	}
	grp, err := stories.NewGrouper(w.s.cfg.Engine, w.s.cfg.Group, st)
	if err != nil {
		return nil, err
	}
	w.grouper, w.cachedVersion = grp, v
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

// story summarizes a story's articles.
func (w *placeWorker) story(ctx context.Context, id string, memberIDs []string) (store.StoryUpdate, error) {
	ids := make([]int64, 0, len(memberIDs))
	for _, s := range memberIDs {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return store.StoryUpdate{}, err
		}
		ids = append(ids, n)
	}
	arts, err := w.s.cfg.Store.Articles(ctx, ids)
	if err != nil {
		return store.StoryUpdate{}, err
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
		return store.StoryUpdate{}, err
	}
	sum.ID = id
	u.Title = sum.Title
	u.Summary, err = json.Marshal(sum)
	return u, err
}
