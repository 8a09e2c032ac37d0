package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"

	"github.com/keypoints-dev/keypoints/evaluate"
	"github.com/keypoints-dev/keypoints/internal/benchmd"
	"github.com/keypoints-dev/keypoints/internal/stagebench"
	"github.com/keypoints-dev/keypoints/score"
	"github.com/keypoints-dev/keypoints/tokenize"
	"github.com/keypoints-dev/keypoints/train"
)

var cmdBench = &command{
	name:  "bench",
	usage: "-data CORPUS.jsonl[.gz] -out BENCHMARKS.md [-section speed|quality|all] [-bbc FILE] [-xsum FILE] [-benchtime D]",
	short: "measure speed and quality and write them into BENCHMARKS.md",
	long: `
Bench measures the engine and writes the results into sections of a
Markdown file (-out), each between the marker lines
"<!-- begin:NAME -->" and "<!-- end:NAME -->". Only the sections asked
for are replaced (a missing one is added at the end); the rest of the
file, hand-written text and other generators' sections, is kept.

speed: the machine and its load, each pipeline stage over the -data
corpus in-process (testing.Benchmark, one operation = one article), then
this binary run as "batch -workers 1" and "-workers 2" on the
decompressed corpus, and "gzip -1" on the same file, median of 3 wall
times each, with peak RSS, and the start-up time ("version", median of 5).
Timings depend on the machine and on what else runs on it.

quality: ROUGE-1/2/L F (stemmed, 95% bootstrap CIs) on the validation part
of -data (train.Validation: fnv32a(id) % 5 == 0, the part the embedded
model was not trained on) for keypoints, the unsupervised scorer, lead-3
as the engine segments it, lead-3 as ../shared/checks/lib/lead3.py splits
the raw text, and the greedy oracle, with paired bootstrap comparisons;
then keypoints, unsupervised and lead-3 on the whole of -bbc and -xsum
(out of domain; an empty path skips a set). This section is
deterministic.

	go build -o /tmp/kpbench ./cmd/keypoints
	/tmp/kpbench bench -data ../shared/data/cnndm/dev.jsonl.gz -out BENCHMARKS.md`,
}

type benchFlags struct {
	data, out, section, bbc, xsum, benchtime string
}

const (
	defaultBBC  = "../shared/data/bbc/bbc_news_summary.jsonl.gz"
	defaultXSum = "../shared/data/xsum/xsum_articles.jsonl.gz"
)

func (f *benchFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.data, "data", "", "corpus: JSONL with id, article, summary (.gz allowed), e.g. ../shared/data/cnndm/dev.jsonl.gz")
	fs.StringVar(&f.out, "out", "BENCHMARKS.md", "Markdown file whose sections are replaced")
	fs.StringVar(&f.section, "section", "all", "what to measure: speed, quality or all")
	fs.StringVar(&f.bbc, "bbc", defaultBBC, "out-of-domain set with titles for the quality section (empty: skip)")
	fs.StringVar(&f.xsum, "xsum", defaultXSum, "out-of-domain set for the quality section (empty: skip)")
	fs.StringVar(&f.benchtime, "benchtime", "1s", "time (or Nx iterations) per stage benchmark, as go test -benchtime")
}

func init() {
	flagSetups["bench"] = func(fs *flag.FlagSet) { new(benchFlags).register(fs) }
	cmdBench.run = runBench
}

func runBench(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var f benchFlags
	f.register(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usageError{"unexpected arguments"}
	case f.data == "":
		return usageError{"-data is required"}
	case f.out == "":
		return usageError{"-out is required"}
	case f.section != "speed" && f.section != "quality" && f.section != "all":
		return usageError{"-section must be speed, quality or all"}
	}
	if f.section == "speed" || f.section == "all" {
		body, err := benchSpeed(ctx, e, f)
		if err != nil {
			return fmt.Errorf("speed: %w", err)
		}
		if err := benchmd.ReplaceSection(f.out, "speed", body); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "bench: wrote the speed section of %s\n", f.out)
	}
	if f.section == "quality" || f.section == "all" {
		body, err := benchQuality(ctx, e, f)
		if err != nil {
			return fmt.Errorf("quality: %w", err)
		}
		if err := benchmd.ReplaceSection(f.out, "quality", body); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "bench: wrote the quality section of %s\n", f.out)
	}
	return nil
}

