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

// screenshotPath is where TestPageInBrowser saves the page when
// KEYPOINTS_SCREENSHOT is set.
const screenshotPath = "/tmp/keypoints-page.png"

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

// TestPageInBrowser drives the page in headless Chromium: paste an
// article, ask for 3 key points, click one and check that its source
// sentence is marked and scrolled into view.
func TestPageInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chrome := findChromium()
	if chrome == "" {
		t.Skip("no Chromium found (set KEYPOINTS_CHROMIUM or install Debian's chromium; scripts/test.sh does): skipping the browser test")
	}
	s := MustOpenServer(t, nil)
	article := testArticle(t)

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
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	defer cancelTab()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // start the browser and the tab
		t.Fatalf("starting %s: %v", chrome, err)
	}

	// Collect what the page writes to its console: script errors and
	// Content-Security-Policy violations show up there.
	var mu sync.Mutex
	var problems []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" || m.Type == "warning" {
				mu.Lock()
				problems = append(problems, fmt.Sprintf("%s: %s", m.Type, m.Text))
				mu.Unlock()
			}
		}
	}()

	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatalf("evaluate %s: %v", expr, err)
		}
		return v
	}

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
	point := eval(`document.querySelector('#keypoints li:nth-child(1) a').textContent`).(string)
	sentence := eval(fmt.Sprintf(`document.getElementById('sentence-%v').textContent`, idx)).(string)
	if !strings.Contains(sentence, point) {
		t.Errorf("key point %q is not from its source sentence %q", point, sentence)
	}
	if eval(`document.querySelectorAll('#article .sentence.focus').length`) != 1.0 {
		t.Errorf("more than one sentence is highlighted")
	}

	if os.Getenv("KEYPOINTS_SCREENSHOT") != "" {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if err := os.WriteFile(screenshotPath, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot saved to %s", screenshotPath)
	}

	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("page console: %s", p)
	}
}
