// Package extract turns web pages into clean article text: the stage
// before normalize. Its input is an HTML document as UTF-8 bytes (see
// Decode for other encodings and Fetch for getting one off the web); its
// output is a Page whose Text holds the main article text, one paragraph
// a line, leaving out as well as the extractor can tell the menus,
// related links, ads, captions and cookie notices around it.
//
// The extraction libraries are hidden behind the Extractor interface so
// the choice can change without touching callers. The measured choice is
// in MEASURE.md; Default returns it.
//
// Every entry point is meant for untrusted input: sizes are capped,
// nesting is bounded, and a panic inside a library comes back as an
// EInternal *doc.Error rather than taking the process down.
package extract

import (
	"bytes"
	"regexp"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"

	"github.com/keypoints-dev/keypoints/doc"
)

// Page is what an Extractor finds in a web page.
type Page struct {
	// Text is the main article text, one paragraph (or heading, list
	// item, table row) a line, lines joined by "\n", each line trimmed
	// and with its whitespace runs collapsed to one space. It does not
	// start with the headline when that is in Title. Characters are
	// otherwise as the page has them (typographic quotes, soft hyphens):
	// normalizing them is the next stage's work. Valid UTF-8, and at
	// least Options.MinText characters when Extract returns a nil error.
	Text string `json:"text"`
	// Blocks is the kind of page block (heading, list item, table row,
	// code, caption or paragraph) each line of Text came from.
	Blocks []doc.Block `json:"-"`
	// Title is the article headline, or "".
	Title string `json:"title,omitempty"`
	// Byline names the author(s) as the page states them, or "".
	Byline string `json:"byline,omitempty"`
	// Date is the publication date as an RFC 3339 full-date
	// ("2006-01-02"), or "" when none was found.
	Date string `json:"date,omitempty"`
	// SiteName is the publisher's name, or "".
	SiteName string `json:"site_name,omitempty"`
	// Paywall reports that the page marks its article as for subscribers
	// only: schema.org isAccessibleForFree false, or a paywall element.
	Paywall bool `json:"paywall,omitempty"`
	// Language is the page's language as an ISO 639-1 code ("en"), or "":
	// detected from Text when the detector is sure, else as the page
	// declares it.
	Language string `json:"language,omitempty"`
}

// Extractor finds the article in one HTML page.
//
// Extract reads html as UTF-8 (a leading BOM is skipped and the page's
// own <meta charset> is ignored: call Decode first for other encodings).
// pageURL may be "" and is used only to resolve relative links and to
// fill in metadata. Errors are *doc.Error with code
// ETooLarge when html is over the size limit, ENoArticle when no article
// text is found, EInvalid when the page cannot be read, and EInternal when an
// extraction library fails unexpectedly (a bug, never the caller's
// fault). Implementations are safe for concurrent use.
type Extractor interface {
	Extract(html []byte, pageURL string) (Page, error)
}

// Engine names an extraction setup.
type Engine string

// The engines New accepts. Their scores are in MEASURE.md.
const (
	// Trafilatura is go-trafilatura alone (a port of the Python
	// trafilatura extractor).
	Trafilatura Engine = "trafilatura"
	// TrafilaturaFallback is go-trafilatura with its own fallback
	// (go-shiori readability and DOM Distiller) when its text looks
	// short or poor.
	TrafilaturaFallback Engine = "trafilatura-fallback"
	// Readability is codeberg.org/readeck/go-readability alone (a port
	// of Mozilla's Readability.js).
	Readability Engine = "readability"
	// Hybrid is go-trafilatura offered readeck's readability result as
	// its fallback candidate, under trafilatura's own rules for
	// choosing between the two.
	Hybrid Engine = "hybrid"
)

// Engines returns every Engine New accepts, in a fixed order.
func Engines() []Engine {
	return []Engine{Trafilatura, TrafilaturaFallback, Readability, Hybrid}
}

// Default limits; Options zero values mean these.
const (
	DefaultMaxBytes = 10 << 20 // 10 MiB
	DefaultMaxDepth = 400      // open elements; html.Parse gives up at 512
	DefaultMinText  = 25       // characters
)

// Focus trades recall against precision in go-trafilatura.
type Focus string

// Focus values.
const (
	Balanced       Focus = ""
	FavorPrecision Focus = "precision"
	FavorRecall    Focus = "recall"
)

// Options configure New. The zero value is the measured default setup.
type Options struct {
	// Engine picks the extraction setup; "" means DefaultEngine.
	Engine Engine `json:"engine,omitempty"`
	// Focus applies to the trafilatura-based engines.
	Focus Focus `json:"focus,omitempty"`
	// ExcludeTables drops <table> content. Tables are kept by default:
	// dropping them lost about 1% of the expected snippets on the
	// trafilatura dev set and changed nothing on the Scrapinghub set.
	ExcludeTables bool `json:"exclude_tables,omitempty"`
	// MaxBytes caps the input size: larger input is refused with
	// ETooLarge before any parsing. 0 means DefaultMaxBytes; negative
	// means no cap.
	MaxBytes int `json:"max_bytes,omitempty"`
	// MaxDepth bounds element nesting. The HTML parser refuses pages
	// nested over 512 elements deep (and the libraries recurse over the
	// tree); such a page is parsed again with the tags beyond MaxDepth
	// dropped and their text kept, instead of being refused. At most
	// 500; 0 means DefaultMaxDepth.
	MaxDepth int `json:"max_depth,omitempty"`
	// MinText is the fewest characters (runes) of Page.Text that count
	// as an article; shorter text is reported as EInvalid "no article
	// text found". It keeps a menu or a button label, which the
	// libraries' last-resort rescue returns for pages without an
	// article, from passing as one. 0 means DefaultMinText; negative
	// means any non-empty text.
	MinText int `json:"min_text,omitempty"`
}