// commandLine is the bench command that regenerates section.
func (f benchFlags) commandLine(section string) string {
	s := "keypoints bench -data " + f.data + " -out " + f.out + " -section " + section
	if section == "quality" {
		if f.bbc != defaultBBC {
			s += " -bbc '" + f.bbc + "'"
		}
		if f.xsum != defaultXSum {
			s += " -xsum '" + f.xsum + "'"
		}
	}
	if section == "speed" && f.benchtime != "1s" {
		s += " -benchtime " + f.benchtime
	}
	return s
}

// ---------------------------------------------------------------- speed

func benchSpeed(ctx context.Context, e *env, f benchFlags) (string, error) {
	var sb strings.Builder
	loadStart := loadAvg()
	start := time.Now().UTC()
	fmt.Fprintf(e.stderr, "bench: speed: load average %s on %d cores\n", loadStart, runtime.NumCPU())

	// The command-line runs come first, while this process is small:
	// Linux counts the parent's resident memory at the moment of the
	// fork (Go forks with vfork) in a child's peak RSS.
	cli, err := benchCLI(ctx, e, f.data)
	if err != nil {
		return "", err
	}
	loadCLI := loadAvg()

	fmt.Fprintf(e.stderr, "bench: speed: loading %s for the stage benchmarks\n", f.data)
	c, err := stagebench.Load(f.data)
	if err != nil {
		return "", err
	}
	testing.Init()
	if err := flag.Set("test.benchtime", f.benchtime); err != nil {
		return "", usageError{"-benchtime: " + err.Error()}
	}
	stages := benchmd.Table{
		Header: []string{"stage", "what it does", "ns/article", "articles/s", "MB/s", "allocs/article", "B/article"},
		Right:  []bool{false, false, true, true, true, true, true},
	}
	for _, st := range stagebench.Stages(c) {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		r := testing.Benchmark(st.Run)
		if r.N == 0 {
			return "", fmt.Errorf("stage benchmark %s failed", st.Name)
		}
		ns := float64(r.T.Nanoseconds()) / float64(r.N)
		mbs := float64(r.Bytes) * float64(r.N) / 1e6 / r.T.Seconds()
		fmt.Fprintf(e.stderr, "bench: speed: %-10s %10.0f ns/article (%d articles)\n", st.Name, ns, r.N)
		stages.Rows = append(stages.Rows, []string{st.Name, st.Doc, thousands(int64(ns + 0.5)),
			thousands(int64(1e9/ns + 0.5)), fmt.Sprintf("%.1f", mbs), thousands(r.AllocsPerOp()), thousands(r.AllocedBytesPerOp())})
	}
	loadEnd := loadAvg()

	fmt.Fprintf(&sb, "## Speed\n\n")
	fmt.Fprintf(&sb, "Regenerate with `%s` (build first: `go build -o /tmp/kpbench ./cmd/keypoints`). "+
		"Timings depend on the machine and on what else runs on it: a load average above the number of cores "+
		"means other work shared the CPUs and the figures are pessimistic.\n\n", f.commandLine("speed"))
	machine := benchmd.Table{Header: []string{"machine", ""}, Rows: [][]string{
		{"binary", buildStamp()},
		{"CPU", cpuModel()},
		{"cores", strconv.Itoa(runtime.NumCPU())},
		{"GOMAXPROCS", strconv.Itoa(runtime.GOMAXPROCS(0))},
		{"Go", runtime.Version()},
		{"OS", runtime.GOOS + "/" + runtime.GOARCH + kernel()},
		{"date", start.Format("2006-01-02 15:04 UTC")},
		{"load average (1, 5, 15 min) at start", loadStart},
		{"load average after the command-line runs", loadCLI},
		{"load average at the end", loadEnd},
	}}
	sb.WriteString(machine.Markdown())

	fmt.Fprintf(&sb, "\n### Stages, in-process\n\n")
	fmt.Fprintf(&sb, "`testing.Benchmark` over `stagebench.Stages` (the same code as `go test -run XXX -bench Stages .`), "+
		"benchtime %s, cycling through the %s articles of %s (%.1f MB of article text). One operation is one article; "+
		"MB/s counts article text, except for batch-1 and batch-2 (JSON line in, JSON line out), which count input JSON.\n\n",
		f.benchtime, thousands(int64(len(c.Texts))), filepath.Base(f.data), float64(c.Bytes)/1e6)
	sb.WriteString(stages.Markdown())

	sb.WriteString("\n### Command line, end to end\n\n")
	sb.WriteString(cli)
	return sb.String(), nil
}

