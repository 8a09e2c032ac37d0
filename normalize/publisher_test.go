package normalize

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// The fixtures are written for these tests: short news pages as scrapers
// leave them, with the publisher's key points on top and the damage that
// links leave in scraped text.

const harbourBody = "The city council of Larkspur voted on Tuesday to close the old harbour bridge for repairs, after engineers found cracks in two of its supports.\n" +
	"Mayor Dana Whitfield said the bridge would reopen in the spring if the work went to plan. Traffic will be sent over the Mill Road crossing in the meantime.\n" +
	"Shop owners on the waterfront said the closure would cost them customers during the busiest weeks of the year."

func TestPublisherBlock(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // the publisher's points; nil when there are none
		body string   // the start of the cleaned text
	}{
		{"header and dash bullets",
			"Key Points\n- Larkspur's council voted to close the harbour bridge for repairs.\n- Engineers found cracks in two of its supports.\n" + harbourBody,
			[]string{"Larkspur's council voted to close the harbour bridge for repairs.", "Engineers found cracks in two of its supports."},
			"The city council of Larkspur voted"},
		{"story highlights without full stops",
			"Story highlights\n* Larkspur closes its harbour bridge for repairs\n* Engineers found cracks in two supports\n* The bridge may reopen in the spring\n" + harbourBody,
			[]string{"Larkspur closes its harbour bridge for repairs", "Engineers found cracks in two supports", "The bridge may reopen in the spring"},
			"The city council of Larkspur voted"},
		{"no header, asterisks",
			"* Larkspur's council voted to close the harbour bridge for repairs.\n* Engineers found cracks in two of its supports.\n" + harbourBody,
			[]string{"Larkspur's council voted to close the harbour bridge for repairs.", "Engineers found cracks in two of its supports."},
			"The city council of Larkspur voted"},
		{"round bullets, with and without a space",
			"KEY POINTS:\n• Larkspur's council voted to close the harbour bridge for repairs.\n•Engineers found cracks in two of its supports.\n" + harbourBody,
			[]string{"Larkspur's council voted to close the harbour bridge for repairs.", "Engineers found cracks in two of its supports."},
			"The city council of Larkspur voted"},
		{"line broken where a link began, after a title",
			"Key Points\n- Mayor\nDana Whitfield said the bridge would reopen in the spring.\n- Engineers found cracks in two of its supports.\n" + harbourBody,
			[]string{"Mayor Dana Whitfield said the bridge would reopen in the spring.", "Engineers found cracks in two of its supports."},
			"The city council of Larkspur voted"},
		{"line broken where a link began, mid-sentence",
			"- Traffic will be sent over the\nMill Road crossing while the bridge is shut.\n- The council voted to close the bridge on Tuesday.\n" + harbourBody,
			[]string{"Traffic will be sent over the Mill Road crossing while the bridge is shut.", "The council voted to close the bridge on Tuesday."},
			"The city council of Larkspur voted"},
		{"last point broken, space before the full stop",
			"Key Points\n- Larkspur's council voted to close the harbour bridge for repairs.\n- Shop owners fear the closure will cost them, said waterfront trader\nMaria Costa .\n" + harbourBody,
			[]string{"Larkspur's council voted to close the harbour bridge for repairs.", "Shop owners fear the closure will cost them, said waterfront trader Maria Costa."},
			"The city council of Larkspur voted"},
		{"last point broken after a possessive, a preposition and a verb that names",
			"Key Points\n- The mayor spoke on Larkspur Radio's\nMorning Show about the repairs.\n- The bridge was praised for years by\nThe Harbour Gazette as a landmark.\n- Engineers will use a method called\nDeep Anchoring to fix the supports.\n" + harbourBody,
			[]string{"The mayor spoke on Larkspur Radio's Morning Show about the repairs.", "The bridge was praised for years by The Harbour Gazette as a landmark.", "Engineers will use a method called Deep Anchoring to fix the supports."},
			"The city council of Larkspur voted"},
		{"two bullets on one line",
			"Key Points\n- Larkspur's council voted to close the harbour bridge for repairs. - Engineers found cracks in two of its supports.\n- The bridge may reopen in the spring.\n" + harbourBody,
			[]string{"Larkspur's council voted to close the harbour bridge for repairs.", "Engineers found cracks in two of its supports.", "The bridge may reopen in the spring."},
			"The city council of Larkspur voted"},
		{"broken line that holds the next bullet",
			"- Mayor\nDana Whitfield said the bridge would reopen in the spring. - Engineers found cracks in two of its supports.\n- Traffic will use the Mill Road crossing.\n" + harbourBody,
			[]string{"Mayor Dana Whitfield said the bridge would reopen in the spring.", "Engineers found cracks in two of its supports.", "Traffic will use the Mill Road crossing."},
			"The city council of Larkspur voted"},
		{"glued words in a point",
			"Key Points\n- The council of Larkspur voted onTuesday to close the bridge.\n- MayorDana Whitfield expects it to reopen in the spring.\n" + harbourBody,
			[]string{"The council of Larkspur voted on Tuesday to close the bridge.", "Mayor Dana Whitfield expects it to reopen in the spring."},
			"The city council of Larkspur voted"},
		{"credit and read-more lines before the body",
			"Key Points\n- Larkspur's council voted to close the harbour bridge for repairs.\n- Engineers found cracks in two of its supports.\nRead more: Larkspur bridge coverage\nPhoto: Jane Doe/Getty Images\n" + harbourBody,
			[]string{"Larkspur's council voted to close the harbour bridge for repairs.", "Engineers found cracks in two of its supports."},
			"The city council of Larkspur voted"},
		{"title above the header stays with the body",
			"Larkspur shuts its harbour bridge\nKey Points\n- Larkspur's council voted to close the harbour bridge for repairs.\n- Engineers found cracks in two of its supports.\n" + harbourBody,
			[]string{"Larkspur's council voted to close the harbour bridge for repairs.", "Engineers found cracks in two of its supports."},
			"Larkspur shuts its harbour bridge\nThe city council of Larkspur voted"},
		{"dateline of the body's first paragraph",
			"Key Points\n- Larkspur's council voted to close the harbour bridge for repairs.\n- Engineers found cracks in two of its supports.\nLARKSPUR (Reuters) - " + harbourBody,
			[]string{"Larkspur's council voted to close the harbour bridge for repairs.", "Engineers found cracks in two of its supports."},
			"The city council of Larkspur voted"},
		{"a quoted list item keeps one bullet off",
			"Key Points\n- Larkspur's council voted to close the harbour bridge for repairs.\n- - Engineers found cracks in two of its supports.\n" + harbourBody,
			[]string{"Larkspur's council voted to close the harbour bridge for repairs.", "Engineers found cracks in two of its supports."},
			"The city council of Larkspur voted"},
		{"last point not swallowed by a body that starts a sentence",
			"Key Points\n- Larkspur's council voted to close the harbour bridge for repairs.\n- Engineers found cracks in two of its supports, the council said\n" + harbourBody,
			[]string{"Larkspur's council voted to close the harbour bridge for repairs.", "Engineers found cracks in two of its supports, the council said"},
			"The city council of Larkspur voted"},

		{"title above the bullets, no header",
			"Larkspur shuts its harbour bridge\n- Larkspur's council voted to close the harbour bridge for repairs.\n- Engineers found cracks in two of its supports.\n" + harbourBody,
			[]string{"Larkspur's council voted to close the harbour bridge for repairs.", "Engineers found cracks in two of its supports."},
			"Larkspur shuts its harbour bridge\nThe city council of Larkspur voted"},

		// Articles without such a block must not grow one.
		{"related links under a title",
			"Larkspur shuts its harbour bridge\n- Larkspur bridge to shut for repairs\n- Mill Road traffic expected to double\n" + harbourBody, nil, "Larkspur shuts its harbour bridge\n- Larkspur bridge"},
		{"plain article", harbourBody, nil, "The city council of Larkspur voted"},
		{"bullet list in the body",
			harbourBody + "\nThe council listed its reasons:\n- cracks in two supports\n- rusted railings on the east side\n- a report from the county engineers.",
			nil, "The city council of Larkspur voted"},
		{"list of links on top",
			"- Home\n- News\n- Sport\n- Weather\n" + harbourBody, nil, "- Home\n- News"},
		{"related headlines on top, no header",
			"- Larkspur bridge to shut for repairs\n- Mill Road traffic expected to double\n" + harbourBody, nil, "- Larkspur bridge to shut"},
		{"first paragraph with a dash",
			"- and then the council voted, as the mayor had asked, to close the bridge.\n" + harbourBody, nil, "- and then the council"},
		{"only bullets, no article",
			"Key Points\n- Larkspur's council voted to close the harbour bridge for repairs.\n- Engineers found cracks in two of its supports.",
			nil, "Key Points\n- Larkspur's council"},
		{"a header with no bullets",
			"Highlights\n" + harbourBody, nil, "Highlights\nThe city council"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in, Options{})
			if err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			if !reflect.DeepEqual(got.Publisher, tt.want) {
				t.Errorf("publisher points\n got: %q\nwant: %q", got.Publisher, tt.want)
			}
			if !strings.HasPrefix(got.Text, tt.body) {
				t.Errorf("text starts %q, want %q", got.Text[:min(len(got.Text), 80)], tt.body)
			}
			for _, p := range got.Publisher {
				if strings.Contains(got.Text, p) {
					t.Errorf("publisher point %q left in the text", p)
				}
			}
			again, err := Normalize(got.Text, Options{})
			if err != nil || again.Text != got.Text || len(again.Publisher) != 0 {
				t.Errorf("not idempotent: %q -> %q, points %q (%v)", got.Text, again.Text, again.Publisher, err)
			}
		})
	}
}

