package keypoints

import (
	"regexp"

	"github.com/keypoints-dev/keypoints/doc"
)

// Thresholds of the page verdict, measured on the shared English pages
// (Scrapinghub: all articles; trafilatura: articles, docs, listings).
const (
	// shortWords: fewer words of prose than this is a teaser or a stub.
	shortWords = 60
	// proseShare: a web page whose prose sentences hold less than this
	// share of its words is mostly headings, lists, tables or code: a
	// documentation page, a listing, a form.
	proseShare = 0.4
	// paywallWords: a paywall notice on a page with less prose than this
	// means the article stops at the wall.
	paywallWords = 400
)

// paywallNotice matches the notices of subscription walls.
var paywallNotice = regexp.MustCompile(`(?i)(subscribe|subscription|log ?in|sign ?in|register) (now )?to (continue|keep) reading|` +
	`(this|the) (article|story|content) is (only )?(available|reserved|exclusive) (to|for) (our )?(subscribers|members)|` +
	`already a (subscriber|member)\?|to read the (full|rest of the) (article|story)|read (the )?full (article|story)|subscribers only|premium (article|content) for`)

// verdict returns the warnings for the key points of a web page (doc.W*
// codes) and, with WLanguage, the language. cands are the candidate
// sentences (nil: all). Plain text gets none: it has no page around it
// to judge, and whoever sends text chose it as an article.
func verdict(d *doc.Document, cands []bool, a doc.Article) ([]string, string) {
	if d.Tokenized || a.Blocks == nil {
		return nil, ""
	}
	var w []string
	lang := ""
	if a.Language != "" && a.Language != "en" {
		w = append(w, doc.WLanguage)
		lang = a.Language
	}
	prose, total := 0, 0
	for i := range d.Sentences {
		n := len(d.Sentences[i].Tokens)
		total += n
		if cands == nil || cands[i] {
			prose += n
		}
	}
	if float64(prose) < proseShare*float64(total) {
		w = append(w, doc.WNotArticle)
	}
	switch {
	case prose < paywallWords && (a.Paywall || paywallNotice.MatchString(d.Text)):
		w = append(w, doc.WPaywall)
	case prose < shortWords:
		w = append(w, doc.WShort)
	}
	return w, lang
}
