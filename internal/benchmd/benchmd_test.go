package benchmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReplaceSection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	read := func() string {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	// Creates the file with the section.
	if err := ReplaceSection(path, "speed", "fast"); err != nil {
		t.Fatal(err)
	}
	if got, want := read(), "<!-- begin:speed -->\nfast\n<!-- end:speed -->\n"; got != want {
		t.Fatalf("new file:\n%s\nwant:\n%s", got, want)
	}

	// Appends a second section after hand-written text, and replaces the
	// first one, keeping everything else byte for byte.
	hand := "# Benchmarks\n\nWritten by hand.\n\n" + read() + "\nA note between sections.\n"
	if err := os.WriteFile(path, []byte(hand), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceSection(path, "quality", "| a |\n|---|\n| 1 |\n"); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceSection(path, "speed", "faster\nstill\n"); err != nil {
		t.Fatal(err)
	}
	want := "# Benchmarks\n\nWritten by hand.\n\n" +
		"<!-- begin:speed -->\nfaster\nstill\n<!-- end:speed -->\n" +
		"\nA note between sections.\n" +
		"\n<!-- begin:quality -->\n| a |\n|---|\n| 1 |\n<!-- end:quality -->\n"
	if got := read(); got != want {
		t.Fatalf("after replacing:\n%s\nwant:\n%s", got, want)
	}
	// Deterministic: the same replacement again changes nothing.
	if err := ReplaceSection(path, "speed", "faster\nstill\n"); err != nil {
		t.Fatal(err)
	}
	if got := read(); got != want {
		t.Fatalf("replacing again changed the file:\n%s", got)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after replace: %v, %v; want 0600 kept", fi.Mode(), err)
	}
	// No temporary files left behind.
	if ents, _ := os.ReadDir(filepath.Dir(path)); len(ents) != 1 {
		t.Errorf("directory has %d entries, want only BENCHMARKS.md", len(ents))
	}
}

func TestReplaceErrors(t *testing.T) {
	tests := []struct{ name, content, section, want string }{
		{"no end", "<!-- begin:speed -->\nx\n", "speed", "no end marker"},
		{"end first", "<!-- end:speed -->\n<!-- begin:speed -->\n", "speed", "ends before"},
		{"twice", "<!-- begin:speed -->\n<!-- end:speed -->\n<!-- begin:speed -->\n<!-- end:speed -->\n", "speed", "begins twice"},
		{"bad name", "", "a b", "section name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Replace(tt.content, tt.section, "body")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	// Another section's markers are left alone.
	got, err := Replace("<!-- begin:speedy -->\nx\n<!-- end:speedy -->", "speed", "y")
	if err != nil {
		t.Fatal(err)
	}
	if want := "<!-- begin:speedy -->\nx\n<!-- end:speedy -->\n\n<!-- begin:speed -->\ny\n<!-- end:speed -->\n"; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestTable(t *testing.T) {
	got := Table{
		Header: []string{"stage", "ns/article"},
		Right:  []bool{false, true},
		Rows:   [][]string{{"normalize", "12,345"}, {"a|b", "7"}},
	}.Markdown()
	want := "" +
		"| stage     | ns/article |\n" +
		"| --------- | ---------: |\n" +
		"| normalize |     12,345 |\n" +
		"| a\\|b      |          7 |\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
