package render_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/render"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites the file under
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./render -update rewrites it)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// article is scraped-looking text: a paragraph cut mid-sentence where a
// link was removed leaves a line break inside the third sentence, and
// the fourth has markup-like characters JSON must not escape.
const article = "Floodwater swept through Riverton on Monday, forcing 2,000 residents from their homes. " +
	"The mayor said the levee \"held for as long as it could\" before giving way. " +
	"Emergency crews worked through the night, according to a statement from the\ncounty sheriff's office. " +
	"Repairs will cost <$5m & take months, engineers said. " +
	"Schools will stay closed until Thursday."

// fixture builds a result over article with key points on sentences
// 0, 2 and 3 (the last one spanning sentences 3 and 4).
func fixture(t *testing.T) *doc.Result {
	t.Helper()
	sents := []string{
		"Floodwater swept through Riverton on Monday, forcing 2,000 residents from their homes.",
		"The mayor said the levee \"held for as long as it could\" before giving way.",
		"Emergency crews worked through the night, according to a statement from the\ncounty sheriff's office.",
		"Repairs will cost <$5m & take months, engineers said.",
		"Schools will stay closed until Thursday.",
	}
	d := &doc.Document{ID: "riverton-1", Title: "Riverton floods", Text: article}
	for i, s := range sents {
		start := strings.Index(article, s)
		if start < 0 {
			t.Fatalf("fixture sentence %d not in the article", i)
		}
		d.Sentences = append(d.Sentences, doc.Sentence{Index: i, Start: start, End: start + len(s), Text: s})
	}
	kp := func(score float64, idx ...int) doc.KeyPoint {
		first, last := d.Sentences[idx[0]], d.Sentences[idx[len(idx)-1]]
		return doc.KeyPoint{Text: article[first.Start:last.End], Sentences: idx, Start: first.Start, End: last.End, Score: score}
	}
	said := kp(0.5, 2)
	said.SaidBy = "the county sheriff's office"
	return &doc.Result{
		ID: d.ID, Title: d.Title, Document: d,
		KeyPoints: []doc.KeyPoint{kp(1.25, 0), said, kp(-0.125, 3, 4)},
	}
}

func render1(t *testing.T, format string, res *doc.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := render.Write(&b, format, res); err != nil {
		t.Fatalf("Write(%q): %v", format, err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	untitled := fixture(t)
	untitled.ID, untitled.Title = "", ""
	multiline := fixture(t)
	multiline.Title = "Riverton\nfloods:  day two"
	empty := &doc.Result{ID: "empty", KeyPoints: []doc.KeyPoint{}}
	publisher := fixture(t)
	publisher.PublisherKeyPoints = []doc.PublisherPoint{
		{Text: "The Riverton burst its banks on Monday, flooding 300 homes."},
		{Text: "Schools stay closed until Thursday, the county said."},
	}
	for _, tc := range []struct {
		name, format string
		res          *doc.Result
	}{
		{"fixture.txt", "text", fixture(t)},
		{"fixture.md", "markdown", fixture(t)},
		{"fixture.json", "json", fixture(t)},
		{"untitled.md", "markdown", untitled},
		{"untitled.json", "json", untitled},
		{"multiline-title.md", "markdown", multiline},
		{"empty.txt", "text", empty},
		{"empty.md", "markdown", empty},
		{"empty.json", "json", empty},
		{"publisher.txt", "text", publisher},
		{"publisher.md", "markdown", publisher},
		{"publisher.json", "json", publisher},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name, render1(t, tc.format, tc.res))
		})
	}
}

