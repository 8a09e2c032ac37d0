package train_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/keypoints-dev/keypoints/evaluate"
	"github.com/keypoints-dev/keypoints/rouge"
	"github.com/keypoints-dev/keypoints/train"
)

// TestShippedModelReproduces retrains on cnndm/dev with the defaults, as
// "keypoints train -data ../shared/data/cnndm/dev.jsonl.gz -out
// score/data/model.json -compress-out compress/data/model.json" does, and
// requires the embedded models byte for byte: the shipped model is what the code and the data make, nothing
// else. It takes several seconds; -short skips it.
func TestShippedModelReproduces(t *testing.T) {
	const data = "../../shared/data/cnndm/dev.jsonl.gz"
	if testing.Short() {
		t.Skip("-short: not retraining the shipped model")
	}
	if _, err := os.Stat(data); err != nil {
		t.Skipf("training data not available (%v): this test needs ../shared", err)
	}
	shipped, err := os.ReadFile("../score/data/model.json")
	if err != nil {
		t.Fatal(err)
	}
	o := evaluate.NewOracle(rouge.Options{Stem: true})
	m, rep, err := train.Run(train.Config{
		Data:   data,
		Oracle: func(s []string, ref string) []int { return o.Select(s, []string{ref}, 4) },
	})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := train.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), shipped) {
		t.Fatalf("retraining gives a model that differs from score/data/model.json (%d vs %d bytes): rebuild it with keypoints train", b.Len(), len(shipped))
	}
	shippedCompressor, err := os.ReadFile("../compress/data/model.json")
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := train.Encode(&b, rep.Compressor); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), shippedCompressor) {
		t.Fatalf("retraining gives a compressor that differs from compress/data/model.json: rebuild it with keypoints train -compress-out")
	}
	t.Logf("retrained in %s; validation R-1 %.2f", rep.Elapsed.Round(1e6), rep.Systems[0].R1)
}
