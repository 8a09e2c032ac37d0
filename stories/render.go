package stories

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
)

// WriteMarkdown writes the stories as a Markdown report: per story its
// key points with the outlets that report each, the coverage matrix, and
// per outlet what only it reports and which key points it leaves out. It
// returns w's first error.
func WriteMarkdown(w io.Writer, sts []Story) error {
	ew := &errWriter{w: w}
	for si, st := range sts {
		if si > 0 {
			ew.printf("\n---\n\n")
		}
		title := st.Title
		if title == "" {
			title = "Story " + st.ID
		}
		ew.printf("# %s\n\n", mdEscape(title))
		ew.printf("Story `%s`: %d articles%s%s.\n\n", st.ID, len(st.Articles), stanceSummary(st), timeSpan(st))
		ew.printf("## Key points\n\n")
		if len(st.KeyPoints) == 0 {
			ew.printf("No key points: the articles have no readable sentences.\n\n")
		}
		for pi, kp := range st.KeyPoints {
			ew.printf("%d. %s  \n   *%s*", pi+1, mdEscape(kp.Text), mdEscape(strings.Join(kp.Outlets, ", ")))
			if kp.SaidBy != "" {
				ew.printf(" · said by %s", mdEscape(kp.SaidBy))
			}
			if kp.Independent != len(kp.Outlets) {
				ew.printf(" · %d independent", kp.Independent)
			}
			if kp.Blindspot != "" {
				ew.printf(" · **only %s outlets**", kp.Blindspot)
			}
			ew.printf("\n")
		}
		if len(st.KeyPoints) > 0 {
			ew.printf("\n## Coverage\n\n| Key point |")
			for _, o := range st.Outlets {
				ew.printf(" %s |", mdEscape(outletName(o)))
			}
			ew.printf("\n|---|")
			for range st.Outlets {
				ew.printf(":-:|")
			}
			ew.printf("\n")
			for pi, row := range st.Coverage {
				ew.printf("| %d |", pi+1)
				for _, ok := range row {
					if ok {
						ew.printf(" ✓ |")
					} else {
						ew.printf(" – |")
					}
				}
				ew.printf("\n")
			}
		}
		ew.printf("\n## By outlet\n")
		for _, o := range st.Outlets {
			ew.printf("\n### %s", mdEscape(outletName(o)))
			if o.Stance != "" {
				ew.printf(" (%s)", o.Stance)
			}
			ew.printf("\n\n")
			if o.Title != "" {
				ew.printf("**%s**\n\n", mdEscape(o.Title))
			}
			if o.DuplicateOf != "" {
				ew.printf("Copy of the wire text of %s: no independent confirmation.\n\n", mdEscape(o.DuplicateOf))
			}
			if len(o.Unique) > 0 {
				ew.printf("Only here:\n\n")
				for _, u := range o.Unique {
					ew.printf("- %s", mdEscape(u.Text))
					if u.SaidBy != "" {
						ew.printf(" *(said by %s)*", mdEscape(u.SaidBy))
					}
					ew.printf("\n")
				}
				ew.printf("\n")
			}
			if len(o.Omitted) > 0 {
				ew.printf("Leaves out key points %s.\n", joinPoints(o.Omitted))
			} else if len(st.KeyPoints) > 0 {
				ew.printf("Reports every key point.\n")
			}
		}
	}
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// mdEscape keeps text from turning into Markdown markup.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "|", `\|`, "[", `\[`, "]", `\]`, "<", "&lt;", "\n", " ")
	return r.Replace(s)
}

func outletName(o OutletView) string {
	if o.Outlet != "" {
		return o.Outlet
	}
	return o.Article
}

func stanceSummary(st Story) string {
	var c StanceCount
	for _, o := range st.Outlets {
		switch o.Stance {
		case StanceLeft:
			c.Left++
		case StanceCenter:
			c.Center++
		case StanceRight:
			c.Right++
		}
	}
	if c == (StanceCount{}) {
		return ""
	}
	return fmt.Sprintf(" (left %d, center %d, right %d)", c.Left, c.Center, c.Right)
}

func timeSpan(st Story) string {
	if st.First.IsZero() {
		return ""
	}
	const layout = "2006-01-02 15:04 MST"
	if st.First.Equal(st.Last) {
		return ", published " + st.First.Format(layout)
	}
	return ", published " + st.First.Format(layout) + " to " + st.Last.Format(layout)
}

func joinPoints(ps []int) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = strconv.Itoa(p + 1)
	}
	return strings.Join(s, ", ")
}

//go:embed report.html.tmpl
var reportHTML string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"inc":     func(i int) int { return i + 1 },
	"name":    outletName,
	"stances": stanceSummary,
	"span":    timeSpan,
	"points":  joinPoints,
}).Parse(reportHTML))

// WriteHTML writes the stories as one self-contained HTML page (inline
// style, no scripts or outside resources): per story the shared key points
// with a coverage matrix, then the outlets side by side, each with what
// only it reports and the key points it leaves out highlighted. It returns
// w's first error.
func WriteHTML(w io.Writer, sts []Story) error {
	return reportTmpl.Execute(w, sts)
}
