// Package tokenize is the third stage of the keypoints pipeline: sentences
// in, words out.
//
// A token is a maximal run of letters and digits (an apostrophe or hyphen
// between two letters stays inside the word: "don't", "once-in-a-lifetime").
// Each token keeps its byte offsets into the document text and carries a
// 64-bit FNV-1a hash of its lower-cased form, so later stages compare
// integers instead of strings and no token allocates.
package tokenize

import (
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Hash returns the term hash of a word as the tokenizer computes it: FNV-1a
// over the lower-cased UTF-8 bytes.
func Hash(word string) uint64 {
	h := uint64(fnvOffset)
	for _, r := range word {
		r = unicode.ToLower(r)
		if r < utf8.RuneSelf {
			h = (h ^ uint64(r)) * fnvPrime
			continue
		}
		var buf [4]byte
		n := utf8.EncodeRune(buf[:], r)
		for _, b := range buf[:n] {
			h = (h ^ uint64(b)) * fnvPrime
		}
	}
	return h
}

// Document tokenizes every sentence of d in place, filling
// Sentence.Tokens. All tokens share one backing array, so a document costs
// one allocation however many sentences it has.
func Document(d *doc.Document) {
	text := d.Text
	// English averages five to six bytes per word with its space and
	// punctuation (PTB text, with spaced punctuation, about five); append
	// grows the rare denser text.
	buf := make([]doc.Token, 0, len(text)/5+8)
	for i := range d.Sentences {
		s := &d.Sentences[i]
		startLen := len(buf)
		buf = appendTokens(buf, text, s.Start, s.End)
		s.Tokens = buf[startLen:len(buf):len(buf)]
	}
}

// Sentence returns the tokens of text[start:end].
func Sentence(text string, start, end int) []doc.Token {
	return appendTokens(nil, text, start, end)
}

// Byte classes of the ASCII fast path.
const (
	cOther = iota // space, punctuation: ends a word
	cLower        // a-z
	cUpper        // A-Z
	cDigit        // 0-9
	cJoin         // ' - . , : may join two parts of one word
	cHigh         // first byte of a multi-byte UTF-8 sequence
)

var class = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z':
			t[c] = cLower
		case c >= 'A' && c <= 'Z':
			t[c] = cUpper
		case c >= '0' && c <= '9':
			t[c] = cDigit
		case c == '\'' || c == '-' || c == '.' || c == ',' || c == ':':
			t[c] = cJoin
		case c >= utf8.RuneSelf:
			t[c] = cHigh
		}
	}
	return t
}()

func appendTokens(buf []doc.Token, text string, start, end int) []doc.Token {
	first := true
	i := start
	for i < end {
		switch class[text[i]] {
		case cOther, cJoin:
			i++
			continue
		case cHigh:
			r, n := utf8.DecodeRuneInString(text[i:end])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += n
				continue
			}
		}
		// A word starts at i.
		ws := i
		h := uint64(fnvOffset)
		upperFirst := class[text[i]] == cUpper
		digits, letters := 0, 0
	word:
		for i < end {
			c := text[i]
			switch class[c] {
			case cLower:
				letters++
			case cUpper:
				c += 'a' - 'A'
				letters++
			case cDigit:
				digits++
			case cJoin:
				// inner apostrophe or hyphen between letters, or a
				// separator inside a number
				if i+1 >= end || i == ws || !joins(c, text[i-1], text[i+1]) {
					break word
				}
			case cHigh:
				r, n := utf8.DecodeRuneInString(text[i:end])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					if r == '’' && i > ws && i+n < end && isASCIIAlpha(text[i+n]) {
						// curly apostrophe inside a word: hash as a straight one
						h = (h ^ uint64('\'')) * fnvPrime
						i += n
						continue
					}
					break word
				}
				if i == ws && unicode.IsUpper(r) {
					upperFirst = true
				}
				letters++
				var b [4]byte
				m := utf8.EncodeRune(b[:], unicode.ToLower(r))
				for _, x := range b[:m] {
					h = (h ^ uint64(x)) * fnvPrime
				}
				i += n
				continue
			default:
				break word
			}
			h = (h ^ uint64(c)) * fnvPrime
			i++
		}
		kind := doc.Word
		switch {
		case digits > 0 && letters == 0:
			kind = doc.Number
		case upperFirst && !first:
			kind = doc.Capital
		}
		buf = append(buf, doc.Token{Start: int32(ws), End: int32(i), Term: h, Stop: stop.has(h), Kind: kind})
		first = false
	}
	return buf
}

// joins reports whether the punctuation c between a and b keeps one word:
// letters around ' and -, digits around . , and :.
func joins(c, a, b byte) bool {
	switch c {
	case '\'', '-':
		return isASCIIAlnum(a) && isASCIIAlnum(b)
	default:
		return isDigit(a) && isDigit(b)
	}
}

func isASCIIAlnum(c byte) bool { return isASCIIAlpha(c) || isDigit(c) }
func isASCIIAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool      { return c >= '0' && c <= '9' }

// IsStop reports whether the word is a stop word.
func IsStop(word string) bool { return stop.has(Hash(word)) }
