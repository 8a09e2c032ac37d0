package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/doc"
)

// MustOpenServer opens a Server on a free loopback port with the real
// Engine, after configure (if any) has adjusted it, and closes it when
// the test ends.
func MustOpenServer(tb testing.TB, configure func(*Server)) *Server {
	tb.Helper()
	eng, err := keypoints.New(keypoints.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	s := &Server{Addr: "127.0.0.1:0", Engine: eng}
	if configure != nil {
		configure(s)
	}
	if err := s.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// testArticle is a news story written for these tests.
func testArticle(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		tb.Fatal(err)
	}
	// Drop the headline line: requests pass it as the title.
	_, body, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(body)
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func post(tb testing.TB, url, contentType string, body io.Reader) (*http.Response, []byte) {
	tb.Helper()
	req, err := http.NewRequest("POST", url, body)
	if err != nil {
		tb.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, b
}

func postJSON(tb testing.TB, url string, v any) (*http.Response, []byte) {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return post(tb, url, "application/json", bytes.NewReader(b))
}

// checkResponse checks the offset contract of a /v1/keypoints response.
func checkResponse(t *testing.T, got Response, wantN int) {
	t.Helper()
	if len(got.KeyPoints) != wantN {
		t.Fatalf("got %d key points, want %d", len(got.KeyPoints), wantN)
	}
	for i, s := range got.Sentences {
		if got.Text[s.Start:s.End] != s.Text {
			t.Errorf("sentence %d: text[%d:%d] = %q, want %q", i, s.Start, s.End, got.Text[s.Start:s.End], s.Text)
		}
	}
	var texts []string
	for i, k := range got.KeyPoints {
		whole := k.Text
		if k.Source != "" { // compressed: the span is the whole source sentence
			whole = k.Source
		}
		if got.Text[k.Start:k.End] != whole {
			t.Errorf("key point %d: text[%d:%d] = %q, want %q", i, k.Start, k.End, got.Text[k.Start:k.End], whole)
		}
		if len(k.Sentences) == 0 || k.Sentences[0] >= len(got.Sentences) {
			t.Errorf("key point %d: bad source sentences %v", i, k.Sentences)
		}
		texts = append(texts, k.Text)
	}
	if want := strings.Join(texts, "\n"); got.Summary != want {
		t.Errorf("summary = %q, want %q", got.Summary, want)
	}
}

func TestKeypoints(t *testing.T) {
	article := testArticle(t)
	s := MustOpenServer(t, func(s *Server) {
		s.HTML = func(html, url string) (doc.Article, error) {
			return doc.Article{Title: "From the page", Text: article}, nil
		}
		s.Fetch = func(ctx context.Context, url string) (doc.Article, error) {
			if url != "https://news.example.com/ferry" {
				return doc.Article{}, doc.Errorf(doc.EInvalid, "fetch: refused %s", url)
			}
			return doc.Article{Title: "Fetched", Text: article}, nil
		}
	})
	for _, tc := range []struct {
		name      string
		req       Request
		wantN     int
		wantTitle string
	}{
		{"Text", Request{Text: article, Title: "Night ferry approved"}, 3, "Night ferry approved"},
		{"N", Request{Text: article, N: 5}, 5, ""},
		{"HTML", Request{HTML: "<p>page</p>", N: 2}, 2, "From the page"},
		{"HTMLTitle", Request{HTML: "<p>page</p>", Title: "Mine"}, 3, "Mine"},
		{"URL", Request{URL: "https://news.example.com/ferry"}, 3, "Fetched"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := postJSON(t, s.URL()+"/v1/keypoints", tc.req)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if got, want := resp.Header.Get("Content-Type"), "application/json"; got != want {
				t.Errorf("Content-Type = %q, want %q", got, want)
			}
			var got Response
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			checkResponse(t, got, tc.wantN)
			if got.Title != tc.wantTitle {
				t.Errorf("title = %q, want %q", got.Title, tc.wantTitle)
			}
		})
	}
}

func TestKeypointsErrors(t *testing.T) {
	article := testArticle(t)
	logs := &syncBuffer{}
	s := MustOpenServer(t, func(s *Server) {
		s.MaxBodyBytes = 4 << 10
		s.Logger = slog.New(slog.NewTextHandler(logs, nil))
	})
	short := article[:1000]
	for _, tc := range []struct {
		name        string
		contentType string
		body        string
		status      int
		code        string
		message     string // a part of the message
	}{
		{"BadJSON", "application/json", "{not json", 400, "invalid", "malformed JSON"},
		{"Truncated", "application/json", `{"text": "abc`, 400, "invalid", "malformed JSON"},
		{"Empty", "application/json", "", 400, "invalid", "empty request body"},
		{"NotObject", "application/json", `["text"]`, 400, "invalid", "malformed JSON"},
		{"Trailing", "application/json", `{"text": "a. b. c."} {}`, 400, "invalid", "data after"},
		{"Missing", "application/json", `{"n": 3}`, 400, "invalid", "missing field"},
		{"Two", "application/json", `{"text": "a", "url": "https://example.com/"}`, 400, "invalid", "only one"},
		{"Unknown", "application/json", `{"txt": "a"}`, 400, "invalid", `unknown field "txt"`},
		{"WrongType", "application/json", `{"text": "a", "n": "3"}`, 400, "invalid", `field "n" must be a JSON number`},
		{"BadN", "application/json", mustJSON(Request{Text: short, N: 99}), 400, "invalid", "n must be between"},
		{"NotArticle", "application/json", `{"text": "no punctuation here"}`, 400, "invalid", ""},
		{"NoHTML", "application/json", `{"html": "<p>x</p>"}`, 400, "invalid", "does not read HTML"},
		{"NoFetch", "application/json", `{"url": "https://example.com/"}`, 400, "invalid", "does not fetch"},
		{"TooLarge", "application/json", mustJSON(Request{Text: strings.Repeat("x", 5000)}), 413, "too_large", "4 KiB"},
		{"ContentType", "text/csv", `{"text": "a"}`, 415, "unsupported_media_type", "text/csv"},
		{"Form", "application/x-www-form-urlencoded", `text=a`, 415, "unsupported_media_type", ""},
		{"JSONCharset", "application/json; charset=utf-8", mustJSON(Request{Text: short}), 200, "", ""},
		{"NoContentType", "", mustJSON(Request{Text: short}), 200, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := post(t, s.URL()+"/v1/keypoints", tc.contentType, strings.NewReader(tc.body))
			if resp.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d; body %s", resp.StatusCode, tc.status, body)
			}
			if tc.status == 200 {
				return
			}
			var e errorBody
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("error body %q: %v", body, err)
			}
			if e.Error.Code != tc.code {
				t.Errorf("code = %q, want %q", e.Error.Code, tc.code)
			}
			if e.Error.Message == "" || !strings.Contains(e.Error.Message, tc.message) {
				t.Errorf("message = %q, want it to contain %q", e.Error.Message, tc.message)
			}
		})
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("client errors were logged as server errors:\n%s", logs)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestStatus(t *testing.T) {
	for code, want := range map[string]int{
		doc.EInvalid: 400, doc.ENoArticle: 422, doc.ETooLarge: 413, doc.ETimeout: 504, doc.EInternal: 500,
		EUnsupportedMediaType: 415, EUnavailable: 503, "no-such-code": 500,
	} {
		if got := Status(code); got != want {
			t.Errorf("Status(%q) = %d, want %d", code, got, want)
		}
	}
}

// TestOversizedBody sends 64 MB to a server with the default 16 MiB
// limit: it must answer 413 (or close the connection) and stay healthy.
func TestOversizedBody(t *testing.T) {
	s := MustOpenServer(t, nil)
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			const size = 64 << 20
			body := io.MultiReader(strings.NewReader(`{"text": "`), io.LimitReader(repeatReader('x'), size), strings.NewReader(`"}`))
			req, _ := http.NewRequest("POST", s.URL()+"/v1/keypoints", body)
			req.Header.Set("Content-Type", "application/json")
			if !chunked {
				req.ContentLength = size + 12
			}
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 413 {
					t.Fatalf("status = %d, want 413; body %s", resp.StatusCode, b)
				}
				var e errorBody
				if err := json.Unmarshal(b, &e); err != nil || e.Error.Code != "too_large" {
					t.Errorf("body = %s, want a too_large JSON error", b)
				}
			} else {
				t.Logf("connection closed early: %v", err)
			}
			resp, err = http.Get(s.URL() + "/healthz")
			if err != nil {
				t.Fatalf("unhealthy after an oversized body: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("healthz status %d", resp.StatusCode)
			}
		})
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func TestBusy(t *testing.T) {
	s := MustOpenServer(t, func(s *Server) { s.MaxInFlight = 1 })
	// Hold the one slot with a batch request whose body stays open.
	pr, pw := io.Pipe()
	done := make(chan *http.Response)
	go func() {
		req, _ := http.NewRequest("POST", s.URL()+"/v1/keypoints/batch", pr)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
		}
		done <- resp
	}()
	waitFor(t, func() bool { return len(s.sem) == 1 })

	resp, body := postJSON(t, s.URL()+"/v1/keypoints", Request{Text: testArticle(t)})
	if resp.StatusCode != 503 {
		t.Fatalf("status = %d, want 503; body %s", resp.StatusCode, body)
	}
	if got := resp.Header.Get("Retry-After"); got == "" {
		t.Error("no Retry-After header")
	}
	// Health and metrics do not count against the limit.
	if r, err := http.Get(s.URL() + "/healthz"); err != nil || r.StatusCode != 200 {
		t.Fatalf("healthz while busy: %v %v", r, err)
	}
	pw.Close()
	if r := <-done; r != nil {
		r.Body.Close()
	}
	waitFor(t, func() bool { return len(s.sem) == 0 })
	if resp, body := postJSON(t, s.URL()+"/v1/keypoints", Request{Text: testArticle(t)}); resp.StatusCode != 200 {
		t.Fatalf("after the slot freed: status %d; body %s", resp.StatusCode, body)
	}
}