func TestJoinBrokenLines(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"title before a name", "Harbour bridge to close, said Larkspur's Mayor\nDana Whitfield on Tuesday.",
			"Harbour bridge to close, said Larkspur's Mayor Dana Whitfield on Tuesday."},
		{"preposition before a name", "Traffic will be sent over the bridge at\nMill Road until the spring.",
			"Traffic will be sent over the bridge at Mill Road until the spring."},
		{"name that goes on", "The council hired engineers from Harlow and\nGrange Partners, a firm in Dover.\nThe work starts soon.",
			"The council hired engineers from Harlow and Grange Partners, a firm in Dover.\nThe work starts soon."},
		{"name part at the end", "The inspection of the old bridge was paid for in full by the Larkspur Harbour Trust and Dover\nCounty Council, the mayor said.",
			"The inspection of the old bridge was paid for in full by the Larkspur Harbour Trust and Dover County Council, the mayor said."},
		{"lower case after a cut", "Officials said the report by the\nfinance committee was late.",
			"Officials said the report by the finance committee was late."},
		{"comma before a name", "Shop owners on the waterfront,\nMaria Costa among them, asked for help.",
			"Shop owners on the waterfront, Maria Costa among them, asked for help."},
		{"space before the full stop after the join", "The bridge was built by\nThomas Grange .\nIt is 120 years old.",
			"The bridge was built by Thomas Grange.\nIt is 120 years old."},
		{"three pieces", "The plan was backed by Mayor\nDana Whitfield and the\nHarbour Trust on Tuesday.",
			"The plan was backed by Mayor Dana Whitfield and the Harbour Trust on Tuesday."},

		// Not one sentence: left as two paragraphs.
		{"cut-off paragraph, then a new sentence", "The call was confirmed, according to a statement from the\nThe ministry later denied it.",
			"The call was confirmed, according to a statement from the\nThe ministry later denied it."},
		{"cut-off paragraph, then a name", "The fire broke out in a turbine hall that inspectors had flagged twice, according to a report released by the\nCascade said in a statement that it would comply with the order.",
			"The fire broke out in a turbine hall that inspectors had flagged twice, according to a report released by the\nCascade said in a statement that it would comply with the order."},
		{"short first half", "Speaking in\nLondon on Tuesday, the mayor of Larkspur said the bridge would reopen in the spring.",
			"Speaking in London on Tuesday, the mayor of Larkspur said the bridge would reopen in the spring."},
		{"cut-off paragraph, then a pronoun", "The mayor spoke to reporters outside the\nShe said the bridge would reopen.",
			"The mayor spoke to reporters outside the\nShe said the bridge would reopen."},
		{"heading over a paragraph", "Whitfield has promised to rebuild the harbour for Larkspur\nWhitfield told voters the bridge came first.",
			"Whitfield has promised to rebuild the harbour for Larkspur\nWhitfield told voters the bridge came first."},
		{"title-case heading", "Storm Hits Coast\nRescuers reached the harbour at dawn.",
			"Storm Hits Coast\nRescuers reached the harbour at dawn."},
		{"a list of fixtures", "Larkspur v Dover\nHarlow v Grange", "Larkspur v Dover\nHarlow v Grange"},
		{"a whole clause ending in a figure", "Traffic on Mill Road rose by 40%\nDrivers were warned of delays.",
			"Traffic on Mill Road rose by 40%\nDrivers were warned of delays."},
		{"a common word starting the next paragraph", "The shops are making more money from tourists than from the locals who live nearby\nTourists spent 3m pounds last year, the tourists' board said.",
			"The shops are making more money from tourists than from the locals who live nearby\nTourists spent 3m pounds last year, the tourists' board said."},
		{"quote on the next line", "The minister said the plan was\n“dead on arrival.”", "The minister said the plan was\n“dead on arrival.”"},
		{"colon before a quote", "The mayor told reporters:\nWe will rebuild it.", "The mayor told reporters:\nWe will rebuild it."},
		{"complete sentence", "The bridge closed.\nMill Road took the traffic.", "The bridge closed.\nMill Road took the traffic."},
		{"bullet list after an open line", "The council listed:\n- cracks in two supports\n- rusted railings",
			"The council listed:\n- cracks in two supports\n- rusted railings"},
		{"PTB text is not joined", "the mayor said the bridge at\nmill road would close . it was n't safe .", "the mayor said the bridge at\nmill road would close . it was n't safe ."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in, Options{})
			if err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			if got.Text != tt.want {
				t.Errorf("Normalize(%q)\n got: %q\nwant: %q", tt.in, got.Text, tt.want)
			}
			again, err := Normalize(got.Text, Options{})
			if err != nil || again.Text != got.Text {
				t.Errorf("not idempotent: %q -> %q (%v)", got.Text, again.Text, err)
			}
		})
	}
}

