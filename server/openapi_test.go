package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/doc"
)

// spec is the part of an OpenAPI 3 document these tests read.
type spec struct {
	OpenAPI    string                          `json:"openapi"`
	Paths      map[string]map[string]operation `json:"paths"`
	Components struct {
		Schemas   map[string]schema   `json:"schemas"`
		Responses map[string]response `json:"responses"`
	} `json:"components"`
}

type operation struct {
	RequestBody *struct {
		Content map[string]mediaType `json:"content"`
	} `json:"requestBody"`
	Responses map[string]response `json:"responses"`
}

type response struct {
	Ref     string               `json:"$ref"`
	Content map[string]mediaType `json:"content"`
}

type mediaType struct {
	Schema   schema `json:"schema"`
	Example  any    `json:"example"`
	Examples map[string]struct {
		Value any `json:"value"`
	} `json:"examples"`
}

// examples returns the media type's examples by name.
func (m mediaType) examples() map[string]any {
	out := map[string]any{}
	if m.Example != nil {
		out["example"] = m.Example
	}
	for name, e := range m.Examples {
		out[name] = e.Value
	}
	return out
}

type schema struct {
	Ref                  string            `json:"$ref"`
	Type                 string            `json:"type"`
	Required             []string          `json:"required"`
	Properties           map[string]schema `json:"properties"`
	Items                *schema           `json:"items"`
	Enum                 []any             `json:"enum"`
	AdditionalProperties *bool             `json:"additionalProperties"`
}

func loadSpec(t *testing.T) *spec {
	t.Helper()
	var sp spec
	dec := json.NewDecoder(bytes.NewReader(openAPI))
	if err := dec.Decode(&sp); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(sp.OpenAPI, "3.") {
		t.Fatalf("openapi = %q, want 3.x", sp.OpenAPI)
	}
	return &sp
}

func (sp *spec) response(t *testing.T, r response) response {
	t.Helper()
	if r.Ref == "" {
		return r
	}
	name, ok := strings.CutPrefix(r.Ref, "#/components/responses/")
	res, found := sp.Components.Responses[name]
	if !ok || !found {
		t.Fatalf("bad response $ref %q", r.Ref)
	}
	return res
}

