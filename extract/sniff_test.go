package extract_test

import (
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/extract"
)

func TestIsHTML(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"<!DOCTYPE html><html><body>x</body></html>", true},
		{"<!doctype HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">", true},
		{"\xef\xbb\xbf  \n<html lang=en>", true},
		{"<HEAD><title>x</title>", true},
		{"<body>", true},
		{"<p>Just a paragraph.</p>", true},
		{"<div class=a>", true},
		{"\t<!-- saved from url=(0014)about:internet -->\n<html>", true},
		{"<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", true},
		{"<br/>", true},
		{"<p", true},
		{"", false},
		{"   ", false},
		{"Plain text about <p> tags.", false},
		{"The article text.\n<p>Later tag</p>", false},
		{"<?xml version=\"1.0\"?><rss><channel/></rss>", false},
		{"<pre-formatted>", false},
		{"<paragraph>", false},
		{"<divx>", false},
		{"{\"json\": true}", false},
		{"%PDF-1.7", false},
		{"<", false},
		{"< p>", false},
		{"\xef\xbb\xbf", false},
		{strings.Repeat(" ", 2000) + "<html>", false}, // only the first 1024 bytes are read
	} {
		if got := extract.IsHTML([]byte(tc.in)); got != tc.want {
			t.Errorf("IsHTML(%.40q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
