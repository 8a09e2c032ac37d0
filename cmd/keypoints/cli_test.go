package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cliArticle is a news story written for these tests, as damaged as
// scraped text is: a byline, a dateline, a paragraph cut off where a link
// was removed, a "Read more" line, glued words and a trailing "Follow us".
const cliArticle = `By Dana Whitfield, Coastal Times
PORTLAND, Ore. (AP) — State regulators on Tuesday ordered the Cascade Power Co. to shut two aging gas turbines at its Riverside plant after a fire injured three workers last week.
The order, signed by Commissioner Ruth M. Okafor, gives the utility 30 days to submit a repair plan and bars it from restarting the units until inspectors approve it.
The fire broke out shortly after 2 a.m. on Oct. 14 in a turbine hall that inspectors had flagged twice since 2019, according to a report released by the
Read more: Utilities face new safety rules
Cascade said in a statement that it would comply with the order and that power supplies to its 410,000 customers would not be affected. "Safety comes first, and we accept the commission's findings," spokesman Lee Harmon said.
Two of the injured workers were released from the hospital on Friday. The third remains in serious condition, the company said.
The commission's report found that a cracked fuel line had leaked for several hours before the fire. It also said the plant's gas detectors had been switched off during maintenance and never turned back on.
GovernorTina Kotek called the findings "deeply troubling" and asked the Legislature to let the commission fine utilities up to $1 million a day for safety violations.
Consumer groups welcomed the order but said it came too late. "Regulators knew about these problems for years," said Maria Delgado of a customers' group.
The Riverside plant, built in 1974, supplies about 8 percent of Cascade's power. The utility plans to replace the turbines with a battery storage site by 2028.
Follow us on Twitter for more energy news
`

// runCLI runs the command line in-process with stdin and returns the exit
// status, stdout and stderr. It fails the test if the command takes longer
// than a minute or its output shows a panic.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr) }()
	var code int
	select {
	case code = <-done:
	case <-time.After(time.Minute):
		t.Fatalf("keypoints %s did not finish in a minute", strings.Join(args, " "))
	}
	if s := stderr.String(); strings.Contains(s, "panic") || strings.Contains(s, "goroutine ") {
		t.Fatalf("keypoints %s panicked:\n%s", strings.Join(args, " "), s)
	}
	return code, stdout.String(), stderr.String()
}

func lines(s string) []string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func TestSummarizeN(t *testing.T) {
	for _, n := range []string{"1", "2", "3", "4", "5"} {
		t.Run("n="+n, func(t *testing.T) {
			code, out, errOut := runCLI(t, cliArticle, "summarize", "-n", n)
			if code != 0 {
				t.Fatalf("exit %d, stderr: %s", code, errOut)
			}
			got := lines(out)
			if want := int(n[0] - '0'); len(got) != want {
				t.Fatalf("printed %d lines, want %d:\n%s", len(got), want, out)
			}
			for _, l := range got {
				if strings.TrimSpace(l) == "" {
					t.Errorf("empty key point in:\n%s", out)
				}
				for _, junk := range []string{"(AP)", "By Dana", "Read more", "Follow us", "GovernorTina"} {
					if strings.Contains(l, junk) {
						t.Errorf("key point %q contains %q", l, junk)
					}
				}
			}
		})
	}
}

func TestSummarizeFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "article.txt")
	if err := os.WriteFile(path, []byte(cliArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	codeFile, outFile, errOut := runCLI(t, "", "summarize", "-scorer", "lead", path)
	if codeFile != 0 {
		t.Fatalf("exit %d, stderr: %s", codeFile, errOut)
	}
	codeStdin, outStdin, _ := runCLI(t, cliArticle, "summarize", "-scorer", "lead", "-")
	if codeStdin != 0 || outStdin != outFile {
		t.Errorf("stdin (\"-\") gave exit %d and\n%s\nthe file gave\n%s", codeStdin, outStdin, outFile)
	}
	// The lead key points are the first sentences, cleaned.
	want := "State regulators on Tuesday ordered the Cascade Power Co. to shut two aging gas turbines at its Riverside plant after a fire injured three workers last week."
	if got := lines(outFile); len(got) != 3 || got[0] != want {
		t.Errorf("lead key points:\n%s\nwant 3, the first:\n%s", outFile, want)
	}
}

func TestSummarizeJSON(t *testing.T) {
	code, out, errOut := runCLI(t, cliArticle, "summarize", "-n", "3", "-format", "json")
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, errOut)
	}
	var rec struct {
		KeyPoints []map[string]json.RawMessage `json:"keypoints"`
		Summary   string                       `json:"summary"`
		Sentences []struct {
			Text       string `json:"text"`
			Start, End int
		} `json:"sentences"`
	}
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(rec.KeyPoints) != 3 {
		t.Fatalf("%d keypoints, want 3:\n%s", len(rec.KeyPoints), out)
	}
	if len(rec.Sentences) < 10 {
		t.Errorf("%d sentences, want the article's (at least 10)", len(rec.Sentences))
	}
	var texts []string
	for i, kp := range rec.KeyPoints {
		var text string
		var sents []int
		var score float64
		if err := json.Unmarshal(kp["text"], &text); err != nil || text == "" {
			t.Errorf("keypoint %d: text %s (%v)", i, kp["text"], err)
		}
		if err := json.Unmarshal(kp["sentences"], &sents); err != nil || len(sents) == 0 {
			t.Errorf("keypoint %d: sentences %s (%v)", i, kp["sentences"], err)
		}
		if err := json.Unmarshal(kp["score"], &score); err != nil {
			t.Errorf("keypoint %d: score %s (%v)", i, kp["score"], err)
		}
		// A compressed point is its source sentence with words left out:
		// the source is part of the sentence, the point's words a
		// subsequence of the source's.
		whole := text
		if raw, ok := kp["source"]; ok {
			if err := json.Unmarshal(raw, &whole); err != nil {
				t.Errorf("keypoint %d: source %s (%v)", i, raw, err)
			}
			if !subsequence(strings.Fields(strings.TrimSuffix(text, ".")), strings.Fields(whole)) {
				t.Errorf("keypoint %d: %q is not %q with words left out", i, text, whole)
			}
		}
		for _, s := range sents {
			if s < 0 || s >= len(rec.Sentences) {
				t.Errorf("keypoint %d: sentence index %d out of range", i, s)
			} else if !strings.Contains(rec.Sentences[s].Text, whole) {
				t.Errorf("keypoint %d: %q is not part of its sentence %q", i, whole, rec.Sentences[s].Text)
			}
		}
		texts = append(texts, text)
	}
	if rec.Summary != strings.Join(texts, "\n") {
		t.Errorf("summary %q is not the key points joined", rec.Summary)
	}
}

func TestSummarizeMarkdown(t *testing.T) {
	for _, format := range []string{"markdown", "md"} {
		code, out, errOut := runCLI(t, cliArticle, "summarize", "-n", "2", "-format", format)
		if code != 0 {
			t.Fatalf("-format %s: exit %d, stderr: %s", format, code, errOut)
		}
		got := lines(out)
		if len(got) != 4 || !strings.HasPrefix(got[0], "## ") || got[1] != "" ||
			!strings.HasPrefix(got[2], "- ") || !strings.HasPrefix(got[3], "- ") {
			t.Errorf("-format %s: want a heading and two bullets, got:\n%s", format, out)
		}
	}
}

func TestSummarizeWords(t *testing.T) {
	for _, words := range []string{"30", "45", "70"} {
		code, out, errOut := runCLI(t, cliArticle, "summarize", "-n", "5", "-words", words)
		if code != 0 {
			t.Fatalf("-words %s: exit %d, stderr: %s", words, code, errOut)
		}
		n := len(strings.Fields(out))
		budget := 0
		for _, c := range words {
			budget = budget*10 + int(c-'0')
		}
		if n > budget || len(lines(out)) == 0 {
			t.Errorf("-words %s: %d words in %d key points:\n%s", words, n, len(lines(out)), out)
		}
	}
}

