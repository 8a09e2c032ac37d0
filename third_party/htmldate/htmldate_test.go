package htmldate

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestFromDocument(t *testing.T) {
	cases := []struct {
		name, page, url string
		original        bool
		want            string // YYYY-MM-DD or ""
	}{
		{"og meta", `<html><head><meta property="article:published_time" content="2024-03-04T09:42:00-05:00"></head></html>`, "", true, "2024-03-04"},
		{"json-ld", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-20T08:00:00Z","dateModified":"2023-11-21T08:00:00Z"}</script>`, "", true, "2023-11-20"},
		{"modified wins without original", `<script type="application/ld+json">{"dateModified":"2023-11-21T08:00:00Z","datePublished":"2023-11-20T08:00:00Z"}</script>`, "", false, "2023-11-21"},
		{"time element", `<article><time datetime="2022-07-01">July 1</time></article>`, "", true, "2022-07-01"},
		{"url", `<p>no date here</p>`, "https://news.example/2021/05/17/bridge-closes", true, "2021-05-17"},
		{"nothing", `<p>no date here</p>`, "https://news.example/story", true, ""},
		{"garbage meta", `<meta name="date" content="soon">`, "", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(c.page))
			if err != nil {
				t.Fatal(err)
			}
			r, err := FromDocument(doc, Options{UseOriginalDate: c.original, URL: c.url})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if !r.IsZero() {
				got = r.DateTime.Format("2006-01-02")
			}
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
