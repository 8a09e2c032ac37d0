package server

import (
	"encoding/json"
	"strings"
	"testing"
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
