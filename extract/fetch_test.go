package extract

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/keypoints-dev/keypoints/doc"
)

func fetchCode(t *testing.T, err error, code string) {
	t.Helper()
	var de *doc.Error
	if !errors.As(err, &de) {
		t.Fatalf("error %v (%T), want a *doc.Error with code %q", err, err, code)
	}
	if de.Code != code {
		t.Fatalf("error code %q (%v), want %q", de.Code, err, code)
	}
}

const page = "<!DOCTYPE html><html><body><p>Hello.</p></body></html>"

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

var allow = FetchOptions{AllowPrivate: true}

func TestFetchOK(t *testing.T) {
	var gotUA string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.UserAgent()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	body, ct, final, err := Fetch(context.Background(), srv.URL+"/a", allow)
	if err != nil {
		t.Fatal(err)
	}
	if string(body) != page || ct != "text/html; charset=utf-8" || final != srv.URL+"/a" {
		t.Errorf("Fetch = %q, %q, %q", body, ct, final)
	}
	if gotUA != "keypoints/1" {
		t.Errorf("User-Agent %q, want keypoints/1", gotUA)
	}
}

func TestFetchRefusesLoopbackByDefault(t *testing.T) {
	hit := false
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { hit = true; fmt.Fprint(w, page) })
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	for _, u := range []string{
		srv.URL,
		fmt.Sprintf("http://localhost:%d/", port), // refused after name resolution
		fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/", port),
	} {
		_, _, _, err := Fetch(context.Background(), u, FetchOptions{})
		fetchCode(t, err, doc.EInvalid)
		if !strings.Contains(err.Error(), "not public") {
			t.Errorf("Fetch(%s): error %q does not say why", u, err)
		}
	}
	if hit {
		t.Error("the refused server was reached")
	}
}

func TestFetchRefusedAfterRedirect(t *testing.T) {
	// Two loopback addresses stand for a public server and an internal
	// one: the policy admits only 127.0.0.1, whose server redirects to
	// the one on 127.0.0.2. The redirect must be refused when its
	// connection is dialed.
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no second loopback address: %v", err)
	}
	internalHit := false
	internal := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHit = true
		fmt.Fprint(w, page)
	})}}
	internal.Start()
	t.Cleanup(internal.Close)
	public := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, internal.URL+"/secret", http.StatusFound)
	})
	var dialed []string
	opt := FetchOptions{allowAddr: func(a netip.Addr) bool {
		dialed = append(dialed, a.String())
		return a == netip.MustParseAddr("127.0.0.1")
	}}
	_, _, _, err = Fetch(context.Background(), public.URL, opt)
	fetchCode(t, err, doc.EInvalid)
	if internalHit {
		t.Error("the redirect reached the refused address")
	}
	if want := []string{"127.0.0.1", "127.0.0.2"}; strings.Join(dialed, " ") != strings.Join(want, " ") {
		t.Errorf("dial checks saw %v, want %v", dialed, want)
	}
}

func TestFetchRedirects(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/hop3":
			http.Redirect(w, r, "/hop2", http.StatusMovedPermanently)
		case "/hop2":
			http.Redirect(w, r, "/hop1", http.StatusFound)
		case "/hop1":
			http.Redirect(w, r, "/final", http.StatusTemporaryRedirect)
		case "/ftp":
			http.Redirect(w, r, "ftp://example.com/x", http.StatusFound)
		case "/final":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, page)
		}
	})
	_, _, final, err := Fetch(context.Background(), srv.URL+"/hop3", allow)
	if err != nil {
		t.Fatal(err)
	}
	if final != srv.URL+"/final" {
		t.Errorf("final URL %q, want %q", final, srv.URL+"/final")
	}

	_, _, _, err = Fetch(context.Background(), srv.URL+"/loop", allow)
	fetchCode(t, err, doc.EInvalid)
	if !strings.Contains(err.Error(), "more than 5 redirects") {
		t.Errorf("redirect loop: error %q", err)
	}

	o := allow
	o.MaxRedirects = 2
	_, _, _, err = Fetch(context.Background(), srv.URL+"/hop3", o)
	fetchCode(t, err, doc.EInvalid)

	o.MaxRedirects = -1
	_, _, _, err = Fetch(context.Background(), srv.URL+"/hop1", o)
	fetchCode(t, err, doc.EInvalid)

	_, _, _, err = Fetch(context.Background(), srv.URL+"/ftp", allow)
	fetchCode(t, err, doc.EInvalid)
}

func TestFetchTooLarge(t *testing.T) {
	big := strings.Repeat("<p>0123456789</p>\n", 1000) // 18,000 bytes
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		if r.URL.Path == "/chunked" {
			// No Content-Length: the limit must hold while reading.
			w.(http.Flusher).Flush()
		}
		fmt.Fprint(w, big)
	})
	o := allow
	o.MaxBytes = 10_000
	for _, path := range []string{"/", "/chunked"} {
		_, _, _, err := Fetch(context.Background(), srv.URL+path, o)
		fetchCode(t, err, doc.ETooLarge)
	}
	o.MaxBytes = int64(len(big)) // exactly at the limit is fine
	body, _, _, err := Fetch(context.Background(), srv.URL+"/chunked", o)
	if err != nil || len(body) != len(big) {
		t.Errorf("body at the limit: %d bytes, %v", len(body), err)
	}
}

