package batch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"testing"
	"time"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/batch"
	"github.com/keypoints-dev/keypoints/doc"
)

// echo is a Summarizer whose one key point is the article's first word
// and the article's id, so each output line can be traced to its input
// line. It sleeps a little at random, so with several workers results
// finish out of order, and can call a hook before each record.
type echo struct {
	mu     sync.Mutex
	rand   *rand.Rand
	before func(a doc.Article)
}

func (e *echo) Summarize(ctx context.Context, a doc.Article) (*doc.Result, error) {
	if e.before != nil {
		e.before(a)
	}
	e.mu.Lock()
	d := time.Duration(e.rand.Intn(300)) * time.Microsecond
	e.mu.Unlock()
	time.Sleep(d)
	if strings.HasPrefix(a.Text, "FAIL") {
		return nil, doc.Errorf(doc.EInvalid, "cannot summarize %s", a.ID)
	}
	first, _, _ := strings.Cut(a.Text, " ")
	return &doc.Result{ID: a.ID, KeyPoints: []doc.KeyPoint{{Text: first + " " + a.ID, Sentences: []int{0}, Score: 1}}}, nil
}

func newEcho() *echo { return &echo{rand: rand.New(rand.NewSource(1))} }

// record is an output line as a reader of the file sees it.
type record struct {
	ID        string         `json:"id"`
	KeyPoints []doc.KeyPoint `json:"keypoints"`
	Summary   *string        `json:"summary"`
	Line      int            `json:"line"`
	Error     string         `json:"error"`
	Code      string         `json:"code"`
}

// parse splits out into lines, checking that every line is whole (ends
// in "\n") and is one JSON object.
func parse(t *testing.T, out string) []record {
	t.Helper()
	if out != "" && !strings.HasSuffix(out, "\n") {
		t.Fatalf("output ends in a partial line: %q", out[max(0, len(out)-80):])
	}
	var recs []record
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if l == "" && out == "" {
			break
		}
		var r record
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("output line %d is not a record: %v\n%s", i+1, err, l)
		}
		recs = append(recs, r)
	}
	return recs
}

func articleLine(id int) string {
	return fmt.Sprintf(`{"id":"r%d","text":"word%d and more text."}`, id, id)
}

