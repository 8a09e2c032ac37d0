package extract_test

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/extract"
)

const articleURL = "https://ledger.example/news/sea-wall"

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustNew(t testing.TB, opt extract.Options) extract.Extractor {
	t.Helper()
	ex, err := extract.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	var de *doc.Error
	if !errors.As(err, &de) {
		t.Fatalf("error %v (%T), want a *doc.Error with code %q", err, err, code)
	}
	if de.Code != code {
		t.Fatalf("error code %q (%v), want %q", de.Code, err, code)
	}
}

// The fixture is a news page written for these tests, with the usual
// boilerplate around the article: a cookie notice, a menu, a caption,
// share buttons, related links and a footer.
func TestExtractArticle(t *testing.T) {
	page := readFile(t, "testdata/article.html")
	mustHave := []string{
		"Councillors in the small harbour town of Wickmouth voted on Tuesday night to rebuild the crumbling sea wall",
		`"We cannot keep patching it and hoping for a calm year," said the council leader, Ann Rowe.`,
		"Opposition from fishermen",
		"The council said it would set aside part of the budget for a new slipway",
	}
	mustNotHave := []string{
		"We use cookies", "Subscribe today", "Related stories", "Flood warnings issued",
		"Privacy policy", "Copyright 2023", "Share on Facebook", "window.dataLayer",
	}
	for _, e := range extract.Engines() {
		t.Run(string(e), func(t *testing.T) {
			p, err := mustNew(t, extract.Options{Engine: e}).Extract(page, articleURL)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range mustHave {
				if !strings.Contains(p.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, p.Text)
				}
			}
			for _, s := range mustNotHave {
				if strings.Contains(p.Text, s) {
					t.Errorf("text has boilerplate %q:\n%s", s, p.Text)
				}
			}
			// One paragraph a line: the first paragraph is a line of its own.
			if first := strings.Split(p.Text, "\n")[0]; !strings.HasPrefix(first, "Councillors") || !strings.HasSuffix(first, "almost a decade.") {
				t.Errorf("first line = %q, want the first paragraph", first)
			}
			if got, want := p.Title, "Harbour town votes to rebuild its old sea wall"; got != want {
				t.Errorf("Title = %q, want %q", got, want)
			}
			if got, want := p.Byline, "Maren Holt"; got != want {
				t.Errorf("Byline = %q, want %q", got, want)
			}
			if got, want := p.Date, "2023-03-14"; got != want {
				t.Errorf("Date = %q, want %q", got, want)
			}
			if got, want := p.SiteName, "The Coastal Ledger"; got != want {
				t.Errorf("SiteName = %q, want %q", got, want)
			}
			if got, want := p.Language, "en"; got != want {
				t.Errorf("Language = %q, want %q", got, want)
			}
		})
	}
}

func TestDefaultCaptionsDropped(t *testing.T) {
	p, err := extract.Default().Extract(readFile(t, "testdata/article.html"), articleURL)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p.Text, "Photo: Ledger archive") {
		t.Errorf("default extractor kept the image caption:\n%s", p.Text)
	}
}

func TestExtractNoArticle(t *testing.T) {
	for name, page := range map[string]string{
		"empty":        "",
		"blank":        "<html><head><title>t</title></head><body></body></html>",
		"scripts only": "<html><body><script>document.write('hello world, this is not text')</script></body></html>",
		"form only":    `<form action="/s"><input name="q"><button>Search</button></form>`,
		"menu only":    `<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/a">About</a></li></ul></nav></body></html>`,
		"whitespace":   " \n\t ",
		"binary":       "\x00\x01\x02\xff\xfe",
	} {
		for _, e := range extract.Engines() {
			t.Run(name+"/"+string(e), func(t *testing.T) {
				_, err := mustNew(t, extract.Options{Engine: e}).Extract([]byte(page), "")
				wantCode(t, err, doc.ENoArticle)
				if !strings.Contains(err.Error(), "no article text found") {
					t.Errorf("error %q, want it to say no article text was found", err)
				}
			})
		}
	}
}

func TestExtractTooLarge(t *testing.T) {
	// 20 MB of plausible paragraphs: refused by size before any parsing.
	para := "<p>" + strings.Repeat("The quick brown fox jumps over the lazy dog. ", 20) + "</p>\n"
	big := []byte("<html><body>" + strings.Repeat(para, 20<<20/len(para)+1) + "</body></html>")
	start := time.Now()
	_, err := extract.Default().Extract(big, "")
	wantCode(t, err, doc.ETooLarge)
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing a 20 MB page took %v", d)
	}

	small := mustNew(t, extract.Options{MaxBytes: 1000})
	_, err = small.Extract(readFile(t, "testdata/article.html"), articleURL)
	wantCode(t, err, doc.ETooLarge)

	// MaxBytes < 0 lifts the cap.
	if testing.Short() {
		return
	}
	uncapped := mustNew(t, extract.Options{MaxBytes: -1})
	start = time.Now()
	p, err := uncapped.Extract(big[:12<<20], "")
	if err != nil {
		t.Fatalf("uncapped 12 MB page: %v", err)
	}
	if !strings.Contains(p.Text, "lazy dog") {
		t.Errorf("uncapped 12 MB page: text does not hold the paragraphs")
	}
	t.Logf("12 MB page took %v", time.Since(start))
}

