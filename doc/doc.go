// Package doc holds the domain types that the pipeline stages exchange:
// articles in, documents (text, sentences, tokens) in between, results with
// key points out. It imports nothing from the module, so every stage can use
// it without knowing about the others.
//
// Offsets: every Sentence and Token carries byte offsets into Document.Text,
// the cleaned article text, with Document.Text[Start:End] == Sentence.Text.
// A key point therefore always points back to the sentences it came from.
package doc

import "unicode/utf8"

// Article is one input record: the raw text (plain text or already
// extracted from HTML) and what is known about it.
type Article struct {
	ID    string `json:"id,omitempty"`
	Title string `json:"title,omitempty"`
	Text  string `json:"text"`
	// Blocks gives, when the article was extracted from a web page, the
	// kind of page block each line of Text came from (Blocks[i] for the
	// i-th line); nil means every line is a paragraph of prose.
	Blocks []Block `json:"-"`
	// Language is the page's language (ISO 639-1), or "".
	Language string `json:"-"`
	// Paywall reports a page that marks its article as for subscribers
	// only.
	Paywall bool `json:"-"`
}

// Block is the kind of page block a line of text came from. Only
// paragraphs (and list items that read as sentences) hold key points:
// the rest stays in the document but is never chosen.
type Block string

// Block kinds.
const (
	Paragraph Block = ""        // prose: a paragraph or a block quote
	Heading   Block = "heading" // h1-h6
	ListItem  Block = "list"    // li, dt, dd
	TableRow  Block = "table"   // a row of a table
	Code      Block = "code"    // pre, or a line all in <code>
	Caption   Block = "caption" // figcaption, caption: credits, image text
)

// Warning codes: a verdict on the page beside its key points.
const (
	WNotArticle = "not_article" // documentation, legal pages, listings and the like
	WShort      = "short"       // too little article text: a teaser or a stub
	WPaywall    = "paywall"     // the text stops at a subscription wall
	WLanguage   = "language"    // not English (Result.Language says which)
)

// Token is one word of a sentence. Term is a 64-bit hash of the lowercased
// word form, so scoring compares integers, not strings.
//
// Offsets are int32 to keep a token at 24 bytes (articles are limited to far
// less than 2 GiB); the tokenizer writes hundreds of them per article.
type Token struct {
	Start int32  `json:"start"`
	End   int32  `json:"end"`
	Term  uint64 `json:"-"`
	// Stop marks function words (the, of, said...) that carry no content.
	Stop bool `json:"-"`
	// Kind classifies the surface form: word, number, capitalised word.
	Kind TokenKind `json:"-"`
}

// TokenKind classifies a token's surface form.
type TokenKind uint8

// Token kinds.
const (
	Word    TokenKind = iota // a lowercase or otherwise plain word
	Capital                  // a capitalised word not at the start of the sentence
	Number                   // digits, possibly with separators (19,000, 3.5, 10:30)
)

