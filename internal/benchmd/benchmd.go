// Package benchmd maintains BENCHMARKS.md, a Markdown file made of
// sections that different generators own. A section is delimited by two
// marker comments, each on a line of its own:
//
//	<!-- begin:NAME -->
//	...
//	<!-- end:NAME -->
//
// ReplaceSection rewrites the lines between one section's markers and
// leaves every other byte of the file as it was, so text written by hand
// around the sections and the sections of other generators survive. The
// package also formats Markdown tables.
package benchmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// BeginMarker and EndMarker return the marker lines of section name,
// without their line ends.
func BeginMarker(name string) string { return "<!-- begin:" + name + " -->" }

// EndMarker returns the line that closes section name.
func EndMarker(name string) string { return "<!-- end:" + name + " -->" }

// Replace returns content with section name's body replaced by body, or,
// when content has no such section, with the section appended at the end
// after a blank line. The result depends only on its arguments. body gets
// a final newline if it lacks one; an empty body leaves an empty section.
// Replace returns an error, rather than guess, when the markers are
// unbalanced: a begin marker without its end, an end marker before its
// begin, or a section that occurs twice.
func Replace(content, name, body string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	if body != "" && !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	begin, end := BeginMarker(name), EndMarker(name)
	// Find the marker lines: whole lines, surrounding spaces allowed.
	var bLine, eLine = -1, -1 // byte offsets of the marker lines' starts
	var bNext int             // byte offset just after the begin line
	for off := 0; off < len(content); {
		nl := strings.IndexByte(content[off:], '\n')
		next := len(content)
		if nl >= 0 {
			next = off + nl + 1
		}
		line := strings.TrimSpace(content[off:next])
		switch line {
		case begin:
			if bLine >= 0 {
				return "", fmt.Errorf("benchmd: section %q begins twice", name)
			}
			bLine, bNext = off, next
		case end:
			if bLine < 0 {
				return "", fmt.Errorf("benchmd: section %q ends before it begins", name)
			}
			if eLine >= 0 {
				return "", fmt.Errorf("benchmd: section %q ends twice", name)
			}
			eLine = off
		}
		off = next
	}
	switch {
	case bLine >= 0 && eLine < 0:
		return "", fmt.Errorf("benchmd: section %q has no end marker %q", name, end)
	case bLine < 0:
		var sb strings.Builder
		sb.WriteString(content)
		if content != "" {
			if !strings.HasSuffix(content, "\n") {
				sb.WriteString("\n")
			}
			if !strings.HasSuffix(content, "\n\n") {
				sb.WriteString("\n")
			}
		}
		sb.WriteString(begin + "\n" + body + end + "\n")
		return sb.String(), nil
	}
	// The begin line may lack a newline only at the end of the file,
	// and the end marker comes after it, so bNext ends in "\n".
	return content[:bNext] + body + content[eLine:], nil
}

// ReplaceSection replaces section name of the file at path with body (see
// Replace), creating the file when it does not exist. The file is
// replaced atomically: the new content goes to a temporary file in the
// same directory, which is synced and renamed over path, so a reader
// sees the old file or the new one, never a part. The file's permission
// bits are kept (0644 for a new file).
func ReplaceSection(path, name, body string) error {
	old, err := os.ReadFile(path)
	mode := fs.FileMode(0o644)
	switch {
	case err == nil:
		if fi, err := os.Stat(path); err == nil {
			mode = fi.Mode().Perm()
		}
	case errors.Is(err, fs.ErrNotExist):
	default:
		return err
	}
	content, err := Replace(string(old), name, body)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return writeAtomic(path, []byte(content), mode)
}

func writeAtomic(path string, data []byte, mode fs.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func checkName(name string) error {
	if name == "" {
		return errors.New("benchmd: empty section name")
	}
	for _, r := range name {
		if !(r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return fmt.Errorf("benchmd: section name %q: use letters, digits, '-', '_' and '.'", name)
		}
	}
	return nil
}

// Table is a Markdown table. Right marks the columns to align right
// (numbers); a shorter Right leaves the remaining columns left-aligned.
type Table struct {
	Header []string
	Right  []bool
	Rows   [][]string
}

// Markdown returns the table as GitHub-flavoured Markdown with the
// columns padded to a common width, so the file reads well as plain text
// too. Pipes in cells are escaped; rows shorter than the header are
// padded with empty cells.
func (t Table) Markdown() string {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	cell := func(row []string, i int) string {
		if i < len(row) {
			return strings.ReplaceAll(strings.ReplaceAll(row[i], "\n", " "), "|", `\|`)
		}
		return ""
	}
	right := func(i int) bool { return i < len(t.Right) && t.Right[i] }
	width := make([]int, n)
	for i := range n {
		width[i] = max(3, utf8.RuneCountInString(cell(t.Header, i)))
		for _, r := range t.Rows {
			width[i] = max(width[i], utf8.RuneCountInString(cell(r, i)))
		}
	}
	var sb strings.Builder
	line := func(row []string) {
		sb.WriteString("|")
		for i := range n {
			c := cell(row, i)
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if right(i) {
				sb.WriteString(" " + pad + c + " |")
			} else {
				sb.WriteString(" " + c + pad + " |")
			}
		}
		sb.WriteString("\n")
	}
	line(t.Header)
	sb.WriteString("|")
	for i := range n {
		if right(i) {
			sb.WriteString(" " + strings.Repeat("-", width[i]-1) + ": |")
		} else {
			sb.WriteString(" " + strings.Repeat("-", width[i]) + " |")
		}
	}
	sb.WriteString("\n")
	for _, r := range t.Rows {
		line(r)
	}
	return sb.String()
}
