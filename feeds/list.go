package feeds

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Source is a feed to follow.
type Source struct {
	URL string
	// Outlet names the publisher: the OPML outline's text or title, the
	// rest of a text file's line, or the feed's host.
	Outlet string
	// Stance is the OPML outline's stance attribute as written
	// ("left", "center", "right"), empty when absent.
	Stance string
}

type outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr"`
	XMLURL   string    `xml:"xmlUrl,attr"`
	Stance   string    `xml:"stance,attr"`
	Outlines []outline `xml:"outline"`
}

// ReadList reads a feed list: an OPML document (outlines with an xmlUrl
// attribute, at any depth) or a text file with one feed URL a line,
// optionally followed by the outlet's name, with # comments. A URL listed
// twice is kept once (the first).
func ReadList(b []byte) ([]Source, error) {
	t := bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))
	var out []Source
	if bytes.HasPrefix(t, []byte("<")) {
		var doc struct {
			XMLName xml.Name
			Body    struct {
				Outlines []outline `xml:"outline"`
			} `xml:"body"`
		}
		dec := xml.NewDecoder(bytes.NewReader(t))
		dec.Strict = false
		dec.Entity = xml.HTMLEntity
		if err := dec.Decode(&doc); err != nil {
			return nil, fmt.Errorf("feeds: OPML: %w", err)
		}
		if !strings.EqualFold(doc.XMLName.Local, "opml") {
			return nil, fmt.Errorf("feeds: <%s> is not OPML", doc.XMLName.Local)
		}
		var walk func([]outline)
		walk = func(os []outline) {
			for _, o := range os {
				if o.XMLURL != "" {
					name := strings.TrimSpace(o.Text)
					if name == "" {
						name = strings.TrimSpace(o.Title)
					}
					out = append(out, Source{URL: strings.TrimSpace(o.XMLURL), Outlet: name, Stance: strings.TrimSpace(o.Stance)})
				}
				walk(o.Outlines)
			}
		}
		walk(doc.Body.Outlines)
	} else {
		sc := bufio.NewScanner(bytes.NewReader(t))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			u, name, _ := strings.Cut(line, " ")
			out = append(out, Source{URL: u, Outlet: strings.TrimSpace(name)})
		}
	}
	seen := map[string]bool{}
	kept := out[:0]
	for _, s := range out {
		u, err := url.Parse(s.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("feeds: %q is not an http(s) URL", s.URL)
		}
		if seen[s.URL] {
			continue
		}
		seen[s.URL] = true
		if s.Outlet == "" {
			s.Outlet = strings.TrimPrefix(u.Hostname(), "www.")
		}
		kept = append(kept, s)
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("feeds: the list names no feed")
	}
	return kept, nil
}

// trackingParams are query parameters that only tell where a reader came
// from; URLKey drops them.
var trackingParams = map[string]bool{"fbclid": true, "gclid": true, "ocid": true, "cmpid": true, "ref": true, "smid": true, "mc_cid": true, "mc_eid": true}

// URLKey normalises an article URL so that one article has one key: the
// scheme and host lower-cased, "www." and default ports dropped, the
// fragment, tracking parameters (utm_* and the like) and a trailing slash
// removed, the remaining query parameters sorted. http and https give the
// same key.
func URLKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(raw)
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	path := u.EscapedPath()
	if len(path) > 1 {
		path = strings.TrimRight(path, "/")
	}
	if path == "/" {
		path = ""
	}
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var qs []string
	for _, k := range keys {
		vs := q[k]
		sort.Strings(vs)
		for _, v := range vs {
			qs = append(qs, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	key := host + path
	if len(qs) > 0 {
		key += "?" + strings.Join(qs, "&")
	}
	return key
}
