// Package measure scores extract.Extractor setups on the team's two
// main-text extraction sets in ../shared/data/html, exactly as
// ../shared/checks/lib/html_score.py scores them:
//
//   - trafilatura set: a `with` snippet found in the output after
//     collapsing whitespace runs is a true positive, a missing one a
//     false negative, a found `without` snippet a false positive; counts
//     are summed over pages and F1 = 2TP/(2TP+FP+FN).
//   - Scrapinghub set: output and reference are split into words and
//     compared as multisets of 4-word shingles; precision and recall are
//     computed per page, averaged over pages, and F1 is taken from the
//     two averages.
//
// It scores Page.Text, which is what the script sees when `keypoints
// extract` prints that text alone. White space is what Python's
// str.isspace calls white space, and a page whose extraction fails
// counts as an empty output, as in the script. Run it with
//
//	go test ./extract/internal/measure -run TestMeasure -measure -v
//
// which prints a Markdown table (and writes it with -measure.out).
package measure

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/keypoints-dev/keypoints/extract"
	"github.com/keypoints-dev/keypoints/internal/jsonl"
)

// TrafPage is one record of trafilatura_eval.*.jsonl.gz.
type TrafPage struct {
	ID      string   `json:"id"`
	URL     string   `json:"url"`
	HTML    string   `json:"html"`
	With    []string `json:"with"`
	Without []string `json:"without"`
}

// AEBPage is one record of scrapinghub_aeb.*.jsonl.gz.
type AEBPage struct {
	ID   string `json:"id"`
	URL  string `json:"url"`
	HTML string `json:"html"`
	Body string `json:"body"`
}

// Load reads a JSONL file of T records, gzip-compressed or not.
func Load[T any](path string) ([]T, error) { return jsonl.ReadAll[T](path) }

// TrafScore is the trafilatura-set score of one setup.
type TrafScore struct {
	TP, FP, FN int
	Failed     int // pages where Extract returned an error
}

// P is precision, TP/(TP+FP).
func (s TrafScore) P() float64 { return ratio(s.TP, s.TP+s.FP) }

// R is recall, TP/(TP+FN).
func (s TrafScore) R() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is 2TP/(2TP+FP+FN), as html_score.py computes it (0 when empty).
func (s TrafScore) F1() float64 { return ratio(2*s.TP, max(1, 2*s.TP+s.FP+s.FN)) }

// AEBScore is the Scrapinghub-set score of one setup.
type AEBScore struct {
	P, R   float64 // averages of the per-page precision and recall
	Failed int
}

// F1 is the harmonic mean of the averaged P and R.
func (s AEBScore) F1() float64 {
	if s.P+s.R == 0 {
		return 0
	}
	return 2 * s.P * s.R / (s.P + s.R)
}

// PageResult is one page's outcome, for finding where a setup loses.
type PageResult struct {
	ID       string
	Err      error
	Duration time.Duration // wall time
	CPU      time.Duration // CPU time of the extracting thread (0 where unknown)
	// trafilatura set
	TP, FP, FN int
	// Scrapinghub set
	P, R float64
}

// Timing summarizes per-page extraction times.
type Timing struct {
	Mean, P50, P95, Max time.Duration // wall time
	// CPU is the same for the extracting thread's CPU time, which other
	// jobs on the machine do not inflate (zero where unknown).
	CPU struct{ Mean, P50, P95, Max time.Duration }
}

func timing(pages []PageResult) Timing {
	var t Timing
	if len(pages) == 0 {
		return t
	}
	t.Mean, t.P50, t.P95, t.Max = summarize(pages, func(p PageResult) time.Duration { return p.Duration })
	t.CPU.Mean, t.CPU.P50, t.CPU.P95, t.CPU.Max = summarize(pages, func(p PageResult) time.Duration { return p.CPU })
	return t
}

func summarize(pages []PageResult, f func(PageResult) time.Duration) (mean, p50, p95, maxd time.Duration) {
	d := make([]time.Duration, len(pages))
	var sum time.Duration
	for i, p := range pages {
		d[i] = f(p)
		sum += d[i]
	}
	slices.Sort(d)
	return sum / time.Duration(len(d)), d[len(d)/2], d[len(d)*95/100], d[len(d)-1]
}

// Result is one setup's score on both sets.
type Result struct {
	Name      string
	Traf      TrafScore
	AEB       AEBScore
	TrafPages []PageResult
	AEBPages  []PageResult
	Time      Timing // over both sets' pages
}

