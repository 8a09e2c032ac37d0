package main

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeUsage keeps README.md's command list in step with the command
// table: every command's usage line appears there verbatim, and the
// README names no command the tool lacks.
func TestReadmeUsage(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, c := range commands {
		line := strings.TrimSpace("keypoints " + c.name + " " + c.usage)
		if !strings.Contains(readme, line+"\n") {
			t.Errorf("README.md lacks the usage line of %s:\n%s", c.name, line)
		}
	}
	// The usage block is the first code block of the "Command line" section.
	_, section, _ := strings.Cut(readme, "## Command line")
	_, block, _ := strings.Cut(section, "```\n")
	block, _, _ = strings.Cut(block, "```")
	if block == "" {
		t.Fatal("README.md has no usage block under \"## Command line\"")
	}
	for _, l := range strings.Split(strings.TrimSpace(block), "\n") {
		if name, ok := strings.CutPrefix(l, "keypoints "); ok {
			name, _, _ = strings.Cut(name, " ")
			if lookup(name) == nil {
				t.Errorf("README.md shows %q, which is not a command", l)
			}
		} else {
			t.Errorf("README.md's usage block has a line that is not a command: %q", l)
		}
	}
}
