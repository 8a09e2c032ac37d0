package extract_test

import (
	"testing"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/extract"
)

func TestDecode(t *testing.T) {
	// "café “quoted” – 5 €" in windows-1252: é=E9, “=93, ”=94, –=96, €=80.
	const cp1252 = "caf\xe9 \x93quoted\x94 \x96 5 \x80"
	const cp1252Text = "café “quoted” – 5 €"
	for _, tc := range []struct {
		name, body, contentType, want string
	}{
		{"windows-1252 from header", "<p>" + cp1252 + "</p>", "text/html; charset=windows-1252", "<p>" + cp1252Text + "</p>"},
		{"ISO-8859-1 from header", "<p>na\xefve \xa3 \xe9t\xe9</p>", "text/html; charset=ISO-8859-1", "<p>naïve £ été</p>"},
		{"quoted header charset", "<p>\xe9</p>", `text/html; charset="latin1"`, "<p>é</p>"},
		{"meta charset", `<meta charset="windows-1252"><p>` + cp1252 + "</p>", "", `<meta charset="windows-1252"><p>` + cp1252Text + "</p>"},
		{"meta http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>` + cp1252 + "</p>", "text/html",
			`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>` + cp1252Text + "</p>"},
		{"header beats meta", `<meta charset="utf-8"><p>` + cp1252 + "</p>", "text/html; charset=windows-1252", `<meta charset="utf-8"><p>` + cp1252Text + "</p>"},
		{"UTF-8 BOM beats header", "\xef\xbb\xbf<p>café</p>", "text/html; charset=windows-1252", "<p>café</p>"},
		{"UTF-8 BOM, no header", "\xef\xbb\xbf<p>café</p>", "", "<p>café</p>"},
		{"UTF-16LE BOM", "\xff\xfe<\x00p\x00>\x00\xe9\x00", "", "<p>é"},
		{"UTF-8 header", "<p>café</p>", "text/html; charset=utf-8", "<p>café</p>"},
		{"no hints, valid UTF-8", "<p>café ✓</p>", "", "<p>café ✓</p>"},
		{"no hints, not UTF-8", "<p>" + cp1252 + "</p>", "", "<p>" + cp1252Text + "</p>"},
		{"stale meta on a re-encoded UTF-8 page", `<meta charset="iso-8859-1"><p>café</p>`, "", `<meta charset="iso-8859-1"><p>café</p>`},
		{"ASCII with meta", `<meta charset="iso-8859-1"><p>cafe</p>`, "", `<meta charset="iso-8859-1"><p>cafe</p>`},
		{"invalid UTF-8 under a UTF-8 header", "<p>caf\xe9</p>", "text/html; charset=utf-8", "<p>caf\uFFFD</p>"},
		{"unknown header charset", "<p>café</p>", "text/html; charset=x-no-such", "<p>café</p>"},
		{"Shift_JIS", "<p>\x93\xfa\x96\x7b</p>", "text/html; charset=Shift_JIS", "<p>日本</p>"},
		{"empty", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := extract.Decode([]byte(tc.body), tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("Decode(%q, %q) = %q, want %q", tc.body, tc.contentType, got, tc.want)
			}
			if !utf8.Valid(got) {
				t.Errorf("Decode(%q, %q) = %q is not valid UTF-8", tc.body, tc.contentType, got)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("<meta charset=gbk><p>\x81\x40</p>"), "")
	f.Add([]byte("\xfe\xff\x00<"), "text/html; charset=utf-16")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		got, err := extract.Decode(body, contentType)
		if err == nil && !utf8.Valid(got) {
			t.Errorf("Decode(%q, %q) = %q is not valid UTF-8", body, contentType, got)
		}
	})
}
