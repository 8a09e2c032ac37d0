// Package htmldate finds the publication date of a web page from its
// machine-readable metadata. It stands in for github.com/markusmobius/
// go-htmldate inside keypoints (see README.md): same API for what
// go-trafilatura calls, none of go-dateparser's start-up cost.
package htmldate

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// Options mirrors the go-htmldate options go-trafilatura sets. Only
// UseOriginalDate and URL change what FromDocument does.
type Options struct {
	ExtractTime         bool
	UseOriginalDate     bool
	URL                 string
	MinDate, MaxDate    time.Time
	EnableLog           bool
	SkipExtensiveSearch bool
	DeferUrlExtractor   bool
}

// Result is a found date.
type Result struct {
	DateTime    time.Time
	HasTime     bool
	HasTimezone bool
	SrcString   string
}

// IsZero reports whether no date was found.
func (r Result) IsZero() bool { return r.DateTime.IsZero() }

// publishedKeys name the meta tags (property, name or itemprop) holding
// the original publication date; modifiedKeys the last update.
var publishedKeys = map[string]bool{
	"article:published_time": true, "og:published_time": true, "article.published": true,
	"datepublished": true, "date": true, "pubdate": true, "publishdate": true, "publish-date": true,
	"publish_date": true, "dc.date": true, "dc.date.issued": true, "dcterms.date": true,
	"dcterms.created": true, "dcterms.issued": true, "sailthru.date": true, "parsely-pub-date": true,
	"citation_publication_date": true, "article_date_original": true, "originalpublicationdate": true,
	"datecreated": true, "release_date": true, "cxenseparse:recs:publishtime": true,
}

var modifiedKeys = map[string]bool{
	"article:modified_time": true, "og:updated_time": true, "datemodified": true,
	"last-modified": true, "dcterms.modified": true, "lastmod": true,
}

var (
	jsonLDPublished = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]{8,40})"`)
	jsonLDModified  = regexp.MustCompile(`"dateModified"\s*:\s*"([^"]{8,40})"`)
	urlDate         = regexp.MustCompile(`/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])`)
)

// FromDocument returns the page's publication date (or, without
// UseOriginalDate, the most recent of publication and update). A page
// without a machine-readable date gives a zero Result and no error.
func FromDocument(doc *html.Node, opts Options) (Result, error) {
	var published, modified []string
	var timeAttr string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "meta":
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop") + attr(n, "http-equiv"))
				content := attr(n, "content")
				if content == "" {
					content = attr(n, "datetime")
				}
				if publishedKeys[key] {
					published = append(published, content)
				} else if modifiedKeys[key] {
					modified = append(modified, content)
				}
			case "script":
				if strings.Contains(attr(n, "type"), "ld+json") && n.FirstChild != nil {
					for _, m := range jsonLDPublished.FindAllStringSubmatch(n.FirstChild.Data, -1) {
						published = append(published, m[1])
					}
					for _, m := range jsonLDModified.FindAllStringSubmatch(n.FirstChild.Data, -1) {
						modified = append(modified, m[1])
					}
				}
			case "time":
				if v := attr(n, "datetime"); v != "" && (timeAttr == "" || hasAttr(n, "pubdate")) {
					timeAttr = v
				}
			default:
				if strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					if v := attr(n, "datetime") + attr(n, "content"); v != "" {
						published = append(published, v)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if doc != nil {
		walk(doc)
	}
	candidates := published
	if !opts.UseOriginalDate {
		candidates = append(append([]string(nil), modified...), published...)
	}
	if timeAttr != "" {
		candidates = append(candidates, timeAttr)
	}
	for _, c := range candidates {
		if r, ok := parse(c); ok && inRange(r.DateTime, opts) {
			return r, nil
		}
	}
	if r, ok := fromURL(opts.URL); ok && inRange(r.DateTime, opts) {
		return r, nil
	}
	return Result{}, nil
}

var layouts = []struct {
	layout      string
	hasTime, tz bool
}{
	{time.RFC3339Nano, true, true},
	{"2006-01-02T15:04:05Z0700", true, true},
	{"2006-01-02T15:04Z07:00", true, true},
	{"2006-01-02T15:04:05", true, false},
	{"2006-01-02 15:04:05", true, false},
	{"2006-01-02T15:04", true, false},
	{"2006-01-02", false, false},
	{"2006/01/02", false, false},
	{"20060102", false, false},
	{time.RFC1123Z, true, true},
	{time.RFC1123, true, true},
	{"January 2, 2006", false, false},
	{"Jan 2, 2006", false, false},
	{"2 January 2006", false, false},
	{"2 Jan 2006", false, false},
}

func parse(s string) (Result, bool) {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			return Result{DateTime: t, HasTime: l.hasTime, HasTimezone: l.tz, SrcString: s}, true
		}
	}
	// "2024-03-04T10:00:00.000+0100" and other near-ISO forms: keep the date.
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return Result{DateTime: t, SrcString: s}, true
		}
	}
	return Result{}, false
}

func fromURL(raw string) (Result, bool) {
	if raw == "" {
		return Result{}, false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return Result{}, false
	}
	m := urlDate.FindStringSubmatch(u.Path)
	if m == nil {
		return Result{}, false
	}
	t, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-"+m[3])
	if err != nil {
		return Result{}, false
	}
	return Result{DateTime: t, SrcString: m[0]}, true
}

func inRange(t time.Time, opts Options) bool {
	if !opts.MinDate.IsZero() && t.Before(opts.MinDate) {
		return false
	}
	if !opts.MaxDate.IsZero() && t.After(opts.MaxDate) {
		return false
	}
	return t.Year() >= 1995 && t.Before(time.Now().AddDate(0, 0, 2))
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
