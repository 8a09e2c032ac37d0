package stories

import (
	"encoding/json"
	"os"
	"testing"
)

func TestTuneGroup(t *testing.T) {
	split := os.Getenv("KP_TUNE")
	if split == "" {
		t.Skip()
	}
	flat := flatten(loadAllSides(t, split))
	truth := truthOf(flat)
	for _, o := range tuneGrid() {
		groups := groupFlat(t, flat, o)
		p, r, f := bcubed(truth, groups)
		t.Logf("F1 %.3f P %.3f R %.3f join %.2f coh %.2f idfp %.1f tw %.1f nw %.1f: %d stories", f, p, r, o.Join, o.Cohesion, o.IDFPower, o.TitleWeight, o.NameWeight, len(groups))
	}
}

func tuneGrid() []GroupOptions {
	if g := os.Getenv("KP_GRID"); g != "" {
		var out []GroupOptions
		if err := json.Unmarshal([]byte(g), &out); err != nil {
			panic(err)
		}
		return out
	}
	return []GroupOptions{{}}
}
