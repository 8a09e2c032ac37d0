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

var pageTemplate = template.Must(template.ParseFS(web, "web/index.html"))

// renderPage executes the page template once and returns the page and the
// Content-Security-Policy that allows exactly its inline script and style
// (by hash) and requests to this server only.
func renderPage() ([]byte, string) {
	script, err := web.ReadFile("web/app.js")
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	style, err := web.ReadFile("web/style.css")
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	err = pageTemplate.Execute(&b, struct {
		Script     template.JS
		Style      template.CSS
		DefaultN   int
		MaxN       int
		StoryWords int
	}{template.JS(script), template.CSS(style), keypoints.DefaultN, 10, stories.DefaultWords})
	if err != nil {
		panic(err) // a template bug, caught by the tests
	}
	csp := "default-src 'none'; script-src " + hashSource(script) + "; style-src " + hashSource(style) +
		"; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	return b.Bytes(), csp
}

func hashSource(b []byte) string {
	sum := sha256.Sum256(b)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// handleIndex serves the web page.
func (s *Server) handleIndex(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", s.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.Write(s.page)
}
