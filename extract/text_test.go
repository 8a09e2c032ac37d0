package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/keypoints-dev/keypoints/doc"
)

func mustParse(t *testing.T, s string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestNodeBlocks: each line carries the kind of page block it came from,
// which is what keeps headings, rows, code and credits out of the key
// points.
func TestNodeBlocks(t *testing.T) {
	in := `<article><h2>Harbour bridge to close</h2>
<p>The city council voted on Tuesday to close the harbour bridge.</p>
<figure><img src="b.jpg"><figcaption>Image credit: City of Larkspur</figcaption></figure>
<ul><li>Closed from May 3</li><li>Detour via Mill Road</li></ul>
<table><tr><td>Cars a day</td><td>40,000</td></tr></table>
<pre>import ctypes
def deref(addr): pass</pre>
<p>Run <code>make</code> first.</p>
<p><code>x = deref(0x1234)</code></p>
<blockquote>It is the right call, the mayor said.</blockquote>
<p>The mayor speaks to reporters outside the harbour office on Tuesday.</p><p>Photo: Larkspur Gazette</p>
<p>Crews clear the road near the bridge on Monday. Photo: AP</p></article>`
	text, blocks := nodeBlocks(mustParse(t, in))
	lines := strings.Split(text, "\n")
	want := []struct {
		line  string
		block doc.Block
	}{
		{"Harbour bridge to close", doc.Heading},
		{"The city council voted on Tuesday to close the harbour bridge.", doc.Paragraph},
		{"Image credit: City of Larkspur", doc.Caption},
		{"Closed from May 3", doc.ListItem},
		{"Detour via Mill Road", doc.ListItem},
		{"Cars a day 40,000", doc.TableRow},
		{"import ctypes", doc.Code},
		{"def deref(addr): pass", doc.Code},
		{"Run make first.", doc.Paragraph},
		{"x = deref(0x1234)", doc.Code},
		{"It is the right call, the mayor said.", doc.Paragraph},
		{"The mayor speaks to reporters outside the harbour office on Tuesday.", doc.Caption},
		{"Photo: Larkspur Gazette", doc.Caption},
		{"Crews clear the road near the bridge on Monday. Photo: AP", doc.Caption},
	}
	if len(lines) != len(want) || len(blocks) != len(lines) {
		t.Fatalf("got %d lines and %d blocks, want %d:\n%s\n%q", len(lines), len(blocks), len(want), text, blocks)
	}
	for i, w := range want {
		if lines[i] != w.line || blocks[i] != w.block {
			t.Errorf("line %d = %q (%q), want %q (%q)", i, lines[i], blocks[i], w.line, w.block)
		}
	}
}

func TestNodeText(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"paragraphs", "<p>One.</p><p>Two.</p>", "One.\nTwo."},
		{"inline kept on the line", "<p>A <b>bold</b> and <a href=x>linked</a> word.</p>", "A bold and linked word."},
		{"whitespace collapsed", "<p>  a \n\t b\u00a0\u00a0c  </p>", "a b c"},
		{"br ends a line", "<p>Line one.<br>Line two</p>", "Line one.\nLine two"},
		{"br in mid-sentence joined", "<p>The council voted to close<br>the old bridge on Tuesday.</p>", "The council voted to close the old bridge on Tuesday."},
		{"paragraph break kept", "<p>Travel corridors were cut</p><p>urkey, Poland and Saba were removed from the list.</p>", "Travel corridors were cut\nurkey, Poland and Saba were removed from the list."},
		{"list item not joined to a paragraph", "<p>Ingredients for the soup</p><ul><li>two onions</li></ul>", "Ingredients for the soup\ntwo onions"},
		{"headings and lists", "<h2>Head</h2><ul><li>x</li><li>y</li></ul>", "Head\nx\ny"},
		{"table row a line", "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>", "a b\nc d"},
		{"pre keeps lines", "<pre>x = 1\n  y = 2</pre>", "x = 1\ny = 2"},
		{"scripts skipped", "<p>text<script>var x;</script><style>p{}</style></p>", "text"},
		{"empty blocks dropped", "<div><p> </p><p>x</p><div></div></div>", "x"},
		{"repeat of previous line dropped", "<p>Same.</p><p>Same.</p><p>Other.</p><p>Same.</p>", "Same.\nOther.\nSame."},
		{"space marks become spaces", "<p>entitled" + string(spaceMark) + "<i>Beautiful Code</i>" + string(spaceMark) + "by</p>", "entitled Beautiful Code by"},
		{"entities escaped twice", "<p>we&amp;#8217;re here &amp;amp; there</p>", "we’re here & there"},
		{"invisible characters dropped", "<p>a\u200bb\ufeffc\u0007d</p>", "abcd"},
		{"zero-width joiners kept", "<p>می\u200cخواهم</p>", "می\u200cخواهم"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := nodeText(mustParse(t, tc.in)); got != tc.want {
				t.Errorf("nodeText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMarkSpaces(t *testing.T) {
	const m = string(spaceMark)
	for _, tc := range []struct {
		name, in, want string
	}{
		{"before inline element", "<p>entitled <i>Code</i>, OReilly.</p>", "<p>entitled" + m + "<i>Code</i>, OReilly.</p>"},
		{"after inline element", "<p><b>Note:</b> text</p>", "<p><b>Note:</b>" + m + "text</p>"},
		{"inside inline element", "<p>a<b> b </b>c</p>", "<p>a<b>" + m + "b" + m + "</b>c</p>"},
		{"space-only between inline elements", "<p><a>x</a> <a>y</a></p>", "<p><a>x</a>" + m + "<a>y</a></p>"},
		{"block edges left alone", "<div>\n <p> text </p>\n</div>", "<div>\n <p> text </p>\n</div>"},
		{"pre left alone", "<pre> a <b>b</b></pre>", "<pre> a <b>b</b></pre>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := mustParse(t, tc.in)
			markSpaces(root)
			var b strings.Builder
			body := root.FirstChild.LastChild // html > body
			for c := body.FirstChild; c != nil; c = c.NextSibling {
				if err := html.Render(&b, c); err != nil {
					t.Fatal(err)
				}
			}
			if got := b.String(); got != tc.want {
				t.Errorf("markSpaces(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCollapseSpace(t *testing.T) {
	for in, want := range map[string]string{
		"":                       "",
		"   ":                    "",
		" a  b ":                 "a b",
		"a\u2003\u3000b":         "a b",
		"x" + string(spaceMark):  "x",
		"\u00ad":                 "\u00ad", // soft hyphens are the page's text
		"a\x00b":                 "ab",
		"line\r\nbreak\u2028sep": "line break sep",
	} {
		if got := collapseSpace(in); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormLang(t *testing.T) {
	for in, want := range map[string]string{
		"en": "en", "en-GB": "en", "DE_de": "de", " fr ": "fr", "": "", "eng": "", "x1": "", "zh-Hant-TW": "zh",
	} {
		if got := normLang(in); got != want {
			t.Errorf("normLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDropTitle(t *testing.T) {
	for _, tc := range []struct{ text, title, want string }{
		{"Headline\nBody.", "Headline", "Body."},
		{"Headline\nBody.", "", "Headline\nBody."},
		{"Other\nHeadline", "Headline", "Other\nHeadline"},
		{"Headline", "Headline", "Headline"}, // never empties the text
		{"Headline extended\nBody.", "Headline", "Headline extended\nBody."},
	} {
		if got := dropTitle(tc.text, tc.title); got != tc.want {
			t.Errorf("dropTitle(%q, %q) = %q, want %q", tc.text, tc.title, got, tc.want)
		}
	}
}

// nodeText is nodeBlocks' text alone.
func nodeText(n *html.Node) string {
	text, _ := nodeBlocks(n)
	return text
}