func waitFor(tb testing.TB, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatal("timed out waiting")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestPanic(t *testing.T) {
	logs := &syncBuffer{}
	s := MustOpenServer(t, func(s *Server) {
		s.Logger = slog.New(slog.NewJSONHandler(logs, nil))
		s.HTML = func(html, url string) (doc.Article, error) { panic("extractor bug") }
	})
	resp, body := postJSON(t, s.URL()+"/v1/keypoints", Request{HTML: "<p>x</p>"})
	if resp.StatusCode != 500 {
		t.Fatalf("status = %d, want 500; body %s", resp.StatusCode, body)
	}
	var e errorBody
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatal(err)
	}
	if e.Error.Code != "internal" || len(e.Error.ID) != 16 || !strings.Contains(e.Error.Message, e.Error.ID) {
		t.Errorf("error = %+v, want code internal with an id in the message", e.Error)
	}
	if strings.Contains(string(body), "extractor bug") {
		t.Error("panic value leaked to the client")
	}
	var logged struct {
		Msg, ID, Panic, Stack string
	}
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		json.Unmarshal([]byte(line), &logged)
		if logged.Msg == "panic" {
			break
		}
	}
	if logged.ID != e.Error.ID || logged.Panic != "extractor bug" || logged.Stack == "" {
		t.Errorf("logged %+v, want the panic under id %s with a stack", logged, e.Error.ID)
	}
	// The server is still serving.
	if resp, _ := postJSON(t, s.URL()+"/v1/keypoints", Request{Text: testArticle(t)}); resp.StatusCode != 200 {
		t.Errorf("after a panic: status %d", resp.StatusCode)
	}
}

