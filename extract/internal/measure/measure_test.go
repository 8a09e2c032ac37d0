package measure

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/extract"
)

var (
	doMeasure = flag.Bool("measure", false, "score the extract setups on ../shared/data/html (slow: minutes)")
	dataDir   = flag.String("measure.data", "", "directory holding the data sets (default: ../shared/data/html from the module root)")
	setups    = flag.String("measure.setups", "", "comma-separated setup names to run (default: all)")
	outPath   = flag.String("measure.out", "", "write the Markdown report to this file")
	worst     = flag.Int("measure.worst", 0, "log the N pages where each setup loses most")
	workers   = flag.Int("measure.workers", 2, "pages extracted at once")
)

// setup is one named configuration in the report.
type setup struct {
	name string
	opt  extract.Options
	// or, when set, names a second setup used when this one fails or
	// its text is short (see orExtractor).
	or *extract.Options
}

func allSetups() []setup {
	var s []setup
	for _, e := range extract.Engines() {
		s = append(s, setup{name: string(e), opt: extract.Options{Engine: e}})
		if e != extract.Readability {
			s = append(s,
				setup{name: string(e) + " precision", opt: extract.Options{Engine: e, Focus: extract.FavorPrecision}},
				setup{name: string(e) + " recall", opt: extract.Options{Engine: e, Focus: extract.FavorRecall}})
		}
	}
	rd := &extract.Options{Engine: extract.Readability}
	return append(s,
		setup{name: "trafilatura, else readability if short", opt: extract.Options{Engine: extract.Trafilatura}, or: rd},
		setup{name: "trafilatura precision, else readability if short", opt: extract.Options{Engine: extract.Trafilatura, Focus: extract.FavorPrecision}, or: rd})
}

func (s setup) extractor() (extract.Extractor, error) {
	ex, err := extract.New(s.opt)
	if err != nil || s.or == nil {
		return ex, err
	}
	ex2, err := extract.New(*s.or)
	if err != nil {
		return nil, err
	}
	return orExtractor{ex, ex2, shortText}, nil
}

// shortText is go-trafilatura's own "too short" line (its default
// MinExtractedSize), below which it tries its fallbacks.
const shortText = 250

// orExtractor is the simplest combination: primary's page, unless
// primary fails or finds fewer than min characters, in which case
// secondary's page if that has more text.
type orExtractor struct {
	primary, secondary extract.Extractor
	min                int
}

func (x orExtractor) Extract(b []byte, pageURL string) (extract.Page, error) {
	p, err := x.primary.Extract(b, pageURL)
	if err == nil && utf8.RuneCountInString(p.Text) >= x.min {
		return p, nil
	}
	p2, err2 := x.secondary.Extract(b, pageURL)
	if err2 == nil && (err != nil || len(p2.Text) > len(p.Text)) {
		return p2, nil
	}
	return p, err
}

// TestMeasure prints the score table; it runs only with -measure.
func TestMeasure(t *testing.T) {
	if !*doMeasure {
		t.Skip("run with -measure to score the extraction setups")
	}
	dir := *dataDir
	if dir == "" {
		dir = filepath.Join(moduleRoot(t), "..", "shared", "data", "html")
	}
	traf, err := Load[TrafPage](filepath.Join(dir, "trafilatura_eval.dev.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	aeb, err := Load[AEBPage](filepath.Join(dir, "scrapinghub_aeb.dev.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	if *setups != "" {
		want = strings.Split(*setups, ",")
	}
	load := loadAvg()
	var results []Result
	for _, s := range allSetups() {
		if want != nil && !slices.Contains(want, s.name) {
			continue
		}
		ex, err := s.extractor()
		if err != nil {
			t.Fatal(err)
		}
		r := Measure(s.name, ex, traf, aeb, *workers)
		if s.opt.Engine == extract.DefaultEngine && s.opt.Focus == extract.Balanced && s.or == nil {
			r.Name += " (default)"
		}
		results = append(results, r)
		t.Logf("%s: trafilatura F1 %.3f, scrapinghub F1 %.3f, mean %v", r.Name, r.Traf.F1(), r.AEB.F1(), r.Time.Mean)
		if *worst > 0 {
			logWorst(t, r, *worst)
		}
	}
	report := fmt.Sprintf("%s\n%d trafilatura-set pages, %d Scrapinghub pages; %s, %d CPUs, %d pages at a time, load average %s at the start and %s at the end.\n",
		Table(results), len(traf), len(aeb), runtime.Version(), runtime.NumCPU(), *workers, load, loadAvg())
	fmt.Print(report)
	if *outPath != "" {
		if err := os.WriteFile(*outPath, []byte(header+report), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const header = `# extract: measured setups

Scores of each extract setup on ../shared/data/html, computed as
../shared/checks/lib/html_score.py computes them (see the package comment
of extract/internal/measure). Reproduce with

    go test ./extract/internal/measure -run TestMeasure -measure -measure.out ../../MEASURE.md -v -timeout 1h

Setups: *trafilatura* is github.com/markusmobius/go-trafilatura alone;
*trafilatura-fallback* adds its bundled fallback (go-shiori readability,
then DOM Distiller) for pages where its own text looks short or poor;
*readability* is codeberg.org/readeck/go-readability/v2 alone; *hybrid*
is go-trafilatura with readeck's readability result offered as its
fallback candidate. *precision* and *recall* are go-trafilatura's Focus
settings. "X, else readability if short" takes X's page unless X fails
or finds under 250 characters, and then readability's if it has more.
All share the package's own parsing (UTF-8, NFC, nesting bound), space
keeping and text layout. Published for go-trafilatura: 0.904 on the
trafilatura set (960-page copy), 0.960 on Scrapinghub.

The default, extract.DefaultEngine, is *hybrid*: it is within a hair of
the best trafilatura-set F1 (trafilatura-fallback's, which pays for it
on Scrapinghub and in time) and keeps most of trafilatura's Scrapinghub
F1. The precision-leaning setups win on Scrapinghub but lose more on
the trafilatura set.

Times are per page, on the machine that wrote this file. CPU time is the
extracting thread's (Linux only), which other jobs on a shared machine
do not inflate; it leaves out the garbage collector's background work.
Wall time is elapsed time, which they do (see the load average on the
last line).

`

func logWorst(t *testing.T, r Result, n int) {
	tp := slices.Clone(r.TrafPages)
	slices.SortStableFunc(tp, func(a, b PageResult) int { return (b.FN + b.FP) - (a.FN + a.FP) })
	for _, p := range tp[:min(n, len(tp))] {
		t.Logf("  traf %s: FN %d FP %d err %v", p.ID, p.FN, p.FP, p.Err)
	}
	ap := slices.Clone(r.AEBPages)
	slices.SortStableFunc(ap, func(a, b PageResult) int {
		fa, fb := a.P+a.R, b.P+b.R
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	})
	for _, p := range ap[:min(n, len(ap))] {
		t.Logf("  aeb %s: P %.2f R %.2f err %v", p.ID, p.P, p.R, p.Err)
	}
}

// loadAvg returns the 1-minute load average, or "?" where the system
// does not show it.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "?"
}

func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}
