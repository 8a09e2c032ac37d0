package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"

	"github.com/keypoints-dev/keypoints/doc"
)

// Error codes the server adds to those of package doc, for failures that
// belong to HTTP rather than to articles.
const (
	EUnsupportedMediaType = "unsupported_media_type" // a Content-Type the route does not read
	EUnavailable          = "unavailable"            // too many requests in flight
	ENotFound             = "not_found"              // no stored story or article has that id
)

// Status returns the HTTP status for an error code: the one place codes
// become statuses. Unknown codes are internal errors.
func Status(code string) int {
	switch code {
	case doc.EInvalid:
		return http.StatusBadRequest
	case doc.ENoArticle:
		return http.StatusUnprocessableEntity
	case doc.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case doc.ETimeout:
		return http.StatusGatewayTimeout
	case EUnsupportedMediaType:
		return http.StatusUnsupportedMediaType
	case EUnavailable:
		return http.StatusServiceUnavailable
	case ENotFound:
		return http.StatusNotFound
	}
	return http.StatusInternalServerError
}

// errorBody is the JSON shape of every error response:
// {"error": {"code": ..., "message": ..., "id": ...}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// ID names an internal error in the server log.
	ID string `json:"id,omitempty"`
}

// coded turns context errors into coded ones; other errors pass through.
func coded(err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return doc.Errorf(doc.ETimeout, "the request took too long")
	}
	return err
}

// writeError writes err as a JSON error response. Internal errors (any
// error without a doc code) are logged under a fresh id, and only the id
// reaches the client: their messages may hold details users should not see.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	err = coded(err)
	code := doc.ErrorCode(err)
	d := errorDetail{Code: code, Message: err.Error()}
	if code == doc.EInternal {
		d.ID = newErrorID()
		d.Message = "internal error; the server log has id " + d.ID
		s.log.Error("internal error", "id", d.ID, "method", r.Method, "path", r.URL.Path, "err", err)
	}
	status := Status(code)
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	s.writeJSON(w, status, errorBody{d})
}

// newErrorID returns 8 random bytes in hex, to find an error in the log.
func newErrorID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusWriter records the status code a handler sends.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Flush lets streaming handlers flush through the wrapper.
func (w *statusWriter) Flush() {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap gives http.ResponseController the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) status() string {
	switch w.code {
	case 0, http.StatusOK:
		return "200"
	case http.StatusBadRequest:
		return "400"
	}
	return strconv.Itoa(w.code)
}
