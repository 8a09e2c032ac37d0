package extract

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"

	"github.com/keypoints-dev/keypoints/doc"
)

// Decode returns body converted to UTF-8, choosing the encoding about
// the way browsers do (the WHATWG encoding sniffing order): a byte order
// mark first, then the charset parameter of contentType (the HTTP
// Content-Type header; may be ""), then a <meta charset> or <meta
// http-equiv="Content-Type"> in the first 1024 bytes, then UTF-8 if the
// bytes are valid UTF-8, and windows-1252 otherwise. One departure: a
// body that is valid UTF-8 and not plain ASCII is read as UTF-8 even
// when its <meta> names another charset, because pages re-encoded by
// a proxy, a cache or a scraper keep their old <meta>, while legacy
// text that happens to be valid UTF-8 is vanishingly rare. Labels are
// resolved as the WHATWG Encoding Standard says, so "iso-8859-1" and
// "latin1" decode as windows-1252 (a superset that browsers use for
// them). The result has no BOM, and bytes that are not valid in the
// chosen encoding become U+FFFD, so it is always valid UTF-8.
//
// The error, a *doc.Error with code EInvalid, is returned only when the
// chosen decoder fails, which the standard decoders do not do for any
// input; body is not changed.
func Decode(body []byte, contentType string) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain && name != "utf-8" && !isASCII(body) && utf8.Valid(body) {
		name = "utf-8"
	}
	if name == "utf-8" || enc == encoding.Nop {
		body = bytes.TrimPrefix(body, utf8BOM)
		if utf8.Valid(body) {
			return body, nil
		}
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, doc.Errorf(doc.EInvalid, "extract: cannot decode page as %s: %v", name, err)
	}
	// The UTF-16 decoders keep the BOM, as U+FEFF.
	out = bytes.TrimPrefix(out, utf8BOM)
	if !utf8.Valid(out) {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out, nil
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
