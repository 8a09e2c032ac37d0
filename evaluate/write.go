package evaluate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/keypoints-dev/keypoints/rouge"
)

// itemJSON is one line of WriteItems' output.
type itemJSON struct {
	ID       string    `json:"id"`
	Rouge1   scoreJSON `json:"rouge1"`
	Rouge2   scoreJSON `json:"rouge2"`
	RougeL   scoreJSON `json:"rougeL"`
	RougeSU4 scoreJSON `json:"rougeSU4"`
	Missing  bool      `json:"missing,omitempty"`
}

type scoreJSON struct {
	R float64 `json:"r"`
	P float64 `json:"p"`
	F float64 `json:"f"`
}

func toJSON(s rouge.Score) scoreJSON { return scoreJSON{R: s.R, P: s.P, F: s.F} }

// WriteItems writes one JSON object a line per item:
//
//	{"id":"...","rouge1":{"r":0.5,"p":0.4,"f":0.44444},"rouge2":{...},"rougeL":{...},"rougeSU4":{...}}
//
// with "missing":true added for items that had no prediction. The
// numbers are ROUGE-1.5.5's per-document figures, five decimals at most.
func WriteItems(w io.Writer, items []Item) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for _, it := range items {
		s := it.Scores
		if err := enc.Encode(itemJSON{
			ID:       it.ID,
			Rouge1:   toJSON(s.R1),
			Rouge2:   toJSON(s.R2),
			RougeL:   toJSON(s.RL),
			RougeSU4: toJSON(s.RSU4),
			Missing:  it.Missing,
		}); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// NamedSummary is a system's name with its Summary, a row group of
// WriteTable.
type NamedSummary struct {
	Name    string
	Summary Summary
}

// measureStats lists a Summary's measures with their display names.
func measureStats(s Summary) []struct {
	Name  string
	Stats ScoreStats
} {
	return []struct {
		Name  string
		Stats ScoreStats
	}{
		{"ROUGE-1", s.R1}, {"ROUGE-2", s.R2}, {"ROUGE-L", s.RL}, {"ROUGE-SU4", s.RSU4},
	}
}

// WriteTable writes an aligned text table of the systems' mean R, P and
// F per measure, times 100, each with its 95% confidence interval:
//
//	system  measure  R                     P                     F
//	lead3   ROUGE-1  40.12 (39.80-40.45)   ...
func WriteTable(w io.Writer, systems []NamedSummary) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "system\tmeasure\tR\tP\tF\tn")
	for _, sys := range systems {
		for _, m := range measureStats(sys.Summary) {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\n", sys.Name, m.Name,
				fmtStat(m.Stats.R), fmtStat(m.Stats.P), fmtStat(m.Stats.F), sys.Summary.N)
		}
	}
	return tw.Flush()
}

func fmtStat(s Stat) string {
	return fmt.Sprintf("%.2f (%.2f-%.2f)", 100*s.Mean, 100*s.Lo, 100*s.Hi)
}

// WriteComparison writes the paired comparison of systems a and b as an
// aligned table: each measure's F means ×100, the difference with its 95%
// confidence interval, and the one-sided p-value (see Comparison.P).
func WriteComparison(w io.Writer, a, b string, c Comparisons) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "measure (F)\t%s\t%s\tdiff (95%% CI)\tp(%s<=%s)\tn\n", a, b, a, b)
	for _, m := range []struct {
		name string
		c    Comparison
	}{{"ROUGE-1", c.R1}, {"ROUGE-2", c.R2}, {"ROUGE-L", c.RL}, {"ROUGE-SU4", c.RSU4}} {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%+.2f (%+.2f..%+.2f)\t%.3f\t%d\n", m.name,
			100*m.c.MeanA, 100*m.c.MeanB, 100*m.c.Diff, 100*m.c.Lo, 100*m.c.Hi, m.c.P, m.c.N)
	}
	if len(c.OnlyA) > 0 || len(c.OnlyB) > 0 {
		fmt.Fprintf(tw, "left out: %d ids only in %s, %d only in %s\n", len(c.OnlyA), a, len(c.OnlyB), b)
	}
	return tw.Flush()
}

// WordCount returns the number of whitespace-separated words in s, the
// length measure of the report's length plot.
func WordCount(s string) int { return len(strings.Fields(s)) }
