package stories

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	keypoints "github.com/keypoints-dev/keypoints"
)

// The fixtures are two invented events, each told by three invented
// outlets in their own words, written for these tests.

var storm = []Article{
	{ID: "storm-left", Outlet: "Harbor Daily", Stance: StanceLeft,
		Title: "Hurricane Delia floods Marbury as thousands flee",
		Text: "Hurricane Delia made landfall near the port city of Marbury on Tuesday, flooding low-lying neighbourhoods and forcing thousands of residents to flee. " +
			"The storm brought winds of 140 miles per hour and a surge of nine feet, according to the National Weather Service. " +
			"Climate scientists warned that storms like Delia are growing stronger as the ocean warms. " +
			"Shelters in the county were full by Tuesday evening."},
	{ID: "storm-center", Outlet: "Wire Report", Stance: StanceCenter,
		Title: "Delia slams into Marbury with 140 mph winds",
		Text: "Hurricane Delia slammed into Marbury on Tuesday with winds of 140 miles per hour, flooding streets across the port city. " +
			"Thousands of residents fled before landfall, and the storm surge reached nine feet. " +
			"The utility Eastgrid said 200,000 homes had lost power. " +
			"Governor Alma Reyes declared a state of emergency for the coastal counties."},
	{ID: "storm-right", Outlet: "Liberty Post", Stance: StanceRight,
		Title: "Marbury reels after Hurricane Delia; governor declares emergency",
		Text: "Marbury residents returned to flooded homes on Tuesday after Hurricane Delia struck the port city with 140 mph winds. " +
			"Governor Alma Reyes declared a state of emergency and asked for federal disaster aid. " +
			"Local business owners said the cleanup would take months."},
}

var budget = []Article{
	{ID: "budget-left", Outlet: "Harbor Daily", Stance: StanceLeft,
		Title: "Nordland parliament passes austerity budget",
		Text: "The Nordland parliament passed a budget on Thursday that cuts spending on schools and hospitals by four percent. " +
			"The bill passed by 88 votes to 79 after a night of debate. " +
			"Teachers' unions called the cuts reckless and promised strikes."},
	{ID: "budget-center", Outlet: "Wire Report", Stance: StanceCenter,
		Title: "Nordland lawmakers approve budget 88-79",
		Text: "Lawmakers in Nordland approved the government's budget by 88 votes to 79 on Thursday. " +
			"The budget trims public spending by four percent and lowers the corporate tax rate to 18 percent. " +
			"Finance Minister Petra Lind said the plan would balance the books by 2027."},
	{ID: "budget-right", Outlet: "Liberty Post", Stance: StanceRight,
		Title: "Nordland budget cuts taxes, reins in spending",
		Text: "Nordland's parliament approved a budget on Thursday that lowers the corporate tax rate to 18 percent and reins in spending. " +
			"The vote was 88 to 79. " +
			"Business groups welcomed the tax cut as overdue."},
}

func testEngine(tb testing.TB) *keypoints.Engine {
	tb.Helper()
	eng, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerLead})
	if err != nil {
		tb.Fatal(err)
	}
	return eng
}

// sortedGroups returns the groups' article sets, each sorted, in a fixed
// order, for comparing partitions.
func sortedGroups(gs []Group) [][]string {
	var out [][]string
	for _, g := range gs {
		a := slices.Clone(g.Articles)
		sort.Strings(a)
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func ids(arts []Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.ID)
	}
	sort.Strings(out)
	return out
}

