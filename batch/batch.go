// Package batch runs the engine over a stream of JSONL records: one output
// line per input line, in input order, whatever happens to a record.
//
// Input records carry "id" and the article in "text" or "article" (or
// "html", when an HTML extractor is configured), with an optional "title".
// Each output line is either {"id", "keypoints", "summary"} or {"id",
// "line", "error"}: a malformed line, an empty article or an over-long
// line yields an error record, never a stop. Memory stays bounded: lines are
// read one at a time, at most Workers*4 chunks of 16 lines are in flight, and results
// are written as soon as every earlier line is done.
package batch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	json "github.com/goccy/go-json"
	"io"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/keypoints-dev/keypoints/doc"
)

// Summarizer is what batch needs from the engine.
type Summarizer interface {
	Summarize(ctx context.Context, a doc.Article) (*doc.Result, error)
}

// HTMLExtractor turns an HTML record into an article; nil means records
// with only "html" get an error.
type HTMLExtractor func(html, url string) (doc.Article, error)

// Options configures Run.
type Options struct {
	// Workers is the number of goroutines summarizing; 0 means GOMAXPROCS.
	Workers int
	// MaxLineBytes is the longest input line accepted; longer lines are
	// skipped with an error record. 0 means 16 MiB.
	MaxLineBytes int
	// Skip holds ids already done (a resumed run); their records produce
	// no output.
	Skip map[string]bool
	// SkipLines is the number of input lines a previous run already
	// answered (the complete lines of its output, which holds one line per
	// input line in order). Lines within it that carry no usable id
	// (malformed, empty, id-less) are skipped too, so a resumed run never
	// repeats their error records.
	SkipLines int
	// HTML extracts articles from records with an "html" field.
	HTML HTMLExtractor
	// Progress, when set, is called after each record is written with the
	// number of input bytes consumed so far.
	Progress func(records int, bytesRead int64)
	// Stream flushes out whenever the writer has caught up with the
	// workers, so a client reading the output (an HTTP response) sees each
	// record as soon as it is done. Leave it off for files.
	Stream bool
}

// Stats counts what Run did.
type Stats struct {
	Records int // input lines seen (including skipped)
	OK      int // key-point records written
	Errors  int // error records written
	Skipped int // records skipped because their id was in Options.Skip
}

// Input is one input record.
type Input struct {
	ID      json.RawMessage `json:"id"`
	Text    string          `json:"text"`
	Article string          `json:"article"`
	HTML    string          `json:"html"`
	URL     string          `json:"url"`
	Title   string          `json:"title"`
}

// Output is one output record.
type Output struct {
	ID        string         `json:"id"`
	KeyPoints []doc.KeyPoint `json:"keypoints,omitempty"`
	Summary   *string        `json:"summary,omitempty"`
	// PublisherKeyPoints are the publisher's own key points, absent when
	// the article carried none.
	PublisherKeyPoints []doc.PublisherPoint `json:"publisher_keypoints,omitempty"`
	// Warnings qualify the key points (doc.W* codes); Language is the
	// detected language beside a "language" warning.
	Warnings []string `json:"warnings,omitempty"`
	Language string   `json:"language,omitempty"`
	Line     int      `json:"line,omitempty"`
	Error    string   `json:"error,omitempty"`
	Code     string   `json:"code,omitempty"`
}

// chunkLines is the most lines handed to a worker at once: enough to make
// channel hand-offs rare, few enough to keep memory and latency small.
const chunkLines = 16

type job struct {
	seq   int // chunk sequence number
	first int // 0-based input line number of lines[0]
	lines []line
}

type line struct {
	b   []byte
	err error // set when the line could not be read whole
}

type result struct {
	seq  int
	outs []output
}

type output struct {
	b     []byte // encoded line including "\n"; nil for a skipped record
	isErr bool
}