// timing is one child process run.
type timing struct {
	wall   time.Duration
	cpu    time.Duration // user + system
	maxRSS int64         // KB
}

// benchCLI times this binary's batch command against gzip -1 on the
// decompressed corpus and its start-up, and returns the Markdown.
func benchCLI(ctx context.Context, e *env, data string) (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "keypoints-bench-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.jsonl")
	out := filepath.Join(dir, "out.jsonl")
	records, size, err := decompress(data, in)
	if err != nil {
		return "", err
	}
	parentHWM := selfHWM()
	gzipPath, gzErr := exec.LookPath("gzip")

	batchArgs := func(workers int, extra ...string) []string {
		return append([]string{"batch", "-in", in, "-out", out, "-workers", strconv.Itoa(workers), "-progress", "off"}, extra...)
	}
	fmt.Fprintf(e.stderr, "bench: speed: %s batch on %d records (%.1f MB), warm-up run\n", exe, records, float64(size)/1e6)
	if _, err := timeRun(ctx, exe, batchArgs(1)...); err != nil {
		return "", err
	}
	type row struct {
		workers      int
		extra        []string // more batch flags
		batch, gzip  []timing
		batchMedian  time.Duration
		gzipMedian   time.Duration
		batchCPU     time.Duration
		gzipCPU      time.Duration
		peakRSS      int64
		articlesPerS float64
	}
	var rows []row
	// The last row is the first without sentence compression: what the
	// compress stage costs.
	for _, cfg := range []row{{workers: 1}, {workers: 2}, {workers: 1, extra: []string{"-compress=false"}}} {
		r := cfg
		w := r.workers
		for range 3 {
			t, err := timeRun(ctx, exe, batchArgs(w, r.extra...)...)
			if err != nil {
				return "", err
			}
			r.batch = append(r.batch, t)
			r.peakRSS = max(r.peakRSS, t.maxRSS)
			if gzErr == nil {
				g, err := timeRun(ctx, gzipPath, "-1", "-c", in)
				if err != nil {
					return "", err
				}
				r.gzip = append(r.gzip, g)
			}
		}
		r.batchMedian, r.batchCPU = medianWall(r.batch), medianCPU(r.batch)
		r.gzipMedian, r.gzipCPU = medianWall(r.gzip), medianCPU(r.gzip)
		r.articlesPerS = float64(records) / r.batchMedian.Seconds()
		fmt.Fprintf(e.stderr, "bench: speed: batch -workers %d %v: %.2fs, CPU %.2fs (gzip -1 %.2fs, CPU %.2fs), %.0f articles/s, peak RSS %.0f MiB, load %s\n",
			w, r.extra, r.batchMedian.Seconds(), r.batchCPU.Seconds(), r.gzipMedian.Seconds(), r.gzipCPU.Seconds(), r.articlesPerS, float64(r.peakRSS)/1024, loadAvg())
		rows = append(rows, r)
	}
	var startup []timing
	for range 5 {
		t, err := timeRun(ctx, exe, "version")
		if err != nil {
			return "", err
		}
		startup = append(startup, t)
	}

	var sb strings.Builder
	fmt.Fprintf(&sb, "This binary (`os.Executable`) run as `keypoints batch -in in.jsonl -out out.jsonl -workers K` on the "+
		"decompressed corpus (%s records, %.1f MB of JSON lines, in a temporary directory), after one warm-up run, "+
		"against `gzip -1 -c in.jsonl > /dev/null` on the same file; each timed 3 times, interleaved, median wall time "+
		"(process start to exit, output file synced). CPU is the child's user + system time, median of the same 3 runs: "+
		"unlike wall time it hardly grows when other work shares the cores, so compare the two ratios when the load is high. "+
		"Peak RSS is the largest of the 3 runs (`Maxrss` from the child's rusage).\n\n", thousands(int64(records)), float64(size)/1e6)
	t := benchmd.Table{
		Header: []string{"run", "wall s (median of 3)", "articles/s", "MB/s", "CPU s", "peak RSS MiB", "gzip -1 wall s", "gzip -1 CPU s", "batch / gzip (wall)", "batch / gzip (CPU)"},
		Right:  []bool{false, true, true, true, true, true, true, true, true, true},
	}
	for _, r := range rows {
		gz, gzCPU, ratio, ratioCPU := "n/a", "n/a", "n/a", "n/a"
		if gzErr == nil {
			gz = fmt.Sprintf("%.2f", r.gzipMedian.Seconds())
			gzCPU = fmt.Sprintf("%.2f", r.gzipCPU.Seconds())
			ratio = fmt.Sprintf("%.2f", r.batchMedian.Seconds()/max(r.gzipMedian.Seconds(), 1e-3))
			ratioCPU = fmt.Sprintf("%.2f", r.batchCPU.Seconds()/max(r.gzipCPU.Seconds(), 1e-3))
		}
		t.Rows = append(t.Rows, []string{strings.TrimSpace(fmt.Sprintf("batch -workers %d %s", r.workers, strings.Join(r.extra, " "))), fmt.Sprintf("%.2f", r.batchMedian.Seconds()),
			thousands(int64(r.articlesPerS + 0.5)), fmt.Sprintf("%.1f", float64(size)/1e6/r.batchMedian.Seconds()),
			fmt.Sprintf("%.2f", r.batchCPU.Seconds()), fmt.Sprintf("%.0f", float64(r.peakRSS)/1024), gz, gzCPU, ratio, ratioCPU})
	}
	sb.WriteString(t.Markdown())

	one, two := rows[0], rows[1]
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**not met**"
	}
	sb.WriteString("\nTargets (as ../shared/checks/speed.sh checks them, 1 worker):\n\n")
	if gzErr == nil {
		ratio := one.batchMedian.Seconds() / max(one.gzipMedian.Seconds(), 1e-3)
		cpuRatio := one.batchCPU.Seconds() / max(one.gzipCPU.Seconds(), 1e-3)
		fmt.Fprintf(&sb, "- batch / gzip -1 ≤ 1.6 (wall time): %.2f, %s (on CPU time: %.2f)\n", ratio, verdict(ratio <= 1.6), cpuRatio)
	} else {
		fmt.Fprintf(&sb, "- batch / gzip -1 ≤ 1.6: not measured (%v)\n", gzErr)
	}
	rssMiB := float64(one.peakRSS) / 1024
	fmt.Fprintf(&sb, "- peak RSS < 150 MB: %.0f MiB, %s\n", rssMiB, verdict(rssMiB < 150))
	speedup := two.articlesPerS / one.articlesPerS
	fmt.Fprintf(&sb, "- 2 workers close to 2x the articles/s of 1: %.2fx on %d cores (the load average shows how much of the second core was free)\n",
		speedup, runtime.NumCPU())

	fmt.Fprintf(&sb, "\nStart-up: `keypoints version`, median of 5: %.1f ms (peak RSS %.0f MiB). "+
		"It counts in short runs.\n", float64(medianWall(startup).Microseconds())/1000, float64(maxRSS(startup))/1024)
	fmt.Fprintf(&sb, "\nLinux charges a child started with vfork, as Go starts them, with the parent's resident memory at the "+
		"fork; this process had at most %.0f MiB resident during these runs, so RSS figures above that are the child's own.\n",
		float64(parentHWM)/1024)
	return sb.String(), nil
}

