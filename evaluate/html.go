package evaluate

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
)

// ReportData is what WriteHTML draws. The CLI fills it from one or more
// evaluated systems; every slice is optional, and a plot whose data is
// missing for all systems is left out.
type ReportData struct {
	// Title heads the page.
	Title string
	// Notes are short lines shown under the title: data set, options,
	// ids missing or extra, and the like.
	Notes []string
	// Systems are shown in this order, in the table and in every plot.
	Systems []SystemReport
	// Oracle holds the greedy oracle's sentences for each article (see
	// GreedyOracle): where in the article the reference's content sits,
	// drawn against the systems' choices.
	Oracle []Selection
	// ReferenceWords are the reference summaries' lengths in words,
	// drawn against the systems' summary lengths.
	ReferenceWords []int
}

// SystemReport is one system's part of a ReportData.
type SystemReport struct {
	Name    string
	Summary Summary
	// Items are the per-article scores; the histogram of ROUGE-1 F is
	// drawn from them.
	Items []Item
	// Missing and Extra count the ids without prediction and without
	// reference (see Report).
	Missing, Extra int
	// Selections are the article sentences the system chose, one entry
	// per article, for extractive systems; nil for abstractive ones.
	Selections []Selection
	// Words are the system's summary lengths in words (see WordCount).
	Words []int
}

// Selection is the set of sentences chosen from one article.
type Selection struct {
	// Sentences are indexes into the article's sentences.
	Sentences []int
	// Total is the number of sentences in the article.
	Total int
}

// NewSystemReport returns the SystemReport of rep under name, with
// Summary, Items, Missing and Extra filled; Selections and Words are left
// to the caller, who knows the summaries.
func NewSystemReport(name string, rep *Report) SystemReport {
	return SystemReport{
		Name:    name,
		Summary: rep.Summary,
		Items:   rep.Items,
		Missing: len(rep.Missing),
		Extra:   len(rep.Extra),
	}
}

//go:embed report.html.tmpl
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Parse(reportTemplate))

// WriteHTML writes data as one self-contained HTML page: inline CSS and
// inline SVG plots, no scripts, fonts, images or links to fetch, so the
// file can be mailed or archived as it is. It shows the results table
// (mean R, P, F ×100 with 95% confidence intervals), a histogram of
// per-article ROUGE-1 F per system, where in the article the chosen
// sentences come from next to the oracle's, and the summary lengths in
// words next to the references'.
func WriteHTML(w io.Writer, data ReportData) error {
	page := pageData{Title: data.Title, Notes: data.Notes}
	if page.Title == "" {
		page.Title = "ROUGE evaluation"
	}
	for i, s := range data.Systems {
		for _, m := range measureStats(s.Summary) {
			page.Rows = append(page.Rows, tableRow{
				System: s.Name, First: m.Name == "ROUGE-1", Span: 4, Measure: m.Name,
				R: cell(m.Stats.R), P: cell(m.Stats.P), F: cell(m.Stats.F),
				N: s.Summary.N, Missing: s.Missing, Extra: s.Extra, Color: color(i),
			})
		}
	}
	if p := histogramPlot(data.Systems); p != nil {
		page.Plots = append(page.Plots, *p)
	}
	if p := positionPlot(data.Systems, data.Oracle); p != nil {
		page.Plots = append(page.Plots, *p)
	}
	if p := lengthPlot(data.Systems, data.ReferenceWords); p != nil {
		page.Plots = append(page.Plots, *p)
	}
	return reportTmpl.Execute(w, page)
}

type pageData struct {
	Title string
	Notes []string
	Rows  []tableRow
	Plots []plot
}

type tableRow struct {
	System  string
	First   bool // first row of the system's group
	Span    int
	Measure string
	R, P, F statCell
	N       int
	Missing int
	Extra   int
	Color   string
}

// statCell is a table cell: the mean ×100 and, smaller, its interval.
type statCell struct{ Mean, CI string }

