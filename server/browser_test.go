package server

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Where TestPageInBrowser and TestStoriesPageInBrowser save the page
// when KEYPOINTS_SCREENSHOT is set.
const (
	screenshotPath        = "/tmp/keypoints-page.png"
	storiesScreenshotPath = "/tmp/keypoints-stories.png"
)

// findChromium returns the browser to drive: $KEYPOINTS_CHROMIUM, or the
// first of Debian's and Google's names on PATH; "" when there is none.
func findChromium() string {
	if p := os.Getenv("KEYPOINTS_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is a headless Chromium tab for the page tests, with the
// problems the page wrote to its console.
type browser struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	problems []string
}

// openBrowser starts Chromium with one tab; the test is skipped in -short
// mode and when there is no Chromium. The browser stops when the test
// ends.
func openBrowser(t *testing.T) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := findChromium()
	if chrome == "" {
		t.Skip("no Chromium found (set KEYPOINTS_CHROMIUM or install Debian's chromium; scripts/test.sh does): skipping the browser test")
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() {
		cancel()
		cancelTab()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil { // start the browser and the tab
		t.Fatalf("starting %s: %v", chrome, err)
	}
	b := &browser{t: t, ctx: ctx}

	// Collect what the page writes to its console: script errors and
	// Content-Security-Policy violations show up there.
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" || m.Type == "warning" {
				b.mu.Lock()
				b.problems = append(b.problems, fmt.Sprintf("%s: %s", m.Type, m.Text))
				b.mu.Unlock()
			}
		}
	}()
	return b
}

func (b *browser) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *browser) eval(expr string) any {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[any](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// screenshot saves the page (the whole page when full) to path if
// KEYPOINTS_SCREENSHOT is set.
func (b *browser) screenshot(path string, full bool) {
	b.t.Helper()
	if os.Getenv("KEYPOINTS_SCREENSHOT") == "" {
		return
	}
	action := chromedp.CaptureScreenshot()
	if full {
		action = chromedp.FullScreenshot(100)
	}
	png, err := chromedp.Run(b.ctx, action)
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot saved to %s", path)
}

// checkConsole fails the test for each problem the page reported.
func (b *browser) checkConsole() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		b.t.Errorf("page console: %s", p)
	}
}

// TestPageInBrowser drives the page in headless Chromium: paste an
// article, ask for 3 key points, click one and check that its source
// sentence is marked and scrolled into view.
func TestPageInBrowser(t *testing.T) {
	b := openBrowser(t)
	s := MustOpenServer(t, nil)
	article := testArticle(t)
	ctx, run, eval := b.ctx, b.run, b.eval

	run("open the page",
		chromedp.Navigate(s.URL()+"/"),
		chromedp.WaitVisible(chromedp.CSS("#input")),
	)
	run("paste the article and ask for 3 key points",
		chromedp.SetValue(chromedp.CSS("#input"), article),
		chromedp.SetValue(chromedp.CSS("#n"), "3"),
		chromedp.Click(chromedp.CSS("#go")),
		chromedp.WaitVisible(chromedp.CSS("#keypoints li:nth-child(3)")),
	)
	if got := eval(`document.querySelectorAll('#keypoints li').length`); got != 3.0 {
		t.Fatalf("key points shown: %v, want 3", got)
	}
	if got := eval(`document.querySelectorAll('#article .sentence.chosen').length`); got != 3.0 {
		t.Errorf("sentences marked in the article: %v, want 3", got)
	}
	if got := eval(`document.getElementById('article').textContent`).(string); !strings.Contains(got, "Port Wenlow") {
		t.Errorf("article pane does not show the article: %.80q", got)
	}

	// Scroll the article to its end, so that the first key point's
	// sentence is out of view, then click that key point.
	overflows := eval(`(() => { const a = document.getElementById('article'); a.scrollTo({ top: a.scrollHeight, behavior: 'instant' }); return a.scrollHeight > a.clientHeight + 50; })()`)
	if overflows != true {
		t.Fatalf("the article pane does not scroll; the test cannot check scrolling")
	}
	idx := eval(`+document.querySelector('#keypoints li:nth-child(1) a').dataset.sentence`)
	inView := fmt.Sprintf(`(() => {
		const el = document.getElementById('sentence-%v');
		const box = document.getElementById('article').getBoundingClientRect();
		const r = el.getBoundingClientRect();
		return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.top >= 0 && r.bottom <= window.innerHeight;
	})()`, idx)
	if eval(inView) == true {
		t.Fatalf("sentence %v is in view before the click; the test cannot check scrolling", idx)
	}
	run("click the first key point", chromedp.Click(chromedp.CSS("#keypoints li:nth-child(1) a")))
	focused := fmt.Sprintf(`(() => {
		const el = document.getElementById('sentence-%v');
		return el.classList.contains('focus') && el.classList.contains('chosen') && %s;
	})()`, idx, strings.TrimSpace(inView))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](focused, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("after the click, sentence %v is not highlighted and in view: %v", idx, err)
	}
	// A compressed key point carries its whole sentence as its title.
	point := eval(`(a => a.title || a.textContent)(document.querySelector('#keypoints li:nth-child(1) a'))`).(string)
	sentence := eval(fmt.Sprintf(`document.getElementById('sentence-%v').textContent`, idx)).(string)
	if !strings.Contains(sentence, point) {
		t.Errorf("key point %q is not from its source sentence %q", point, sentence)
	}
	if eval(`document.querySelectorAll('#article .sentence.focus').length`) != 1.0 {
		t.Errorf("more than one sentence is highlighted")
	}
	// The words a compressed key point leaves out are greyed in its
	// sentence; the sentence still reads whole.
	compressed := eval(`[...document.querySelectorAll('#keypoints a')].filter(a => a.title).length`)
	dropped := eval(`document.querySelectorAll('#article .sentence.chosen .dropped').length`)
	if (compressed == 0.0) != (dropped == 0.0) {
		t.Errorf("%v compressed key points but %v greyed parts in the article", compressed, dropped)
	}

	b.screenshot(screenshotPath, false)
	b.checkConsole()
}