// timeRun runs name with args, its output discarded, and returns the wall
// time and the child's peak RSS.
func timeRun(ctx context.Context, name string, args ...string) (timing, error) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return timing{}, err
	}
	defer null.Close()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout = null // a file, so no copying goroutine runs in this process
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		if ctx.Err() != nil {
			return timing{}, ctx.Err()
		}
		return timing{}, fmt.Errorf("%s %s: %v: %s", filepath.Base(name), strings.Join(args, " "), err, bytes.TrimSpace(stderr.Bytes()))
	}
	t := timing{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		t.maxRSS = int64(ru.Maxrss) // KB on Linux
	}
	return t, nil
}

func medianWall(ts []timing) time.Duration {
	return median(ts, func(t timing) time.Duration { return t.wall })
}

func medianCPU(ts []timing) time.Duration {
	return median(ts, func(t timing) time.Duration { return t.cpu })
}

func median(ts []timing, field func(timing) time.Duration) time.Duration {
	if len(ts) == 0 {
		return 0
	}
	d := make([]time.Duration, len(ts))
	for i, t := range ts {
		d[i] = field(t)
	}
	slices.Sort(d)
	if len(d)%2 == 1 {
		return d[len(d)/2]
	}
	return (d[len(d)/2-1] + d[len(d)/2]) / 2
}

