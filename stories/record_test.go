package stories

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/keypoints-dev/keypoints/doc"
)

// checkErr checks err against want: nil for "", else a *doc.Error with
// code doc.EInvalid whose message contains want.
func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("error %v, want none", err)
	case want == "":
	case err == nil:
		t.Fatalf("no error, want one containing %q", want)
	case !strings.Contains(err.Error(), want):
		t.Fatalf("error %q, want it to contain %q", err, want)
	case doc.ErrorCode(err) != doc.EInvalid:
		t.Fatalf("error %q has code %q, want %q", err, doc.ErrorCode(err), doc.EInvalid)
	}
}

func TestParseID(t *testing.T) {
	for _, tc := range []struct {
		name, raw, want string
	}{
		{"Absent", "", ""},
		{"Null", "null", ""},
		{"String", `"story-7"`, "story-7"},
		{"EmptyString", `""`, ""},
		{"Number", "7", "7"},
		{"Fraction", "7.50", "7.50"}, // as written, not reformatted
		{"Spaces", " 12 ", "12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ParseID(json.RawMessage(tc.raw)); got != tc.want {
				t.Errorf("ParseID(%q) = %q, want %q", tc.raw, got, tc.want)
			}
		})
	}
}

func TestParsePublished(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s int) time.Time {
		return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
	}
	for _, tc := range []struct {
		name, in string
		want     time.Time
		err      string
	}{
		{"RFC3339", "2024-09-03T10:00:00Z", utc(2024, 9, 3, 10, 0, 0), ""},
		{"RFC3339Offset", "2024-09-03T12:00:00+02:00", utc(2024, 9, 3, 10, 0, 0), ""},
		{"RFC3339Nano", "2024-09-03T10:00:00.5Z", utc(2024, 9, 3, 10, 0, 0).Add(500 * time.Millisecond), ""},
		{"NoZone", "2024-09-03T10:00:00", utc(2024, 9, 3, 10, 0, 0), ""},
		{"SpaceSeconds", "2024-09-03 10:00:05", utc(2024, 9, 3, 10, 0, 5), ""},
		{"SpaceMinutes", "2024-09-03 10:00", utc(2024, 9, 3, 10, 0, 0), ""},
		{"Date", "2024-09-05", utc(2024, 9, 5, 0, 0, 0), ""},
		{"DateSpaces", "  2024-09-05\n", utc(2024, 9, 5, 0, 0, 0), ""},
		{"RFC1123Z", "Tue, 03 Sep 2024 10:00:00 +0000", utc(2024, 9, 3, 10, 0, 0), ""},
		{"RFC1123", "Tue, 03 Sep 2024 10:00:00 UTC", utc(2024, 9, 3, 10, 0, 0), ""},
		{"Seconds", "1725357600", utc(2024, 9, 3, 10, 0, 0), ""},
		{"Year", "2024", time.Time{}, `published "2024": want RFC 3339 or YYYY-MM-DD`}, // not seconds since 1970
		{"Word", "last week", time.Time{}, `published "last week"`},
		{"Empty", "", time.Time{}, `published ""`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParsePublished(tc.in)
			checkErr(t, err, tc.err)
			if !got.Equal(tc.want) {
				t.Errorf("ParsePublished(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	day := time.Date(2024, 9, 3, 0, 0, 0, 0, time.UTC)
	pageDay := time.Date(2024, 9, 4, 0, 0, 0, 0, time.UTC)
	page := func(html, url string) (Article, error) {
		return Article{ID: "ignored", Title: "Page title", Text: "Page text from " + url, Outlet: "Page Site", Stance: StanceRight, Published: pageDay}, nil
	}
	failing := func(html, url string) (Article, error) {
		return Article{}, doc.Errorf(doc.EInvalid, "no article on the page")
	}
	for _, tc := range []struct {
		name string
		rec  ArticleRecord
		page PageFunc
		want Article
		err  string
	}{
		{"Text", ArticleRecord{ID: json.RawMessage(`"a1"`), Text: "Body.", Title: "T", Outlet: "Harbor Daily", Stance: "left", Published: "2024-09-03", URL: "https://x.test/a"}, nil,
			Article{ID: "a1", Text: "Body.", Title: "T", Outlet: "Harbor Daily", Stance: StanceLeft, Published: day, URL: "https://x.test/a"}, ""},
		{"NumberID", ArticleRecord{ID: json.RawMessage(`42`), Text: "Body."}, nil, Article{ID: "42", Text: "Body."}, ""},
		{"ArticleField", ArticleRecord{Article: "From article."}, nil, Article{Text: "From article."}, ""},
		{"TextBeforeArticle", ArticleRecord{Text: "From text.", Article: "From article."}, nil, Article{Text: "From text."}, ""},
		{"Source", ArticleRecord{Text: "Body.", Source: "Wire Report"}, nil, Article{Text: "Body.", Outlet: "Wire Report"}, ""},
		{"OutletBeforeSource", ArticleRecord{Text: "Body.", Outlet: "Harbor Daily", Source: "Wire Report"}, nil, Article{Text: "Body.", Outlet: "Harbor Daily"}, ""},
		{"StanceSpelling", ArticleRecord{Text: "Body.", Stance: "Lean Right"}, nil, Article{Text: "Body.", Stance: StanceRight}, ""},
		{"TitleOnly", ArticleRecord{Title: "Only a headline"}, nil, Article{Title: "Only a headline"}, ""},
		{"HTML", ArticleRecord{HTML: "<p>x</p>", URL: "https://x.test/p"}, page,
			Article{Text: "Page text from https://x.test/p", Title: "Page title", Outlet: "Page Site", Published: pageDay, URL: "https://x.test/p"}, ""},
		{"HTMLRecordFirst", ArticleRecord{HTML: "<p>x</p>", Title: "Own title", Source: "Own outlet", Published: "2024-09-03"}, page,
			Article{Text: "Page text from ", Title: "Own title", Outlet: "Own outlet", Published: day}, ""},
		{"TextBeforeHTML", ArticleRecord{Text: "Body.", HTML: "<p>x</p>"}, failing, Article{Text: "Body."}, ""},
		{"HTMLNoPage", ArticleRecord{HTML: "<p>x</p>"}, nil, Article{}, "HTML is not read here"},
		{"HTMLPageError", ArticleRecord{HTML: "<p>x</p>"}, failing, Article{}, "no article on the page"},
		{"BadStance", ArticleRecord{Text: "Body.", Stance: "far"}, nil, Article{}, `unknown stance "far" (want left, center or right)`},
		{"BadStanceNoPage", ArticleRecord{HTML: "<p>x</p>", Stance: "up"}, failing, Article{}, `unknown stance "up"`}, // checked before the page is read
		{"BadPublished", ArticleRecord{Text: "Body.", Published: "Sunday"}, nil, Article{}, `published "Sunday"`},
		{"NoText", ArticleRecord{Outlet: "X"}, nil, Article{}, "article has no text"},
		{"BlankText", ArticleRecord{Text: " \n ", Title: "\t"}, nil, Article{}, "article has no text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.rec.Resolve(tc.page)
			checkErr(t, err, tc.err)
			if tc.err == "" && got != tc.want {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestDecodeRecord(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		story    bool // Articles not nil
		id       string
		err      string
	}{
		{"Article", `{"id": "a1", "text": "Body.", "story": 3}`, false, "a1", ""},
		{"Story", `{"id": 7, "articles": ["One.", {"text": "Two."}], "article_titles": ["1", "2"]}`, true, "7", ""},
		{"EmptyStory", `{"articles": []}`, true, "", ""},
		{"NotObject", `"text"`, false, "", "got a JSON string"},
		{"Array", `[1]`, false, "", "got a JSON array"},
		{"FieldType", `{"text": 42}`, false, "", `field "text" must be a JSON string, not number`},
		{"ArticlesType", `{"articles": "one"}`, false, "", `field "articles" must be a JSON array, not string`},
		{"TitlesType", `{"articles": [], "article_titles": [1]}`, false, "", `must be a JSON string, not number`},
		{"Syntax", `{"id":`, false, "", "unexpected end of JSON input"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := DecodeRecord([]byte(tc.in))
			checkErr(t, err, tc.err)
			if tc.err != "" {
				return
			}
			if got := r.Articles != nil; got != tc.story {
				t.Errorf("story record = %v, want %v", got, tc.story)
			}
			if got := ParseID(r.ID); got != tc.id {
				t.Errorf("id = %q, want %q", got, tc.id)
			}
		})
	}
	t.Run("DecodeArticle", func(t *testing.T) {
		_, err := DecodeArticle([]byte(`{"title": ["x"]}`))
		checkErr(t, err, `field "title" must be a JSON string, not array`)
	})
}

func TestGiven(t *testing.T) {
	page := func(html, url string) (Article, error) { return Article{Text: "Page text.", Outlet: "Page Site"}, nil }
	for _, tc := range []struct {
		name   string
		rec    string
		id     string // the default id
		wantID string
		want   []Article
		err    string
	}{
		{"Texts", `{"articles": ["One.", "Two."]}`, "3", "3", []Article{{Text: "One."}, {Text: "Two."}}, ""},
		{"OwnID", `{"id": "story-7", "articles": ["One."]}`, "3", "story-7", []Article{{Text: "One."}}, ""},
		{"NumberID", `{"id": 7, "articles": ["One."]}`, "", "7", []Article{{Text: "One."}}, ""},
		{"Objects", `{"articles": ["One.", {"id": "b", "text": "Two.", "outlet": "Wire Report", "stance": "centre"}, {"html": "<p>x</p>"}]}`, "1", "1",
			[]Article{{Text: "One."}, {ID: "b", Text: "Two.", Outlet: "Wire Report", Stance: StanceCenter}, {Text: "Page text.", Outlet: "Page Site"}}, ""},
		{"Titles", `{"articles": ["One.", {"text": "Two.", "title": "Own"}], "article_titles": ["T1", "T2"]}`, "1", "1",
			[]Article{{Text: "One.", Title: "T1"}, {Text: "Two.", Title: "Own"}}, ""},
		{"TitlesNotParallel", `{"articles": ["One.", "Two."], "article_titles": ["T1"]}`, "1", "1", []Article{{Text: "One."}, {Text: "Two."}}, ""},
		{"NoArticles", `{"articles": []}`, "1", "1", []Article{}, ""},
		{"ArticleType", `{"articles": ["One.", 42]}`, "1", "", nil, "article 2: want a text or an article object: got a JSON number"},
		{"ArticleFieldType", `{"articles": [{"text": 42}]}`, "1", "", nil, `article 1: want a text or an article object: field "text" must be a JSON string, not number`},
		{"ArticleError", `{"articles": ["One.", {"text": "Two.", "published": "Sunday"}]}`, "1", "", nil, `article 2: published "Sunday"`},
		{"NoText", `{"articles": [null]}`, "1", "", nil, "article 1: article has no text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := DecodeRecord([]byte(tc.rec))
			if err != nil {
				t.Fatal(err)
			}
			g, err := r.Given(page, tc.id)
			checkErr(t, err, tc.err)
			if tc.err != "" {
				return
			}
			if g.ID != tc.wantID {
				t.Errorf("id = %q, want %q", g.ID, tc.wantID)
			}
			if !slices.Equal(g.Articles, tc.want) {
				t.Errorf("articles\n%+v\nwant\n%+v", g.Articles, tc.want)
			}
		})
	}
}

// TestSummarizeAll checks the order (given stories first, then the
// groups), the ids, and that each story is what Summarize makes of its
// articles.
func TestSummarizeAll(t *testing.T) {
	eng := testEngine(t)
	sum := Summarizer{Engine: eng}
	loose := append(slices.Clone(budget), storm...)
	t.Run("GivenThenGroups", func(t *testing.T) {
		given := []Given{{ID: "storm", Articles: storm}, {ID: "7", Articles: budget[:2]}}
		out, err := sum.SummarizeAll(t.Context(), given, loose, GroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, st := range out {
			ids = append(ids, st.ID)
		}
		if want := []string{"storm", "7", "s1", "s2"}; !slices.Equal(ids, want) {
			t.Fatalf("ids %q, want %q", ids, want)
		}
		want, err := sum.Summarize(t.Context(), storm)
		if err != nil {
			t.Fatal(err)
		}
		want.ID = "storm"
		if got, wantJSON := mustMarshal(t, out[0]), mustMarshal(t, want); got != wantJSON {
			t.Errorf("given story\n%s\nwant what Summarize makes of it\n%s", got, wantJSON)
		}
		for _, st := range out[2:] {
			if len(st.Articles) != 3 || strings.Split(st.Articles[0], "-")[0] != strings.Split(st.Articles[2], "-")[0] {
				t.Errorf("group %s has articles %q, want one event's three", st.ID, st.Articles)
			}
		}
	})
	t.Run("Empty", func(t *testing.T) {
		out, err := sum.SummarizeAll(t.Context(), nil, nil, GroupOptions{})
		if err != nil || out == nil || len(out) != 0 {
			t.Errorf("got %v, %v; want an empty, non-nil list", out, err)
		}
	})
	for _, tc := range []struct {
		name  string
		given []Given
		loose []Article
		err   string
	}{
		{"GivenTwice", []Given{{ID: "x", Articles: []Article{storm[0], storm[0]}}}, nil, `story "x": article id "storm-left" appears twice`},
		{"GivenEmpty", []Given{{ID: "x"}}, nil, `story "x": a story needs at least one article`},
		{"LooseNoID", nil, []Article{{Text: "Body."}}, "article 1 has no id"},
		{"LooseTwice", nil, []Article{storm[0], storm[0]}, `article id "storm-left" appears twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := sum.SummarizeAll(t.Context(), tc.given, tc.loose, GroupOptions{})
			checkErr(t, err, tc.err)
		})
	}
	t.Run("Canceled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := sum.SummarizeAll(ctx, nil, loose, GroupOptions{}); !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	})
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
