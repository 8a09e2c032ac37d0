package feeds

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/extract"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, body string
		want       []Item
		problems   int
		err        bool
	}{
		{name: "rss", body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>
<item><title>Council votes &amp; budget</title><link>/a.html</link><guid>g1</guid><pubDate>Tue, 01 Jun 2021 12:00:00 +0000</pubDate></item>
<item><title>No link</title><guid>g2</guid></item>
<item><title>Again</title><link>http://x.example/b</link><guid>g1</guid></item>
</channel></rss>`,
			want:     []Item{{GUID: "g1", URL: "http://x.example/a.html", Title: "Council votes & budget", Published: time.Date(2021, 6, 1, 12, 0, 0, 0, time.UTC)}},
			problems: 2},
		{name: "atom", body: `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>Storm</title><link rel="alternate" href="http://x.example/s"/><id>urn:1</id><updated>2021-06-02T08:00:00Z</updated></entry></feed>`,
			want: []Item{{GUID: "urn:1", URL: "http://x.example/s", Title: "Storm", Published: time.Date(2021, 6, 2, 8, 0, 0, 0, time.UTC)}}},
		{name: "rdf", body: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>R</title></channel><item rdf:about="http://x.example/r"><title>Rail</title><link>http://x.example/r</link><dc:date>2021-06-03</dc:date></item></rdf:RDF>`,
			want: []Item{{GUID: "http://x.example/r", URL: "http://x.example/r", Title: "Rail", Published: time.Date(2021, 6, 3, 0, 0, 0, 0, time.UTC)}}},
		{name: "json feed", body: `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"7","url":"http://x.example/j","title":"Jobs","date_published":"2021-06-04T10:00:00+02:00"}]}`,
			want: []Item{{GUID: "7", URL: "http://x.example/j", Title: "Jobs", Published: time.Date(2021, 6, 4, 8, 0, 0, 0, time.UTC)}}},
		{name: "latin-1", body: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><item><title>Caf\xe9</title><link>http://x.example/c</link></item></channel></rss>",
			want: []Item{{GUID: "http://x.example/c", URL: "http://x.example/c", Title: "Café"}}},
		{name: "html page", body: `<!doctype html><html><body>not a feed</body></html>`, err: true},
		{name: "unknown charset", body: `<?xml version="1.0" encoding="x-nonsense"?><rss><channel></channel></rss>`, err: true},
		{name: "not xml", body: `Service Unavailable`, err: true},
		{name: "empty", body: "  ", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.body), "http://x.example/feed")
			if tt.err {
				if err == nil {
					t.Fatalf("parsed %+v, want an error", f)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != len(tt.want) {
				t.Fatalf("got %d items %+v, want %d", len(f.Items), f.Items, len(tt.want))
			}
			for i, w := range tt.want {
				g := f.Items[i]
				g.Summary = ""
				if g != w {
					t.Errorf("item %d = %+v, want %+v", i, g, w)
				}
			}
			if len(f.Problems) != tt.problems {
				t.Errorf("problems %q, want %d", f.Problems, tt.problems)
			}
		})
	}
}