// TestStoriesPageInBrowser drives the page's second mode: three outlets'
// articles on one event go into three outlet cards (the third added with
// "add outlet"), and the story comes back with a shared point that lists
// several outlets, each outlet's column with what only it reports and
// the points it leaves out, attribution, and the coverage matrix with
// counts by stance. Then the same articles and two on another event,
// pasted as JSON, come back as two stories.
func TestStoriesPageInBrowser(t *testing.T) {
	b := openBrowser(t)
	s := MustOpenServer(t, nil)
	f := loadStoryFixtures(t)
	run, eval := b.run, b.eval

	run("open the stories tab",
		chromedp.Navigate(s.URL()+"/"),
		chromedp.WaitVisible(chromedp.CSS("#tab-stories")),
		chromedp.Click(chromedp.CSS("#tab-stories")),
		chromedp.WaitVisible(chromedp.CSS("#outlet-list .outlet-card")),
	)
	if got := eval(`document.getElementById('mode-article').hidden && location.hash === '#stories'`); got != true {
		t.Errorf("after the tab click, the article mode is not hidden or the address lacks #stories")
	}
	if got := eval(`document.querySelectorAll('#outlet-list .outlet-card').length`); got != 2.0 {
		t.Fatalf("outlet cards at the start: %v, want 2", got)
	}
	run("add an outlet", chromedp.Click(chromedp.CSS("#add-outlet")))
	if got := eval(`document.querySelectorAll('#outlet-list .outlet-card').length`); got != 3.0 {
		t.Fatalf("outlet cards after adding one: %v, want 3", got)
	}
	for i, a := range f.Fernhill {
		card := fmt.Sprintf("#outlet-list .outlet-card:nth-child(%d) ", i+1)
		run("fill in outlet "+a["outlet"].(string),
			chromedp.SetValue(chromedp.CSS(card+".outlet-name"), a["outlet"].(string)),
			chromedp.SetValue(chromedp.CSS(card+".outlet-stance"), a["stance"].(string)),
			chromedp.SetValue(chromedp.CSS(card+".outlet-title"), a["title"].(string)),
			chromedp.SetValue(chromedp.CSS(card+".outlet-text"), a["text"].(string)),
		)
	}
	run("compare",
		chromedp.Click(chromedp.CSS("#compare")),
		chromedp.WaitVisible(chromedp.CSS("#stories-output .story table.matrix")),
	)

	// A point all three report lists the three outlets as badges.
	shared := eval(`(() => {
		const li = [...document.querySelectorAll('.story-points > li')].find(li => li.querySelectorAll('.badge').length >= 2);
		return li ? [...li.querySelectorAll('.badge')].map(b => b.textContent) : null;
	})()`)
	if names, ok := shared.([]any); !ok || len(names) != 3 {
		t.Errorf("shared point's outlets: %v, want the three outlets", shared)
	}
	// Attribution is shown.
	if got := eval(`[...document.querySelectorAll('.story-points .said-by')].map(e => e.textContent).join('|')`).(string); !strings.Contains(got, "State officials") {
		t.Errorf("attributions shown: %q, want one to State officials", got)
	}
	// Standard Bearer's column shows what only it reports, highlighted,
	// and marks the story points it leaves out.
	col := `[...document.querySelectorAll('.outlet-col')].find(c => c.querySelector('h4').textContent.startsWith('Standard Bearer'))`
	if got := eval(`(() => { const c = ` + col + `; return c ? [...c.querySelectorAll('.unique li')].map(e => e.textContent).join('|') : 'no column'; })()`).(string); !strings.Contains(got, "Ruth Alder") {
		t.Errorf("Standard Bearer's own points: %q, want the governor's blame", got)
	}
	if got := eval(`(() => { const c = ` + col + `; return getComputedStyle(c.querySelector('.unique li')).backgroundColor; })()`).(string); got == "rgba(0, 0, 0, 0)" {
		t.Errorf("unique points are not highlighted (background %s)", got)
	}
	if got := eval(`(() => { const c = ` + col + `; return c.querySelectorAll('.col-points li.omitted').length; })()`); got == 0.0 {
		t.Errorf("Standard Bearer's column marks no story point as left out")
	}
	if got := eval(`document.querySelectorAll('.outlet-columns > .outlet-col').length`); got != 3.0 {
		t.Errorf("outlet columns: %v, want 3", got)
	}
	// The columns stand side by side.
	if got := eval(`(() => { const cs = [...document.querySelectorAll('.outlet-col')].map(c => c.getBoundingClientRect()); return cs.every(r => Math.abs(r.top - cs[0].top) < 2) && cs[1].left > cs[0].right - 1; })()`); got != true {
		t.Errorf("outlet columns are not side by side")
	}
	// The matrix: one row per key point, one cell per outlet, counts by
	// stance, and a blindspot marked.
	points := eval(`document.querySelectorAll('.story-points > li').length`)
	if got := eval(`document.querySelectorAll('table.matrix tbody tr').length`); got != points {
		t.Errorf("matrix rows: %v, want one per key point (%v)", got, points)
	}
	if got := eval(`document.querySelectorAll('table.matrix tbody tr:first-child td.cell.yes').length`); got != 3.0 {
		t.Errorf("first matrix row: %v outlets report it, want 3", got)
	}
	if got := eval(`[...document.querySelectorAll('table.matrix thead th.count')].map(e => e.textContent).join(',')`); got != "left,center,right" {
		t.Errorf("stance columns: %v, want left,center,right", got)
	}
	if got := eval(`document.querySelectorAll('table.matrix td.blind .blindspot').length`); got == 0.0 {
		t.Errorf("the matrix shows no blindspot")
	}
	// Selecting a key point marks it in the columns and the matrix.
	run("select the first key point", chromedp.Click(chromedp.CSS(".story-points > li:first-child .point-text")))
	if got := eval(`document.querySelectorAll('.outlet-col li.focus').length + ',' + document.querySelectorAll('table.matrix tr.focus').length`); got != "3,1" {
		t.Errorf("after selecting the first point, marked column items and matrix rows: %v, want 3,1", got)
	}
	b.screenshot(storiesScreenshotPath, true)

	// JSON paste: five articles on two events are grouped into two stories.
	arts := []map[string]any{f.Fernhill[0], f.Rail[0], f.Fernhill[1], f.Rail[1], f.Fernhill[2]}
	run("paste JSON",
		chromedp.Click(chromedp.CSS("#source-json")),
		chromedp.WaitVisible(chromedp.CSS("#stories-json")),
		chromedp.SetValue(chromedp.CSS("#stories-json"), mustJSON(arts)),
		chromedp.Click(chromedp.CSS("#compare")),
	)
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.querySelectorAll('#stories-output .story').length === 2`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the pasted articles did not come back as two stories: %v; status %q", err, eval(`document.getElementById('stories-status').textContent`))
	}
	if got := eval(`document.getElementById('stories-status').textContent`).(string); got != "2 stories from 5 articles." {
		t.Errorf("status %q", got)
	}
	b.checkConsole()
}
