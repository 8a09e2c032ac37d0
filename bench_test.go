package keypoints_test

import (
	"testing"

	"github.com/keypoints-dev/keypoints/internal/stagebench"
)

// benchData is the corpus the stage benchmarks cycle through.
const benchData = "../shared/data/cnndm/dev.jsonl.gz"

// BenchmarkStages times each pipeline stage per article, then the whole
// pipeline from JSON line to JSON line. Run with -benchtime 6558x to go
// through the corpus once:
//
//	go test -run XXX -bench Stages -benchtime 6558x .
func BenchmarkStages(b *testing.B) {
	c, err := stagebench.Load(benchData)
	if err != nil {
		b.Skipf("benchmark corpus not available (%v): the stage benchmarks need ../shared", err)
	}
	for _, st := range stagebench.Stages(c) {
		b.Run(st.Name, st.Run)
	}
}