func TestTimeout(t *testing.T) {
	s := MustOpenServer(t, func(s *Server) {
		s.RequestTimeout = 50 * time.Millisecond
		s.Fetch = func(ctx context.Context, url string) (doc.Article, error) {
			<-ctx.Done()
			return doc.Article{}, ctx.Err()
		}
	})
	start := time.Now()
	resp, body := postJSON(t, s.URL()+"/v1/keypoints", Request{URL: "https://slow.example.com/"})
	if resp.StatusCode != 504 {
		t.Fatalf("status = %d, want 504; body %s", resp.StatusCode, body)
	}
	if !strings.Contains(string(body), `"code":"timeout"`) {
		t.Errorf("body = %s, want code timeout", body)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

// TestDeadlinesDoNotLeak checks that a request's deadlines end with it:
// the next request on the same keep-alive connection, later than the
// first one's deadline, must still work.
func TestDeadlinesDoNotLeak(t *testing.T) {
	s := MustOpenServer(t, func(s *Server) { s.RequestTimeout = 50 * time.Millisecond })
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1}}
	defer client.CloseIdleConnections()
	body := mustJSON(Request{Text: testArticle(t)})
	for i := 0; i < 2; i++ {
		resp, err := client.Post(s.URL()+"/v1/keypoints", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("request %d: status %d", i, resp.StatusCode)
		}
		if i == 0 {
			time.Sleep(1200 * time.Millisecond) // past the read and write deadlines
		}
	}
	resp, err := client.Get(s.URL() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func TestBatch(t *testing.T) {
	article := testArticle(t)
	s := MustOpenServer(t, nil)
	in := mustJSON(map[string]any{"id": "a", "text": article}) + "\n" +
		"{broken\n" +
		mustJSON(map[string]any{"id": 7, "article": article, "title": "Ferry"}) + "\n" +
		mustJSON(map[string]any{"id": "h", "html": "<p>x</p>"}) + "\n"
	resp, body := post(t, s.URL()+"/v1/keypoints/batch?n=2", "application/x-ndjson", strings.NewReader(in))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if got, want := resp.Header.Get("Content-Type"), "application/x-ndjson"; got != want {
		t.Errorf("Content-Type = %q, want %q", got, want)
	}
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want 4:\n%s", len(lines), body)
	}
	var outs []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		outs = append(outs, m)
	}
	if outs[0]["id"] != "a" || len(outs[0]["keypoints"].([]any)) != 2 || outs[0]["summary"] == nil {
		t.Errorf("line 1 = %v, want id a with 2 key points and a summary", outs[0])
	}
	if outs[1]["line"] != 2.0 || outs[1]["code"] != "invalid" || outs[1]["error"] == nil {
		t.Errorf("line 2 = %v, want an invalid error record for line 2", outs[1])
	}
	if outs[2]["id"] != "7" || len(outs[2]["keypoints"].([]any)) != 2 {
		t.Errorf("line 3 = %v, want id 7 with 2 key points", outs[2])
	}
	if outs[3]["id"] != "h" || outs[3]["code"] != "invalid" {
		t.Errorf("line 4 = %v, want an error record (no HTML extractor)", outs[3])
	}

	t.Run("Errors", func(t *testing.T) {
		for _, tc := range []struct {
			name, query, contentType string
			status                   int
		}{
			{"BadN", "?n=x", "application/x-ndjson", 400},
			{"NTooLarge", "?n=500", "application/x-ndjson", 400},
			{"ContentType", "", "text/csv", 415},
		} {
			resp, body := post(t, s.URL()+"/v1/keypoints/batch"+tc.query, tc.contentType, strings.NewReader(in))
			if resp.StatusCode != tc.status || !strings.Contains(string(body), `{"error":{"code":`) {
				t.Errorf("%s: status %d body %s, want %d with a JSON error", tc.name, resp.StatusCode, body, tc.status)
			}
		}
	})
}