// Measure scores ex on both sets, extracting with workers goroutines
// (0 means GOMAXPROCS).
func Measure(name string, ex extract.Extractor, traf []TrafPage, aeb []AEBPage, workers int) Result {
	res := Result{Name: name}
	res.TrafPages = run(len(traf), workers, func(i int) PageResult {
		p := traf[i]
		out, pr := extractPage(ex, p.ID, p.HTML, p.URL)
		out = collapse(out)
		for _, s := range p.With {
			if strings.Contains(out, collapse(s)) {
				pr.TP++
			} else {
				pr.FN++
			}
		}
		for _, s := range p.Without {
			if strings.Contains(out, collapse(s)) {
				pr.FP++
			}
		}
		return pr
	})
	for _, pr := range res.TrafPages {
		res.Traf.TP += pr.TP
		res.Traf.FP += pr.FP
		res.Traf.FN += pr.FN
		if pr.Err != nil {
			res.Traf.Failed++
		}
	}
	res.AEBPages = run(len(aeb), workers, func(i int) PageResult {
		p := aeb[i]
		out, pr := extractPage(ex, p.ID, p.HTML, p.URL)
		pr.P, pr.R = shinglePR(out, p.Body)
		return pr
	})
	for _, pr := range res.AEBPages {
		res.AEB.P += pr.P
		res.AEB.R += pr.R
		if pr.Err != nil {
			res.AEB.Failed++
		}
	}
	if n := len(res.AEBPages); n > 0 {
		res.AEB.P /= float64(n)
		res.AEB.R /= float64(n)
	}
	res.Time = timing(append(slices.Clone(res.TrafPages), res.AEBPages...))
	return res
}

func extractPage(ex extract.Extractor, id, html, url string) (string, PageResult) {
	b := []byte(html)
	cpu0, ok := threadCPU()
	start := time.Now()
	page, err := ex.Extract(b, url)
	pr := PageResult{ID: id, Err: err, Duration: time.Since(start)}
	if cpu1, ok1 := threadCPU(); ok && ok1 {
		pr.CPU = cpu1 - cpu0
	}
	return page.Text, pr
}

// run calls f(0..n-1) on workers goroutines and returns the results in
// index order.
func run(n, workers int, f func(int) PageResult) []PageResult {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]PageResult, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			// One thread per worker, so threadCPU times its pages.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			for i := range next {
				out[i] = f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// pySpace reports whether Python's str.isspace (and so its \s and
// str.split) counts c as white space: Go's unicode.IsSpace plus the
// ASCII information separators U+001C..U+001F.
func pySpace(c rune) bool {
	return unicode.IsSpace(c) || (c >= 0x1C && c <= 0x1F)
}

// collapse is html_score.py's ws: whitespace runs to one space, trimmed.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, pySpace), " ")
}

type shingle [4]string

func shingles(s string) map[shingle]int {
	w := strings.FieldsFunc(s, pySpace)
	m := map[shingle]int{}
	for i := 0; i+3 < len(w); i++ {
		m[shingle{w[i], w[i+1], w[i+2], w[i+3]}]++
	}
	return m
}

// shinglePR is html_score.py's per-page precision and recall.
func shinglePR(out, ref string) (p, r float64) {
	a, b := shingles(out), shingles(ref)
	var hit, na, nb int
	for k, ca := range a {
		na += ca
		hit += min(ca, b[k])
	}
	for _, cb := range b {
		nb += cb
	}
	switch {
	case na > 0:
		p = float64(hit) / float64(na)
	case nb == 0:
		p = 1
	}
	r = 1
	if nb > 0 {
		r = float64(hit) / float64(nb)
	}
	return p, r
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Table renders results as a Markdown table, one row a setup.
func Table(results []Result) string {
	var b strings.Builder
	b.WriteString("| setup | trafilatura F1 | P | R | TP/FP/FN | failed | scrapinghub F1 | P | R | failed | CPU ms/page mean | p50 | p95 | max | wall ms/page mean | max |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }
	for _, r := range results {
		c := r.Time.CPU
		fmt.Fprintf(&b, "| %s | %.3f | %.3f | %.3f | %d/%d/%d | %d | %.3f | %.3f | %.3f | %d | %s | %s | %s | %s | %s | %s |\n",
			r.Name, r.Traf.F1(), r.Traf.P(), r.Traf.R(), r.Traf.TP, r.Traf.FP, r.Traf.FN, r.Traf.Failed,
			r.AEB.F1(), r.AEB.P, r.AEB.R, r.AEB.Failed,
			ms(c.Mean), ms(c.P50), ms(c.P95), ms(c.Max), ms(r.Time.Mean), ms(r.Time.Max))
	}
	return b.String()
}
