package server

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestKeypointsPublisher: an article with its publisher's key points on
// top answers them as publisher_keypoints, apart from the text the key
// points are chosen from; the OpenAPI document describes the field.
func TestKeypointsPublisher(t *testing.T) {
	s := MustOpenServer(t, nil)
	article := testArticle(t)
	page := "Story highlights\n* The night ferry was approved on a split vote\n* Tickets go on sale next month\n" + article
	resp, body := postJSON(t, s.URL()+"/v1/keypoints", Request{Text: page})
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var got Response
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	checkResponse(t, got, 3)
	if len(got.PublisherKeyPoints) != 2 || got.PublisherKeyPoints[1].Text != "Tickets go on sale next month" {
		t.Errorf("publisher_keypoints = %+v", got.PublisherKeyPoints)
	}
	if strings.Contains(got.Text, "Story highlights") || strings.Contains(got.Text, "Tickets go on sale") {
		t.Errorf("the publisher's points are in the text: %.120q", got.Text)
	}
	resp, body = postJSON(t, s.URL()+"/v1/keypoints", Request{Text: article})
	if resp.StatusCode != 200 || strings.Contains(string(body), "publisher_keypoints") {
		t.Errorf("plain article: status %d, body has publisher_keypoints: %v", resp.StatusCode, strings.Contains(string(body), "publisher_keypoints"))
	}
	if !strings.Contains(string(openAPI), `"publisher_keypoints"`) {
		t.Error("openapi.json does not describe publisher_keypoints")
	}
}

// TestPublisherPointsInBrowser: the page shows the publisher's key points
// beside ours when the article carried them, and hides the list when the
// next article carries none.
func TestPublisherPointsInBrowser(t *testing.T) {
	b := openBrowser(t)
	s := MustOpenServer(t, nil)
	article := testArticle(t)
	page := "Story highlights\n* The night ferry was approved on a split vote\n* Tickets go on sale next month\n" + article
	run, eval := b.run, b.eval
	run("paste a page with the publisher's key points",
		chromedp.Navigate(s.URL()+"/"),
		chromedp.WaitVisible(chromedp.CSS("#input")),
		chromedp.SetValue(chromedp.CSS("#input"), page),
		chromedp.Click(chromedp.CSS("#go")),
		chromedp.WaitVisible(chromedp.CSS("#publisher-points li:nth-child(2)")),
	)
	if got := eval(`document.querySelectorAll('#publisher-points li').length`); got != 2.0 {
		t.Errorf("publisher points shown: %v, want 2", got)
	}
	if got := eval(`document.querySelector('#publisher-points li:nth-child(2)').textContent`); got != "Tickets go on sale next month" {
		t.Errorf("second publisher point %q", got)
	}
	if got := eval(`document.getElementById('article').textContent`).(string); strings.Contains(got, "Tickets go on sale") {
		t.Errorf("the article pane shows the publisher's points as text")
	}
	run("paste a plain article",
		chromedp.SetValue(chromedp.CSS("#input"), article),
		chromedp.Click(chromedp.CSS("#go")),
		chromedp.WaitNotVisible(chromedp.CSS("#publisher-pane")),
	)
	b.checkConsole()
}
