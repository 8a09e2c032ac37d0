package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"net/http"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/stories"
)

// web holds the page: one html/template with its script and style
// inlined, so the page is a single response with nothing fetched from
// elsewhere and no build step. It has two modes (tabs): one article
// (POST /v1/keypoints) and one event across outlets (POST /v1/stories).
//
//go:embed web/index.html web/app.js web/style.css
var web embed.FS

// renderPage executes the page template once and returns the page and its
// Content-Security-Policy (see renderInline).
func renderPage() ([]byte, string) {
	return renderInline(web, "web/index.html", "web/app.js", "web/style.css", func(script template.JS, style template.CSS) any {
		return struct {
			Script     template.JS
			Style      template.CSS
			DefaultN   int
			MaxN       int
			StoryWords int
		}{script, style, keypoints.DefaultN, 10, stories.DefaultWords}
	})
}

// renderInline executes the template file page of fsys with the files
// script and style inlined (data builds the template's data from them),
// and returns the page and the Content-Security-Policy that allows
// exactly that script and style (by hash) and requests to this server
// only. The files are embedded, so errors are build bugs: it panics.
func renderInline(fsys embed.FS, page, script, style string, data func(template.JS, template.CSS) any) ([]byte, string) {
	js, err := fsys.ReadFile(script)
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	css, err := fsys.ReadFile(style)
	if err != nil {
		panic(err)
	}
	t := template.Must(template.ParseFS(fsys, page))
	var b bytes.Buffer
	if err := t.Execute(&b, data(template.JS(js), template.CSS(css))); err != nil {
		panic(err) // a template bug, caught by the tests
	}
	csp := "default-src 'none'; script-src " + hashSource(js) + "; style-src " + hashSource(css) +
		"; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	return b.Bytes(), csp
}

func hashSource(b []byte) string {
	sum := sha256.Sum256(b)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// handleIndex serves the web page.
func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	servePage(w, s.page, s.csp)
}

// servePage writes a page rendered by renderInline under its CSP.
func servePage(w http.ResponseWriter, page []byte, csp string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.Write(page)
}
