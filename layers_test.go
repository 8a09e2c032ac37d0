package keypoints_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayers keeps the pipeline's shape: each stage imports only the
// domain types (package doc) from this module, never another stage, and
// the metric (rouge, evaluate) never imports the pipeline it measures.
func TestLayers(t *testing.T) {
	const mod = "github.com/keypoints-dev/keypoints"
	allowed := map[string][]string{
		"doc":       {},
		"normalize": {"doc"},
		"segment":   {"doc"},
		"tokenize":  {"doc"},
		"score":     {"doc"},
		"pick":      {"doc"},
		"compress":  {"doc"},
		"render":    {"doc"},
		"attrib":    {},
		"rouge":     {"internal/porter"},
		"evaluate":  {"rouge", "internal/porter", "internal/jsonl"},
	}
	for pkg, ok := range allowed {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "./"+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			rel, inModule := strings.CutPrefix(dep, mod+"/")
			if !inModule || rel == pkg {
				continue
			}
			permitted := false
			for _, a := range ok {
				permitted = permitted || rel == a
			}
			if !permitted {
				t.Errorf("%s depends on %s; it may use only %v from this module", pkg, rel, ok)
			}
		}
	}
}
