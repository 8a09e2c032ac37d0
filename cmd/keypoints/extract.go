package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/keypoints-dev/keypoints/extract"
)

var cmdExtract = &command{
	name:  "extract",
	usage: "[-format text|json] [-allow-private-urls] [FILE|URL|-]",
	short: "print the article text of a web page",
	long: `
Extract reads a web page from FILE, stdin, or a URL (http:// or https://,
fetched with a timeout, size and redirect limits; loopback, link-local and
private addresses are refused unless -allow-private-urls) and prints its
main text without menus, related links, ads, captions or cookie notices,
one paragraph a line. -format json adds the title, byline, publication
date, site name and language.

The page's bytes are decoded to UTF-8 from the charset its Content-Type,
BOM or <meta> declares; bytes that are already valid UTF-8 are read as
UTF-8 whatever a stale <meta> says.`,
}

type extractFlags struct {
	format       string
	allowPrivate bool
}

func (f *extractFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "text", "output format: text or json")
	fs.BoolVar(&f.allowPrivate, "allow-private-urls", false, "allow fetching loopback, link-local and private addresses")
}

func init() {
	flagSetups["extract"] = func(fs *flag.FlagSet) { new(extractFlags).register(fs) }
	cmdExtract.run = runExtract
}

func runExtract(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	var f extractFlags
	f.register(fs)
	if err := parseFlags(fs, e, args); err != nil {
		return err
	}
	if f.format != "text" && f.format != "json" {
		return usageError{"unknown -format " + f.format + " (want text or json)"}
	}
	var page extract.Page
	var err error
	source := "stdin"
	if fs.NArg() == 1 && isURL(fs.Arg(0)) {
		source = fs.Arg(0)
		page, err = fetchPage(ctx, extract.Default(), source, extract.FetchOptions{AllowPrivate: f.allowPrivate})
	} else {
		var b []byte
		b, source, err = readPageBytes(e, fs.Args())
		if err == nil {
			page, err = extract.Default().Extract(b, "")
		}
	}
	if err != nil {
		return describe(source, err)
	}
	if f.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Text     string `json:"text"`
			Title    string `json:"title,omitempty"`
			Byline   string `json:"byline,omitempty"`
			Date     string `json:"date,omitempty"`
			SiteName string `json:"site_name,omitempty"`
			Language string `json:"language,omitempty"`
		}{page.Text, page.Title, page.Byline, page.Date, page.SiteName, page.Language})
	}
	_, err = fmt.Fprintln(e.stdout, page.Text)
	return err
}
