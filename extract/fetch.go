package extract

import (
	"context"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	"github.com/keypoints-dev/keypoints/doc"
)

// Fetch defaults; FetchOptions zero values mean these.
const (
	DefaultFetchTimeout   = 15 * time.Second
	DefaultFetchMaxBytes  = 10 << 20 // 10 MiB
	DefaultFetchRedirects = 5
	UserAgent             = "keypoints/1"
)

// FetchOptions configure Fetch. The zero value is the safe default.
type FetchOptions struct {
	// Timeout bounds the whole fetch: connecting, redirects and reading
	// the body. 0 means DefaultFetchTimeout.
	Timeout time.Duration
	// MaxBytes caps the (decompressed) body; a larger one is refused
	// with ETooLarge. 0 means DefaultFetchMaxBytes.
	MaxBytes int64
	// MaxRedirects caps the redirects followed. 0 means
	// DefaultFetchRedirects; negative means none are followed.
	MaxRedirects int
	// AllowPrivate lets Fetch connect to loopback, private, link-local
	// and other non-public addresses. Leave it false wherever the URL
	// comes from a user: otherwise a user can make the server fetch
	// from its own network (server-side request forgery).
	AllowPrivate bool

	// allowAddr, when set, replaces the address policy; tests use it
	// to admit one loopback address and refuse another.
	allowAddr func(netip.Addr) bool
}

// acceptedTypes are the media types Fetch returns; anything else is not
// an article page.
var acceptedTypes = map[string]bool{
	"text/html":             true,
	"application/xhtml+xml": true,
	"text/plain":            true,
}

// Fetch gets rawURL with an HTTP GET and returns the body as received
// (not decoded: pass body and contentType to Decode), the Content-Type
// it was served with (sniffed from the body when the server sent none),
// and the URL it came from after redirects.
//
// Only http and https URLs are fetched, on every redirect too. Unless
// opt.AllowPrivate is set, Fetch refuses to connect to addresses that
// are not public: loopback, private (RFC 1918, fc00::/7), link-local,
// unspecified, multicast, carrier-grade NAT (100.64.0.0/10) and other
// reserved ranges. The check runs on the resolved address as each
// connection is dialed, so it holds for host names, after redirects and
// against DNS answers that change between look-ups; environment proxy
// settings are ignored for the same reason.
//
// Errors are *doc.Error: ETimeout when opt.Timeout passes or ctx ends,
// ETooLarge when the body is over opt.MaxBytes, and EInvalid for a bad
// or refused URL or address, too many redirects, a network failure, a
// non-2xx status, or a content type other than text/html,
// application/xhtml+xml or text/plain.
func Fetch(ctx context.Context, rawURL string, opt FetchOptions) (body []byte, contentType string, finalURL string, err error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultFetchTimeout
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultFetchMaxBytes
	}
	if opt.MaxRedirects == 0 {
		opt.MaxRedirects = DefaultFetchRedirects
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, "", "", doc.Errorf(doc.EInvalid, "fetch: bad URL %q: %v", rawURL, err)
	}
	if err := checkScheme(u); err != nil {
		return nil, "", "", err
	}

	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	client := newClient(opt)
	defer client.Transport.(*http.Transport).CloseIdleConnections()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", "", doc.Errorf(doc.EInvalid, "fetch: bad URL %q: %v", rawURL, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1")
	resp, err := client.Do(req)
	if err != nil {
		return nil, "", "", fetchError(ctx, rawURL, err)
	}
	defer resp.Body.Close()
	finalURL = resp.Request.URL.String()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", finalURL, doc.Errorf(doc.EInvalid, "fetch %s: HTTP status %s", finalURL, resp.Status)
	}
	if resp.ContentLength > opt.MaxBytes {
		return nil, "", finalURL, TooLarge(finalURL, opt.MaxBytes)
	}
	contentType = resp.Header.Get("Content-Type")
	if contentType != "" {
		if err := CheckType(finalURL, contentType); err != nil {
			return nil, contentType, finalURL, err
		}
	}
	// Read one byte past the limit to tell "exactly at" from "over".
	body, err = io.ReadAll(io.LimitReader(resp.Body, opt.MaxBytes+1))
	if err != nil {
		return nil, contentType, finalURL, fetchError(ctx, finalURL, err)
	}
	if int64(len(body)) > opt.MaxBytes {
		return nil, contentType, finalURL, TooLarge(finalURL, opt.MaxBytes)
	}
	if contentType == "" {
		contentType = http.DetectContentType(body)
		if err := CheckType(finalURL, contentType); err != nil {
			return nil, contentType, finalURL, err
		}
	}
	return body, contentType, finalURL, nil
}