func maxRSS(ts []timing) int64 {
	var m int64
	for _, t := range ts {
		m = max(m, t.maxRSS)
	}
	return m
}

// decompress writes path's content, gunzipped if need be, to dst and
// returns its lines and bytes, streaming so this process stays small.
func decompress(path, dst string) (lines int, size int64, err error) {
	r, err := evaluate.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer r.Close()
	f, err := os.Create(dst)
	if err != nil {
		return 0, 0, err
	}
	buf := make([]byte, 1<<16)
	for {
		n, rerr := r.Read(buf)
		if n > 0 {
			lines += bytes.Count(buf[:n], []byte{'\n'})
			size += int64(n)
			if _, err := f.Write(buf[:n]); err != nil {
				f.Close()
				return 0, 0, err
			}
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			f.Close()
			return 0, 0, fmt.Errorf("%s: %w", path, rerr)
		}
	}
	return lines, size, f.Close()
}

// loadAvg returns the 1, 5 and 15 minute load averages from
// /proc/loadavg, or "unknown".
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], ", ")
}

// buildStamp names the commit the binary was built from, as the go
// command stamps it (vcs.revision, vcs.modified).
func buildStamp() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	rev, modified := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "no VCS information"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified {
		return "commit " + rev + " with uncommitted changes"
	}
	return "commit " + rev
}

// cpuModel returns the first "model name" of /proc/cpuinfo.
func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// kernel returns ", Linux <release>" where /proc says it.
func kernel() string {
	b, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return ""
	}
	return ", kernel " + strings.TrimSpace(string(b))
}

// selfHWM returns this process's peak resident memory in KB (VmHWM).
func selfHWM() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// thousands formats n with commas between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// -------------------------------------------------------------- quality

// qualitySet is an evaluation set: references with their articles and,
// where the file has them, titles.
type qualitySet struct {
	name, path string
	refs       []evaluate.Reference
	titles     []string // nil when no record has a title
}

// loadSet reads a corpus with train.ReadRecords, keeping the records for
// which keep returns true (all when keep is nil).
func loadSet(name, path string, keep func(id string) bool) (*qualitySet, error) {
	recs, err := train.ReadRecords(path)
	if err != nil {
		return nil, err
	}
	s := &qualitySet{name: name, path: path}
	hasTitle := false
	var titles []string
	for _, r := range recs {
		if keep != nil && !keep(r.ID) {
			continue
		}
		if r.ID == "" || r.Article == "" {
			return nil, fmt.Errorf("%s: record without id or article", path)
		}
		s.refs = append(s.refs, evaluate.Reference{ID: r.ID, References: []string{r.Summary}, Article: r.Article})
		titles = append(titles, r.Title)
		hasTitle = hasTitle || r.Title != ""
	}
	if len(s.refs) == 0 {
		return nil, fmt.Errorf("%s: no records", path)
	}
	if hasTitle {
		s.titles = titles
	}
	return s, nil
}

// scored is one system's result on a set.
type scored struct {
	label string
	run   systemRun
	rep   *evaluate.Report
}

// score runs the named system (see runSystem) on s and scores it.
func (s *qualitySet) score(ctx context.Context, e *env, label, system string, opt evaluate.Options) (scored, error) {
	t0 := time.Now()
	run, err := runSystem(ctx, system, s.refs, s.titles, 3, opt)
	if err != nil {
		return scored{}, err
	}
	return s.scorePreds(e, label, run, opt, t0), nil
}

func (s *qualitySet) scorePreds(e *env, label string, run systemRun, opt evaluate.Options, t0 time.Time) scored {
	rep := evaluate.Score(s.refs, run.preds, opt)
	fmt.Fprintf(e.stderr, "bench: quality: %s: %-16s R-1 %.2f R-2 %.2f R-L %.2f (%.1fs)\n", s.name, label,
		100*rep.Summary.R1.F.Mean, 100*rep.Summary.R2.F.Mean, 100*rep.Summary.RL.F.Mean, time.Since(t0).Seconds())
	return scored{label: label, run: run, rep: rep}
}