func TestSplitItems(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One point. - Another point.", []string{"One point.", "Another point."}},
		{"A point! * Another one?", []string{"A point!", "Another one?"}},
		{"Growth of 0.1% - and a fall before it.", []string{"Growth of 0.1% - and a fall before it."}},
		{"Rates rise • Jobs fall", []string{"Rates rise", "Jobs fall"}},
		{"He said: “We won.” - The count ends Friday.", []string{"He said: “We won.”", "The count ends Friday."}},
	}
	for _, tt := range tests {
		if got := splitItems(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitItems(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRepairLinkGlue: a link glued to a lower-case word before it is split
// like one glued to a capitalised word; names written that way stay.
func TestRepairLinkGlue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The council voted onTuesday to close it.", "The council voted on Tuesday to close it."},
		{"Growth slowed in the three months toSeptember, figures show.", "Growth slowed in the three months to September, figures show."},
		{"The deal was approved by airlineRyanair's board.", "The deal was approved by airline Ryanair's board."},
		{"Leonardo diCaprio and Rio deJaneiro stay as written.", "Leonardo diCaprio and Rio deJaneiro stay as written."},
		{"She bought an iPhone and sold it on eBay for easyJet miles.", "She bought an iPhone and sold it on eBay for easyJet miles."},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in, Options{})
		if err != nil || got.Text != tt.want {
			t.Errorf("Normalize(%q) = %q (%v), want %q", tt.in, got.Text, err, tt.want)
		}
	}
}