func TestReadList(t *testing.T) {
	opml := `<?xml version="1.0"?><opml version="2.0"><body><outline text="News">
<outline type="rss" text="Left Daily" stance="left" xmlUrl="http://l.example/feed"/>
<outline type="rss" title="Right Times" xmlUrl="http://r.example/feed" stance="right"/></outline>
<outline text="Dup" xmlUrl="http://l.example/feed"/></body></opml>`
	got, err := ReadList([]byte(opml))
	if err != nil {
		t.Fatal(err)
	}
	want := []Source{{"http://l.example/feed", "Left Daily", "left"}, {"http://r.example/feed", "Right Times", "right"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("OPML: got %+v, want %+v", got, want)
	}
	got, err = ReadList([]byte("# outlets\nhttps://www.c.example/rss Centre Wire\nhttp://d.example/feed\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Outlet != "Centre Wire" || got[1].Outlet != "d.example" {
		t.Errorf("text list: got %+v", got)
	}
	for _, bad := range []string{"", "ftp://x/feed", "<html></html>"} {
		if _, err := ReadList([]byte(bad)); err == nil {
			t.Errorf("ReadList(%q) gave no error", bad)
		}
	}
}

func TestURLKey(t *testing.T) {
	same := []string{
		"https://www.Example.com/news/a/?utm_source=x&b=2&a=1#top",
		"http://example.com:80/news/a?a=1&b=2",
		"https://example.com/news/a?b=2&a=1&fbclid=zz",
	}
	for _, u := range same[1:] {
		if URLKey(u) != URLKey(same[0]) {
			t.Errorf("URLKey(%q) = %q, want %q", u, URLKey(u), URLKey(same[0]))
		}
	}
	if URLKey("https://example.com/news/b") == URLKey(same[0]) {
		t.Error("two articles share a key")
	}
}

func TestRobots(t *testing.T) {
	r := ParseRobots([]byte("User-agent: *\nDisallow: /private/\nAllow: /private/open$\n\nUser-agent: keypoints\nDisallow: /nokp\n"))
	tests := []struct {
		agent, path string
		want        bool
	}{
		{"keypoints/1", "/nokp/x", false},
		{"keypoints/1", "/private/x", true}, // its own group replaces *
		{"other", "/private/x", false},
		{"other", "/private/open", true},
		{"other", "/private/open/x", false},
		{"other", "/news", true},
	}
	for _, tt := range tests {
		if got := r.Allowed(tt.agent, tt.path); got != tt.want {
			t.Errorf("Allowed(%q, %q) = %v, want %v", tt.agent, tt.path, got, tt.want)
		}
	}
}

// TestFetcher checks conditional requests, one request at a time per
// host with a delay between, robots.txt and the size limit.
func TestFetcher(t *testing.T) {
	var inFlight, maxInFlight atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("User-agent: *\nDisallow: /secret\n"))
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		if n > maxInFlight.Load() {
			maxInFlight.Store(n)
		}
		time.Sleep(20 * time.Millisecond)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte("<rss><channel></channel></rss>"))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("x", 5000)))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := &Fetcher{Client: extract.NewClient(extract.FetchOptions{AllowPrivate: true}), HostDelay: 30 * time.Millisecond, MaxFeedBytes: 1000}
	ctx := context.Background()
	r, err := f.Feed(ctx, srv.URL+"/feed", "", "")
	if err != nil || r.ETag != `"v1"` || r.NotModified {
		t.Fatalf("first poll: %+v %v", r, err)
	}
	start := time.Now()
	done := make(chan error, 3)
	for range 3 {
		go func() {
			r, err := f.Feed(ctx, srv.URL+"/feed", r.ETag, "")
			if err == nil && !r.NotModified {
				t.Error("a matching ETag did not give 304")
			}
			done <- err
		}()
	}
	for range 3 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if maxInFlight.Load() != 1 {
		t.Errorf("%d requests to one host at once, want 1", maxInFlight.Load())
	}
	if d := time.Since(start); d < 3*30*time.Millisecond {
		t.Errorf("3 polls took %v, want at least 3 delays", d)
	}
	if _, err := f.Page(ctx, srv.URL+"/secret/page"); err == nil || !strings.Contains(err.Error(), "robots") {
		t.Errorf("page under Disallow: %v, want a robots.txt error", err)
	}
	if _, err := f.Feed(ctx, srv.URL+"/big", "", ""); err == nil {
		t.Error("a feed over the size limit was read")
	}
	guarded := &Fetcher{Client: extract.NewClient(extract.FetchOptions{})}
	if _, err := guarded.Feed(ctx, srv.URL+"/feed", "", ""); err == nil {
		t.Error("the guard let a loopback feed through")
	}
}

// TestPageErrorCodes: a page that is not a web page, or is over the size
// limit, fails with the error code that tells the pipeline not to retry
// it (as extract.Fetch's do).
func TestPageErrorCodes(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/photo", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG not a page"))
	})
	mux.HandleFunc("/long", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(strings.Repeat("<p>Floodwater rose in Riverton.</p>", 100)))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := &Fetcher{Client: extract.NewClient(extract.FetchOptions{AllowPrivate: true}), MaxPageBytes: 1000}
	for path, want := range map[string]string{"/photo": doc.EInvalid, "/long": doc.ETooLarge} {
		_, err := f.Page(context.Background(), srv.URL+path)
		if got := doc.ErrorCode(err); got != want {
			t.Errorf("Page(%s): error %v with code %q, want %q", path, err, got, want)
		}
	}
}
