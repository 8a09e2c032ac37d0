package extract

import (
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// runTrafilatura runs go-trafilatura on root with the fallback the
// engine asks for. It marks spaces in root (see markSpaces) but the
// library itself works on a copy.
func runTrafilatura(root *html.Node, u *url.URL, opt Options) (Page, error) {
	o := trafilatura.Options{
		OriginalURL: u,
		// Reader comments are not the article.
		ExcludeComments: true,
		ExcludeTables:   opt.ExcludeTables,
		// Fast date search: no scan of the visible text for dates. With
		// the real go-htmldate the Extensive scan made pages about 30%
		// slower; keypoints' stand-in for it (third_party/htmldate) only
		// reads machine-readable dates either way.
		HtmlDateMode: trafilatura.Fast,
	}
	switch opt.Focus {
	case FavorPrecision:
		o.Focus = trafilatura.FavorPrecision
	case FavorRecall:
		o.Focus = trafilatura.FavorRecall
	}
	switch opt.Engine {
	case TrafilaturaFallback:
		o.EnableFallback = true
	case Hybrid:
		o.EnableFallback = true
		// Offer readeck's readability (maintained, and better than the
		// go-shiori copy trafilatura bundles: compare the hybrid and
		// trafilatura-fallback rows of MEASURE.md) as the candidate,
		// and leave DOM Distiller out, as an empty candidate, which is
		// never chosen: offering it changed no page of the dev sets and
		// costs time.
		rp := readability.NewParser()
		rd, err := rp.ParseDocument(root, u)
		cand := &trafilatura.FallbackCandidates{Distiller: emptyNode()}
		if err == nil && rd.Node != nil {
			cand.Readability = rd.Node
		} else {
			cand.Readability = emptyNode()
		}
		o.FallbackCandidates = cand
	}
	markSpaces(root)
	res, err := trafilatura.ExtractDocument(root, o)
	if err != nil || res == nil || res.ContentNode == nil {
		// go-trafilatura reports "not long enough" and similar as
		// plain errors; for us they all mean no article.
		return Page{}, errNoArticle()
	}
	m := res.Metadata
	text, blocks := nodeBlocks(res.ContentNode)
	p := Page{
		Text:     text,
		Blocks:   blocks,
		Title:    collapseSpace(m.Title),
		Byline:   collapseSpace(m.Author),
		SiteName: collapseSpace(m.Sitename),
		Language: normLang(m.Language),
	}
	if !m.Date.IsZero() {
		p.Date = m.Date.Format("2006-01-02")
	}
	if p.Language == "" {
		p.Language = docLang(root)
	}
	return p, nil
}

// runReadability runs readeck's go-readability on a copy of root.
func runReadability(root *html.Node, u *url.URL) (Page, error) {
	rp := readability.NewParser()
	art, err := rp.ParseDocument(root, u)
	if err != nil || art.Node == nil {
		return Page{}, errNoArticle()
	}
	text, blocks := nodeBlocks(art.Node)
	p := Page{
		Text:     text,
		Blocks:   blocks,
		Title:    collapseSpace(art.Title()),
		Byline:   collapseSpace(art.Byline()),
		SiteName: collapseSpace(art.SiteName()),
		Language: normLang(art.Language()),
	}
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		p.Date = t.Format("2006-01-02")
	}
	if p.Language == "" {
		p.Language = docLang(root)
	}
	return p, nil
}

func emptyNode() *html.Node {
	return &html.Node{Type: html.ElementNode, Data: "div"}
}

// docLang returns the lang attribute of the <html> element, normalized.
func docLang(root *html.Node) string {
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.Data == "html" {
			for _, a := range n.Attr {
				if a.Key == "lang" || a.Key == "xml:lang" {
					return normLang(a.Val)
				}
			}
		}
	}
	return ""
}

// normLang reduces a language tag ("en-US", "de_DE") to its lowercase
// primary subtag when that is a two-letter ISO 639-1 code, else "".
func normLang(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.ToLower(tag)
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}
