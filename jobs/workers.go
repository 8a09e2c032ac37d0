package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/extract"
	"github.com/keypoints-dev/keypoints/feeds"
	"github.com/keypoints-dev/keypoints/store"
)

// PollDueArgs queues a poll of every feed that is due.
type PollDueArgs struct{}

// Kind names the job.
func (PollDueArgs) Kind() string { return "poll_due" }

// InsertOpts puts it on the poll queue, once at a time.
func (PollDueArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queuePoll, MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: waiting}}
}

// waiting are the states in which a job of the same arguments makes a new
// insert redundant: it has not finished yet.
var waiting = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
	rivertype.JobStateScheduled, rivertype.JobStateRetryable}

// PollFeedArgs polls one feed.
type PollFeedArgs struct {
	Feed int64 `json:"feed"`
}

// Kind names the job.
func (PollFeedArgs) Kind() string { return "poll_feed" }

// InsertOpts: one poll of a feed waiting at a time; a failed poll is
// recorded on the feed and retried at its next turn, not by the queue.
func (PollFeedArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queuePoll, MaxAttempts: 2, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: waiting}}
}

// FetchArgs fetches, reads and summarizes one article's page.
type FetchArgs struct {
	Article int64 `json:"article"`
}

// Kind names the job.
func (FetchArgs) Kind() string { return "fetch_article" }

// MaxFetchAttempts is how many times a page is tried (River's backoff,
// attempt⁴ seconds, between) before the article is recorded as failed.
const MaxFetchAttempts = 5

// InsertOpts: once per article, ever.
func (FetchArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queueFetch, MaxAttempts: MaxFetchAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// PlaceArgs places one article into a story.
type PlaceArgs struct {
	Article int64 `json:"article"`
}

// Kind names the job.
func (PlaceArgs) Kind() string { return "place" }

// InsertOpts: once per article.
func (PlaceArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queuePlace, MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// RegroupArgs regroups the open stories if articles were placed since the
// last regroup.
type RegroupArgs struct{}

// Kind names the job.
func (RegroupArgs) Kind() string { return "regroup" }

// InsertOpts: on the placement queue, once at a time.
func (RegroupArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queuePlace, MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: waiting}}
}

type regroupWorker struct {
	river.WorkerDefaults[RegroupArgs]
	pw *placeWorker
}

func (w *regroupWorker) Work(ctx context.Context, job *river.Job[RegroupArgs]) error {
	return w.pw.place(ctx, 0, job.ID)
}

type pollDueWorker struct {
	river.WorkerDefaults[PollDueArgs]
	s *Service
	q inserter
}

func (w *pollDueWorker) Work(ctx context.Context, job *river.Job[PollDueArgs]) error {
	ids, err := w.s.cfg.Store.ClaimDueFeeds(ctx, time.Now(), w.s.cfg.Poll)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := w.q.Insert(ctx, PollFeedArgs{Feed: id}, nil); err != nil {
			return err
		}
	}
	return nil
}

type pollFeedWorker struct {
	river.WorkerDefaults[PollFeedArgs]
	s *Service
	q inserter
}

// backoff is the wait before polling a feed that failed n times in a
// row: the poll interval doubled per failure, at most a day.
func backoff(poll time.Duration, n int) time.Duration {
	d := poll
	for i := 0; i < n && d < 24*time.Hour; i++ {
		d *= 2
	}
	return min(d, 24*time.Hour)
}