// Run reads records from in and writes one result line per record to out.
// It stops early, with ctx's error, when ctx is done: the records being
// summarized are finished and written, those read but not started are
// dropped, and out holds a prefix of the answers in whole lines, so a
// resumed run can continue. It does not wait for a read blocked on a
// silent input. Other errors are I/O errors on in or out.
func Run(ctx context.Context, eng Summarizer, in io.Reader, out io.Writer, opt Options) (Stats, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	maxLine := opt.MaxLineBytes
	if maxLine <= 0 {
		maxLine = 16 << 20
	}
	jobs := make(chan job, workers*2)
	results := make(chan result, workers*2)
	readDone := make(chan error, 1) // the reader's I/O error, or nil
	var bytesRead atomic.Int64

	// Reader: chunks of lines in order. A chunk is sent when full, or
	// early when no more input is buffered, so a slow stream (an HTTP
	// body) is answered line by line. It stops at EOF or when ctx is done.
	go func() {
		var readErr error
		defer func() { readDone <- readErr }()
		defer close(jobs)
		br := bufio.NewReaderSize(in, 1<<16)
		seq, lineNo := 0, 0
		var cur job
		send := func() bool {
			if len(cur.lines) == 0 {
				return true
			}
			cur.seq = seq
			seq++
			select {
			case jobs <- cur:
			case <-ctx.Done():
				return false
			}
			cur = job{first: lineNo, lines: make([]line, 0, chunkLines)}
			return true
		}
		cur.lines = make([]line, 0, chunkLines)
		for {
			if ctx.Err() != nil {
				return
			}
			b, n, err := readLine(br, maxLine)
			bytesRead.Add(int64(n))
			if err == io.EOF && n == 0 {
				send()
				return
			}
			if err != nil && err != io.EOF && !errors.Is(err, errTooLong) {
				readErr = err
				send()
				return
			}
			l := line{b: b}
			if errors.Is(err, errTooLong) {
				l.err = doc.Errorf(doc.ETooLarge, "line is over %d bytes", maxLine)
			}
			cur.lines = append(cur.lines, l)
			lineNo++
			if err == io.EOF {
				send()
				return
			}
			if len(cur.lines) == chunkLines || br.Buffered() == 0 {
				if !send() {
					return
				}
			}
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				// Once ctx is done, chunks still queued are dropped (a
				// resumed run does them), and the reader, which may be
				// blocked reading a silent stream, is not waited for.
				var j job
				var ok bool
				select {
				case j, ok = <-jobs:
				case <-ctx.Done():
					return
				}
				if !ok {
					return
				}
				r := result{seq: j.seq, outs: make([]output, len(j.lines))}
				for k, l := range j.lines {
					r.outs[k].b, r.outs[k].isErr = process(eng, j.first+k+1, l, opt)
				}
				results <- r
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Writer: put results back in input order.
	var st Stats
	bw := bufio.NewWriterSize(out, 1<<16)
	pending := make(map[int]result)
	next := 0
	var writeErr error
	for r := range results {
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			for _, o := range r.outs {
				st.Records++
				switch {
				case o.b == nil:
					st.Skipped++
				case o.isErr:
					st.Errors++
				default:
					st.OK++
				}
				if o.b != nil && writeErr == nil {
					_, writeErr = bw.Write(o.b)
				}
			}
			if opt.Progress != nil {
				opt.Progress(st.Records, bytesRead.Load())
			}
		}
		if opt.Stream && len(results) == 0 && writeErr == nil {
			writeErr = bw.Flush()
		}
	}
	if err := bw.Flush(); writeErr == nil {
		writeErr = err
	}
	if writeErr != nil {
		return st, writeErr
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	return st, <-readDone
}

var errTooLong = errors.New("line too long")

// readLine returns the next line without its "\n" and the bytes consumed.
// A line over max is consumed and discarded, returning errTooLong.
func readLine(br *bufio.Reader, max int) ([]byte, int, error) {
	var buf []byte
	n := 0
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		n += len(chunk)
		if !tooLong {
			if len(buf)+len(chunk) > max+1 {
				tooLong = true
				buf = nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			if err == nil || err == io.EOF {
				return nil, n, errTooLong
			}
			return nil, n, err
		}
		buf = bytes.TrimRight(buf, "\r\n")
		return buf, n, err
	}
}

// process turns one input line into one encoded output line and reports
// whether it is an error record.
func process(eng Summarizer, lineNo int, l line, opt Options) ([]byte, bool) {
	line := lineNo
	done := line <= opt.SkipLines // answered by a previous run, if it has no id
	if l.err != nil {
		if done {
			return nil, false
		}
		return errorLine("", line, l.err), true
	}
	if len(bytes.TrimSpace(l.b)) == 0 {
		if done {
			return nil, false
		}
		return errorLine("", line, doc.Errorf(doc.EInvalid, "empty line")), true
	}
	var in Input
	if err := json.Unmarshal(l.b, &in); err != nil {
		if done {
			return nil, false
		}
		return errorLine("", line, doc.Errorf(doc.EInvalid, "malformed JSON: %v", err)), true
	}
	id := idString(in.ID)
	switch {
	case id == "" && done:
		return nil, false
	case id == "":
		id = "line-" + strconv.Itoa(line)
	case opt.Skip[id]:
		return nil, false
	}
	a := doc.Article{ID: id, Title: in.Title, Text: in.Text}
	if a.Text == "" {
		a.Text = in.Article
	}
	if a.Text == "" && in.HTML != "" {
		if opt.HTML == nil {
			return errorLine(id, line, doc.Errorf(doc.EInvalid, "record has only html and no HTML extractor is configured")), true
		}
		ext, err := opt.HTML(in.HTML, in.URL)
		if err != nil {
			return errorLine(id, line, err), true
		}
		a.Text, a.Blocks, a.Language, a.Paywall = ext.Text, ext.Blocks, ext.Language, ext.Paywall
		if a.Title == "" {
			a.Title = ext.Title
		}
	}
	if a.Text == "" {
		return errorLine(id, line, doc.Errorf(doc.EInvalid, "record has no text, article or html field")), true
	}
	res, err := eng.Summarize(context.Background(), a)
	if err != nil {
		return errorLine(id, line, err), true
	}
	summary := res.Summary()
	return encode(Output{ID: id, KeyPoints: res.KeyPoints, Summary: &summary, PublisherKeyPoints: res.PublisherKeyPoints,
		Warnings: res.Warnings, Language: res.Language}), false
}

// idString accepts string and number ids; anything else is kept as its
// JSON text so the record can still be named.
func idString(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

func errorLine(id string, line int, err error) []byte {
	return encode(Output{ID: id, Line: line, Error: err.Error(), Code: doc.ErrorCode(err)})
}

func encode(o Output) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(o); err != nil {
		return []byte(fmt.Sprintf(`{"id":%q,"error":"internal: %s"}`+"\n", o.ID, "cannot encode result"))
	}
	return b.Bytes()
}
