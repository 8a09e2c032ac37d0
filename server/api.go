package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/keypoints-dev/keypoints/batch"
	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/render"
)

// Request is the body of POST /v1/keypoints. Exactly one of Text, HTML and
// URL gives the article.
type Request struct {
	// Text is the article as plain text, paragraphs separated by newlines.
	Text string `json:"text,omitempty"`
	// HTML is a web page holding the article; the server extracts it.
	HTML string `json:"html,omitempty"`
	// URL names a public web page for the server to fetch and extract.
	URL string `json:"url,omitempty"`
	// Title is the headline; it helps scoring. For html and url requests
	// it replaces the title found on the page.
	Title string `json:"title,omitempty"`
	// N is the number of key points; 0 means the server's default.
	N int `json:"n,omitempty"`
	// Words caps the words of all key points together; 0 means no cap.
	Words int `json:"words,omitempty"`
	// Compress, when given, says whether key points may leave out
	// phrases (default: the server's, true unless started with
	// -compress=false).
	Compress *bool `json:"compress,omitempty"`
}

// Response is the body of a successful POST /v1/keypoints: the key points
// with their spans in Text, every sentence of Text, and the cleaned
// article text all offsets refer to (byte offsets into UTF-8).
type Response struct {
	KeyPoints []doc.KeyPoint    `json:"keypoints"`
	Sentences []render.Sentence `json:"sentences"`
	Text      string            `json:"text"`
	Title     string            `json:"title"`
	Summary   string            `json:"summary"`
	// PublisherKeyPoints are the publisher's own key points found on top
	// of the article, not part of Text; absent when there were none.
	PublisherKeyPoints []doc.PublisherPoint `json:"publisher_keypoints,omitempty"`
	// Warnings qualify the key points of a web page (not_article, short,
	// paywall, language); Language is the detected language beside
	// "language".
	Warnings []string `json:"warnings,omitempty"`
	Language string   `json:"language,omitempty"`
}

// newResponse builds the response for res, which must carry its Document.
func newResponse(res *doc.Result) Response {
	d := res.Document
	ss := make([]render.Sentence, len(d.Sentences))
	for i, s := range d.Sentences {
		ss[i] = render.Sentence{Text: s.Text, Start: s.Start, End: s.End}
	}
	return Response{KeyPoints: res.KeyPoints, Sentences: ss, Text: d.Text, Title: res.Title, Summary: res.Summary(),
		PublisherKeyPoints: res.PublisherKeyPoints, Warnings: res.Warnings, Language: res.Language}
}

// Media types the routes read. An absent Content-Type is read as JSON.
var (
	jsonTypes  = []string{"application/json"}
	batchTypes = []string{"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines", "application/json", "text/plain"}
)

// handleKeypoints summarizes one article: decode, validate, get the
// article (extracting or fetching it when asked), summarize, encode.
func (s *Server) handleKeypoints(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := s.deadline(w, r)
	defer cancel()
	if err := checkContentType(r, jsonTypes); err != nil {
		s.writeError(w, r, err)
		return
	}
	var req Request
	if err := s.decodeJSON(w, r, s.MaxBodyBytes, &req, `send a JSON object with "text", "html" or "url"`); err != nil {
		s.writeError(w, r, err)
		return
	}
	eng, err := s.Engine.WithLength(req.N, req.Words)
	if err == nil && req.Compress != nil {
		eng, err = eng.WithCompress(*req.Compress)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	a, err := s.article(ctx, &req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.metrics.articleBytes.Observe(float64(len(a.Text)))
	res, err := eng.Summarize(ctx, a)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, newResponse(res))
}

// deadline bounds a request to RequestTimeout: the context it returns
// ends then, and so do reading the body and writing the response, so a
// slow client cannot hold a slot.
func (s *Server) deadline(w http.ResponseWriter, r *http.Request) (context.Context, context.CancelFunc) {
	rc := http.NewResponseController(w)
	deadline := time.Now().Add(s.RequestTimeout)
	rc.SetReadDeadline(deadline)
	rc.SetWriteDeadline(deadline.Add(time.Second))
	return context.WithDeadline(r.Context(), deadline)
}

// article returns the article req gives, enforcing that it gives exactly
// one of text, html and url.
func (s *Server) article(ctx context.Context, req *Request) (doc.Article, error) {
	given := 0
	for _, f := range []string{req.Text, req.HTML, req.URL} {
		if f != "" {
			given++
		}
	}
	switch given {
	case 0:
		return doc.Article{}, doc.Errorf(doc.EInvalid, `missing field: give the article in "text", "html" or "url"`)
	case 1:
	default:
		return doc.Article{}, doc.Errorf(doc.EInvalid, `give only one of "text", "html" and "url"`)
	}
	var a doc.Article
	switch {
	case req.Text != "":
		a = doc.Article{Text: req.Text}
	case req.HTML != "":
		if s.HTML == nil {
			return a, doc.Errorf(doc.EInvalid, `this server does not read HTML; send the article as "text"`)
		}
		var err error
		if a, err = s.HTML(req.HTML, ""); err != nil {
			return a, err
		}
	default:
		if s.Fetch == nil {
			return a, doc.Errorf(doc.EInvalid, `this server does not fetch URLs; send the article as "text"`)
		}
		var err error
		if a, err = s.Fetch(ctx, req.URL); err != nil {
			return a, err
		}
	}
	if req.Title != "" {
		a.Title = req.Title
	}
	return a, nil
}

// handleBatch streams JSONL records through batch.Run: one output line per
// input line, in order, with the batch command's record contract. Output
// is flushed to the client as soon as batch.Run has caught up with its
// workers, so each result arrives while the client is still sending.
// Query parameters n and words apply to every record.
func (s *Server) handleBatch(w http.ResponseWriter, r *http.Request) {
	if err := checkContentType(r, batchTypes); err != nil {
		s.writeError(w, r, err)
		return
	}
	if r.ContentLength > s.MaxBatchBytes {
		s.writeError(w, r, tooLarge(s.MaxBatchBytes))
		return
	}
	n, err := intParam(r, "n")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	words, err := intParam(r, "words")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	eng, err := s.Engine.WithLength(n, words)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rc := http.NewResponseController(w)
	// Read the request while writing the response (HTTP/1.1 otherwise
	// stops reading the body once the response starts).
	rc.EnableFullDuplex()
	out := &streamWriter{w: w, rc: rc}
	body := http.MaxBytesReader(w, r.Body, s.MaxBatchBytes)
	st, err := batch.Run(r.Context(), eng, body, out, batch.Options{Workers: s.BatchWorkers, HTML: s.HTML, Stream: true})
	s.metrics.batchRecords.WithLabelValues("ok").Add(float64(st.OK))
	s.metrics.batchRecords.WithLabelValues("error").Add(float64(st.Errors))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) && !out.started {
			s.writeError(w, r, tooLarge(s.MaxBatchBytes))
			return
		}
		// The status is sent; the client sees a short stream.
		s.log.Warn("batch stopped early", "records", st.Records, "err", err)
	}
	if !out.started {
		out.start()
	}
}