// naiveLead3 returns lead-3 as ../shared/checks/lib/lead3.py computes it
// on the raw article.
func naiveLead3(article string) string {
	s := naiveSplit(article)
	if len(s) > 3 {
		s = s[:3]
	}
	return strings.Join(s, "\n")
}

// naiveSplit splits text as lead3.py does,
//
//	re.split(r"(?<= [.!?]) (?:'' )?", text)
//
// then strips each piece and drops the empty ones: a split at every space
// that follows " .", " !" or " ?", the space and a closing quote (two
// apostrophes and a space) after it dropped. Matches do not overlap, but
// the look-behind may see the end of the previous match, as in Python.
// The characters involved are ASCII, so a byte scan finds the same places
// as Python's code-point scan.
func naiveSplit(text string) []string {
	var out []string
	keep := func(piece string) {
		if p := strings.TrimFunc(piece, pySpace); p != "" {
			out = append(out, p)
		}
	}
	start := 0
	for p := 2; p < len(text); p++ {
		if text[p] != ' ' || text[p-2] != ' ' || (text[p-1] != '.' && text[p-1] != '!' && text[p-1] != '?') {
			continue
		}
		keep(text[start:p])
		end := p + 1
		if strings.HasPrefix(text[end:], "'' ") {
			end += 3
		}
		start = end
		p = end - 1
	}
	keep(text[start:])
	return out
}

// pySpace reports whether Python's str.strip would remove r: Unicode
// white space plus the separators U+001C to U+001F.
func pySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