// validate checks v against s: types, required fields, enums, items and
// properties (and no others where additionalProperties is false). It
// returns one message per problem, naming the JSON path.
func (sp *spec) validate(s schema, v any, path string) []string {
	if s.Ref != "" {
		name, _ := strings.CutPrefix(s.Ref, "#/components/schemas/")
		ref, ok := sp.Components.Schemas[name]
		if !ok {
			return []string{fmt.Sprintf("%s: unknown $ref %q", path, s.Ref)}
		}
		return sp.validate(ref, v, path)
	}
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, args...)) }
	if len(s.Enum) > 0 && !slices.Contains(s.Enum, v) {
		bad("%v is not one of %v", v, s.Enum)
	}
	switch s.Type {
	case "":
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			bad("want an object, got %T", v)
			break
		}
		for _, f := range s.Required {
			if _, ok := m[f]; !ok {
				bad("missing required field %q", f)
			}
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ps, ok := s.Properties[k]
			if !ok {
				if s.AdditionalProperties != nil && !*s.AdditionalProperties {
					bad("field %q is not in the schema", k)
				}
				continue
			}
			errs = append(errs, sp.validate(ps, m[k], path+"."+k)...)
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			bad("want an array, got %T", v)
			break
		}
		if s.Items != nil {
			for i, x := range a {
				errs = append(errs, sp.validate(*s.Items, x, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case "string":
		if _, ok := v.(string); !ok {
			bad("want a string, got %T", v)
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != math.Trunc(f) {
			bad("want an integer, got %v", v)
		}
	case "number":
		if _, ok := v.(float64); !ok {
			bad("want a number, got %T", v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("want a boolean, got %T", v)
		}
	default:
		bad("unknown schema type %q", s.Type)
	}
	return errs
}

// TestOpenAPIRoutes checks that the document describes exactly the
// routes the server registers.
func TestOpenAPIRoutes(t *testing.T) {
	sp := loadSpec(t)
	var documented, registered []string
	for path, ops := range sp.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	for _, rt := range new(Server).routes() {
		registered = append(registered, rt.method+" "+rt.path)
	}
	sort.Strings(documented)
	sort.Strings(registered)
	if !slices.Equal(documented, registered) {
		t.Errorf("openapi.json documents\n\t%s\nbut the server registers\n\t%s",
			strings.Join(documented, "\n\t"), strings.Join(registered, "\n\t"))
	}
}

// TestOpenAPIExamples checks every example in the document against its
// schema, and that every error status documented is one Status returns.
func TestOpenAPIExamples(t *testing.T) {
	sp := loadSpec(t)
	statuses := map[string]bool{"200": true}
	for _, code := range []string{doc.EInvalid, doc.ENoArticle, doc.ETooLarge, doc.ETimeout, doc.EInternal, EUnsupportedMediaType, EUnavailable, ENotFound} {
		statuses[fmt.Sprint(Status(code))] = true
	}
	n := 0
	for path, ops := range sp.Paths {
		for method, op := range ops {
			where := strings.ToUpper(method) + " " + path
			if op.RequestBody != nil {
				for ct, mt := range op.RequestBody.Content {
					for name, ex := range mt.examples() {
						n++
						for _, e := range sp.validate(mt.Schema, ex, "request") {
							t.Errorf("%s %s request example %s: %s", where, ct, name, e)
						}
					}
				}
			}
			for status, r := range op.Responses {
				if !statuses[status] {
					t.Errorf("%s documents status %s, which the server never sends", where, status)
				}
				for ct, mt := range sp.response(t, r).Content {
					for name, ex := range mt.examples() {
						n++
						for _, e := range sp.validate(mt.Schema, ex, "response") {
							t.Errorf("%s %s %s example %s: %s", where, status, ct, name, e)
						}
					}
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("found only %d examples", n)
	}
}

// TestOpenAPILive sends the document's request examples to a server and
// checks the real responses against the documented status and schema,
// then does the same for an error of each route.
func TestOpenAPILive(t *testing.T) {
	sp := loadSpec(t)
	article := testArticle(t)
	s := MustOpenServer(t, func(s *Server) {
		s.HTML = func(html, url string) (doc.Article, error) { return doc.Article{Title: "Page", Text: article}, nil }
		s.Fetch = func(ctx context.Context, url string) (doc.Article, error) { return doc.Article{Text: article}, nil }
	})

	// check sends a request and validates the answer against the
	// documented response for its status and content type.
	check := func(t *testing.T, method, path, contentType string, body []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, s.URL()+path, bytes.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		route, _, _ := strings.Cut(path, "?")
		doc, ok := sp.Paths[route][strings.ToLower(method)].Responses[fmt.Sprint(resp.StatusCode)]
		if !ok {
			t.Fatalf("%s %s: status %d is not documented; body %s", method, path, resp.StatusCode, got)
		}
		ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		mt, ok := sp.response(t, doc).Content[ct]
		if !ok {
			t.Fatalf("%s %s: content type %q is not documented for %d", method, path, ct, resp.StatusCode)
		}
		if mt.Schema.Type == "string" {
			return
		}
		values := [][]byte{got}
		if ct == "application/x-ndjson" {
			values = bytes.Split(bytes.TrimSuffix(got, []byte("\n")), []byte("\n"))
		}
		for _, b := range values {
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatalf("%s %s: body %q: %v", method, path, b, err)
			}
			for _, e := range sp.validate(mt.Schema, v, "body") {
				t.Errorf("%s %s (%d): %s", method, path, resp.StatusCode, e)
			}
		}
	}

	for path, ops := range sp.Paths {
		for method, op := range ops {
			method = strings.ToUpper(method)
			if op.RequestBody == nil {
				t.Run(method+" "+path, func(t *testing.T) { check(t, method, path, "", nil) })
				continue
			}
			for ct, mt := range op.RequestBody.Content {
				for name, ex := range mt.examples() {
					t.Run(method+" "+path+" "+name, func(t *testing.T) {
						b, _ := json.Marshal(ex)
						check(t, method, path, ct, b)
					})
				}
			}
		}
	}
	t.Run("errors", func(t *testing.T) {
		check(t, "POST", "/v1/keypoints", "application/json", []byte("{not json"))
		check(t, "POST", "/v1/keypoints", "text/csv", []byte("a,b"))
		check(t, "POST", "/v1/keypoints/batch?n=0x", "application/x-ndjson", nil)
		check(t, "POST", "/v1/keypoints/batch", "application/x-ndjson", []byte("{not json\n{}\n"))
		check(t, "POST", "/v1/stories", "application/json", []byte(`{"articles": [{"text": "A story without an id."}]}`))
		check(t, "POST", "/v1/stories", "application/json", []byte(`{"id": "a", "articles": [{"text": "A dam broke.", "stance": "far"}]}`))
		check(t, "POST", "/v1/stories", "text/csv", []byte("a,b"))
	})
}