func TestExtractTruncated(t *testing.T) {
	page := readFile(t, "testdata/article.html")
	ex := extract.Default()
	// Cut inside the head, inside a tag, inside an attribute, inside the
	// article, and just before the end.
	for _, marker := range []string{"<meta name=\"au", "<scr", "<h1 class=\"head", "voted on Tues", "hoping for", "</footer>"} {
		i := bytes.Index(page, []byte(marker))
		if i < 0 {
			t.Fatalf("marker %q not in the fixture", marker)
		}
		cut := page[:i+len(marker)-2]
		p, err := ex.Extract(cut, articleURL)
		if err != nil {
			wantCode(t, err, doc.EInvalid)
			continue
		}
		if !utf8.ValidString(p.Text) {
			t.Errorf("cut at %q: text is not valid UTF-8", marker)
		}
	}
	// Cut late enough, the article is still found.
	i := bytes.Index(page, []byte("work begins next spring"))
	p, err := ex.Extract(page[:i+10], articleURL)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "fishermen's association argued") {
		t.Errorf("truncated page lost its article:\n%s", p.Text)
	}
}

func TestExtractDeepNesting(t *testing.T) {
	const n = 100_000
	article := string(readFile(t, "testdata/article.html"))
	body := strings.Index(article, "<main>")
	for name, page := range map[string]string{
		"divs around the article": article[:body] + strings.Repeat("<div>", n) + article[body:],
		"unclosed spans":          strings.Repeat("<span>", n) + "<p>" + strings.Repeat("Text deep inside unclosed spans. ", 10) + "</p>",
		"unclosed tables":         strings.Repeat("<table><tr><td>", n/3) + "x",
	} {
		for _, e := range extract.Engines() {
			t.Run(name+"/"+string(e), func(t *testing.T) {
				start := time.Now()
				_, err := mustNew(t, extract.Options{Engine: e}).Extract([]byte(page), "")
				if err != nil {
					wantCode(t, err, doc.EInvalid)
				}
				if d := time.Since(start); d > 5*time.Second {
					t.Errorf("took %v", d)
				}
			})
		}
	}
	p, err := extract.Default().Extract([]byte(article[:body]+strings.Repeat("<div>", n)+article[body:]), articleURL)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "Councillors in the small harbour town") {
		t.Errorf("article under 100,000 divs not found:\n%s", p.Text)
	}
}

func TestExtractInvalidInput(t *testing.T) {
	// Not UTF-8, a NUL, a BOM: the text must still be valid UTF-8.
	page := "\xef\xbb\xbf<html><body><article><p>" + strings.Repeat("Caf\xe9 au lait \x00 costs \xff\xfe three euros here. ", 10) + "</p></article></body></html>"
	p, err := extract.Default().Extract([]byte(page), "not a url")
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.ValidString(p.Text) {
		t.Errorf("text is not valid UTF-8: %q", p.Text)
	}
	if strings.ContainsRune(p.Text, 0) {
		t.Errorf("text holds a NUL: %q", p.Text)
	}
}

func TestExtractConcurrent(t *testing.T) {
	page := readFile(t, "testdata/article.html")
	ex := extract.Default()
	want, err := ex.Extract(page, articleURL)
	if err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 8)
	for range 8 {
		go func() {
			got, err := ex.Extract(page, articleURL)
			if err == nil && !reflect.DeepEqual(got, want) {
				err = errors.New("concurrent Extract gave a different page")
			}
			errc <- err
		}()
	}
	for range 8 {
		if err := <-errc; err != nil {
			t.Error(err)
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, o := range []extract.Options{
		{Engine: "magic"},
		{Focus: "speed"},
		{MaxDepth: -1},
		{MaxDepth: 600},
	} {
		if _, err := extract.New(o); err == nil {
			t.Errorf("New(%+v) accepted bad options", o)
		} else {
			wantCode(t, err, doc.EInvalid)
		}
	}
	if _, err := extract.New(extract.Options{}); err != nil {
		t.Errorf("New(zero Options): %v", err)
	}
}

func BenchmarkExtract(b *testing.B) {
	page := readFile(b, "testdata/article.html")
	for _, e := range extract.Engines() {
		b.Run(string(e), func(b *testing.B) {
			ex := mustNew(b, extract.Options{Engine: e})
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				if _, err := ex.Extract(page, articleURL); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