func benchQuality(ctx context.Context, e *env, f benchFlags) (string, error) {
	opt := evaluate.Options{}
	var sb strings.Builder
	fmt.Fprintf(&sb, "## Quality\n\n")
	fmt.Fprintf(&sb, "Regenerate every table of this section with `%s`; it is deterministic (fixed bootstrap seed %d, "+
		"%d resamples). ROUGE-1/2/L F ×100 as ROUGE-1.5.5 computes them with Porter stemming "+
		"(`-c 95 -r 1000 -a -n 2 -2 4 -u -m`, package rouge), mean over articles with its 95%% bootstrap CI. "+
		"Every system runs the engine's pipeline (`keypoints.New` + `Summarize`, 3 key points); an article the engine "+
		"refuses gets an empty summary, scored 0 and counted under \"empty\". Paired comparisons resample articles "+
		"keeping each system's two scores together (`evaluate.CompareItems`); p is the one-sided p-value of "+
		"\"keypoints is not better\" (the share of resamples whose mean difference is ≤ 0).\n\n",
		f.commandLine("quality"), evaluate.DefaultSeed, evaluate.DefaultResamples)

	m, err := score.DefaultModel()
	if err != nil {
		return "", err
	}
	sb.WriteString(modelNote(m.Meta, f.data))

	// In domain: the validation part of -data.
	cn, err := loadSet("validation", f.data, train.Validation)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(e.stderr, "bench: quality: %s: %d validation articles of %s\n", cn.name, len(cn.refs), f.data)
	var runs []scored
	for _, sys := range []struct{ label, name string }{
		{"keypoints", "keypoints"}, {"unsupervised", "unsupervised"}, {"lead-3 (engine)", "lead3"},
	} {
		r, err := cn.score(ctx, e, sys.label, sys.name, opt)
		if err != nil {
			return "", err
		}
		runs = append(runs, r)
	}
	t0 := time.Now()
	naive := systemRun{name: "lead3.py", preds: make([]evaluate.Prediction, len(cn.refs))}
	for i, ref := range cn.refs {
		naive.preds[i] = evaluate.Prediction{ID: ref.ID, Summary: naiveLead3(ref.Article)}
	}
	runs = append(runs, cn.scorePreds(e, "lead-3 (lead3.py)", naive, opt, t0))
	oracle, err := cn.score(ctx, e, "oracle", "oracle", opt)
	if err != nil {
		return "", err
	}
	runs = append(runs, oracle)

	fmt.Fprintf(&sb, "\n### %s, validation part (%s articles, never trained on)\n\n", filepath.Base(f.data), thousands(int64(len(cn.refs))))
	sb.WriteString("Validation part: the records with `train.Validation(id)`, fnv32a(id) % 5 == 0. lead-3 (engine) is the engine's " +
		"first three sentences after its cleanup and segmentation (scorer `lead`, N=3); lead-3 (lead3.py) is the first three pieces of " +
		"the raw text split as ../shared/checks/lib/lead3.py splits it (after \" . \", \" ! \", \" ? \", optionally followed by " +
		"\"'' \"), reimplemented in Go; oracle is the greedy extractive oracle (`evaluate.NewOracle`, mean of ROUGE-1 and ROUGE-2 F, " +
		"no sentence limit) on the engine's sentences, the ceiling of any extractive method.\n\n")
	sb.WriteString(systemsTable(runs))
	sb.WriteString("\n")
	sb.WriteString(comparisonTable(runs[0], []scored{runs[2], runs[3]}, opt))
	sb.WriteString(gateNote(runs[0], runs[3], opt))

	// Sentence compression on and off, same articles, same choices.
	compressed := runs[0]
	whole, err := cn.score(ctx, e, "keypoints, whole sentences", "keypoints-whole", opt)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(&sb, "\n### Sentence compression (%s, validation part)\n\n", filepath.Base(f.data))
	sb.WriteString("keypoints with its sentence compressor (package compress, `compress/data/model.json`; the default) and with " +
		"`-compress=false` (whole sentences). Both choose the same sentences; compression only leaves out whole constituents. " +
		"Words per point: mean words (runs of letters and digits, as the tokenizer counts them; punctuation is no word) of a key point " +
		"(the CNN/DailyMail highlights have 13.6). Speed with and without compression: the rows `batch -workers 1` and " +
		"`batch -workers 1 -compress=false` of the speed section (timings do not belong in this deterministic section).\n\n")
	sb.WriteString(compressionTable([]scored{compressed, whole}))
	sb.WriteString("\n")
	sb.WriteString(comparisonTable(compressed, []scored{whole}, opt))

	// Out of domain.
	for _, od := range []struct{ name, path, what string }{
		{"BBC News", f.bbc, "BBC News articles (business, entertainment, politics, sport, tech); the engine gets each record's title; " +
			"references are extractive summaries of about 40% of the article, so recall is low for 3 key points."},
		{"XSum", f.xsum, "BBC articles from the XSum test split; the reference is one abstractive sentence, so precision is low for 3 key points."},
	} {
		if od.path == "" {
			continue
		}
		set, err := loadSet(od.name, od.path, nil)
		if err != nil {
			return "", err
		}
		var runs []scored
		for _, sys := range []struct{ label, name string }{
			{"keypoints", "keypoints"}, {"unsupervised", "unsupervised"}, {"lead-3 (engine)", "lead3"},
		} {
			r, err := set.score(ctx, e, sys.label, sys.name, opt)
			if err != nil {
				return "", err
			}
			runs = append(runs, r)
		}
		fmt.Fprintf(&sb, "\n### Out of domain: %s (%s, all %s records, never trained on)\n\n", od.name, filepath.Base(od.path), thousands(int64(len(set.refs))))
		sb.WriteString(od.what + "\n\n")
		sb.WriteString(systemsTable(runs))
		sb.WriteString("\n")
		sb.WriteString(comparisonTable(runs[0], []scored{runs[2]}, opt))
	}
	return sb.String(), nil
}

// modelNote says what the embedded model was trained on.
func modelNote(meta map[string]string, data string) string {
	s := "The keypoints system is the model embedded in the binary (score/data/model.json), trained by " +
		"`keypoints train -data ../shared/data/cnndm/dev.jsonl.gz -out score/data/model.json` on the other 80% of cnndm/dev"
	if meta["train"] != "" {
		s += " (" + meta["train"] + " articles"
		if meta["split"] != "" {
			s += "; split: " + meta["split"]
		}
		s += ")"
	}
	s += ". Its training never saw the validation part below, nor the BBC and XSum sets."
	if meta["data"] != "" && meta["data"] != filepath.Base(data) {
		s += fmt.Sprintf(" **Note:** the model was trained on %s but -data is %s, so the validation part below is not "+
			"the held-out part of the model's training data.", meta["data"], filepath.Base(data))
	}
	return s + "\n"
}

func fmtCI(s evaluate.Stat) string {
	return fmt.Sprintf("%.2f (%.2f–%.2f)", 100*s.Mean, 100*s.Lo, 100*s.Hi)
}