// NewClient returns an HTTP client that holds to Fetch's rules for
// every request it makes: the address guard (unless opt.AllowPrivate),
// http and https only, at most opt.MaxRedirects redirects, and
// opt.Timeout for connecting and for the response headers. Callers that
// need their own requests (conditional feed polls) use it; they bound the
// body and the whole request themselves.
func NewClient(opt FetchOptions) *http.Client {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultFetchTimeout
	}
	if opt.MaxRedirects == 0 {
		opt.MaxRedirects = DefaultFetchRedirects
	}
	c := newClient(opt)
	c.Transport.(*http.Transport).MaxIdleConns = 64
	c.Transport.(*http.Transport).MaxIdleConnsPerHost = 2
	return c
}

func newClient(opt FetchOptions) *http.Client {
	allow := opt.allowAddr
	if allow == nil {
		allow = publicAddr
		if opt.AllowPrivate {
			allow = func(netip.Addr) bool { return true }
		}
	}
	dialer := &net.Dialer{
		Timeout: opt.Timeout,
		// Control sees the address actually being dialed, after name
		// resolution, for every connection (redirects included).
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return &refusedError{address}
			}
			if !allow(ap.Addr()) {
				return &refusedError{ap.Addr().String()}
			}
			return nil
		},
	}
	tr := &http.Transport{
		// No Proxy: the dialer's check would see the proxy's address,
		// not the target's.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opt.Timeout,
		ResponseHeaderTimeout: opt.Timeout,
		MaxIdleConns:          1,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if opt.MaxRedirects < 0 || len(via) > opt.MaxRedirects {
				return doc.Errorf(doc.EInvalid, "fetch: more than %d redirects", max(opt.MaxRedirects, 0))
			}
			return checkScheme(req.URL)
		},
	}
}

func checkScheme(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return doc.Errorf(doc.EInvalid, "fetch: only http and https URLs can be fetched, not %q", u.Redacted())
	}
	if u.Host == "" {
		return doc.Errorf(doc.EInvalid, "fetch: URL %q has no host", u.Redacted())
	}
	return nil
}

// CheckType returns a *doc.Error (doc.EInvalid) unless contentType is a
// web page's (HTML or plain text): the check Fetch makes, for other
// fetchers of pages (the feeds package).
func CheckType(u, contentType string) error {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil || !acceptedTypes[mt] {
		return doc.Errorf(doc.EInvalid, "fetch %s: content type %q is not a web page", u, contentType)
	}
	return nil
}

// TooLarge is the *doc.Error (doc.ETooLarge) of a page at u over limit
// bytes.
func TooLarge(u string, limit int64) error {
	return doc.Errorf(doc.ETooLarge, "fetch %s: page is over the %d-byte limit", u, limit)
}

// refusedError is the dialer's refusal of a non-public address.
type refusedError struct{ addr string }

func (e *refusedError) Error() string { return "address " + e.addr + " is not public" }

// fetchError turns a client error into a *doc.Error.
func fetchError(ctx context.Context, u string, err error) error {
	var de *doc.Error
	if errors.As(err, &de) {
		return de // from CheckRedirect
	}
	var re *refusedError
	if errors.As(err, &re) {
		return doc.Errorf(doc.EInvalid, "fetch %s: refused: %v (private and local addresses are not fetched)", u, re)
	}
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
		return doc.Errorf(doc.ETimeout, "fetch %s: %v", u, ctx.Err())
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return doc.Errorf(doc.ETimeout, "fetch %s: timed out", u)
	}
	return doc.Errorf(doc.EInvalid, "fetch %s: %v", u, unwrapURLError(err))
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// nonPublic lists the ranges Fetch refuses by default. Loopback,
// link-local, private, unspecified and multicast addresses are also
// caught by the netip predicates in publicAddr; the list adds the
// reserved ranges those miss.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT (RFC 6598)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and broadcast
	netip.MustParsePrefix("100::/64"),        // discard
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("fc00::/7"),        // unique local
	netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated)
}

var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96") // RFC 6052
	sixToFour = netip.MustParsePrefix("2002::/16")    // RFC 3056
)

// publicAddr reports whether a is an address Fetch may connect to by
// default. IPv4 addresses written as IPv6 (::ffff:a.b.c.d, and the
// NAT64 and 6to4 forms that carry one) are judged by the IPv4 address.
func publicAddr(a netip.Addr) bool {
	a = a.Unmap()
	if a.Is6() {
		b := a.As16()
		switch {
		case nat64.Contains(a):
			return publicAddr(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
		case sixToFour.Contains(a):
			return publicAddr(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
		}
	}
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsUnspecified() ||
		a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() ||
		a.IsMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}
