package batch_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/batch"
)

// TestRunSkipLines resumes after a run that answered the first four input
// lines, among them a malformed line and an id-less record: neither is
// answered again, while the same kinds of line after the cut still are.
func TestRunSkipLines(t *testing.T) {
	in := strings.Join([]string{
		articleLine(1),
		`{not json`,
		`{"text":"noid1 has no id at all."}`,
		articleLine(4),
		`{not json either`,
		`{"text":"noid2 has no id at all."}`,
		articleLine(7),
	}, "\n") + "\n"
	var out bytes.Buffer
	skip := map[string]bool{"r1": true, "r4": true}
	st, err := batch.Run(context.Background(), newEcho(), strings.NewReader(in), &out, batch.Options{Workers: 3, Skip: skip, SkipLines: 4})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range parse(t, out.String()) {
		if r.Error != "" {
			got = append(got, "error@"+string(rune('0'+r.Line)))
		} else {
			got = append(got, r.ID)
		}
	}
	if g, want := strings.Join(got, " "), "error@5 line-6 r7"; g != want {
		t.Errorf("resumed output %q, want %q", g, want)
	}
	if st.Skipped != 4 || st.Records != 7 {
		t.Errorf("stats %+v, want 7 records with 4 skipped", st)
	}
}