// TestBatchStreams checks that results come back while the request body
// is still open: each line is answered before the next is sent.
func TestBatchStreams(t *testing.T) {
	article := testArticle(t)
	s := MustOpenServer(t, nil)
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", s.URL()+"/v1/keypoints/batch", pr)
	req.Header.Set("Content-Type", "application/x-ndjson")
	respc := make(chan *http.Response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			close(respc)
			return
		}
		respc <- resp
	}()
	fmt.Fprintf(pw, "%s\n", mustJSON(map[string]any{"id": 0, "text": article}))
	resp := <-respc
	if resp == nil {
		t.FailNow()
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	for i := 0; i < 5; i++ {
		got, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("line %d: no answer while the body is open: %v", i, err)
		}
		if want := fmt.Sprintf(`"id":"%d"`, i); !strings.Contains(got, want) {
			t.Errorf("line %d = %s, want %s", i, got, want)
		}
		fmt.Fprintf(pw, "%s\n", mustJSON(map[string]any{"id": i + 1, "text": article}))
	}
	// Then a burst, more than batch's output buffer holds.
	const burst = 300
	go func() {
		for i := 0; i < burst; i++ {
			fmt.Fprintf(pw, "%s\n", mustJSON(map[string]any{"id": 6 + i, "text": article}))
		}
		pw.Close()
	}()
	rest, err := io.ReadAll(br)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := bytes.Count(rest, []byte("\n")), burst+1; got != want {
		t.Errorf("got %d more lines, want %d", got, want)
	}
}

