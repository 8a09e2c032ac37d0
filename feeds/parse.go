// Package feeds reads what a live service follows and polls: feed lists
// (OPML as feed readers export it, or a text file of URLs), feeds (RSS
// 2.0, RSS 1.0/RDF, Atom and JSON Feed), and the pages they link to, with
// conditional requests, one request at a time per host with a delay
// between, robots.txt honoured for pages, timeouts and size limits.
//
// The parser is ours, over encoding/xml and encoding/json: the feed
// formats are small, the one kept module for them (gofeed) is served here
// only as an unapproved copy, and what a news service needs of an item is
// five fields. Feeds in a declared non-UTF-8 charset are decoded
// (golang.org/x/net/html/charset); items without a link and repeated
// GUIDs are skipped and reported as the feed's problems, never a failure
// of the whole feed.
package feeds

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// Item is one entry of a feed.
type Item struct {
	// GUID is the item's own identifier (RSS guid, Atom id, JSON Feed
	// id); the link when the feed gives none.
	GUID  string
	URL   string
	Title string
	// Published is the item's publication (or, lacking it, update) time;
	// zero when the feed gives none or an unreadable one.
	Published time.Time
	Summary   string
}

// Feed is a parsed feed.
type Feed struct {
	Title string
	Items []Item
	// Problems describe the items skipped (no link, a GUID seen before),
	// one line each.
	Problems []string
}

// Parse reads an RSS, RDF, Atom or JSON Feed document. base resolves
// relative links. It returns an error for anything that is none of these.
func Parse(body []byte, base string) (*Feed, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) == 0 {
		return nil, errors.New("feed: empty document")
	}
	var f *Feed
	var err error
	if trimmed[0] == '{' {
		f, err = parseJSON(trimmed)
	} else {
		f, err = parseXML(trimmed)
	}
	if err != nil {
		return nil, err
	}
	f.clean(base)
	return f, nil
}

// clean resolves links, drops items without one and repeated GUIDs.
func (f *Feed) clean(base string) {
	b, _ := url.Parse(base)
	seen := map[string]bool{}
	kept := f.Items[:0]
	for i, it := range f.Items {
		it.URL = strings.TrimSpace(it.URL)
		it.GUID = strings.TrimSpace(it.GUID)
		it.Title = strings.TrimSpace(it.Title)
		if it.URL != "" && b != nil {
			if u, err := b.Parse(it.URL); err == nil {
				it.URL = u.String()
			}
		}
		if it.URL == "" {
			f.Problems = append(f.Problems, fmt.Sprintf("item %d (%q) has no link", i+1, it.Title))
			continue
		}
		if it.GUID == "" {
			it.GUID = it.URL
		}
		if seen[it.GUID] {
			f.Problems = append(f.Problems, fmt.Sprintf("item %d repeats the GUID %q", i+1, it.GUID))
			continue
		}
		seen[it.GUID] = true
		kept = append(kept, it)
	}
	f.Items = kept
}

type xmlLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Text string `xml:",chardata"`
}

type xmlItem struct {
	Title       string    `xml:"title"`
	Links       []xmlLink `xml:"link"`
	GUID        string    `xml:"guid"`
	ID          string    `xml:"id"`
	About       string    `xml:"about,attr"`
	PubDate     string    `xml:"pubDate"`
	Date        string    `xml:"date"` // dc:date
	Published   string    `xml:"published"`
	Updated     string    `xml:"updated"`
	Description string    `xml:"description"`
	Summary     string    `xml:"summary"`
}

type xmlChannel struct {
	Title string    `xml:"title"`
	Items []xmlItem `xml:"item"`
}

// xmlDoc covers the three XML formats: RSS 2.0 (channel/item), RDF (items
// beside the channel) and Atom (entry).
type xmlDoc struct {
	XMLName xml.Name
	Channel xmlChannel `xml:"channel"`
	Items   []xmlItem  `xml:"item"`
	Title   string     `xml:"title"`
	Entries []xmlItem  `xml:"entry"`
}

func parseXML(b []byte) (*Feed, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		rd, err := charset.NewReaderLabel(label, r)
		if err != nil {
			return nil, fmt.Errorf("unknown charset %q", label)
		}
		return rd, nil
	}
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	var d xmlDoc
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("feed: not a readable XML feed: %w", err)
	}
	f := &Feed{}
	var items []xmlItem
	switch strings.ToLower(d.XMLName.Local) {
	case "rss":
		f.Title, items = d.Channel.Title, d.Channel.Items
	case "rdf":
		f.Title, items = d.Channel.Title, append(d.Channel.Items, d.Items...)
	case "feed":
		f.Title, items = d.Title, d.Entries
	default:
		return nil, fmt.Errorf("feed: <%s> is not an RSS, RDF or Atom feed", d.XMLName.Local)
	}
	for _, x := range items {
		it := Item{Title: x.Title, GUID: x.GUID, Summary: x.Description}
		if it.GUID == "" {
			it.GUID = x.ID
		}
		if it.GUID == "" {
			it.GUID = x.About
		}
		if it.Summary == "" {
			it.Summary = x.Summary
		}
		for _, l := range x.Links {
			href := strings.TrimSpace(l.Href)
			if href == "" {
				href = strings.TrimSpace(l.Text)
			}
			if href != "" && (l.Rel == "" || l.Rel == "alternate") {
				it.URL = href
				break
			}
		}
		for _, d := range []string{x.PubDate, x.Published, x.Date, x.Updated} {
			if t, ok := parseTime(d); ok {
				it.Published = t
				break
			}
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

type jsonFeed struct {
	Version string `json:"version"`
	Title   string `json:"title"`
	Items   []struct {
		ID            json.RawMessage `json:"id"`
		URL           string          `json:"url"`
		Title         string          `json:"title"`
		Summary       string          `json:"summary"`
		DatePublished string          `json:"date_published"`
		DateModified  string          `json:"date_modified"`
	} `json:"items"`
}

func parseJSON(b []byte) (*Feed, error) {
	var j jsonFeed
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("feed: not a readable JSON Feed: %w", err)
	}
	if !strings.HasPrefix(j.Version, "https://jsonfeed.org/version/") {
		return nil, errors.New("feed: JSON without a JSON Feed version")
	}
	f := &Feed{Title: j.Title}
	for _, x := range j.Items {
		it := Item{URL: x.URL, Title: x.Title, Summary: x.Summary}
		var s string
		if json.Unmarshal(x.ID, &s) == nil {
			it.GUID = s
		} else if len(x.ID) > 0 {
			it.GUID = string(x.ID) // a number, against the spec but seen
		}
		for _, d := range []string{x.DatePublished, x.DateModified} {
			if t, ok := parseTime(d); ok {
				it.Published = t
				break
			}
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// timeLayouts are the date forms feeds use: RFC 822/1123 (RSS, with
// and without seconds, numeric or named zones) and RFC 3339 (Atom, JSON
// Feed, dc:date).
var timeLayouts = []string{
	time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST", "Mon, 2 Jan 2006 15:04 -0700", "Mon, 2 Jan 2006 15:04 MST",
	time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02",
}

func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