// systemsTable lists each system's ROUGE F with CIs, mean words and the
// number of empty summaries.
func systemsTable(runs []scored) string {
	t := benchmd.Table{
		Header: []string{"system", "ROUGE-1 F (95% CI)", "ROUGE-2 F (95% CI)", "ROUGE-L F (95% CI)", "words", "empty"},
		Right:  []bool{false, true, true, true, true, true},
	}
	for _, r := range runs {
		words, empty := 0, 0
		for _, p := range r.run.preds {
			w := evaluate.WordCount(p.Summary)
			words += w
			if w == 0 {
				empty++
			}
		}
		s := r.rep.Summary
		t.Rows = append(t.Rows, []string{r.label, fmtCI(s.R1.F), fmtCI(s.R2.F), fmtCI(s.RL.F),
			fmt.Sprintf("%.1f", float64(words)/float64(max(len(r.run.preds), 1))), strconv.Itoa(empty)})
	}
	return t.Markdown()
}

// compressionTable lists ROUGE F and words per key point of each run.
func compressionTable(runs []scored) string {
	t := benchmd.Table{
		Header: []string{"system", "ROUGE-1 F", "ROUGE-2 F", "ROUGE-L F", "words per point"},
		Right:  []bool{false, true, true, true, true},
	}
	for _, r := range runs {
		words, points := 0, 0
		for _, p := range r.run.preds {
			if p.Summary == "" {
				continue
			}
			words += len(tokenize.Sentence(p.Summary, 0, len(p.Summary)))
			points += strings.Count(p.Summary, "\n") + 1
		}
		s := r.rep.Summary
		t.Rows = append(t.Rows, []string{r.label, fmt.Sprintf("%.2f", 100*s.R1.F.Mean), fmt.Sprintf("%.2f", 100*s.R2.F.Mean),
			fmt.Sprintf("%.2f", 100*s.RL.F.Mean), fmt.Sprintf("%.1f", float64(words)/float64(max(points, 1)))})
	}
	return t.Markdown()
}

// comparisonTable compares a with each of bs, paired by article.
func comparisonTable(a scored, bs []scored, opt evaluate.Options) string {
	t := benchmd.Table{
		Header: []string{"comparison", "measure (F)", a.label, "other", "difference", "95% CI", "p", "n"},
		Right:  []bool{false, false, true, true, true, true, true, true},
	}
	for _, b := range bs {
		c := evaluate.CompareItems(a.rep.Items, b.rep.Items, opt)
		for _, m := range []struct {
			name string
			c    evaluate.Comparison
		}{{"ROUGE-1", c.R1}, {"ROUGE-2", c.R2}, {"ROUGE-L", c.RL}} {
			t.Rows = append(t.Rows, []string{a.label + " vs " + b.label, m.name,
				fmt.Sprintf("%.2f", 100*m.c.MeanA), fmt.Sprintf("%.2f", 100*m.c.MeanB), fmt.Sprintf("%+.2f", 100*m.c.Diff),
				fmt.Sprintf("%+.2f to %+.2f", 100*m.c.Lo, 100*m.c.Hi), fmt.Sprintf("%.3f", m.c.P), strconv.Itoa(m.c.N)})
		}
	}
	return t.Markdown()
}

// gateNote says how the validation figures stand against
// ../shared/checks/quality.sh's rule (it runs on other articles, with its
// own bootstrap, so this is an indication only).
func gateNote(kp, lead scored, opt evaluate.Options) string {
	c := evaluate.CompareItems(kp.rep.Items, lead.rep.Items, opt)
	ok := 100*c.R1.Diff >= 1.5 && c.R1.Lo > 0 && c.R2.Diff >= 0 && c.RL.Diff >= 0
	v := "met"
	if !ok {
		v = "**not met**"
	}
	return fmt.Sprintf("\nquality.sh's rule (ROUGE-1 gain over lead3.py ≥ 1.5 with the CI's low end above 0, ROUGE-2 and ROUGE-L not worse), "+
		"on this validation part: %s (ROUGE-1 %+.2f, CI low %+.2f; ROUGE-2 %+.2f; ROUGE-L %+.2f). quality.sh itself runs on "+
		"other articles.\n", v, 100*c.R1.Diff, 100*c.R1.Lo, 100*c.R2.Diff, 100*c.RL.Diff)
}