func TestFetchContentType(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/json":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"a":1}`)
		case "/png":
			w.Header().Set("Content-Type", "image/png")
			fmt.Fprint(w, "\x89PNG\r\n\x1a\n")
		case "/xhtml":
			w.Header().Set("Content-Type", "application/xhtml+xml; charset=utf-8")
			fmt.Fprint(w, page)
		case "/text":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "plain words")
		case "/none":
			w.Header()["Content-Type"] = nil // suppress sniffing by net/http
			fmt.Fprint(w, page)
		case "/none-binary":
			w.Header()["Content-Type"] = nil
			fmt.Fprint(w, "\x00\x01\x02binary")
		case "/404":
			http.NotFound(w, r)
		}
	})
	for path, want := range map[string]string{
		"/json": doc.EInvalid, "/png": doc.EInvalid, "/none-binary": doc.EInvalid, "/404": doc.EInvalid,
		"/xhtml": "", "/text": "", "/none": "",
	} {
		_, ct, _, err := Fetch(context.Background(), srv.URL+path, allow)
		if want == "" {
			if err != nil {
				t.Errorf("%s: %v", path, err)
			} else if ct == "" {
				t.Errorf("%s: empty content type", path)
			}
			continue
		}
		fetchCode(t, err, want)
	}
}

func TestFetchCharsetHeader(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		fmt.Fprint(w, "<p>caf\xe9 \x93ol\xe9\x94</p>")
	})
	body, ct, _, err := Fetch(context.Background(), srv.URL, allow)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(body, ct)
	if err != nil {
		t.Fatal(err)
	}
	if want := "<p>café “olé”</p>"; string(got) != want {
		t.Errorf("decoded %q, want %q", got, want)
	}
}

func TestFetchTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	o := allow
	o.Timeout = 200 * time.Millisecond
	start := time.Now()
	_, _, _, err := Fetch(context.Background(), srv.URL, o)
	fetchCode(t, err, doc.ETimeout)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("timeout took %v", d)
	}
}

func TestFetchBadURL(t *testing.T) {
	for _, u := range []string{"", "ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "http://", "http://exa mple.com/", "//example.com/x"} {
		_, _, _, err := Fetch(context.Background(), u, FetchOptions{})
		fetchCode(t, err, doc.EInvalid)
	}
}

func TestPublicAddr(t *testing.T) {
	for s, want := range map[string]bool{
		"93.184.216.34":               true,
		"8.8.8.8":                     true,
		"2606:4700:4700::1111":        true,
		"127.0.0.1":                   false,
		"127.255.0.9":                 false,
		"::1":                         false,
		"10.1.2.3":                    false,
		"172.16.0.1":                  false,
		"172.31.255.255":              false,
		"172.32.0.1":                  true,
		"192.168.1.1":                 false,
		"169.254.169.254":             false, // cloud metadata
		"fe80::1":                     false,
		"fc00::1":                     false,
		"fd12:3456::1":                false,
		"0.0.0.0":                     false,
		"::":                          false,
		"224.0.0.1":                   false,
		"239.255.255.250":             false,
		"ff02::1":                     false,
		"100.64.0.1":                  false, // CGNAT
		"100.127.255.254":             false,
		"100.128.0.1":                 true,
		"255.255.255.255":             false,
		"::ffff:127.0.0.1":            false,
		"::ffff:10.0.0.1":             false,
		"::ffff:8.8.8.8":              true,
		"64:ff9b::a9fe:a9fe":          false, // NAT64 form of 169.254.169.254
		"2002:c0a8:0101::1":           false, // 6to4 form of 192.168.1.1
		"2002:0808:0808::1":           true,
		"198.18.0.1":                  false,
		"2001:db8::1":                 false,
		"fe80::1%eth0":                false,
		"2001:4860:4860::8888":        true,
		"192.0.0.8":                   false,
		"203.0.113.5":                 false,
		"100::1":                      false,
		"fec0::1":                     false,
		"1.1.1.1":                     true,
		"::ffff:169.254.169.254":      false,
		"64:ff9b::808:808":            true,
		"::ffff:0:0":                  false,
		"2002:7f00:0001::1":           false,
		"ff0e::1":                     false,
		"240.0.0.1":                   false,
		"0.1.2.3":                     false,
		"192.88.99.1":                 true,
		"2001:4860:4860:0:0:0:0:8844": true,
	} {
		a, err := netip.ParseAddr(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if got := publicAddr(a); got != want {
			t.Errorf("publicAddr(%s) = %v, want %v", s, got, want)
		}
	}
}