func TestGroupTwoEvents(t *testing.T) {
	eng := testEngine(t)
	want := [][]string{ids(budget), ids(storm)}
	interleaved := []Article{storm[0], budget[0], storm[1], budget[1], storm[2], budget[2]}
	reversed := slices.Clone(interleaved)
	slices.Reverse(reversed)
	for _, tc := range []struct {
		name string
		arts []Article
	}{
		{"grouped", append(slices.Clone(storm), budget...)},
		{"interleaved", interleaved},
		{"reversed", reversed},
	} {
		t.Run("GroupAll/"+tc.name, func(t *testing.T) {
			gs, err := GroupAll(context.Background(), eng, tc.arts, GroupOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := sortedGroups(gs); !equalGroups(got, want) {
				t.Errorf("groups = %v, want %v", got, want)
			}
		})
		t.Run("Grouper.Add/"+tc.name, func(t *testing.T) {
			g, err := NewGrouper(eng, GroupOptions{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range tc.arts {
				if _, err := g.Add(context.Background(), a); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := g.Merge(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := sortedGroups(g.Groups()); !equalGroups(got, want) {
				t.Errorf("groups = %v, want %v", got, want)
			}
		})
	}
}

func equalGroups(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}

func TestGroupTimeWindow(t *testing.T) {
	eng := testEngine(t)
	day := time.Date(2024, 9, 3, 12, 0, 0, 0, time.UTC)
	arts := slices.Clone(storm)
	arts[0].Published = day
	arts[1].Published = day.Add(5 * time.Hour)
	// The same words a month later are another event (a second storm
	// season story), outside the window.
	arts[2].Published = day.Add(30 * 24 * time.Hour)
	gs, err := GroupAll(context.Background(), eng, arts, GroupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"storm-center", "storm-left"}, {"storm-right"}}
	if got := sortedGroups(gs); !equalGroups(got, want) {
		t.Errorf("groups = %v, want %v", got, want)
	}
	for _, g := range gs {
		if len(g.Articles) == 2 && (!g.First.Equal(day) || !g.Last.Equal(day.Add(5*time.Hour))) {
			t.Errorf("span = %v..%v, want %v..%v", g.First, g.Last, day, day.Add(5*time.Hour))
		}
	}
}

// wireCopy is storm-center as another outlet republished it: a new
// headline, the same wire text with a sentence cut.
var wireCopy = Article{ID: "storm-copy", Outlet: "Valley Courier", Stance: StanceRight,
	Title: "Hurricane hits Marbury",
	Text: "Hurricane Delia slammed into Marbury on Tuesday with winds of 140 miles per hour, flooding streets across the port city. " +
		"Thousands of residents fled before landfall, and the storm surge reached nine feet. " +
		"The utility Eastgrid said 200,000 homes had lost power."}

func TestNearDuplicates(t *testing.T) {
	eng := testEngine(t)
	t.Run("GroupAll", func(t *testing.T) {
		gs, err := GroupAll(context.Background(), eng, append(slices.Clone(storm), wireCopy), GroupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(gs) != 1 {
			t.Fatalf("got %d groups, want 1: %v", len(gs), sortedGroups(gs))
		}
		if got, want := gs[0].Duplicates, map[string]string{"storm-copy": "storm-center"}; !mapsEqual(got, want) {
			t.Errorf("duplicates = %v, want %v", got, want)
		}
	})
	t.Run("Grouper.Add", func(t *testing.T) {
		g, _ := NewGrouper(eng, GroupOptions{}, nil)
		for _, a := range storm {
			g.Add(context.Background(), a)
		}
		p, err := g.Add(context.Background(), wireCopy)
		if err != nil {
			t.Fatal(err)
		}
		if p.New || p.DuplicateOf != "storm-center" {
			t.Errorf("placement = %+v, want a duplicate of storm-center in its story", p)
		}
	})
	t.Run("Summarize", func(t *testing.T) {
		st, err := Summarize(context.Background(), eng, append(slices.Clone(storm), wireCopy))
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Outlets[3].DuplicateOf; got != "storm-center" {
			t.Errorf("copy's duplicate_of = %q, want storm-center", got)
		}
		for _, kp := range st.KeyPoints {
			copies := slices.Contains(kp.Outlets, "Wire Report") && slices.Contains(kp.Outlets, "Valley Courier")
			if copies && kp.Independent != len(kp.Outlets)-1 {
				t.Errorf("%q: independent = %d with outlets %v, want the copy counted once", kp.Text, kp.Independent, kp.Outlets)
			}
		}
		// What the original and its copy both carry is unique to neither.
		for _, o := range []int{1, 3} {
			if u := st.Outlets[o].Unique; len(u) != 0 {
				t.Errorf("%s has unique points %v", st.Outlets[o].Outlet, u)
			}
		}
	})
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestSameSpeaker(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"", "Kremlin", true},
		{"Kremlin", "the Kremlin", true},
		{"Biden", "President Joe Biden", true},
		{"White House readout", "White House", true},
		{"Kremlin", "White House readout", false},
		{"U.S. officials", "Russian officials", false},
	} {
		if got := sameSpeaker(tc.a, tc.b); got != tc.want {
			t.Errorf("sameSpeaker(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// Two sides' accounts of one call: the same words, different speakers.
var call = []Article{
	{ID: "call-a", Outlet: "Capital Times",
		Text: "The two presidents spoke by phone for an hour on Monday about the border dispute. " +
			"The call was frank and constructive, the Kremlin said in a statement. " +
			"No date was set for a meeting."},
	{ID: "call-b", Outlet: "Metro Ledger",
		Text: "The two presidents spoke by phone for an hour on Monday about the border dispute. " +
			"The call was frank and constructive, the White House said in a statement. " +
			"Aides said a summit was unlikely before spring."},
}

func TestSummarizeKeepsSpeakersApart(t *testing.T) {
	st, err := Summarize(context.Background(), testEngine(t), call)
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, kp := range st.KeyPoints {
		if strings.Contains(kp.Text, "frank") {
			said = append(said, kp.SaidBy)
		}
		if strings.Contains(kp.Text, "frank") && len(kp.Outlets) != 1 {
			t.Errorf("%q is reported by %v; each side's account belongs to its own outlet", kp.Text, kp.Outlets)
		}
	}
	sort.Strings(said)
	if want := []string{"the Kremlin", "the White House"}; !slices.Equal(said, want) {
		t.Errorf("said_by = %v, want %v (the accounts as two points)", said, want)
	}
}

func TestSummarizeOutlets(t *testing.T) {
	st, err := Summarize(context.Background(), testEngine(t), storm)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.KeyPoints) == 0 {
		t.Fatal("no key points")
	}
	if got, want := st.Summary, joinTexts(st.KeyPoints); got != want {
		t.Errorf("summary = %q, want the key points joined", got)
	}
	// The landfall with 140 mph winds is in all three articles and comes
	// first.
	if kp := st.KeyPoints[0]; kp.Independent != 3 || !strings.Contains(kp.Text, "140") {
		t.Errorf("first key point = %q by %v, want the landfall reported by all three", kp.Text, kp.Outlets)
	}
	for pi, kp := range st.KeyPoints {
		if pi > 0 && kp.Independent > st.KeyPoints[pi-1].Independent {
			t.Errorf("key point %d has more outlets than the one before", pi)
		}
		if kp.Sources[0].Article == "" {
			t.Errorf("key point %d has no source", pi)
		}
		for oi, o := range st.Outlets {
			if got, want := st.Coverage[pi][oi], !slices.Contains(o.Omitted, pi); got != want {
				t.Errorf("coverage[%d][%d] = %v but omitted = %v", pi, oi, got, o.Omitted)
			}
		}
	}
	uniqueHas := func(o OutletView, word string) bool {
		for _, u := range o.Unique {
			if strings.Contains(u.Text, word) {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		outlet int
		word   string
	}{
		{0, "Climate scientists"}, // only the left outlet
		{1, "200,000"},            // only the wire report
		{2, "cleanup"},            // only the right outlet
	} {
		if !uniqueHas(st.Outlets[tc.outlet], tc.word) {
			t.Errorf("%s: unique = %v, want the sentence with %q", st.Outlets[tc.outlet].Outlet, st.Outlets[tc.outlet].Unique, tc.word)
		}
	}
	// The emergency declaration is in the centre and right articles only.
	for pi, kp := range st.KeyPoints {
		if strings.Contains(kp.Text, "emergency") {
			if !slices.Contains(st.Outlets[0].Omitted, pi) {
				t.Errorf("the left outlet does not report the emergency, but omitted = %v", st.Outlets[0].Omitted)
			}
			if kp.ByStance == nil || *kp.ByStance != (StanceCount{Center: 1, Right: 1}) {
				t.Errorf("emergency by stance = %+v, want center 1 right 1", kp.ByStance)
			}
		}
	}
	if want := []string{StanceLeft, StanceCenter, StanceRight}; !slices.Equal(st.Stances, want) {
		t.Errorf("stances = %v, want %v", st.Stances, want)
	}
}

func joinTexts(kps []KeyPoint) string {
	var s []string
	for _, k := range kps {
		s = append(s, k.Text)
	}
	return strings.Join(s, "\n")
}

func TestSummarizeErrors(t *testing.T) {
	eng := testEngine(t)
	for _, tc := range []struct {
		name string
		arts []Article
	}{
		{"none", nil},
		{"same id", []Article{{ID: "a", Text: storm[0].Text}, {ID: "a", Text: storm[1].Text}}},
	} {
		if _, err := Summarize(context.Background(), eng, tc.arts); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	// Articles with nothing to read make a story without key points, not
	// an error; a headline alone is a sentence.
	st, err := Summarize(context.Background(), eng, []Article{{ID: "a", Text: "   "}})
	if err != nil || len(st.KeyPoints) != 0 || len(st.Outlets) != 1 {
		t.Errorf("blank article: %d key points, %d outlets, error %v; want an empty story", len(st.KeyPoints), len(st.Outlets), err)
	}
	st, err = Summarize(context.Background(), eng, []Article{{ID: "a", Title: "Nordland lawmakers approve the budget by 88 votes to 79"}, budget[1]})
	if err != nil || len(st.KeyPoints) == 0 || st.Coverage[0][0] != true {
		t.Errorf("headline only: %+v, error %v; want its headline to count as a sentence reporting the budget", st.KeyPoints, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Summarize(ctx, eng, storm); err == nil {
		t.Error("canceled context: no error")
	}
}

// A feed's state survives a JSON round trip: a new Grouper built from the
// decoded state places the next article where the old one would.
func TestStateRoundTrip(t *testing.T) {
	eng := testEngine(t)
	g, _ := NewGrouper(eng, GroupOptions{}, nil)
	for _, a := range []Article{storm[0], budget[0], storm[1], budget[1]} {
		if _, err := g.Add(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.Marshal(g.State())
	if err != nil {
		t.Fatal(err)
	}
	var st State
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	g2, err := NewGrouper(eng, GroupOptions{}, &st)
	if err != nil {
		t.Fatal(err)
	}
	p1, _ := g.Add(context.Background(), storm[2])
	p2, _ := g2.Add(context.Background(), storm[2])
	if p1 != p2 {
		t.Errorf("placement after round trip = %+v, want %+v", p2, p1)
	}
	if _, err := g2.Add(context.Background(), storm[2]); err == nil {
		t.Error("adding an article twice: no error")
	}
	// Regroup keeps the story IDs of stories that did not change.
	before := sortedGroups(g2.Groups())
	idsBefore := map[string]bool{}
	for _, gr := range g2.Groups() {
		idsBefore[gr.ID] = true
	}
	if _, err := g2.Regroup(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after := sortedGroups(g2.Groups()); !equalGroups(after, before) {
		t.Errorf("regroup changed %v to %v", before, after)
	}
	for _, gr := range g2.Groups() {
		if !idsBefore[gr.ID] {
			t.Errorf("regroup renamed a story to %s", gr.ID)
		}
	}
}

func BenchmarkSummarize(b *testing.B) {
	eng := testEngine(b)
	for b.Loop() {
		if _, err := Summarize(context.Background(), eng, storm); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGroupAll(b *testing.B) {
	eng := testEngine(b)
	arts := append(slices.Clone(storm), budget...)
	for b.Loop() {
		if _, err := GroupAll(context.Background(), eng, arts, GroupOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// One side asserts what the other denies: the same words, two accounts.
var denied = []Article{
	{ID: "deny-a", Outlet: "Capital Times",
		Text: "Councillors in Larkspur approved the harbour budget on Monday after a long and bitter debate. " +
			"The mayor's office leaked the harbour audit to reporters before the council vote on Monday. " +
			"Opposition members walked out of the chamber in protest."},
	{ID: "deny-b", Outlet: "Metro Ledger",
		Text: "Larkspur's council approved the harbour budget on Monday, ending weeks of argument over repairs. " +
			"The mayor's office denied that it leaked the harbour audit to reporters before the council vote on Monday. " +
			"The bridge repairs will begin in the spring."},
}

func TestSummarizeKeepsDenialApart(t *testing.T) {
	st, err := Summarize(context.Background(), testEngine(t), denied)
	if err != nil {
		t.Fatal(err)
	}
	leaked := 0
	for _, kp := range st.KeyPoints {
		if strings.Contains(kp.Text, "leaked") {
			leaked++
			if len(kp.Outlets) != 1 {
				t.Errorf("%q is reported by %v; the assertion and the denial are two accounts", kp.Text, kp.Outlets)
			}
		}
		if strings.Contains(kp.Text, "approved the harbour budget") && len(kp.Outlets) != 2 {
			t.Errorf("%q is reported by %v, want both outlets (the shared fact still merges)", kp.Text, kp.Outlets)
		}
	}
	if leaked != 2 {
		t.Errorf("%d key points about the leak, want 2 (the assertion and the denial): %+v", leaked, st.KeyPoints)
	}
}

func TestDenial(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"The office leaked the audit.", false},
		{"The office denied leaking the audit.", true},
		{"The office did not leak the audit.", true},
		{"The office didn’t leak the audit.", true},
		{"Russia rejected the accusation.", true},
		{"No one was hurt in the fire.", false},
	} {
		if got := denial(tc.text); got != tc.want {
			t.Errorf("denial(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestApplySteps replays a Grouper's placements, as a log keeps them, on
// a copy of its state taken earlier: the copy must end with the same
// state, duplicates (marked on an earlier member too) included, and
// refuse a step that does not follow.
func TestApplySteps(t *testing.T) {
	eng := testEngine(t)
	ctx := context.Background()
	g, _ := NewGrouper(eng, GroupOptions{}, nil)
	arts := []Article{storm[0], budget[0]}
	for _, a := range arts {
		if _, err := g.Add(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := json.Marshal(g.State())
	if err != nil {
		t.Fatal(err)
	}
	// The copy is published before storm[0]: marking makes storm[0] the
	// duplicate, not the new member.
	early := wireCopy
	early.Published = storm[0].Published.Add(-time.Hour)
	var steps []Step
	for _, a := range []Article{storm[1], budget[1], early, storm[2]} {
		_, st, err := g.AddStep(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		steps = append(steps, st)
	}
	if !steps[2].Marked {
		t.Errorf("the wire copy's step is not marked: %+v", steps[2])
	}
	var st State
	if err := json.Unmarshal(snap, &st); err != nil {
		t.Fatal(err)
	}
	g2, err := NewGrouper(eng, GroupOptions{}, &st)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		if err := g2.Apply(s); err != nil {
			t.Fatal(err)
		}
	}
	want, _ := json.Marshal(g.State())
	got, _ := json.Marshal(g2.State())
	if string(got) != string(want) {
		t.Errorf("state after replay differs:\n got %s\nwant %s", got, want)
	}
	if err := g2.Apply(steps[3]); err == nil {
		t.Error("applying a step twice: no error")
	}
	// Both copies go on placing alike.
	p1, _ := g.Add(ctx, budget[2])
	p2, _ := g2.Add(ctx, budget[2])
	if p1 != p2 {
		t.Errorf("placement after replay = %+v, want %+v", p2, p1)
	}
}

// TestStoryArticles: one story's articles are what Groups lists for it;
// an unknown story has none.
func TestStoryArticles(t *testing.T) {
	g, _ := NewGrouper(testEngine(t), GroupOptions{}, nil)
	for _, a := range append(slices.Clone(storm), budget...) {
		if _, err := g.Add(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	groups := g.Groups()
	if len(groups) < 2 {
		t.Fatalf("%d stories, want the storm's and the budget's", len(groups))
	}
	for _, gr := range groups {
		got := g.StoryArticles(gr.ID)
		slices.Sort(got)
		want := slices.Sorted(slices.Values(gr.Articles))
		if !slices.Equal(got, want) {
			t.Errorf("story %s: StoryArticles %v, Groups %v", gr.ID, got, want)
		}
	}
	if ids := g.StoryArticles("no-such-story"); ids != nil {
		t.Errorf("unknown story: %v", ids)
	}
}
