package normalize

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/internal/jsonl"
)

// TestGlueErrors measures both errors of the glued-word repair on text
// nobody wrote for it: names written as one word that it splits (the
// CamelCase words of the Scrapinghub reference texts, clean human text
// where every such word is meant), and glued pairs it leaves (two
// adjacent capitalised words of the same texts, "President Vladimir",
// run together as a removed link leaves them).
func TestGlueErrors(t *testing.T) {
	const path = "../../shared/data/html/scrapinghub_aeb.dev.jsonl.gz"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared data absent (%s): the glue measurement needs the Scrapinghub reference texts", path)
	}
	recs, err := jsonl.ReadAll[struct {
		Body string `json:"body"`
		Lang string `json:"lang"`
	}](path)
	if err != nil {
		t.Fatal(err)
	}
	camel := regexp.MustCompile(`\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b`)
	pair := regexp.MustCompile(`\b([A-Z][a-z]{2,}) ([A-Z][a-z]{2,})\b`)
	names, split := map[string]bool{}, map[string]bool{}
	glued, kept := map[string]bool{}, map[string]bool{}
	for _, r := range recs {
		if r.Lang != "en" {
			continue
		}
		for _, w := range camel.FindAllString(r.Body, -1) {
			names[w] = true
			if repair(w) != w {
				split[w] = true
			}
		}
		for _, m := range pair.FindAllStringSubmatch(r.Body, -1) {
			w := m[1] + m[2]
			if camel.MatchString(w) && !names[w] {
				glued[w] = true
				if repair(w) == w {
					kept[w] = true
				}
			}
		}
	}
	falseSplit := float64(len(split)) / float64(max(1, len(names)))
	missed := float64(len(kept)) / float64(max(1, len(glued)))
	t.Logf("names split: %d of %d (%.1f%%) %v", len(split), len(names), 100*falseSplit, sample(split))
	t.Logf("glued pairs left: %d of %d (%.1f%%) %v", len(kept), len(glued), 100*missed, sample(kept))
	if falseSplit > maxFalseSplit || missed > maxMissed {
		t.Errorf("names split %.1f%% (at most %.0f%%), glued pairs left %.1f%% (at most %.0f%%)", 100*falseSplit, 100*maxFalseSplit, 100*missed, 100*maxMissed)
	}
}

// The bounds TestGlueErrors holds the repair to.
const (
	maxFalseSplit = 0.20
	maxMissed     = 0.60
)

func sample(m map[string]bool) string {
	out := make([]string, 0, len(m))
	for w := range m {
		out = append(out, w)
	}
	sort.Strings(out)
	return strings.Join(out[:min(len(out), 12)], " ")
}

// TestGlueRepair: glued words are split, names written as one word are
// not, whatever the line around them.
func TestGlueRepair(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"He spoke with PresidentVladimir Putin on Tuesday.", "He spoke with President Vladimir Putin on Tuesday."},
		{"A readout from TheKremlin said little.", "A readout from The Kremlin said little."},
		{"SecretaryMichael Webb declined to comment.", "Secretary Michael Webb declined to comment."},
		{"YouTubers earn less this year.", "YouTubers earn less this year."},
		{"The car supports CarPlay and Android Auto.", "The car supports CarPlay and Android Auto."},
		{"The new iPhone ships in May.", "The new iPhone ships in May."},
		{"McDonald said the deal was off.", "McDonald said the deal was off."},
		{"DigiTimes reported the delay first.", "DigiTimes reported the delay first."},
		{"FoodCorp sold its stake last week.", "FoodCorp sold its stake last week."},
		{"Owners of AirPods can update them.", "Owners of AirPods can update them."},
		{"GiveWell lists its top charities.", "GiveWell lists its top charities."},
	} {
		if got := repair(tc.in); got != tc.want {
			t.Errorf("repair(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
