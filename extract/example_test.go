package extract_test

import (
	"fmt"

	"github.com/keypoints-dev/keypoints/extract"
)

func ExampleDefault() {
	page := []byte(`<html lang="en"><head><title>Library reopens | Town News</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
<article>
<h1>Library reopens after two-year refit</h1>
<p>The town library reopened on Monday after a two-year refit that added a
reading garden, a children's wing and <b>longer</b> opening hours.</p>
<p>About four hundred people queued before the doors opened at nine, and the
first book borrowed was a guide to growing tomatoes.</p>
</article>
<footer>© Town News. All rights reserved.</footer>
</body></html>`)
	p, err := extract.Default().Extract(page, "https://news.example/library")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Title)
	fmt.Println(p.Language)
	fmt.Println(p.Text)
	// Output:
	// Library reopens after two-year refit
	// en
	// The town library reopened on Monday after a two-year refit that added a reading garden, a children's wing and longer opening hours.
	// About four hundred people queued before the doors opened at nine, and the first book borrowed was a guide to growing tomatoes.
}

func ExampleIsHTML() {
	fmt.Println(extract.IsHTML([]byte("\n  <!DOCTYPE html><html>...")))
	fmt.Println(extract.IsHTML([]byte("Plain text that mentions <p> later.")))
	// Output:
	// true
	// false
}
