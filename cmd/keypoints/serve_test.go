package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a stderr the server's goroutines may write to.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs "keypoints serve" in-process on a free port with the
// extra args and returns its URL and a stop func that cancels the
// context, as SIGTERM would, and returns the exit status.
func startServe(t *testing.T, args ...string) (string, func() int, *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lockedBuffer{}
	var stdout bytes.Buffer
	code := make(chan int, 1)
	go func() {
		args := append([]string{"serve", "-addr", "127.0.0.1:0", "-log-format", "json"}, args...)
		code <- run(ctx, args, strings.NewReader(""), &stdout, stderr)
	}()
	stop := func() int {
		cancel()
		select {
		case c := <-code:
			if stdout.Len() != 0 {
				t.Errorf("serve wrote to stdout: %q", stdout.String())
			}
			return c
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not stop after its context was cancelled")
		}
		return -1
	}
	t.Cleanup(func() { cancel() })

	// The "serving" log line names the URL.
	deadline := time.Now().Add(10 * time.Second)
	for {
		for _, line := range strings.Split(stderr.String(), "\n") {
			var rec struct{ Msg, URL string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "serving" {
				return rec.URL, stop, stderr
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no URL logged; stderr:\n%s", stderr)
		}
		select {
		case c := <-code:
			t.Fatalf("serve exited with %d; stderr:\n%s", c, stderr)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

const serveArticle = "The river ferry will run at night from May. The council voted for it on Thursday after weeks of debate. " +
	"Nurses said the late detour made their shifts hard. The service will be free for a month. Shop owners welcomed the plan."

func postKeypoints(t *testing.T, url string, req map[string]any) (int, []byte) {
	t.Helper()
	body, _ := json.Marshal(req)
	resp, err := http.Post(url+"/v1/keypoints", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, b
}

// TestServe summarizes an article over HTTP, then stops the server as
// SIGTERM would and expects a clean exit.
func TestServe(t *testing.T) {
	url, stop, stderr := startServe(t)
	resp, err := http.Get(url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("healthz: %d", resp.StatusCode)
	}
	status, b := postKeypoints(t, url, map[string]any{"text": serveArticle, "n": 2})
	var got struct {
		KeyPoints []struct{ Text string } `json:"keypoints"`
	}
	if err := json.Unmarshal(b, &got); err != nil || status != 200 || len(got.KeyPoints) != 2 {
		t.Fatalf("POST /v1/keypoints: %d %s", status, b)
	}
	if c := stop(); c != 0 {
		t.Errorf("exit status %d, want 0; stderr:\n%s", c, stderr)
	}
	if !strings.Contains(stderr.String(), `"msg":"stopped"`) {
		t.Errorf("no stop logged; stderr:\n%s", stderr)
	}
}

// TestServeURLs checks the wiring of extract.Fetch: a page on loopback is
// refused by default and fetched and extracted with -allow-private-urls.
func TestServeURLs(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html><head><title>Night ferry</title></head><body><nav><a href='/'>Home</a></nav>"+
			"<article><h1>Night ferry approved</h1><p>%s</p><p>%s</p></article></body></html>", serveArticle, serveArticle)
	}))
	defer page.Close()

	t.Run("Refused", func(t *testing.T) {
		url, stop, _ := startServe(t)
		defer stop()
		status, b := postKeypoints(t, url, map[string]any{"url": page.URL})
		if status != 400 || !strings.Contains(string(b), `"code":"invalid"`) {
			t.Errorf("loopback URL without -allow-private-urls: %d %s, want 400", status, b)
		}
	})
	t.Run("Allowed", func(t *testing.T) {
		url, stop, _ := startServe(t, "-allow-private-urls")
		defer stop()
		status, b := postKeypoints(t, url, map[string]any{"url": page.URL, "n": 2})
		if status != 200 || !strings.Contains(string(b), "river ferry") {
			t.Errorf("loopback URL with -allow-private-urls: %d %s, want 200 with the article", status, b)
		}
	})
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "-log-format", "xml"},
		{"serve", "-log-level", "loud"},
		{"serve", "-max-inflight", "0"},
		{"serve", "-n", "0", "-scorer", "dice"},
		{"serve", "extra"},
	} {
		var stdout, stderr bytes.Buffer
		if got := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); got != 2 {
			t.Errorf("%q: exit status %d, want 2; stderr %s", args, got, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if got := run(context.Background(), []string{"serve", "-addr", "256.0.0.1:99999"}, strings.NewReader(""), &stdout, &stderr); got != 1 {
		t.Errorf("bad address: exit status %d, want 1; stderr %s", got, stderr.String())
	}
}