// Sentence is a span of Document.Text.
type Sentence struct {
	Index int    `json:"index"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Paragraph is the index of the paragraph the sentence belongs to.
	Paragraph int `json:"paragraph"`
	// Cut marks a sentence the source cut off mid-clause (scraped text
	// where a link was removed); it has been trimmed back to its last
	// complete clause where one was long enough.
	Cut bool `json:"cut,omitempty"`
	// Block is the kind of page block the sentence came from.
	Block Block `json:"block,omitempty"`
	// Tokens are the sentence's words, filled by the tokenize stage.
	Tokens []Token `json:"-"`
}

// Document is an article after normalisation and segmentation.
type Document struct {
	ID    string `json:"id,omitempty"`
	Title string `json:"title,omitempty"`
	// Text is the cleaned article text all offsets refer to.
	Text string `json:"text"`
	// Tokenized is true when the input was PTB-tokenized lowercased text
	// (as in the CNN/DailyMail research sets), which changes segmentation.
	Tokenized bool       `json:"tokenized,omitempty"`
	Sentences []Sentence `json:"sentences"`
	// PublisherKeyPoints are the publisher's own key points found on top
	// of the article ("Key Points", "Story highlights"), repaired, in
	// order. They are not part of Text: key points are chosen from the
	// body alone.
	PublisherKeyPoints []PublisherPoint `json:"publisher_keypoints,omitempty"`
}

// PublisherPoint is one of the key points the publisher wrote on top of
// the article.
type PublisherPoint struct {
	Text string `json:"text"`
}

// KeyPoint is one chosen point: the text shown to the reader, the source
// sentence(s) it was taken from and the score that chose it. Text is
// Document.Text[Start:End], except for a compressed sentence (Source and
// Kept are then set: Text is the kept ranges joined, its first letter
// capitalised if need be) and for a sentence cut to fit a word budget
// that no whole sentence fits, which ends in "…".
type KeyPoint struct {
	Text string `json:"text"`
	// Sentences are indexes into Document.Sentences.
	Sentences []int `json:"sentences"`
	// Start and End are byte offsets of the key point's text in Document.Text
	// (the text may be a trimmed part of the source sentence).
	Start int     `json:"start"`
	End   int     `json:"end"`
	Score float64 `json:"score"`
	// SaidBy is who the article attributes the point to, as written in
	// the source sentence ("the White House readout", "Sen. Mitt
	// Romney"), or empty when the sentence states it as fact or the
	// speaker is unclear.
	SaidBy string `json:"said_by,omitempty"`
	// Source is the whole source sentence when the key point leaves some
	// of its words out (sentence compression); Kept are then the byte
	// ranges of Document.Text that the key point keeps, in order, so a
	// page can show the dropped words. Both are empty for a whole
	// sentence.
	Source string  `json:"source,omitempty"`
	Kept   []Range `json:"kept,omitempty"`
}

// Range is a byte range [Start, End) of Document.Text.
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Result is the output for one article.
type Result struct {
	ID        string     `json:"id,omitempty"`
	Title     string     `json:"title,omitempty"`
	KeyPoints []KeyPoint `json:"keypoints"`
	// PublisherKeyPoints are the publisher's own key points, when the
	// article carried them (see Document.PublisherKeyPoints).
	PublisherKeyPoints []PublisherPoint `json:"publisher_keypoints,omitempty"`
	// Warnings are codes (W*) that qualify the key points: the page is
	// not an article, is short, stops at a paywall or is not English.
	Warnings []string `json:"warnings,omitempty"`
	// Language is the detected language (ISO 639-1) when Warnings holds
	// WLanguage.
	Language string `json:"language,omitempty"`
	// Document is the cleaned text and its sentences, for callers that
	// want to show where each key point came from.
	Document *Document `json:"-"`
}

// Summary joins the key points' texts with "\n", the form ROUGE tools and
// the batch output use.
func (r *Result) Summary() string {
	n := 0
	for _, k := range r.KeyPoints {
		n += len(k.Text) + 1
	}
	b := make([]byte, 0, n)
	for i, k := range r.KeyPoints {
		if i > 0 {
			b = append(b, '\n')
		}
		b = append(b, k.Text...)
	}
	return string(b)
}

// BulletLen returns the length of the list bullet that starts s (the mark
// and the space after it), or 0 when s does not start with one. "-", "*"
// and "–" count only with a space after them ("-lrb-", "*NSYNC" and "--"
// are not bullets); "•" and its kind count with or without one. Normalize uses
// it to find a publisher's key points, the engine to keep bullets out of
// key points.
func BulletLen(s string) int {
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '-', '*', '–':
		if len(s) > n+1 && s[n] == ' ' && s[n+1] != ' ' {
			return n + 1
		}
	case '•', '·', '▪', '►', '◦', '‣', '●', '⁃':
		if len(s) > n && s[n] == ' ' {
			n++
		}
		if len(s) > n {
			return n
		}
	}
	return 0
}

// TrimBullets removes the bullet marks that start s, all of them ("- - "
// where a list item was quoted in a list).
func TrimBullets(s string) string {
	for n := BulletLen(s); n > 0; n = BulletLen(s) {
		s = s[n:]
	}
	return s
}