// streamWriter sends the JSONL content type with the first write and
// flushes after every write.
type streamWriter struct {
	w       http.ResponseWriter
	rc      *http.ResponseController
	started bool
}

func (sw *streamWriter) start() {
	h := sw.w.Header()
	h.Set("Content-Type", "application/x-ndjson")
	h.Set("X-Content-Type-Options", "nosniff")
	sw.w.WriteHeader(http.StatusOK)
	sw.started = true
}

func (sw *streamWriter) Write(b []byte) (int, error) {
	if !sw.started {
		sw.start()
	}
	n, err := sw.w.Write(b)
	if err == nil {
		err = sw.rc.Flush()
	}
	return n, err
}

func intParam(r *http.Request, name string) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, doc.Errorf(doc.EInvalid, "query parameter %s must be an integer, got %q", name, v)
	}
	return n, nil
}

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, http.StatusOK, struct {
		Status string `json:"status"`
	}{"ok"})
}

// checkContentType accepts an absent Content-Type or one of types.
func checkContentType(r *http.Request, types []string) error {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil {
		for _, t := range types {
			if mt == t {
				return nil
			}
		}
	}
	return doc.Errorf(EUnsupportedMediaType, "unsupported Content-Type %q; send %s", ct, strings.Join(types, " or "))
}

func tooLarge(limit int64) error {
	return doc.Errorf(doc.ETooLarge, "request body is over the limit of %s", sizeString(limit))
}

func sizeString(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// decodeJSON reads one JSON object from the body, at most limit bytes,
// into v. Unknown fields, trailing data and an empty body are errors;
// hint tells what to send instead of an empty body.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, limit int64, v any, hint string) error {
	if r.ContentLength > limit {
		return tooLarge(limit)
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("data after the JSON object")
			var mbe *http.MaxBytesError
			if errors.As(terr, &mbe) {
				err = terr
			}
		}
	}
	if err == nil {
		return nil
	}
	var (
		mbe *http.MaxBytesError
		se  *json.SyntaxError
		te  *json.UnmarshalTypeError
		ne  net.Error
	)
	switch {
	case errors.As(err, &mbe):
		return tooLarge(limit)
	case errors.Is(err, io.EOF):
		return doc.Errorf(doc.EInvalid, "empty request body; %s", hint)
	case errors.As(err, &se):
		return doc.Errorf(doc.EInvalid, "malformed JSON at byte %d: %v", se.Offset, err)
	case errors.As(err, &te) && te.Field == "":
		return doc.Errorf(doc.EInvalid, "malformed JSON: the body must be a JSON object, not %s", te.Value)
	case errors.As(err, &te):
		return doc.Errorf(doc.EInvalid, "field %q must be a JSON %s, not %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return doc.Errorf(doc.EInvalid, "malformed JSON: the body ends inside the object")
	case errors.As(err, &ne) && ne.Timeout():
		return doc.Errorf(doc.ETimeout, "the request body took too long to arrive")
	}
	return doc.Errorf(doc.EInvalid, "malformed JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int", "int64", "float64":
		return "number"
	case "struct", "map":
		return "object"
	case "slice":
		return "array"
	}
	return goKind
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeJSON writes v as a JSON response with the given status. Encoding
// goes to a pooled buffer first, so the response carries a Content-Length
// and an encoding failure can still become a clean 500.
func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<20 {
			bufPool.Put(buf)
		}
	}()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	h := w.Header()
	h["Content-Type"] = []string{"application/json"}
	h["X-Content-Type-Options"] = []string{"nosniff"}
	if err := enc.Encode(v); err != nil {
		id := newErrorID()
		s.log.Error("encode response", "id", id, "err", err)
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `{"error":{"code":"internal","message":"internal error; the server log has id %s","id":"%s"}}`+"\n", id, id)
		return
	}
	h["Content-Length"] = []string{strconv.Itoa(buf.Len())}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
