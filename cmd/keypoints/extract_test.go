package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testPage is a news page written for these tests: navigation, a cookie
// notice and related links around a four-paragraph story.
const testPage = `<!DOCTYPE html><html><head><meta charset="windows-1252">
<title>Ferry service to Gull Island cut after storm damage | Coast Herald</title>
<meta property="article:published_time" content="2025-02-11T07:30:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div>
<article><h1>Ferry service to Gull Island cut after storm damage</h1>
<p>The only ferry linking Gull Island to the mainland will run one crossing a day instead of six after Sunday's storm damaged the island's pier, the county transport office said on Monday.</p>
<p>Engineers found that two of the pier's wooden pilings had split and that the loading ramp could no longer carry vehicles. Foot passengers can still board at high tide.</p>
<p>About 800 people live on the island year-round, and most of them rely on the ferry to reach work, school and the hospital in Port Marden.</p>
<p>Repairs are expected to take at least three weeks and cost about $2.3 million, according to the county's initial estimate.</p></article>
<aside><h3>Related</h3><ul><li><a href="/a">Storm closes schools</a></li><li><a href="/b">Power cuts across the coast</a></li></ul></aside>
<footer>© 2025 Coast Herald. All rights reserved.</footer></body></html>`

func TestExtractCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(testPage), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "extract", path)
	if code != 0 {
		t.Fatalf("extract exit %d: %s", code, errOut)
	}
	for _, want := range []string{"The only ferry linking Gull Island", "Repairs are expected to take at least three weeks"} {
		if !strings.Contains(out, want) {
			t.Errorf("extract output lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{"We use cookies", "Power cuts across the coast", "All rights reserved"} {
		if strings.Contains(out, bad) {
			t.Errorf("extract output keeps boilerplate %q", bad)
		}
	}
	code, out, errOut = runCLI(t, "", "extract", "-format", "json", path)
	if code != 0 || !strings.Contains(out, `"title": "Ferry service to Gull Island`) || !strings.Contains(out, `"date": "2025-02-11"`) {
		t.Errorf("extract -format json exit %d, output:\n%s\n%s", code, out, errOut)
	}
}

func TestSummarizeHTMLAndURL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(testPage), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "summarize", "-n", "2", path)
	if code != 0 || strings.Count(out, "\n") != 2 || strings.Contains(out, "<p>") || strings.Contains(out, "cookies") {
		t.Fatalf("summarize page.html: exit %d, output:\n%s%s", code, out, errOut)
	}

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(testPage))
	}))
	defer srv.Close()
	code, _, errOut = runCLI(t, "", "summarize", srv.URL+"/story")
	if code == 0 || !strings.Contains(errOut, srv.URL) {
		t.Errorf("a loopback URL must be refused by default: exit %d, stderr %q", code, errOut)
	}
	code, out, errOut = runCLI(t, "", "summarize", "-allow-private-urls", "-n", "3", srv.URL+"/story")
	if code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("summarize URL with -allow-private-urls: exit %d, output:\n%s%s", code, out, errOut)
	}
}

// TestFlagsAfterFile: flags may follow the file argument, and "--" ends
// the flags.
func TestFlagsAfterFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte(testPage), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "summarize", path, "-n", "1", "-format", "markdown")
	if code != 0 || !strings.HasPrefix(out, "## ") || strings.Count(out, "\n- ") != 1 {
		t.Errorf("summarize FILE -n 1 -format markdown: exit %d\n%s%s", code, out, errOut)
	}
	code, _, errOut = runCLI(t, "", "summarize", "-n", "1", "--", "-no-such-file")
	if code != 1 || !strings.Contains(errOut, "-no-such-file") {
		t.Errorf("after --, -no-such-file is a file name: exit %d, stderr %q", code, errOut)
	}
}
