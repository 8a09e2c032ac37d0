package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The load test is off by default: go test ./server -run TestLoad -load -v
var (
	loadRun      = flag.Bool("load", false, "run TestLoad, a bounded load test against 127.0.0.1")
	loadRequests = flag.Int("load.requests", 40000, "requests TestLoad sends")
	loadConc     = flag.Int("load.c", 32, "concurrent TestLoad clients")
	loadMaxTime  = flag.Duration("load.time", 60*time.Second, "longest TestLoad runs")
	loadMinRPS   = flag.Float64("load.min-rps", 2000, "TestLoad fails below this many requests/s")
	loadData     = flag.String("load.data", "../../shared/data/cnndm/dev.jsonl.gz", "JSONL(.gz) of articles for TestLoad")
	loadArticles = flag.Int("load.articles", 1000, "articles TestLoad reads from -load.data")
)

// TestLoad sends CNN-sized articles to POST /v1/keypoints from
// -load.c clients on the same machine until -load.requests are answered
// (or -load.time passes), and reports requests/s and latency percentiles.
// It fails on any non-200 answer or below -load.min-rps. The client
// shares the CPUs with the server, as it would on a 2-core box.
func TestLoad(t *testing.T) {
	if !*loadRun {
		t.Skip("load test: run with -load")
	}
	bodies, sizes := loadBodies(t, *loadData, *loadArticles)
	s := MustOpenServer(t, nil)
	url := s.URL() + "/v1/keypoints"
	client := &http.Client{Transport: &http.Transport{
		MaxIdleConnsPerHost: *loadConc,
		MaxConnsPerHost:     *loadConc,
		DisableCompression:  true,
	}}

	var errors atomic.Int64
	var firstErr sync.Once
	send := func(body []byte) time.Duration {
		start := time.Now()
		resp, err := client.Post(url, "application/json", bytes.NewReader(body))
		if err != nil {
			errors.Add(1)
			firstErr.Do(func() { t.Errorf("request: %v", err) })
			return 0
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			errors.Add(1)
			firstErr.Do(func() { t.Errorf("status %d", resp.StatusCode) })
		}
		return time.Since(start)
	}
	// Warm up: connections, pools, the CPU's caches.
	for i := 0; i < 200; i++ {
		send(bodies[i%len(bodies)])
	}

	n := *loadRequests
	lat := make([]time.Duration, n)
	var next atomic.Int64
	deadline := time.Now().Add(*loadMaxTime)
	start := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < *loadConc; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n || time.Now().After(deadline) {
					return
				}
				lat[i] = send(bodies[i%len(bodies)])
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	done := min(int(next.Load()), n)
	lat = lat[:done]
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	rps := float64(done) / elapsed.Seconds()
	slices.Sort(sizes)
	report := fmt.Sprintf("%d requests, %d clients, %d errors in %.2fs: %.0f req/s; latency p50 %v, p90 %v, p99 %v, max %v; "+
		"articles %d (median %d bytes), GOMAXPROCS %d, %s",
		done, *loadConc, errors.Load(), elapsed.Seconds(), rps,
		pct(.50).Round(time.Microsecond), pct(.90).Round(time.Microsecond), pct(.99).Round(time.Microsecond), lat[len(lat)-1].Round(time.Microsecond),
		len(bodies), sizes[len(sizes)/2], runtime.GOMAXPROCS(0), runtime.Version())
	t.Log(report)
	fmt.Println("TestLoad:", report)
	if errors.Load() > 0 {
		t.Errorf("%d requests failed", errors.Load())
	}
	if rps < *loadMinRPS {
		t.Errorf("%.0f req/s, want at least %.0f", rps, *loadMinRPS)
	}
}

// loadBodies reads up to max articles from a JSONL(.gz) corpus with an
// "article" (or "text") field and returns them as request bodies.
func loadBodies(t *testing.T, path string, max int) ([][]byte, []int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("load test: no corpus at %s (-load.data): %v", path, err)
	}
	defer f.Close()
	var r io.Reader = bufio.NewReaderSize(f, 1<<16)
	if zr, err := gzip.NewReader(r); err == nil {
		r = zr
	} else {
		f.Seek(0, io.SeekStart)
		r = bufio.NewReaderSize(f, 1<<16)
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	var bodies [][]byte
	var sizes []int
	for sc.Scan() && len(bodies) < max {
		var rec struct{ Article, Text string }
		if json.Unmarshal(sc.Bytes(), &rec) != nil {
			continue
		}
		text := rec.Article
		if text == "" {
			text = rec.Text
		}
		if text == "" {
			continue
		}
		b, _ := json.Marshal(Request{Text: text, N: 3})
		bodies = append(bodies, b)
		sizes = append(sizes, len(text))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(bodies) == 0 {
		t.Skipf("load test: no articles in %s", path)
	}
	return bodies, sizes
}
