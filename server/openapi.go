package server

import (
	_ "embed"
	"net/http"
)

// openAPI is the OpenAPI 3 description of every route in Server.routes;
// openapi_test.go keeps the two in step and checks its examples against
// its schemas and against the live handlers.
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	w.Write(openAPI)
}
