package evaluate

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

func sampleReport() ReportData {
	a := Score(
		[]Reference{{ID: "1", References: []string{"Council approves budget"}}, {ID: "2", References: []string{"Storm cuts power"}}},
		[]Prediction{{ID: "1", Summary: "The council approved the budget."}, {ID: "2", Summary: "Power was cut."}},
		Options{Resamples: 50})
	b := Score(
		[]Reference{{ID: "1", References: []string{"Council approves budget"}}, {ID: "2", References: []string{"Storm cuts power"}}},
		[]Prediction{{ID: "1", Summary: "Taxes rise."}},
		Options{Resamples: 50})
	sa := NewSystemReport("keypoints", a)
	sa.Selections = []Selection{{Sentences: []int{0, 4}, Total: 10}, {Sentences: []int{1}, Total: 3}}
	sa.Words = []int{5, 3}
	// A name with markup must come out as text.
	sb := NewSystemReport("<b>lead-3</b>", b)
	sb.Selections = []Selection{{Sentences: []int{0, 1, 2}, Total: 10}, {Sentences: []int{0, 1, 2}, Total: 3}}
	sb.Words = []int{2, 0}
	return ReportData{
		Title:          "Test report",
		Notes:          []string{"references: invented fixtures"},
		Systems:        []SystemReport{sa, sb},
		Oracle:         []Selection{{Sentences: []int{0, 7}, Total: 10}, {Sentences: []int{2}, Total: 3}},
		ReferenceWords: []int{3, 3},
	}
}

func TestWriteHTML(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, sampleReport()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"<!DOCTYPE html>", "<style>", "<table>",
		"Per-article ROUGE-1 F", "Where chosen sentences come from", "Summary length",
		"oracle (reference content)", "&lt;b&gt;lead-3&lt;/b&gt;", "<rect",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Three plots, plus one colour swatch per system in the table.
	if n := strings.Count(page, "<svg"); n != 3+2 {
		t.Errorf("%d <svg> elements, want 5", n)
	}
	if strings.Contains(page, "<b>lead-3") {
		t.Error("system name was not escaped")
	}
	// Self-contained: nothing to fetch.
	for _, re := range []string{`(?i)https?://`, `(?i)\ssrc=`, `(?i)\shref=`, `(?i)<script`, `(?i)@import`, `(?i)url\(`, `(?i)<link`} {
		if loc := regexp.MustCompile(re).FindStringIndex(page); loc != nil {
			t.Errorf("page contains %q at %d: %q", re, loc[0], page[max(0, loc[0]-40):min(len(page), loc[1]+40)])
		}
	}
}

func TestWriteHTMLEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, ReportData{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "<title>ROUGE evaluation</title>") {
		t.Error("empty report lacks the default title")
	}
	if strings.Contains(b.String(), "<svg viewBox=\"0 0 760") {
		t.Error("empty report draws plots")
	}
}
