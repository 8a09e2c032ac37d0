package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// Invented articles on two invented events, written for this test.
const storiesInput = `{"id":"a1","outlet":"Harbor Daily","stance":"left","published":"2024-09-03T10:00:00Z","title":"Hurricane Delia floods Marbury as thousands flee","text":"Hurricane Delia made landfall near the port city of Marbury on Tuesday, flooding low-lying neighbourhoods and forcing thousands of residents to flee. The storm brought winds of 140 miles per hour and a surge of nine feet, according to the National Weather Service."}
{"id":"b1","outlet":"Harbor Daily","stance":"left","published":"2024-09-05","title":"Nordland parliament passes austerity budget","text":"The Nordland parliament passed a budget on Thursday that cuts spending on schools and hospitals by four percent. The bill passed by 88 votes to 79 after a night of debate."}
{"id":"a2","outlet":"Wire Report","stance":"center","published":"2024-09-03T12:00:00Z","title":"Delia slams into Marbury with 140 mph winds","article":"Hurricane Delia slammed into Marbury on Tuesday with winds of 140 miles per hour, flooding streets across the port city. Thousands of residents fled before landfall, and the storm surge reached nine feet."}
{"id":"b2","outlet":"Liberty Post","stance":"right","published":"2024-09-05T18:00:00Z","title":"Nordland budget cuts taxes, reins in spending","text":"Nordland's parliament approved a budget on Thursday that lowers the corporate tax rate to 18 percent and reins in spending. The vote was 88 to 79."}
`

const givenStoryInput = `{"id":"story-7","articles":["Hurricane Delia made landfall near Marbury on Tuesday, flooding neighbourhoods. Thousands of residents fled the port city.",{"text":"Hurricane Delia slammed into Marbury on Tuesday with 140 mph winds. Thousands of residents fled before landfall.","outlet":"Wire Report","stance":"center"}]}
`

func runStoriesCmd(t *testing.T, input string, args ...string) (string, string, int) {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte(input), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"stories", "-in", in, "-out", out}, args...), strings.NewReader(""), &stdout, &stderr)
	b, _ := os.ReadFile(out)
	return string(b), stderr.String(), code
}

type storyOut struct {
	ID        string   `json:"id"`
	Articles  []string `json:"articles"`
	Summary   string   `json:"summary"`
	KeyPoints []struct {
		Text    string   `json:"text"`
		Outlets []string `json:"outlets"`
		Sources []struct {
			Article  string `json:"article"`
			Sentence int    `json:"sentence"`
		} `json:"sources"`
	} `json:"keypoints"`
	Outlets []struct {
		Article string `json:"article"`
		Stance  string `json:"stance"`
	} `json:"outlets"`
	Coverage [][]bool `json:"coverage"`
}

func decodeStories(t *testing.T, s string) []storyOut {
	t.Helper()
	var out []storyOut
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		var st storyOut
		if err := json.Unmarshal([]byte(line), &st); err != nil {
			t.Fatalf("bad output line %q: %v", line, err)
		}
		out = append(out, st)
	}
	return out
}

func TestStoriesGroups(t *testing.T) {
	out, stderr, code := runStoriesCmd(t, storiesInput)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sts := decodeStories(t, out)
	var groups [][]string
	for _, st := range sts {
		a := slices.Clone(st.Articles)
		sort.Strings(a)
		groups = append(groups, a)
		if st.Summary == "" || len(st.KeyPoints) == 0 {
			t.Errorf("story %s has no key points", st.ID)
		}
		if len(st.Coverage) != len(st.KeyPoints) || len(st.Coverage[0]) != len(st.Outlets) {
			t.Errorf("story %s: coverage is %dx%d for %d points and %d outlets", st.ID, len(st.Coverage), len(st.Coverage[0]), len(st.KeyPoints), len(st.Outlets))
		}
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i][0] < groups[j][0] })
	if want := [][]string{{"a1", "a2"}, {"b1", "b2"}}; len(groups) != 2 || !slices.Equal(groups[0], want[0]) || !slices.Equal(groups[1], want[1]) {
		t.Errorf("stories = %v, want %v", groups, want)
	}
}

func TestStoriesGiven(t *testing.T) {
	out, stderr, code := runStoriesCmd(t, givenStoryInput)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sts := decodeStories(t, out)
	if len(sts) != 1 || sts[0].ID != "story-7" {
		t.Fatalf("got %+v, want one story story-7", sts)
	}
	st := sts[0]
	if !slices.Equal(st.Articles, []string{"1", "2"}) {
		t.Errorf("articles = %v, want [1 2]", st.Articles)
	}
	if st.Outlets[1].Stance != "center" {
		t.Errorf("second outlet stance = %q, want center", st.Outlets[1].Stance)
	}
	// Both outlets report the landfall: the first key point is theirs.
	if kp := st.KeyPoints[0]; !slices.Equal(kp.Outlets, []string{"1", "Wire Report"}) || len(kp.Sources) != 2 {
		t.Errorf("first key point %q by %v from %v, want both outlets", kp.Text, kp.Outlets, kp.Sources)
	}
}

func TestStoriesFormats(t *testing.T) {
	for _, tc := range []struct{ format, want string }{
		{"markdown", "## Key points"},
		{"html", "<!doctype html>"},
	} {
		out, stderr, code := runStoriesCmd(t, storiesInput+givenStoryInput, "-format", tc.format)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.format, code, stderr)
		}
		if !strings.Contains(out, tc.want) || !strings.Contains(out, "Liberty Post") {
			t.Errorf("%s output lacks %q or an outlet:\n%.300s", tc.format, tc.want, out)
		}
	}
}

func TestStoriesErrors(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		args        []string
		code        int
	}{
		{"bad format", storiesInput, []string{"-format", "pdf"}, 2},
		{"bad window", storiesInput, []string{"-window", "-1h"}, 2},
		{"malformed line", "{\"id\":\n", nil, 1},
		{"no id", `{"text":"Hurricane Delia made landfall near Marbury on Tuesday."}` + "\n", nil, 1},
		{"bad stance", `{"id":"x","stance":"up","text":"Hurricane Delia made landfall near Marbury on Tuesday."}` + "\n", nil, 1},
		{"bad time", `{"id":"x","published":"last week","text":"Hurricane Delia made landfall near Marbury on Tuesday."}` + "\n", nil, 1},
		{"twice", storiesInput + storiesInput, nil, 1},
	} {
		_, stderr, code := runStoriesCmd(t, tc.input, tc.args...)
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d (%s)", tc.name, code, tc.code, stderr)
		}
	}
}