func TestSentencesCommand(t *testing.T) {
	code, out, errOut := runCLI(t, cliArticle, "sentences")
	if code != 0 {
		t.Fatalf("exit %d, stderr: %s", code, errOut)
	}
	got := lines(out)
	want := map[string]bool{
		// the dateline and byline are gone
		"State regulators on Tuesday ordered the Cascade Power Co. to shut two aging gas turbines at its Riverside plant after a fire injured three workers last week.": true,
		// glued words repaired
		"Governor Tina Kotek called the findings \"deeply troubling\" and asked the Legislature to let the commission fine utilities up to $1 million a day for safety violations.": true,
		"Two of the injured workers were released from the hospital on Friday.":                                                                                                     true,
		"The third remains in serious condition, the company said.":                                                                                                                 true,
	}
	cut := false
	for _, l := range got {
		delete(want, l)
		// The paragraph cut off after "released by the" is a sentence of
		// its own (perhaps trimmed back to its last whole clause), never
		// glued to the next paragraph.
		if strings.HasPrefix(l, "The fire broke out shortly after 2 a.m. on Oct. 14 in a turbine hall") {
			cut = true
			if strings.Contains(l, "Cascade") || strings.Contains(l, "Read more") {
				t.Errorf("cut-off paragraph glued to the next: %q", l)
			}
		}
		if strings.Contains(l, "Read more") || strings.Contains(l, "Follow us") {
			t.Errorf("boilerplate line kept: %q", l)
		}
	}
	for s := range want {
		t.Errorf("missing sentence %q in:\n%s", s, out)
	}
	if !cut {
		t.Errorf("the cut-off paragraph is missing:\n%s", out)
	}
	if len(got) != 14 {
		t.Errorf("%d sentences, want 14:\n%s", len(got), out)
	}

	// One a line, exactly.
	code, out, _ = runCLI(t, "The dam held. Crews stayed overnight.\nNobody was hurt", "sentences")
	if want := "The dam held.\nCrews stayed overnight.\nNobody was hurt\n"; code != 0 || out != want {
		t.Errorf("sentences: exit %d, output %q, want %q", code, out, want)
	}
}

// TestSummarizeBadInput: input that is not an article fails with exit
// status 1 and a message on stderr naming the problem, never a panic, a
// hang or output on stdout.
func TestSummarizeBadInput(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	random := make([]byte, 1<<20)
	r.Read(random)
	huge := strings.Repeat("word ", 10<<20) // 50 MB, one line

	tests := []struct {
		name    string
		stdin   string
		message string
	}{
		{"empty", "", "empty input"},
		{"white space", "  \n\n\t ", "no article text"},
		{"binary", string(random), "not valid UTF-8"},
		{"NUL bytes", "The vote passed.\x00\x00\x00 It was close.", "binary"},
		{"invalid UTF-8", "The caf\xe9 closed on Monday. Its owner retired.", "not valid UTF-8"},
		{"50 MB single line", huge, "over the"},
		{"one sentence", "The council voted on Monday to close the bridge.", "at least two sentences"},
		{"no punctuation", "Council votes to close bridge\nRepairs to take 18 months\nDrivers face long detours", "no sentence punctuation"},
		{"only boilerplate", "By Dana Whitfield, Coastal Times\nRead more: other stories", "boilerplate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			code, out, errOut := runCLI(t, tt.stdin, "summarize")
			if code != 1 {
				t.Errorf("exit %d, want 1 (stderr %q)", code, errOut)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if !strings.HasPrefix(errOut, "keypoints summarize: ") || !strings.Contains(errOut, tt.message) {
				t.Errorf("stderr %q, want a message naming %q", errOut, tt.message)
			}
			if len(errOut) > 300 {
				t.Errorf("message is %d bytes long: %.300q", len(errOut), errOut)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"unknown flag", []string{"summarize", "-frobnicate"}, 2, "flag provided but not defined"},
		{"unknown format", []string{"summarize", "-format", "xml"}, 2, "unknown -format"},
		{"n out of range", []string{"summarize", "-n", "-1"}, 2, "n must be"},
		{"unknown scorer", []string{"summarize", "-scorer", "magic"}, 2, "unknown scorer"},
		{"two files", []string{"summarize", "a.txt", "b.txt"}, 2, "at most one input file"},
		{"unknown command", []string{"summarise"}, 2, "unknown command"},
		{"no command", nil, 2, "Usage"},
		{"missing file", []string{"summarize", filepath.Join(os.TempDir(), "no-such-article.txt")}, 1, "no such file"},
		{"sentences unknown flag", []string{"sentences", "-n", "3"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, cliArticle, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if !strings.Contains(errOut, tt.message) {
				t.Errorf("stderr %q does not mention %q", errOut, tt.message)
			}
		})
	}
}

// subsequence reports whether the words of part occur in whole in order,
// each possibly with punctuation after it there ("Okafor," for "Okafor")
// and a capital where it now starts the point.
func subsequence(part, whole []string) bool {
	j := 0
	for _, w := range whole {
		if j < len(part) && strings.EqualFold(strings.TrimRight(w, ",;:."), strings.TrimRight(part[j], ",;:.")) {
			j++
		}
	}
	return j == len(part)
}
