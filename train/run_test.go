package train_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/keypoints-dev/keypoints/evaluate"
	"github.com/keypoints-dev/keypoints/internal/jsonl"
	"github.com/keypoints-dev/keypoints/rouge"
	"github.com/keypoints-dev/keypoints/score"
	"github.com/keypoints-dev/keypoints/train"
)

// sharedSlice copies the first n records of a gzipped JSONL file from
// ../shared into a gzipped file under t.TempDir, skipping the test when
// ../shared is absent.
func sharedSlice(t *testing.T, src string, n int) string {
	t.Helper()
	zr, err := jsonl.Open(src, nil)
	if err != nil {
		t.Skipf("shared data not available (%v): this test needs ../shared from the repository root", err)
	}
	defer zr.Close()
	dst := filepath.Join(t.TempDir(), "slice.jsonl.gz")
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(out)
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	lines := 0
	for lines < n && sc.Scan() {
		zw.Write(sc.Bytes())
		zw.Write([]byte{'\n'})
		lines++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if lines < n {
		t.Fatalf("%s has %d records, want at least %d", src, lines, n)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestRunReproducible trains twice on a 200-record slice of cnndm/dev with
// the shipped settings and requires byte-identical model files.
func TestRunReproducible(t *testing.T) {
	const records = 200
	data := sharedSlice(t, "../../shared/data/cnndm/dev.jsonl.gz", records)
	var models [2][]byte
	var reps [2]train.Report
	for k := range models {
		o := evaluate.NewOracle(rouge.Options{Stem: true})
		start := time.Now()
		m, rep, err := train.Run(train.Config{
			Data:   data,
			Oracle: func(s []string, ref string) []int { return o.Select(s, []string{ref}, 4) },
		})
		if err != nil {
			t.Fatalf("run %d: %v", k, err)
		}
		var b bytes.Buffer
		if err := train.Encode(&b, m); err != nil {
			t.Fatal(err)
		}
		models[k], reps[k] = b.Bytes(), rep
		t.Logf("run %d: %d train, %d validation, %d skipped in %s", k, rep.Train, rep.Validation, rep.Skipped, time.Since(start).Round(time.Millisecond))
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Fatalf("two runs on the same data give different model files (%d and %d bytes)", len(models[0]), len(models[1]))
	}
	rep := reps[0]
	if got := rep.Train + rep.Validation + rep.Skipped; got != records {
		t.Errorf("train %d + validation %d + skipped %d = %d, want %d", rep.Train, rep.Validation, rep.Skipped, got, records)
	}
	if rep.Validation < records/10 || rep.Validation > records*3/10 {
		t.Errorf("%d validation articles of %d, want about a fifth", rep.Validation, records)
	}
	for k, s := range rep.Systems {
		if s != reps[1].Systems[k] {
			t.Errorf("measure of %s differs between runs: %+v vs %+v", s.System, s, reps[1].Systems[k])
		}
		if !(s.R1 > 0 && s.R1 < 100 && s.R2 > 0 && s.R2 < s.R1 && s.Words > 0) {
			t.Errorf("%s: R-1 %.2f R-2 %.2f words %.1f, want 0 < R-2 < R-1 < 100", s.System, s.R1, s.R2, s.Words)
		}
	}
	if len(rep.Systems) != 5 || rep.Systems[4].System != "oracle" {
		t.Fatalf("systems = %+v, want model, compressed, unsupervised, lead-3, oracle", rep.Systems)
	}
	if whole, short := rep.Systems[0].Words, rep.Systems[1].Words; short > whole {
		t.Errorf("compressed key points have %.1f words, whole sentences %.1f", short, whole)
	}
	if err := rep.Compressor.Validate(); err != nil {
		t.Errorf("compressor: %v", err)
	}
	if oracle, model := rep.Systems[4].R1, rep.Systems[0].R1; oracle <= model {
		t.Errorf("oracle R-1 %.2f not above the model's %.2f", oracle, model)
	}
	// The file is what score loads.
	m, err := score.LoadModel(models[0])
	if err != nil {
		t.Fatalf("LoadModel(trained model): %v", err)
	}
	if m.Lexicon == nil || len(m.Lexicon.Terms) == 0 {
		t.Error("trained model has no lexicon")
	}
	if got, want := m.Meta["records"], strconv.Itoa(records); got != want {
		t.Errorf("meta records = %q, want %q", got, want)
	}
	if got, want := m.Meta["data"], "slice.jsonl.gz"; got != want {
		t.Errorf("meta data = %q, want %q", got, want)
	}
}

func TestRunErrors(t *testing.T) {
	oracle := func([]string, string) []int { return []int{0} }
	for _, tc := range []struct {
		name string
		cfg  train.Config
	}{
		{"no oracle", train.Config{Data: "testdata/none.jsonl"}},
		{"missing data", train.Config{Data: filepath.Join(t.TempDir(), "none.jsonl"), Oracle: oracle}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if m, _, err := train.Run(tc.cfg); err == nil || m != nil {
				t.Errorf("Run = %v, %v; want no model and an error", m, err)
			}
		})
	}
}
