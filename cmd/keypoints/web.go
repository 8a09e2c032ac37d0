package main

import (
	"context"
	"mime"
	"strings"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/extract"
)

// htmlExtractor adapts an extract.Extractor to the server's and batch's
// "html → article" function.
func htmlExtractor(x extract.Extractor) func(html, url string) (doc.Article, error) {
	return func(html, url string) (doc.Article, error) {
		p, err := x.Extract([]byte(html), url)
		if err != nil {
			return doc.Article{}, err
		}
		return pageArticle(p), nil
	}
}

// fetcher returns the server's "url → article" function (see fetchPage).
func fetcher(x extract.Extractor, opt extract.FetchOptions) func(ctx context.Context, url string) (doc.Article, error) {
	return func(ctx context.Context, url string) (doc.Article, error) {
		p, err := fetchPage(ctx, x, url, opt)
		if err != nil {
			return doc.Article{}, err
		}
		return pageArticle(p), nil
	}
}

// fetchPage downloads url with extract.Fetch (which refuses non-public
// addresses unless opt.AllowPrivate), decodes it to UTF-8 and extracts
// the article when it is HTML; plain text passes through.
func fetchPage(ctx context.Context, x extract.Extractor, url string, opt extract.FetchOptions) (extract.Page, error) {
	body, contentType, finalURL, err := extract.Fetch(ctx, url, opt)
	if err != nil {
		return extract.Page{}, err
	}
	body, err = extract.Decode(body, contentType)
	if err != nil {
		return extract.Page{}, err
	}
	if mt, _, _ := mime.ParseMediaType(contentType); mt == "text/plain" && !extract.IsHTML(body) {
		return extract.Page{Text: string(body)}, nil
	}
	return x.Extract(body, finalURL)
}

// isURL reports a command-line argument that names a web page.
func isURL(arg string) bool {
	return strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://")
}

// readPageBytes reads the one input argument (FILE, "-" or stdin) as a
// web page: its bytes are decoded to UTF-8
// (valid UTF-8 wins over a stale <meta charset>). It returns the page's
// HTML and the name to use in messages. URLs are handled by fetchPage.
func readPageBytes(e *env, args []string) ([]byte, string, error) {
	text, source, err := readInput(e, args)
	if err != nil {
		return nil, source, err
	}
	b, err := extract.Decode([]byte(text), "")
	return b, source, err
}

// inputArticle turns the single input argument into an article: a URL is
// fetched and extracted; a file or stdin is extracted when it is HTML
// (inFormat "html", or "auto" and it looks like HTML) and read as plain
// text otherwise.
func inputArticle(ctx context.Context, e *env, args []string, inFormat string, allowPrivate bool) (doc.Article, string, error) {
	if len(args) == 1 && isURL(args[0]) {
		p, err := fetchPage(ctx, extract.Default(), args[0], extract.FetchOptions{AllowPrivate: allowPrivate})
		if err != nil {
			return doc.Article{}, args[0], err
		}
		return pageArticle(p), args[0], nil
	}
	text, source, err := readInput(e, args)
	if err != nil {
		return doc.Article{}, source, err
	}
	switch inFormat {
	case "text":
		return doc.Article{Text: text}, source, nil
	case "html":
	case "auto":
		if !extract.IsHTML([]byte(text)) {
			return doc.Article{Text: text}, source, nil
		}
	default:
		return doc.Article{}, source, usageError{"unknown -in-format " + inFormat + " (want auto, text or html)"}
	}
	b, err := extract.Decode([]byte(text), "")
	if err != nil {
		return doc.Article{}, source, err
	}
	p, err := extract.Default().Extract(b, "")
	if err != nil {
		return doc.Article{}, source, err
	}
	return pageArticle(p), source, nil
}

// pageArticle is the article of an extracted page, with the page
// structure the engine uses to tell sentences from headings and rows.
func pageArticle(p extract.Page) doc.Article {
	return doc.Article{Title: p.Title, Text: p.Text, Blocks: p.Blocks, Language: p.Language, Paywall: p.Paywall}
}