func TestRunOrderManyWorkers(t *testing.T) {
	const n = 500
	var in strings.Builder
	for i := 1; i <= n; i++ {
		in.WriteString(articleLine(i) + "\n")
	}
	for _, workers := range []int{1, 2, 8} {
		t.Run(fmt.Sprint("workers=", workers), func(t *testing.T) {
			var out bytes.Buffer
			st, err := batch.Run(context.Background(), newEcho(), strings.NewReader(in.String()), &out, batch.Options{Workers: workers})
			if err != nil {
				t.Fatal(err)
			}
			recs := parse(t, out.String())
			if len(recs) != n {
				t.Fatalf("%d output lines for %d input lines", len(recs), n)
			}
			for i, r := range recs {
				want := fmt.Sprintf("r%d", i+1)
				if r.ID != want || r.Summary == nil || *r.Summary != fmt.Sprintf("word%d %s", i+1, want) {
					t.Fatalf("output line %d is %+v, want the record of %s", i+1, r, want)
				}
			}
			if st != (batch.Stats{Records: n, OK: n}) {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

// TestRunBadLines: every bad line gives exactly one error record in its
// place, naming the id when there is one and always the line, and the
// run goes on.
func TestRunBadLines(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("word ", 100) + `"}`
	input := strings.Join([]string{
		articleLine(1),                          // 1 ok
		`{"id":"r2","text":"unterminated`,       // 2 malformed JSON
		``,                                      // 3 empty line
		`   `,                                   // 4 blank line
		`{"id":"r5","title":"no text"}`,         // 5 no text field
		long,                                    // 6 over MaxLineBytes
		`{"id":"r7","text":"FAIL this one"}`,    // 7 the engine refuses it
		`{"id":"r8","html":"<p>only html</p>"}`, // 8 html without an extractor
		`[1,2,3]`,                               // 9 JSON, not an object
		`{"id":"r10","text":""}`,                // 10 empty text
		articleLine(11),                         // 11 ok
	}, "\n")
	var out bytes.Buffer
	st, err := batch.Run(context.Background(), newEcho(), strings.NewReader(input), &out, batch.Options{Workers: 3, MaxLineBytes: 200})
	if err != nil {
		t.Fatal(err)
	}
	recs := parse(t, out.String())
	if len(recs) != 11 {
		t.Fatalf("%d output lines for 11 input lines:\n%s", len(recs), out.String())
	}
	want := []struct {
		id, code, msg string
	}{
		{"r1", "", ""},
		{"", doc.EInvalid, "malformed JSON"},
		{"", doc.EInvalid, "empty line"},
		{"", doc.EInvalid, "empty line"},
		{"r5", doc.EInvalid, "no text"},
		{"", doc.ETooLarge, "over 200 bytes"},
		{"r7", doc.EInvalid, "cannot summarize r7"},
		{"r8", doc.EInvalid, "html"},
		{"", doc.EInvalid, "malformed JSON"},
		{"r10", doc.EInvalid, "no text"},
		{"r11", "", ""},
	}
	for i, w := range want {
		r := recs[i]
		if r.ID != w.id {
			t.Errorf("line %d: id %q, want %q", i+1, r.ID, w.id)
		}
		if w.code == "" {
			if r.Error != "" || r.Summary == nil || len(r.KeyPoints) != 1 {
				t.Errorf("line %d: want key points, got %+v", i+1, r)
			}
			continue
		}
		if r.Line != i+1 || r.Code != w.code || !strings.Contains(r.Error, w.msg) || r.Summary != nil {
			t.Errorf("line %d: got line %d code %q error %q, want line %d code %q error about %q", i+1, r.Line, r.Code, r.Error, i+1, w.code, w.msg)
		}
	}
	if st != (batch.Stats{Records: 11, OK: 2, Errors: 9}) {
		t.Errorf("stats %+v", st)
	}
}

func TestRunFields(t *testing.T) {
	input := strings.Join([]string{
		`{"id":42,"text":"numeric id."}`,
		`{"id":7.5,"article":"float id in the article field."}`,
		`{"id":"s","text":"text wins.","article":"article loses."}`,
		`{"text":"no id at all."}`,
		`{"id":null,"article":"null id."}`,
		`{"id":{"k":1},"text":"object id."}`,
		`{"id":"t","title":"A title","text":"with a title.","extra":"ignored"}`,
	}, "\n") + "\n"
	var out bytes.Buffer
	if _, err := batch.Run(context.Background(), newEcho(), strings.NewReader(input), &out, batch.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	recs := parse(t, out.String())
	want := []struct{ id, summary string }{
		{"42", "numeric 42"},
		{"7.5", "float 7.5"},
		{"s", "text s"},
		{"line-4", "no line-4"},
		{"line-5", "null line-5"},
		{`{"k":1}`, `object {"k":1}`},
		{"t", "with t"},
	}
	if len(recs) != len(want) {
		t.Fatalf("%d output lines, want %d", len(recs), len(want))
	}
	for i, w := range want {
		if recs[i].ID != w.id || recs[i].Summary == nil || *recs[i].Summary != w.summary {
			t.Errorf("line %d: %+v, want id %q summary %q", i+1, recs[i], w.id, w.summary)
		}
	}
}

func TestRunSkip(t *testing.T) {
	var in strings.Builder
	for i := 1; i <= 10; i++ {
		in.WriteString(articleLine(i) + "\n")
	}
	skip := map[string]bool{"r2": true, "r3": true, "r9": true, "unknown": true}
	var out bytes.Buffer
	st, err := batch.Run(context.Background(), newEcho(), strings.NewReader(in.String()), &out, batch.Options{Workers: 4, Skip: skip})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range parse(t, out.String()) {
		ids = append(ids, r.ID)
	}
	if got, want := strings.Join(ids, " "), "r1 r4 r5 r6 r7 r8 r10"; got != want {
		t.Errorf("ids %s, want %s", got, want)
	}
	if st != (batch.Stats{Records: 10, OK: 7, Skipped: 3}) {
		t.Errorf("stats %+v", st)
	}
}

// TestRunCancelResume cancels a run midway, as Ctrl-C does, then resumes
// it with the ids already written skipped: the two outputs together hold
// every record once, in input order, and only whole lines.
func TestRunCancelResume(t *testing.T) {
	const n = 2000
	var in strings.Builder
	for i := 1; i <= n; i++ {
		in.WriteString(articleLine(i) + "\n")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	eng := newEcho()
	eng.before = func(a doc.Article) {
		if a.ID == "r300" {
			cancel()
		}
	}
	var out1 bytes.Buffer
	st1, err := batch.Run(ctx, eng, strings.NewReader(in.String()), &out1, batch.Options{Workers: 4})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run returned %v, want context.Canceled", err)
	}
	first := parse(t, out1.String())
	if len(first) == 0 || len(first) >= n {
		t.Fatalf("cancelled run wrote %d of %d records", len(first), n)
	}
	done := map[string]bool{}
	for i, r := range first {
		if want := fmt.Sprintf("r%d", i+1); r.ID != want {
			t.Fatalf("cancelled run: line %d is %s, want %s (the output must be a prefix)", i+1, r.ID, want)
		}
		done[r.ID] = true
	}
	if st1.Records != len(first) || st1.OK != len(first) {
		t.Errorf("cancelled run stats %+v for %d lines written", st1, len(first))
	}

	var out2 bytes.Buffer
	st2, err := batch.Run(context.Background(), newEcho(), strings.NewReader(in.String()), &out2, batch.Options{Workers: 4, Skip: done})
	if err != nil {
		t.Fatal(err)
	}
	all := append(first, parse(t, out2.String())...)
	if len(all) != n {
		t.Fatalf("%d records after resuming, want %d", len(all), n)
	}
	for i, r := range all {
		if want := fmt.Sprintf("r%d", i+1); r.ID != want {
			t.Fatalf("record %d is %s, want %s", i+1, r.ID, want)
		}
	}
	if st2.Skipped != len(first) || st2.OK != n-len(first) {
		t.Errorf("resumed run stats %+v, want %d skipped", st2, len(first))
	}
}

// TestRunEngine runs the real engine: key points for an article, an
// error record for a one-sentence article.
func TestRunEngine(t *testing.T) {
	eng, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerLead, N: 2})
	if err != nil {
		t.Fatal(err)
	}
	article := "The ferry sank on Tuesday. All 40 passengers were rescued. The captain was questioned. An inquiry starts next week."
	lines := []string{
		fmt.Sprintf(`{"id":"a","article":%q}`, article),
		`{"id":"b","text":"Just one sentence here."}`,
		`{"id":"c","text":"Binary \u0000\u0001 data. It is not text."}`,
	}
	var out bytes.Buffer
	if _, err := batch.Run(context.Background(), eng, strings.NewReader(strings.Join(lines, "\n")), &out, batch.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	recs := parse(t, out.String())
	if len(recs) != 3 {
		t.Fatalf("%d output lines, want 3:\n%s", len(recs), out.String())
	}
	if r := recs[0]; r.ID != "a" || len(r.KeyPoints) != 2 || *r.Summary != "The ferry sank on Tuesday.\nAll 40 passengers were rescued." {
		t.Errorf("record a: %+v", r)
	}
	if r := recs[1]; r.ID != "b" || r.Code != doc.EInvalid || r.Line != 2 || !strings.Contains(r.Error, "two sentences") {
		t.Errorf("record b: %+v", r)
	}
	if r := recs[2]; r.ID != "c" || r.Code != doc.EInvalid || r.Line != 3 || !strings.Contains(r.Error, "binary") {
		t.Errorf("record c: %+v", r)
	}
}

// TestRunPublisherPoints: a record whose article carries its publisher's
// key points on top gets them back as publisher_keypoints, apart from
// its own key points; one without gets no such field.
func TestRunPublisherPoints(t *testing.T) {
	eng, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerLead, N: 2})
	if err != nil {
		t.Fatal(err)
	}
	body := "The ferry sank on Tuesday off the coast of Larkspur. All 40 passengers were rescued by the coastguard. The captain was questioned. An inquiry starts next week."
	page := "Key Points\n- The Larkspur ferry sank on Tuesday.\n- All 40 passengers were rescued by the\nCoastguard Service.\n" + body
	in := fmt.Sprintf("{\"id\":\"page\",\"text\":%q}\n{\"id\":\"plain\",\"text\":%q}\n", page, body)
	var out bytes.Buffer
	if _, err := batch.Run(context.Background(), eng, strings.NewReader(in), &out, batch.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d output lines, want 2:\n%s", len(lines), out.String())
	}
	var rec struct {
		KeyPoints []doc.KeyPoint       `json:"keypoints"`
		Publisher []doc.PublisherPoint `json:"publisher_keypoints"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	want := []doc.PublisherPoint{{Text: "The Larkspur ferry sank on Tuesday."}, {Text: "All 40 passengers were rescued by the Coastguard Service."}}
	if fmt.Sprint(rec.Publisher) != fmt.Sprint(want) {
		t.Errorf("publisher_keypoints = %v, want %v", rec.Publisher, want)
	}
	if len(rec.KeyPoints) != 2 || rec.KeyPoints[0].Text != "The ferry sank on Tuesday off the coast of Larkspur." {
		t.Errorf("key points %+v, want the body's first two sentences", rec.KeyPoints)
	}
	if strings.Contains(lines[1], "publisher_keypoints") {
		t.Errorf("plain article has publisher_keypoints: %s", lines[1])
	}
}