// DefaultEngine is the engine that measured best (see MEASURE.md).
const DefaultEngine = Hybrid

// Validate reports whether o is usable, as an EInvalid *doc.Error.
func (o Options) Validate() error {
	switch o.Engine {
	case "", Trafilatura, TrafilaturaFallback, Readability, Hybrid:
	default:
		return doc.Errorf(doc.EInvalid, "extract: unknown engine %q", o.Engine)
	}
	switch o.Focus {
	case Balanced, FavorPrecision, FavorRecall:
	default:
		return doc.Errorf(doc.EInvalid, "extract: unknown focus %q", o.Focus)
	}
	if o.MaxDepth < 0 || o.MaxDepth > 500 {
		return doc.Errorf(doc.EInvalid, "extract: max depth %d not in 1..500", o.MaxDepth)
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.Engine == "" {
		o.Engine = DefaultEngine
	}
	if o.MaxBytes == 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxDepth == 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MinText == 0 {
		o.MinText = DefaultMinText
	}
	return o
}

// New returns an Extractor configured by opt, or an EInvalid *doc.Error
// if opt does not validate.
func New(opt Options) (Extractor, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	return &extractor{opt: opt.withDefaults()}, nil
}

// Default returns the Extractor with the measured best setup and default
// limits. It is the same as New(Options{}).
func Default() Extractor {
	return &extractor{opt: Options{}.withDefaults()}
}

// extractor is the one Extractor implementation: the guards around the
// libraries are the same for every engine, only the middle differs.
type extractor struct {
	opt Options
}

func (x *extractor) Extract(b []byte, pageURL string) (Page, error) {
	if x.opt.MaxBytes > 0 && len(b) > x.opt.MaxBytes {
		return Page{}, doc.Errorf(doc.ETooLarge, "extract: page is %d bytes, over the %d-byte limit", len(b), x.opt.MaxBytes)
	}
	return guard(x.opt.Engine, func() (Page, error) {
		root, err := parse(b, x.opt.MaxDepth)
		if err != nil {
			return Page{}, err
		}
		u := parseURL(pageURL)
		var p Page
		if x.opt.Engine == Readability {
			p, err = runReadability(root, u)
		} else {
			p, err = runTrafilatura(root, u, x.opt)
		}
		if err != nil {
			return Page{}, err
		}
		if t := dropTitle(p.Text, p.Title); len(t) != len(p.Text) {
			p.Text = t
			if len(p.Blocks) > 0 {
				p.Blocks = p.Blocks[1:]
			}
		}
		if p.Text == "" || utf8.RuneCountInString(p.Text) < x.opt.MinText {
			return Page{}, errNoArticle()
		}
		p.Paywall = paywalled(b)
		if lang := detectLanguage(p.Text); lang != "" {
			p.Language = lang
		}
		return p, nil
	})
}

// guard runs f, turning a panic into an EInternal *doc.Error. The
// libraries are large and were written for mostly sane pages; a panic on
// a hostile one must not take a server down.
func guard(e Engine, f func() (Page, error)) (p Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			p = Page{}
			err = doc.Errorf(doc.EInternal, "extract: %s failed on this page: %v\n%s", e, r, debug.Stack())
		}
	}()
	return f()
}

func errNoArticle() error {
	return doc.Errorf(doc.ENoArticle, "extract: no article text found")
}

// langSample is how much text detectLanguage reads: a few paragraphs
// settle the language, and more costs time on long pages.
const langSample = 2000

// detectLanguage returns the ISO 639-1 code of the language text is
// written in, or "" when the detector is not sure. Pages declare their
// language wrongly often enough (templates say "en" whatever the text)
// that the text's own evidence wins when it is clear.
func detectLanguage(text string) string {
	if len(text) > langSample {
		text = text[:langSample]
		for len(text) > 0 && !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	info := whatlanggo.Detect(text)
	if !info.IsReliable() {
		return ""
	}
	return normLang(info.Lang.Iso6391())
}

var (
	notFree      = regexp.MustCompile(`(?i)"?isAccessibleForFree"?\s*[:=]\s*"?false`)
	paywallClass = regexp.MustCompile(`(?i)class="(?:[^"]*\s)?(paywall|subscriber-only|premium-content|regwall)(?:\s[^"]*)?"`)
)

// paywalled reports the marks of a paywall in the page's HTML.
func paywalled(b []byte) bool {
	return bytes.Contains(b, []byte("ccessibleForFree")) && notFree.Match(b) ||
		(bytes.Contains(b, []byte("aywall")) || bytes.Contains(b, []byte("subscriber-only")) ||
			bytes.Contains(b, []byte("premium-content")) || bytes.Contains(b, []byte("regwall"))) && paywallClass.Match(b)
}

// dropTitle removes the headline from the top of text when it repeats
// title: it is in Page.Title already.
func dropTitle(text, title string) string {
	if title == "" {
		return text
	}
	first, rest, ok := strings.Cut(text, "\n")
	if ok && first == title {
		return rest
	}
	return text
}