func TestTextOneLinePerKeyPoint(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"plain", "Schools will stay closed.", "Schools will stay closed."},
		{"newline", "according to the\ncounty office.", "according to the county office."},
		{"CRLF and indent", "first part\r\n    second part.", "first part second part."},
		{"blank line", "one.\n\ntwo.", "one. two."},
		{"lone CR", "old\rMac line.", "old Mac line."},
		{"edges trimmed when flattened", "  start\nend  ", "start end"},
		{"inner spacing kept without a newline", "tabs\tand  two spaces", "tabs\tand  two spaces"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := &doc.Result{KeyPoints: []doc.KeyPoint{{Text: "Before."}, {Text: tc.text}, {Text: "After."}}}
			var b bytes.Buffer
			if err := render.Text(&b, res); err != nil {
				t.Fatal(err)
			}
			want := "Before.\n" + tc.want + "\nAfter.\n"
			if got := b.String(); got != want {
				t.Errorf("Text = %q, want %q", got, want)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	for _, tc := range []struct {
		name string
		res  *doc.Result
		want []string // lines
	}{
		{
			name: "title and sentence numbers from one",
			res: &doc.Result{Title: "Budget passed", KeyPoints: []doc.KeyPoint{
				{Text: "Parliament approved the budget.", Sentences: []int{0}},
				{Text: "Taxes rise in\nApril.", Sentences: []int{6, 7}},
			}},
			want: []string{
				"## Budget passed",
				"",
				"- Parliament approved the budget. _(sentence 1)_",
				"- Taxes rise in April. _(sentence 7, 8)_",
			},
		},
		{
			name: "said by",
			res: &doc.Result{KeyPoints: []doc.KeyPoint{
				{Text: "Taxes rise in April, the finance minister said.", Sentences: []int{2}, SaidBy: "the finance minister"},
			}},
			want: []string{"## Key points", "", "- Taxes rise in April, the finance minister said. _(said by the finance minister, sentence 3)_"},
		},
		{
			name: "no title",
			res:  &doc.Result{KeyPoints: []doc.KeyPoint{{Text: "One point.", Sentences: []int{11}}}},
			want: []string{"## Key points", "", "- One point. _(sentence 12)_"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := render.Markdown(&b, tc.res); err != nil {
				t.Fatal(err)
			}
			want := strings.Join(tc.want, "\n") + "\n"
			if got := b.String(); got != want {
				t.Errorf("Markdown =\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// record mirrors the JSON contract with the field names clients read.
type record struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	KeyPoints []struct {
		Text      string  `json:"text"`
		Sentences []int   `json:"sentences"`
		Start     int     `json:"start"`
		End       int     `json:"end"`
		Score     float64 `json:"score"`
		SaidBy    string  `json:"said_by"`
		Source    string  `json:"source"`
		Kept      []struct {
			Start int `json:"start"`
			End   int `json:"end"`
		} `json:"kept"`
	} `json:"keypoints"`
	Summary   *string `json:"summary"`
	Sentences []struct {
		Text  string `json:"text"`
		Start *int   `json:"start"`
		End   *int   `json:"end"`
	} `json:"sentences"`
}

func TestJSON(t *testing.T) {
	res := fixture(t)
	out := render1(t, "json", res)
	var r record
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("decode: %v\n%s", err, out)
	}
	if got, want := r.ID, "riverton-1"; got != want {
		t.Errorf("id = %q, want %q", got, want)
	}
	if got, want := r.Title, "Riverton floods"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := len(r.KeyPoints), 3; got != want {
		t.Fatalf("%d keypoints, want %d", got, want)
	}
	for i, k := range r.KeyPoints {
		if got, want := k.Text, res.KeyPoints[i].Text; got != want {
			t.Errorf("keypoint %d text = %q, want %q", i, got, want)
		}
		whole := k.Text
		if k.Source != "" { // compressed: the span is the whole source sentence
			whole = k.Source
		}
		if got := article[k.Start:k.End]; got != whole {
			t.Errorf("keypoint %d: article[%d:%d] = %q, want %q", i, k.Start, k.End, got, whole)
		}
		if got, want := k.Score, res.KeyPoints[i].Score; got != want {
			t.Errorf("keypoint %d score = %v, want %v", i, got, want)
		}
		if got, want := k.SaidBy, res.KeyPoints[i].SaidBy; got != want {
			t.Errorf("keypoint %d said_by = %q, want %q", i, got, want)
		}
	}
	if !bytes.Contains(out, []byte(`"said_by": "the county sheriff's office"`)) || bytes.Count(out, []byte(`"said_by"`)) != 1 {
		t.Errorf("said_by is not on the attributed key point alone:\n%s", out)
	}
	if got, want := r.KeyPoints[2].Sentences, []int{3, 4}; !reflect.DeepEqual(got, want) {
		t.Errorf("keypoint 2 sentences = %v, want %v", got, want)
	}
	if r.Summary == nil {
		t.Fatal("no summary")
	}
	if got, want := *r.Summary, res.Summary(); got != want {
		t.Errorf("summary = %q, want %q", got, want)
	}
	if got, want := len(r.Sentences), 5; got != want {
		t.Fatalf("%d sentences, want %d", got, want)
	}
	for i, s := range r.Sentences {
		if s.Start == nil || s.End == nil {
			t.Errorf("sentence %d lacks start or end", i)
			continue
		}
		if got := article[*s.Start:*s.End]; got != s.Text {
			t.Errorf("sentence %d: article[%d:%d] = %q, want its text %q", i, *s.Start, *s.End, got, s.Text)
		}
	}
	// Readers paste the JSON into HTML tools; it stays readable.
	if !bytes.Contains(out, []byte("<$5m & take")) {
		t.Errorf("JSON escaped HTML characters:\n%s", out)
	}
}

func TestJSONWithoutDocument(t *testing.T) {
	res := fixture(t)
	res.Document = nil
	out := render1(t, "json", res)
	var m map[string]json.RawMessage
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	if _, ok := m["sentences"]; ok {
		t.Errorf("JSON of a result without document has sentences:\n%s", out)
	}
	for _, key := range []string{"keypoints", "summary"} {
		if _, ok := m[key]; !ok {
			t.Errorf("JSON lacks %q:\n%s", key, out)
		}
	}
}

// TestJSONNoKeyPoints: "keypoints" is a list in every record, so clients
// can take its length without a null check.
func TestJSONNoKeyPoints(t *testing.T) {
	for _, tc := range []struct {
		name string
		kps  []doc.KeyPoint
	}{
		{"empty slice", []doc.KeyPoint{}},
		{"nil slice", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := render1(t, "json", &doc.Result{ID: "x", KeyPoints: tc.kps})
			var m map[string]json.RawMessage
			if err := json.Unmarshal(out, &m); err != nil {
				t.Fatal(err)
			}
			if got, want := string(m["keypoints"]), "[]"; got != want {
				t.Errorf("keypoints = %s, want %s", got, want)
			}
			if got, want := string(m["summary"]), `""`; got != want {
				t.Errorf("summary = %s, want %s", got, want)
			}
		})
	}
}

func TestWriteFormats(t *testing.T) {
	res := fixture(t)
	direct := func(f func(*bytes.Buffer, *doc.Result) error) []byte {
		var b bytes.Buffer
		if err := f(&b, res); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	text := direct(func(b *bytes.Buffer, r *doc.Result) error { return render.Text(b, r) })
	md := direct(func(b *bytes.Buffer, r *doc.Result) error { return render.Markdown(b, r) })
	js := direct(func(b *bytes.Buffer, r *doc.Result) error { return render.JSON(b, r) })
	for _, tc := range []struct {
		format string
		want   []byte
	}{
		{"", text},
		{"text", text},
		{"markdown", md},
		{"md", md},
		{"json", js},
	} {
		t.Run("format "+tc.format, func(t *testing.T) {
			if got := render1(t, tc.format, res); !bytes.Equal(got, tc.want) {
				t.Errorf("Write(%q) =\n%s\nwant\n%s", tc.format, got, tc.want)
			}
		})
	}
	t.Run("every listed format is accepted", func(t *testing.T) {
		for _, f := range render.Formats {
			if err := render.Write(&bytes.Buffer{}, f, res); err != nil {
				t.Errorf("Write(%q): %v", f, err)
			}
		}
	})
}

func TestWriteUnknownFormat(t *testing.T) {
	for _, format := range []string{"html", "JSON", "txt", " text"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			err := render.Write(&b, format, fixture(t))
			if err == nil {
				t.Fatalf("Write(%q) = nil error, want one", format)
			}
			if got, want := doc.ErrorCode(err), doc.EInvalid; got != want {
				t.Errorf("Write(%q) error code = %q, want %q", format, got, want)
			}
			for _, want := range append([]string{format}, render.Formats...) {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Write(%q) error %q does not mention %q", format, err, want)
				}
			}
			if b.Len() != 0 {
				t.Errorf("Write(%q) wrote %q before failing", format, b.String())
			}
		})
	}
}

// TestRenderLeavesResult: renderers never change the result.
func TestRenderLeavesResult(t *testing.T) {
	for _, format := range render.Formats {
		t.Run(format, func(t *testing.T) {
			res, want := fixture(t), fixture(t)
			res.Title, want.Title = "Two\nlines", "Two\nlines"
			render1(t, format, res)
			if !reflect.DeepEqual(res, want) {
				t.Errorf("Write(%q) changed the result", format)
			}
		})
	}
}

type failWriter struct{}

var errWrite = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestWriteError(t *testing.T) {
	for _, format := range render.Formats {
		t.Run(format, func(t *testing.T) {
			if err := render.Write(failWriter{}, format, fixture(t)); !errors.Is(err, errWrite) {
				t.Errorf("Write(%q) to a failing writer = %v, want %v", format, err, errWrite)
			}
		})
	}
}