func cell(s Stat) statCell {
	return statCell{Mean: fmt.Sprintf("%.2f", 100*s.Mean), CI: fmt.Sprintf("%.2f–%.2f", 100*s.Lo, 100*s.Hi)}
}

// plot is a grouped bar chart in SVG coordinates, laid out in Go so the
// template only places elements.
type plot struct {
	Title, Caption string
	Width, Height  int
	Bars           []bar
	XLabels        []label
	YTicks         []tick
	Legend         []legendItem
	XTitle, YTitle string
	XTitleX        string
	YTitleX        string // rotated: minus the y of the title's centre
	// Axes corners.
	X0, Y0, X1, Y1 string
}

type bar struct {
	X, Y, W, H, Fill, Tip string
}

type label struct {
	X, Y, Text string
}

type tick struct {
	Y, LabelY, Text string
}

type legendItem struct {
	X, Y, TextX, TextY, Fill, Name string
}

// series is one coloured group member of a bar chart: a name and the
// height of its bar in each bin, as a fraction.
type series struct {
	name   string
	color  string
	values []float64
}

// palette holds colours distinguishable in print and for common colour
// blindness; the oracle and the references are drawn in grey.
var palette = []string{"#1b6ca8", "#d1603d", "#3b8b5a", "#8e5ea2", "#b8860b", "#c2185b"}

func color(i int) string { return palette[i%len(palette)] }

const refColor = "#8c8c8c"

// barChart lays out grouped bars: one group per bin (labelled with
// binLabels), one bar per series within it. Values are fractions in [0,1]
// and the y axis runs to the largest, rounded up to a tenth.
func barChart(title, caption, xTitle string, binLabels []string, ss []series) *plot {
	if len(ss) == 0 || len(binLabels) == 0 {
		return nil
	}
	const (
		width, height                      = 760, 300
		left, right, top, bottom, legendDY = 56, 16, 16, 64, 16
	)
	p := &plot{Title: title, Caption: caption, Width: width, Height: height + legendDY*((len(ss)+2)/3),
		XTitle: xTitle, YTitle: "share"}
	ymax := 0.0
	for _, s := range ss {
		for _, v := range s.values {
			ymax = math.Max(ymax, v)
		}
	}
	// Round the axis up to a whole number of ticks of a round step.
	step := 0.25
	switch {
	case ymax <= 0.2:
		step = 0.05
	case ymax <= 0.5:
		step = 0.1
	}
	nticks := max(1, int(math.Ceil(ymax/step-1e-9)))
	ymax = step * float64(nticks)
	plotW := float64(width - left - right)
	plotH := float64(height - top - bottom)
	groupW := plotW / float64(len(binLabels))
	barW := groupW * 0.8 / float64(len(ss))
	y0 := float64(height - bottom)
	p.X0, p.Y0 = f1s(float64(left)), f1s(y0)
	p.X1, p.Y1 = f1s(float64(width-right)), f1s(float64(top))
	p.XTitleX = f1s(float64(left) + plotW/2)
	p.YTitleX = f1s(-(float64(top) + plotH/2))
	for b, lab := range binLabels {
		gx := float64(left) + groupW*float64(b) + groupW*0.1
		for k, s := range ss {
			v := 0.0
			if b < len(s.values) {
				v = s.values[b]
			}
			h := plotH * v / ymax
			p.Bars = append(p.Bars, bar{
				X: f1s(gx + barW*float64(k)), Y: f1s(y0 - h), W: f1s(math.Max(barW-1, 1)), H: f1s(h),
				Fill: s.color, Tip: fmt.Sprintf("%s, %s: %.1f%%", s.name, lab, 100*v),
			})
		}
		p.XLabels = append(p.XLabels, label{X: f1s(float64(left) + groupW*(float64(b)+0.5)), Y: f1s(y0 + 14), Text: lab})
	}
	for t := 0; t <= nticks; t++ {
		v := step * float64(t)
		y := y0 - plotH*float64(t)/float64(nticks)
		p.YTicks = append(p.YTicks, tick{Y: f1s(y), LabelY: f1s(y + 4), Text: fmt.Sprintf("%.0f%%", 100*v)})
	}
	for k, s := range ss {
		x := float64(left) + float64(k%3)*230
		y := float64(height-bottom+36) + float64(k/3)*legendDY
		p.Legend = append(p.Legend, legendItem{X: f1s(x), Y: f1s(y), TextX: f1s(x + 16), TextY: f1s(y + 10), Fill: s.color, Name: s.name})
	}
	return p
}

