package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/keypoints-dev/keypoints/extract"
)

// Defaults for the Fetcher fields left at zero.
const (
	DefaultHostDelay    = 500 * time.Millisecond
	DefaultTimeout      = 20 * time.Second
	DefaultMaxFeedBytes = 8 << 20  // 8 MiB
	DefaultMaxPageBytes = 10 << 20 // 10 MiB
	// RobotsTTL is how long a host's robots.txt is kept before it is
	// fetched again.
	RobotsTTL = time.Hour
)

// Fetcher gets feeds and pages politely: one request at a time per host,
// HostDelay between the end of one and the start of the next, robots.txt
// honoured for pages, every request through the extract package's guard.
// It is safe for concurrent use; the zero value is not usable, set Client
// with extract.NewClient.
type Fetcher struct {
	// Client makes the requests; extract.NewClient gives one with the
	// address guard. Required.
	Client *http.Client
	// UserAgent is sent with every request and is the name robots.txt
	// rules are matched against. "" means extract.UserAgent.
	UserAgent    string
	HostDelay    time.Duration
	Timeout      time.Duration
	MaxFeedBytes int64
	MaxPageBytes int64

	mu     sync.Mutex
	hosts  map[string]*gate
	robots map[string]*robotsEntry
}

// gate serializes the requests to one host.
type gate struct {
	sem  chan struct{}
	next time.Time
}

type robotsEntry struct {
	rules  *Robots
	err    error
	expiry time.Time
}

func (f *Fetcher) ua() string {
	if f.UserAgent != "" {
		return f.UserAgent
	}
	return extract.UserAgent
}

// acquire waits for host's turn; release must follow.
func (f *Fetcher) acquire(ctx context.Context, host string) (*gate, error) {
	f.mu.Lock()
	if f.hosts == nil {
		f.hosts = map[string]*gate{}
	}
	g := f.hosts[host]
	if g == nil {
		g = &gate{sem: make(chan struct{}, 1)}
		f.hosts[host] = g
	}
	f.mu.Unlock()
	select {
	case g.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if d := time.Until(g.next); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			<-g.sem
			return nil, ctx.Err()
		}
	}
	return g, nil
}

func (f *Fetcher) release(g *gate) {
	delay := f.HostDelay
	if delay == 0 {
		delay = DefaultHostDelay
	}
	g.next = time.Now().Add(delay)
	<-g.sem
}

// Response is what a request brought back.
type Response struct {
	Body        []byte
	ContentType string
	// URL is where the body came from, after redirects.
	URL string
	// NotModified is true for a 304 answer to a conditional request.
	NotModified        bool
	ETag, LastModified string
}

// HTTPError is a response whose status is not 2xx or 304.
type HTTPError struct {
	URL    string
	Status int
	// RetryAfter is the server's Retry-After, zero when absent.
	RetryAfter time.Duration
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// Feed gets a feed, conditionally when etag or lastModified is given.
func (f *Fetcher) Feed(ctx context.Context, rawURL, etag, lastModified string) (*Response, error) {
	limit := f.MaxFeedBytes
	if limit <= 0 {
		limit = DefaultMaxFeedBytes
	}
	h := http.Header{}
	h.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if etag != "" {
		h.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		h.Set("If-Modified-Since", lastModified)
	}
	return f.get(ctx, rawURL, h, limit)
}

// Page gets an article page, if the host's robots.txt allows it. The
// content type must be HTML or plain text.
func (f *Fetcher) Page(ctx context.Context, rawURL string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("page: %q is not an http(s) URL", rawURL)
	}
	rules, err := f.robotsFor(ctx, u)
	if err != nil {
		return nil, err
	}
	if !rules.Allowed(f.ua(), u.EscapedPath()) {
		return nil, &RobotsError{URL: rawURL}
	}
	limit := f.MaxPageBytes
	if limit <= 0 {
		limit = DefaultMaxPageBytes
	}
	h := http.Header{}
	h.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1")
	r, err := f.get(ctx, rawURL, h, limit)
	if err != nil {
		return nil, err
	}
	if r.ContentType != "" {
		if err := extract.CheckType(r.URL, r.ContentType); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// RobotsError is a page that robots.txt keeps us from fetching.
type RobotsError struct{ URL string }

func (e *RobotsError) Error() string { return "robots.txt disallows " + e.URL }

func (f *Fetcher) robotsFor(ctx context.Context, u *url.URL) (*Robots, error) {
	key := u.Scheme + "://" + u.Host
	f.mu.Lock()
	if f.robots == nil {
		f.robots = map[string]*robotsEntry{}
	}
	e := f.robots[key]
	f.mu.Unlock()
	if e != nil && time.Now().Before(e.expiry) {
		return e.rules, e.err
	}
	e = &robotsEntry{expiry: time.Now().Add(RobotsTTL)}
	r, err := f.get(ctx, key+"/robots.txt", http.Header{}, 512<<10)
	var he *HTTPError
	switch {
	case err == nil:
		e.rules = ParseRobots(r.Body)
	case errors.As(err, &he) && he.Status >= 400 && he.Status < 500:
		e.rules = &Robots{} // no robots.txt: everything is allowed (RFC 9309 2.3.1.3)
	case ctx.Err() != nil:
		return nil, err
	default:
		// Unreachable robots.txt: assume complete disallow (RFC 9309
		// 2.3.1.4), for a short while.
		e.err = fmt.Errorf("robots.txt of %s unreachable: %w", u.Host, err)
		e.expiry = time.Now().Add(time.Minute)
	}
	f.mu.Lock()
	f.robots[key] = e
	f.mu.Unlock()
	return e.rules, e.err
}

// get makes one GET under the host's gate and reads at most limit bytes.
func (f *Fetcher) get(ctx context.Context, rawURL string, h http.Header, limit int64) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("%q is not a URL", rawURL)
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	g, err := f.acquire(ctx, strings.ToLower(u.Host))
	if err != nil {
		return nil, err
	}
	defer f.release(g)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, err
	}
	req.Header = h
	req.Header.Set("User-Agent", f.ua())
	resp, err := f.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	r := &Response{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified {
		r.NotModified = true
		return r, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		he := &HTTPError{URL: r.URL, Status: resp.StatusCode}
		if s, err := time.ParseDuration(strings.TrimSpace(resp.Header.Get("Retry-After")) + "s"); err == nil {
			he.RetryAfter = s
		}
		return nil, he
	}
	if resp.ContentLength > limit {
		return nil, extract.TooLarge(r.URL, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, extract.TooLarge(r.URL, limit)
	}
	r.Body = body
	return r, nil
}