func (w *pollFeedWorker) Work(ctx context.Context, job *river.Job[PollFeedArgs]) error {
	st, m := w.s.cfg.Store, w.s.cfg.Metrics
	f, err := st.Feed(ctx, job.Args.Feed)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	now := time.Now()
	resp, err := w.s.cfg.Fetcher.Feed(ctx, f.URL, f.ETag, f.LastModified)
	m.polls.Inc()
	if err == nil && resp.NotModified {
		m.notModified.Inc()
		return st.FeedPolled(ctx, f.ID, store.Poll{At: now, NotModified: true, ETag: resp.ETag, LastModified: resp.LastModified})
	}
	var parsed *feeds.Feed
	if err == nil {
		parsed, err = feeds.Parse(resp.Body, resp.URL)
	}
	if err != nil {
		if ctx.Err() != nil {
			return err // shutting down: run again
		}
		m.feedErrors.Inc()
		wait := backoff(w.s.cfg.Poll, f.Failures+1)
		var he *feeds.HTTPError
		if errors.As(err, &he) && he.RetryAfter > wait {
			wait = min(he.RetryAfter, 24*time.Hour)
		}
		w.s.log.Warn("feed failed", "feed", f.URL, "err", err, "failures", f.Failures+1, "next_in", wait)
		return st.FeedPolled(ctx, f.ID, store.Poll{At: now, Err: err, Next: now.Add(wait)})
	}
	// Oldest first, so that articles reach the queue (and the stories)
	// in publication order.
	items := parsed.Items
	sort.SliceStable(items, func(i, j int) bool { return items[i].Published.Before(items[j].Published) })
	added := 0
	for _, it := range items {
		id, isNew, state, err := st.AddArticle(ctx, store.NewArticle{
			FeedID: f.ID, URL: it.URL, URLKey: feeds.URLKey(it.URL), GUID: it.GUID,
			Outlet: f.Outlet, Stance: f.Stance, Title: it.Title, Published: it.Published, Seen: now,
		})
		if err != nil {
			return err
		}
		if isNew {
			added++
			m.items.Inc()
		}
		// A new article gets its fetch; one left new by a crash between
		// the two steps gets it now (the job is unique, so never twice).
		if state == store.StateNew {
			if _, err := w.q.Insert(ctx, FetchArgs{Article: id}, nil); err != nil {
				return err
			}
		}
	}
	return st.FeedPolled(ctx, f.ID, store.Poll{At: now, ETag: resp.ETag, LastModified: resp.LastModified,
		Items: added, Problems: strings.Join(parsed.Problems, "; ")})
}

type fetchWorker struct {
	river.WorkerDefaults[FetchArgs]
	s *Service
	q inserter
}

func (w *fetchWorker) Work(ctx context.Context, job *river.Job[FetchArgs]) error {
	st, m := w.s.cfg.Store, w.s.cfg.Metrics
	a, err := st.Article(ctx, job.Args.Article)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	switch a.State {
	case store.StateReady:
		// Read before a crash: the placement may not be queued yet.
		_, err := w.q.Insert(ctx, PlaceArgs{Article: a.ID}, nil)
		return err
	case store.StatePlaced, store.StateDuplicate, store.StateFailed:
		return nil
	}
	text, title, kps, err := w.read(ctx, a)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		m.pageErrors.Inc()
		final := job.Attempt >= job.MaxAttempts || permanent(err)
		if err2 := st.ArticleFailed(ctx, a.ID, err, final); err2 != nil {
			return err2
		}
		if final {
			w.s.log.Warn("article failed", "url", a.URL, "err", err, "attempts", job.Attempt)
			return nil
		}
		return err
	}
	dup, err := st.ArticleRead(ctx, a.ID, title, text, textKey(text), kps)
	if err != nil {
		return err
	}
	if dup != 0 {
		m.duplicates.Inc()
		return nil
	}
	_, err = w.q.Insert(ctx, PlaceArgs{Article: a.ID}, nil)
	return err
}

// read fetches the page and returns its text, title and key points.
func (w *fetchWorker) read(ctx context.Context, a store.Article) (text, title string, kps []byte, err error) {
	resp, err := w.s.cfg.Fetcher.Page(ctx, a.URL)
	if err != nil {
		return "", "", nil, err
	}
	w.s.cfg.Metrics.pages.Inc()
	body, err := extract.Decode(resp.Body, resp.ContentType)
	if err != nil {
		return "", "", nil, err
	}
	p, err := w.s.cfg.Extractor.Extract(body, resp.URL)
	if err != nil {
		return "", "", nil, err
	}
	title = a.Title
	if title == "" {
		title = p.Title
	}
	// An article too short for key points of its own (one sentence) is
	// still news: it is kept, with none, and its story summarizes it.
	kps = []byte("[]")
	res, err := w.s.cfg.Engine.Summarize(ctx, doc.Article{ID: fmt.Sprint(a.ID), Title: title, Text: p.Text})
	switch {
	case err == nil:
		kps, err = json.Marshal(res.KeyPoints)
	case ctx.Err() != nil:
		return "", "", nil, err
	case doc.ErrorCode(err) == doc.EInvalid:
		err = nil
	}
	return p.Text, p.Title, kps, err
}

// textKey identifies an article's text whatever its spacing and case.
func textKey(text string) string {
	h := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(text), " "))))
	return hex.EncodeToString(h[:16])
}

// permanent tells the failures that a retry cannot mend: robots.txt says
// no, the server says the page is not there, or the page holds no
// article. Network errors, timeouts and 5xx/429 answers are retried.
func permanent(err error) bool {
	var re *feeds.RobotsError
	var he *feeds.HTTPError
	switch {
	case errors.As(err, &re):
		return true
	case errors.As(err, &he):
		return he.Status >= 400 && he.Status < 500 && he.Status != 408 && he.Status != 429
	}
	return doc.ErrorCode(err) == doc.EInvalid || doc.ErrorCode(err) == doc.ETooLarge
}