func f1s(x float64) string { return fmt.Sprintf("%.1f", x) }

// histogramPlot draws the distribution of per-article ROUGE-1 F in bins
// of 0.05.
func histogramPlot(systems []SystemReport) *plot {
	const bins = 20
	var ss []series
	for i, s := range systems {
		if len(s.Items) == 0 {
			continue
		}
		v := make([]float64, bins)
		for _, it := range s.Items {
			v[min(int(it.Scores.R1.F*bins), bins-1)]++
		}
		for b := range v {
			v[b] /= float64(len(s.Items))
		}
		ss = append(ss, series{s.Name, color(i), v})
	}
	labels := make([]string, bins)
	for b := range labels {
		if b%2 == 0 {
			labels[b] = fmt.Sprintf("%.1f", float64(b)/bins)
		}
	}
	return barChart("Per-article ROUGE-1 F", "Share of articles whose ROUGE-1 F falls in each bin of 0.05 (bin start shown).",
		"ROUGE-1 F", labels, ss)
}

// positionPlot draws where chosen sentences sit in their articles, as
// relative positions in tenths (sentence i of n is at i/n), for the
// systems that report selections and for the oracle.
func positionPlot(systems []SystemReport, oracle []Selection) *plot {
	const bins = 10
	dist := func(sel []Selection) []float64 {
		v := make([]float64, bins)
		n := 0
		for _, s := range sel {
			if s.Total <= 0 {
				continue
			}
			for _, i := range s.Sentences {
				if i < 0 || i >= s.Total {
					continue
				}
				v[i*bins/s.Total]++
				n++
			}
		}
		if n == 0 {
			return nil
		}
		for b := range v {
			v[b] /= float64(n)
		}
		return v
	}
	var ss []series
	for i, s := range systems {
		if v := dist(s.Selections); v != nil {
			ss = append(ss, series{s.Name, color(i), v})
		}
	}
	if v := dist(oracle); v != nil {
		ss = append(ss, series{"oracle (reference content)", refColor, v})
	}
	labels := make([]string, bins)
	for b := range labels {
		labels[b] = fmt.Sprintf("%d-%d%%", 10*b, 10*(b+1))
	}
	return barChart("Where chosen sentences come from",
		"Share of chosen sentences by relative position in the article (0% = first sentence); the oracle's choices show where the reference's content sits.",
		"position in article", labels, ss)
}

// lengthPlot draws summary lengths in words, in bins of 10 words with a
// last bin for 100 and more.
func lengthPlot(systems []SystemReport, refWords []int) *plot {
	const bins = 11
	dist := func(words []int) []float64 {
		if len(words) == 0 {
			return nil
		}
		v := make([]float64, bins)
		for _, n := range words {
			v[min(max(n, 0)/10, bins-1)]++
		}
		for b := range v {
			v[b] /= float64(len(words))
		}
		return v
	}
	var ss []series
	for i, s := range systems {
		if v := dist(s.Words); v != nil {
			ss = append(ss, series{s.Name, color(i), v})
		}
	}
	if v := dist(refWords); v != nil {
		ss = append(ss, series{"reference", refColor, v})
	}
	labels := make([]string, bins)
	for b := range labels {
		labels[b] = fmt.Sprintf("%d-%d", 10*b, 10*b+9)
	}
	labels[bins-1] = "100+"
	return barChart("Summary length", "Share of summaries by length in words.", "words", labels, ss)
}
