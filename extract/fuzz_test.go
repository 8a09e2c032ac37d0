package extract_test

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/extract"
)

// FuzzExtract checks that no input makes an engine panic (the guard
// would report it as EInternal, which fails here), that errors carry the
// documented codes, and that every Page field is valid UTF-8.
func FuzzExtract(f *testing.F) {
	if b, err := os.ReadFile("testdata/article.html"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		"",
		"<p>hello</p>",
		"<html><body><article><p>" + strings.Repeat("Some words in a paragraph. ", 20) + "</p></article></body></html>",
		strings.Repeat("<div>", 600) + "x",
		"<table><tr><td><table><tr><td>cell</td></tr></table>",
		"<svg><foreignObject><p>x</p></foreignObject></svg><math><mi>y</mi></math>",
		"<select><option>a<option>b</select><template><p>t</p></template>",
		`<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"<p>body</p>","datePublished":"2020-02-30"}</script>`,
		"<meta charset=iso-8859-1><p>caf\xe9</p>",
		"<pre>\x00\xff\xfe</pre>",
	} {
		f.Add([]byte(s))
	}
	exs := []extract.Extractor{
		extract.Default(),
		mustNew(f, extract.Options{Engine: extract.Readability, MaxBytes: 1 << 20}),
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, ex := range exs {
			p, err := ex.Extract(b, "https://example.com/a/b")
			if err != nil {
				if c := doc.ErrorCode(err); c != doc.ENoArticle && c != doc.EInvalid && c != doc.ETooLarge {
					t.Fatalf("Extract(%q): %v (code %q)", b, err, c)
				}
				continue
			}
			for name, s := range map[string]string{
				"Text": p.Text, "Title": p.Title, "Byline": p.Byline, "Date": p.Date,
				"SiteName": p.SiteName, "Language": p.Language,
			} {
				if !utf8.ValidString(s) {
					t.Errorf("Extract(%q).%s = %q is not valid UTF-8", b, name, s)
				}
			}
			if p.Text == "" {
				t.Errorf("Extract(%q) returned an empty Text without an error", b)
			}
		}
	})
}
