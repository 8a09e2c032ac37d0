package server

import (
	"fmt"
	"net/http"
	"runtime/debug"

	"github.com/keypoints-dev/keypoints/doc"
)

// limit refuses a request with 503 and Retry-After when MaxInFlight
// requests are already being served, rather than queueing it: a client
// that backs off does better than one whose request waits unseen.
func (s *Server) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.sem <- struct{}{}:
		default:
			s.writeError(w, r, doc.Errorf(EUnavailable, "the server is busy (%d requests in flight); retry shortly", s.MaxInFlight))
			return
		}
		defer func() { <-s.sem }()
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a handler panic into a 500 with an error id, logged
// with the stack, so one bad request never takes the server down.
// http.ErrAbortHandler is passed on: it is net/http's way to abort.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.metrics.panics.Inc()
			id := newErrorID()
			s.log.Error("panic", "id", id, "method", r.Method, "path", r.URL.Path,
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if sw, ok := w.(*statusWriter); ok && sw.code != 0 {
				// The response has begun; all we can do is cut it short.
				panic(http.ErrAbortHandler)
			}
			s.writeJSON(w, http.StatusInternalServerError, errorBody{errorDetail{
				Code: doc.EInternal, Message: "internal error; the server log has id " + id, ID: id,
			}})
		}()
		next.ServeHTTP(w, r)
	})
}
