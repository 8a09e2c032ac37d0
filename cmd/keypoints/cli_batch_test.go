package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func batchInput(ids ...int) string {
	var b strings.Builder
	for _, id := range ids {
		article := fmt.Sprintf("Story %d: the ferry sank on Tuesday. All %d passengers were rescued. The captain was questioned. An inquiry starts next week.", id, 10+id)
		fmt.Fprintf(&b, "{\"id\":\"a%d\",\"article\":%q}\n", id, article)
	}
	return b.String()
}

// TestBatchResume: a run cut off by a crash leaves a partial last line;
// "batch -resume" drops it, skips the ids already written and appends the
// rest, so every record is in the file once, whole.
func TestBatchResume(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.jsonl"), filepath.Join(dir, "out.jsonl")
	if err := os.WriteFile(in, []byte(batchInput(1, 2, 3)), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"batch", "-in", in, "-out", out, "-n", "2", "-scorer", "lead", "-progress", "off", "-workers", "3"}
	if code, _, errOut := runCLI(t, "", args...); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, errOut)
	}
	done, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// The crash: half of the fourth record's line, no newline.
	f, err := os.OpenFile(out, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"id":"a4","keypoints":[{"text":"Story 4: the fer`)
	f.Close()

	if err := os.WriteFile(in, []byte(batchInput(1, 2, 3, 4, 5, 6)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, errOut := runCLI(t, "", append(args, "-resume")...)
	if code != 0 {
		t.Fatalf("resumed run: exit %d: %s", code, errOut)
	}
	if stdout != "" {
		t.Errorf("batch -out wrote to stdout: %q", stdout)
	}
	if !strings.Contains(errOut, "3 skipped") {
		t.Errorf("stderr %q does not report 3 skipped records", errOut)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(got), string(done)) {
		t.Errorf("the records of the first run were rewritten")
	}
	if !strings.HasSuffix(string(got), "\n") {
		t.Errorf("file ends in a partial line")
	}
	lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d lines, want 6:\n%s", len(lines), got)
	}
	for i, l := range lines {
		var rec struct {
			ID        string
			KeyPoints []struct{ Text string }
			Summary   string
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, l)
		}
		if want := fmt.Sprintf("a%d", i+1); rec.ID != want || len(rec.KeyPoints) != 2 {
			t.Errorf("line %d: id %q with %d key points, want %s with 2", i+1, rec.ID, len(rec.KeyPoints), want)
		}
		if want := fmt.Sprintf("Story %d: the ferry sank on Tuesday.", i+1); !strings.HasPrefix(rec.Summary, want) {
			t.Errorf("line %d: summary %q", i+1, rec.Summary)
		}
	}
}

// TestBatchStdin: one output line per input line on stdout, errors
// included, and the run succeeds.
func TestBatchStdin(t *testing.T) {
	input := batchInput(1) + "not json\n\n" + `{"id":9,"text":"One sentence only."}` + "\n" + batchInput(2)
	code, out, errOut := runCLI(t, input, "batch", "-scorer", "lead", "-progress", "off")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := []string{`"id":"a1"`, `"line":2`, `"line":3`, `"id":"9"`, `"id":"a2"`}
	got := lines(out)
	if len(got) != len(want) {
		t.Fatalf("%d output lines, want %d:\n%s", len(got), len(want), out)
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("line %d %s does not contain %s", i+1, got[i], w)
		}
	}
	if !strings.Contains(errOut, "5 records (2 ok, 3 errors, 0 skipped)") {
		t.Errorf("stderr %q", errOut)
	}
}
