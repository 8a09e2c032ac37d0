package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/batch"
	"github.com/keypoints-dev/keypoints/extract"
	"github.com/keypoints-dev/keypoints/internal/jsonl"
)

var cmdBatch = &command{
	name:  "batch",
	usage: "-in IN.jsonl[.gz] -out OUT.jsonl [-n N] [-words W] [-workers K] [-resume]",
	short: "summarize a JSONL file of articles",
	long: `
Batch reads JSONL records with "id" and the article in "text" or "article"
(or a web page in "html", extracted first; optionally gzip-compressed) and writes one line per input line, in input
order: {"id", "keypoints": [{text, sentences, start, end, score}], "summary"}
or, for a record that cannot be summarized, {"id", "line", "error", "code"}.
A malformed line never stops the run.

Memory stays constant whatever the input size. On Ctrl-C or SIGTERM the
records already read are finished and written, then batch exits; run it
again with -resume to skip the ids already in OUT and append the rest.
A progress bar is shown on stderr when it is a terminal.`,
}

type batchFlags struct {
	opt      keypoints.Options
	in, out  string
	workers  int
	resume   bool
	progress string
}

func (b *batchFlags) register(fs *flag.FlagSet) {
	summarizeFlags(fs, &b.opt, nil)
	fs.StringVar(&b.in, "in", "-", "input JSONL file, .gz allowed (- for stdin)")
	fs.StringVar(&b.out, "out", "-", "output JSONL file (- for stdout)")
	fs.IntVar(&b.workers, "workers", runtime.GOMAXPROCS(0), "number of worker goroutines")
	fs.BoolVar(&b.resume, "resume", false, "skip ids already in -out and append to it")
	fs.StringVar(&b.progress, "progress", "auto", "progress bar on stderr: auto (when a terminal), on, off")
}

func init() {
	flagSetups["batch"] = func(fs *flag.FlagSet) { new(batchFlags).register(fs) }
	cmdBatch.run = runBatch
}

func runBatch(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	var bf batchFlags
	bf.register(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"unexpected arguments; use -in and -out"}
	}
	if bf.workers < 1 {
		return usageError{"-workers must be at least 1"}
	}
	eng, err := keypoints.New(bf.opt)
	if err != nil {
		return usageError{err.Error()}
	}
	in, size, closeIn, err := openInput(e, bf.in)
	if err != nil {
		return err
	}
	defer closeIn()

	// Records with only "html" are extracted as "keypoints extract" does.
	opt := batch.Options{Workers: bf.workers, HTML: htmlExtractor(extract.Default())}
	var out io.Writer = e.stdout
	if bf.out != "-" {
		flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
		if bf.resume {
			done, lines, err := completedIDs(bf.out)
			if err != nil {
				return err
			}
			opt.Skip, opt.SkipLines = done, lines
			flags = os.O_CREATE | os.O_WRONLY | os.O_APPEND
		}
		f, err := os.OpenFile(bf.out, flags, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		out = f
	} else if bf.resume {
		return usageError{"-resume needs an -out file"}
	}
	bar := newProgress(e.stderr, bf.progress, size)
	if bar != nil {
		opt.Progress = bar.update
	}
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		// The live heap is small and constant, so letting it grow 4x
		// between collections saves a third of the GC work at full speed;
		// the soft limit keeps peak memory well under 150 MB whatever the
		// libraries linked in keep live.
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(100 << 20)
	}
	start := time.Now()
	st, err := batch.Run(ctx, eng, in, out, opt)
	if bar != nil {
		bar.finish()
	}
	if f, ok := out.(*os.File); ok && f != os.Stdout {
		if cerr := f.Sync(); err == nil && cerr != nil {
			err = cerr
		}
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(e.stderr, "keypoints batch: %d records (%d ok, %d errors, %d skipped) in %.2fs, %.0f records/s\n",
		st.Records, st.OK, st.Errors, st.Skipped, secs, float64(st.Records)/max(secs, 1e-9))
	return err
}

// openInput opens the -in file (or stdin); see package jsonl. size is the
// file size for the progress bar, -1 when unknown or compressed.
func openInput(e *env, name string) (io.Reader, int64, func(), error) {
	f, err := jsonl.Open(name, e.stdin)
	if err != nil {
		return nil, 0, nil, err
	}
	size := f.Size
	if f.Gzip {
		size = -1 // progress counts uncompressed bytes
	}
	return f, size, func() { f.Close() }, nil
}

// completedIDs reads the ids and the number of the complete lines of an
// existing output file and cuts off a trailing partial line (left by a
// crash), so the resumed run appends whole records only.
func completedIDs(path string) (map[string]bool, int, error) {
	done := map[string]bool{}
	lines := 0
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if os.IsNotExist(err) {
		return done, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	var good int64
	for {
		line, err := br.ReadBytes('\n')
		if err == io.EOF {
			break // a partial last line (no "\n") is dropped below
		}
		if err != nil {
			return nil, 0, err
		}
		var rec struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(line, &rec) == nil && rec.ID != "" {
			done[rec.ID] = true
		}
		good += int64(len(line))
		lines++
	}
	if err := f.Truncate(good); err != nil {
		return nil, 0, err
	}
	return done, lines, nil
}