func TestCreditLines(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"Drew Angerer | Getty Images", true},
		{"SOPA Images | LightRocket via Getty Images", true},
		{"Jane Doe/Reuters", true},
		{"Mandel Ngan / AFP via Getty Images", true},
		{"Profits rose 5% in the year to March/April, Reuters reported.", false},
		{"Input/output", false},
		{"Scores: Larkspur 2 | Dover 1", false},
	} {
		if got := isBoilerplate(tt.line); got != tt.want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// BenchmarkNormalizePage is Normalize on a publisher's page: the key
// points block, broken lines and cut-off paragraphs, the work this file's
// code adds.
func BenchmarkNormalizePage(b *testing.B) {
	in := "Key Points\n- Mayor\nDana Whitfield said the bridge would reopen in the spring. - Engineers found cracks in two of its supports.\n" +
		strings.Repeat(harbourBody+"\nThe council met the\nHarbour Trust on Tuesday, according to a statement from the\nThe work starts soon.\n", 20)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Normalize(in, Options{})
	}
}

// TestJoinLinear: a long text of lines that each go on the next (hard
// wrapped, or built to be slow) costs time in proportion to its length.
func TestJoinLinear(t *testing.T) {
	for _, line := range []string{"and the words go on and on", "- and the words go on and on", "Names Go On"} {
		in := "Key Points\n" + strings.Repeat(line+"\n", 50000)
		start := time.Now()
		if _, err := Normalize(in, Options{MaxBytes: 16 << 20}); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Normalize of %d bytes of %q lines took %v", len(in), line, d)
		}
	}
}
