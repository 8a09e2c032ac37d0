package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/internal/jsonl"
)

// TestNaiveSplit checks the Go copy of lead3.py's split against what
// Python's re.split gives on the same strings.
func TestNaiveSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a b . c d . e", []string{"a b .", "c d .", "e"}},
		{"he said . '' yes ! '' no ? ok . . x", []string{"he said .", "yes !", "no ?", "ok .", ".", "x"}},
		{"x . '' '' y", []string{"x .", "'' y"}},
		{"no split here.", []string{"no split here."}},
		{" . a . b", []string{".", "a .", "b"}},
		{"u.s. troops . left", []string{"u.s. troops .", "left"}},
	}
	for _, tt := range tests {
		if got := naiveSplit(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("naiveSplit(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBenchQuality runs the quality section on a few CNN/DailyMail and
// BBC records twice: it must write the section and nothing else, the
// same bytes both times.
func TestBenchQuality(t *testing.T) {
	dir := t.TempDir()
	cnn := firstLines(t, "../../../shared/data/cnndm/dev.jsonl.gz", 60, filepath.Join(dir, "cnn.jsonl"))
	bbc := firstLines(t, "../../../shared/data/bbc/bbc_news_summary.jsonl.gz", 10, filepath.Join(dir, "bbc.jsonl"))
	out := filepath.Join(dir, "BENCHMARKS.md")
	if err := os.WriteFile(out, []byte("# Benchmarks\n\nby hand\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	for range 2 {
		var stdout, stderr bytes.Buffer
		args := []string{"bench", "-section", "quality", "-data", cnn, "-bbc", bbc, "-xsum", "", "-out", out}
		if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(b))
	}
	if got[0] != got[1] {
		t.Errorf("two runs differ:\n%s\n---\n%s", got[0], got[1])
	}
	for _, want := range []string{"# Benchmarks\n\nby hand\n\n<!-- begin:quality -->\n## Quality", "lead-3 (lead3.py)",
		"keypoints vs lead-3 (engine)", "Out of domain: BBC News", "<!-- end:quality -->\n"} {
		if !strings.Contains(got[0], want) {
			t.Errorf("output lacks %q:\n%s", want, got[0])
		}
	}
	if strings.Contains(got[0], "Out of domain: XSum") {
		t.Error("-xsum '' should skip XSum")
	}
}

// firstLines copies the first n lines of a gzipped shared file to dst,
// skipping the test when ../shared is absent.
func firstLines(t *testing.T, src string, n int, dst string) string {
	t.Helper()
	zr, err := jsonl.Open(src, nil)
	if err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	defer zr.Close()
	var b bytes.Buffer
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for i := 0; i < n && sc.Scan(); i++ {
		b.Write(sc.Bytes())
		b.WriteByte('\n')
	}
	if err := os.WriteFile(dst, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}