// TestGracefulClose checks that Close waits for a request in flight.
func TestGracefulClose(t *testing.T) {
	eng, err := keypoints.New(keypoints.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Addr: "127.0.0.1:0", Engine: eng}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	article := testArticle(t)
	pr, pw := io.Pipe()
	type result struct {
		status int
		body   []byte
		err    error
	}
	resc := make(chan result, 1)
	go func() {
		req, _ := http.NewRequest("POST", s.URL()+"/v1/keypoints/batch", pr)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			resc <- result{err: err}
			return
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		resc <- result{resp.StatusCode, b, err}
	}()
	fmt.Fprintf(pw, "%s\n", mustJSON(map[string]any{"id": "first", "text": article}))
	waitFor(t, func() bool { return len(s.sem) == 1 })

	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) with a request in flight", err)
	case <-time.After(200 * time.Millisecond):
	}
	// New connections are refused meanwhile.
	if _, err := http.Post(s.URL()+"/healthz", "", nil); err == nil {
		t.Error("a new connection was accepted during shutdown")
	}
	fmt.Fprintf(pw, "%s\n", mustJSON(map[string]any{"id": "second", "text": article}))
	pw.Close()
	r := <-resc
	if r.err != nil || r.status != 200 {
		t.Fatalf("in-flight request: status %d, err %v", r.status, r.err)
	}
	if got := bytes.Count(r.body, []byte("\n")); got != 2 || !bytes.Contains(r.body, []byte(`"id":"second"`)) {
		t.Errorf("in-flight request got %d lines:\n%s", got, r.body)
	}
	if err := <-closed; err != nil {
		t.Errorf("Close: %v", err)
	}
}

func TestMetrics(t *testing.T) {
	s := MustOpenServer(t, nil)
	postJSON(t, s.URL()+"/v1/keypoints", Request{Text: testArticle(t)})
	post(t, s.URL()+"/v1/keypoints", "application/json", strings.NewReader("{"))
	resp, err := http.Get(s.URL() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`keypoints_http_requests_total{code="200",route="/v1/keypoints"} 1`,
		`keypoints_http_requests_total{code="400",route="/v1/keypoints"} 1`,
		`keypoints_http_request_duration_seconds_count{route="/v1/keypoints"} 2`,
		`keypoints_article_bytes_count 1`,
		`keypoints_http_requests_in_flight 1`, // this request
		`go_goroutines`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestPage(t *testing.T) {
	s := MustOpenServer(t, nil)
	resp, err := http.Get(s.URL() + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{`<textarea id="input"`, `id="keypoints"`, `/v1/keypoints`, `max="10"`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("page lacks %q", want)
		}
	}
	if bytes.Contains(b, []byte("http://")) || bytes.Contains(b, []byte("<script src")) {
		t.Error("page loads something from elsewhere")
	}
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'sha256-") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("CSP = %q", csp)
	}
	resp, err = http.Get(s.URL() + "/no-such-page")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("GET /no-such-page: %d, want 404", resp.StatusCode)
	}
}

func BenchmarkKeypoints(b *testing.B) {
	s := MustOpenServer(b, nil)
	body := []byte(mustJSON(Request{Text: testArticle(b)}))
	h := s.Handler()
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		w := &discardWriter{h: http.Header{}}
		req, _ := http.NewRequest("POST", "/v1/keypoints", bytes.NewReader(body))
		h.ServeHTTP(w, req)
		if w.code != 200 {
			b.Fatalf("status %d", w.code)
		}
	}
}

type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(code int)        { w.code = code }

// TestKeypointsWarnings: a page's verdict reaches the API beside its key
// points, and a page with no article text is refused with no_article
// (422).
func TestKeypointsWarnings(t *testing.T) {
	s := MustOpenServer(t, func(s *Server) {
		s.HTML = func(html, url string) (doc.Article, error) {
			if html == "<table></table>" {
				return doc.Article{Text: "Day High water Low water\nMonday 05:12 11:25\nTuesday 06:01 12:14",
					Blocks: []doc.Block{doc.TableRow, doc.TableRow, doc.TableRow}}, nil
			}
			return doc.Article{Language: "de", Blocks: []doc.Block{doc.Paragraph, doc.Paragraph},
				Text: "Die Hafenbehörde hat am Dienstag eine Untersuchung zum Untergang der Fähre eingeleitet.\nAlle Passagiere wurden innerhalb einer Stunde von Fischerbooten gerettet."}, nil
		}
	})
	resp, body := postJSON(t, s.URL()+"/v1/keypoints", Request{HTML: "<p>page</p>"})
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var got Response
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(got.Warnings, doc.WLanguage) || got.Language != "de" || len(got.KeyPoints) == 0 {
		t.Errorf("warnings %v, language %q, %d key points; want a language warning for de beside the key points", got.Warnings, got.Language, len(got.KeyPoints))
	}
	resp, body = postJSON(t, s.URL()+"/v1/keypoints", Request{HTML: "<table></table>"})
	if resp.StatusCode != 422 || !strings.Contains(string(body), `"no_article"`) {
		t.Errorf("table page: status %d %s, want 422 no_article", resp.StatusCode, body)
	}
}
