package extract

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/keypoints-dev/keypoints/doc"
)

func depth(n *html.Node) int {
	d := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		d = max(d, depth(c))
	}
	return d + 1
}

func TestParseDeepNesting(t *testing.T) {
	const n = 100_000
	in := strings.Repeat("<div>", n) + "<p>deep text</p><script>var hidden = 1;</script>" + strings.Repeat("</div>", n) + "<p>after</p>"
	root, err := parse([]byte(in), 50)
	if err != nil {
		t.Fatal(err)
	}
	if d := depth(root); d > 60 {
		t.Errorf("tree depth %d, want at most about 50", d)
	}
	text := nodeText(root)
	if !strings.Contains(text, "deep text") || !strings.Contains(text, "after") {
		t.Errorf("text lost in flattening: %q", text)
	}
	if strings.Contains(text, "hidden") {
		t.Errorf("script content of a dropped <script> leaked into the text: %q", text)
	}
}

func TestParseShallowUntouched(t *testing.T) {
	// A page under the parser's limit is parsed as is, even when it is
	// deeper than maxDepth: flatten only runs on refused pages.
	in := strings.Repeat("<div>", 100) + "x"
	root, err := parse([]byte(in), 10)
	if err != nil {
		t.Fatal(err)
	}
	if d := depth(root); d < 100 {
		t.Errorf("depth %d, want the page's own 100+", d)
	}
}

func TestFlattenKeepsRawText(t *testing.T) {
	in := `<div><script type="application/ld+json">{"a": "<b>&amp;"}</script><p>x &amp; y</p></div>`
	if got := string(flatten([]byte(in), 10)); got != in {
		t.Errorf("flatten changed a shallow page:\n got %q\nwant %q", got, in)
	}
}

func TestParseInvalidUTF8(t *testing.T) {
	root, err := parse([]byte("\xef\xbb\xbf<p>caf\xe9 ok</p>"), DefaultMaxDepth)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := nodeText(root), "caf\uFFFD ok"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
}

func TestGuardRecoversPanic(t *testing.T) {
	p, err := guard(Hybrid, func() (Page, error) {
		var m map[string]int
		//lint:ignore SA5000 the nil-map panic is the point: it stands for a library bug
		m["boom"]++
		return Page{Text: "unreachable"}, nil
	})
	var de *doc.Error
	if !errors.As(err, &de) || de.Code != doc.EInternal {
		t.Fatalf("guard error = %v, want an EInternal *doc.Error", err)
	}
	if !reflect.DeepEqual(p, Page{}) {
		t.Errorf("guard returned page %+v after a panic, want the zero Page", p)
	}
}

func TestParseDropsRuby(t *testing.T) {
	root, err := parse([]byte("<p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rt>じ</rt></ruby>です</p>"), DefaultMaxDepth)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := nodeText(root), "漢字です"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
}
