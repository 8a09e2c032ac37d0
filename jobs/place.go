package jobs

import (
	"bytes"
	"context"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
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
	// snapVersion is the version of the last snapshot this node saved
	// or loaded.
	snapVersion int64
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
// the job's ID. On PostgreSQL the grouping lock is taken first: the
// nodes place one at a time in any case, and a node that worked out a
// placement while another committed one would only have to do it again.
// On SQLite, where one writer serves everything (the job queue
// included), the work (adding, regrouping, summarizing the stories that
// changed) is done outside the lock, from the state at the version read
// first, and written under it only if that is still the version
// (optimistic concurrency; worked out again otherwise).
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

// snapshotEvery is how many placements the log holds at most before the
// grouper state is saved whole again (as it is at every regroup): a
// node starting up applies at most that many.
const snapshotEvery = 1000

// try makes one attempt at place; done is false when another node placed
// in between.
func (w *placeWorker) try(ctx context.Context, article, self int64) (done bool, err error) {
	st, m := w.s.cfg.Store, w.s.cfg.Metrics
	var g *store.GroupTx
	var version, pending int64
	if st.Kind() == store.Postgres {
		if g, err = st.BeginGroup(ctx); err != nil {
			return false, err
		}
		defer g.Rollback()
		version, pending = g.Version, g.Pending
	} else if version, pending, err = st.GrouperVersion(ctx); err != nil {
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
	grp, err := w.load(ctx, g, version)
	if err != nil {
		return false, err
	}
	if w.cachedVersion != version {
		return false, nil // the state moved on while we read it
	}
	w.grouper = nil // about to change: valid again only once saved
	changed := map[string]bool{}
	var step stories.Step
	if article != 0 {
		var pl stories.Placement
		if pl, step, err = grp.AddStep(ctx, storyArticle(a)); err != nil {
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
	// Without a regroup only the placed article's story changed; listing
	// every open story (thousands) is for telling what a regroup moved.
	after := map[string][]string{}
	var emptied []string
	if due {
		before := members(grp)
		start := time.Now()
		if _, err := grp.Regroup(ctx); err != nil {
			return false, err
		}
		w.lastRegroup, w.regroupTook = time.Now(), time.Since(start)
		pending = 0
		m.regroups.Inc()
		after = members(grp)
		for id, ms := range after {
			if !slices.Equal(ms, before[id]) {
				changed[id] = true
			}
		}
		for id := range before {
			if _, still := after[id]; !still {
				emptied = append(emptied, id)
			}
		}
	} else {
		for id := range changed {
			ids := grp.StoryArticles(id)
			slices.Sort(ids)
			after[id] = ids
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
	// A regroup rewrites the whole state: it is saved whole, as it is
	// after snapshotEvery placements; a placement alone is logged.
	whole := due || version+1-w.snapVersion >= snapshotEvery
	if due {
		// Closed stories stay stored as they are.
		if grp, err = w.close(grp); err != nil {
			return false, err
		}
	}
	var buf bytes.Buffer
	if whole {
		err = gob.NewEncoder(&buf).Encode(grp.State())
	} else {
		err = gob.NewEncoder(&buf).Encode(step)
	}
	if err != nil {
		return false, err
	}

	if g == nil {
		if g, err = st.BeginGroup(ctx); err != nil {
			return false, err
		}
		defer g.Rollback()
		if g.Version != version {
			return false, nil
		}
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
	if whole {
		err = g.Save(ctx, buf.Bytes(), pending)
	} else {
		err = g.Append(ctx, buf.Bytes(), pending)
	}
	if err != nil {
		return false, err
	}
	if err := g.Commit(); err != nil {
		return false, err
	}
	w.grouper, w.cachedVersion, w.snapVersion = grp, g.Version, g.SnapVersion
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

// load returns the node's Grouper at version: its copy as it is when no
// other node placed since, the copy with the placements logged since
// applied, or the saved snapshot with the log after it (cachedVersion
// then tells the version reached, which may differ from version when the
// state moved on while it was read without the lock). g is the locked
// transaction to read through, or nil to read without the lock.
func (w *placeWorker) load(ctx context.Context, g *store.GroupTx, version int64) (*stories.Grouper, error) {
	if w.grouper != nil && w.cachedVersion == version {
		return w.grouper, nil
	}
	st := w.s.cfg.Store
	readLog := func(after int64) ([]store.GroupLog, error) {
		if g != nil {
			return g.Log(ctx, after)
		}
		return st.GrouperLog(ctx, after)
	}
	if w.grouper != nil && w.cachedVersion < version {
		logs, err := readLog(w.cachedVersion)
		if err != nil {
			return nil, err
		}
		if len(logs) > 0 && logs[0].Version == w.cachedVersion+1 {
			if err := w.apply(logs); err == nil {
				return w.grouper, nil
			}
		}
		// A snapshot was saved since (dropping the log before it), or
		// the copy went wrong: start again from the snapshot.
	}
	w.grouper = nil
	var v int64
	var raw []byte
	var err error
	if g != nil {
		v, raw, err = g.Snapshot(ctx)
	} else {
		v, raw, err = st.GrouperSnapshot(ctx)
	}
	if err != nil {
		return nil, err
	}
	var state *stories.State
	if len(raw) > 0 {
		state = new(stories.State)
		if err := gob.NewDecoder(bytes.NewReader(raw)).Decode(state); err != nil {
			return nil, errors.New("jobs: the stored grouper state is unreadable: " + err.Error())
		}
	}
	grp, err := stories.NewGrouper(w.s.cfg.Engine, w.s.cfg.Group, state)
	if err != nil {
		return nil, err
	}
	w.grouper, w.cachedVersion, w.snapVersion = grp, v, v
	logs, err := readLog(v)
	if err != nil {
		return nil, err
	}
	if len(logs) > 0 && logs[0].Version == v+1 {
		if err := w.apply(logs); err != nil {
			return nil, err
		}
	}
	return w.grouper, nil
}

// apply applies logged placements that follow the cached version to the
// cached Grouper, stopping at a gap (a snapshot saved meanwhile); on an
// error the copy is dropped.
func (w *placeWorker) apply(logs []store.GroupLog) error {
	for _, l := range logs {
		if l.Version != w.cachedVersion+1 {
			break
		}
		var step stories.Step
		err := gob.NewDecoder(bytes.NewReader(l.Step)).Decode(&step)
		if err == nil {
			err = w.grouper.Apply(step)
		}
		if err != nil {
			w.grouper = nil
			return fmt.Errorf("jobs: logged placement %d: %w", l.Version, err)
		}
		w.cachedVersion = l.Version
	}
	return nil
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
	}
	sum, err := stories.Summarize(ctx, w.s.cfg.Engine, in)
	if err != nil {
		return store.StoryUpdate{}, err
	}
	sum.ID = id
	u.Title, u.First, u.Last = sum.Title, sum.First, sum.Last
	u.Summary, err = json.Marshal(sum)
	return u, err
}
