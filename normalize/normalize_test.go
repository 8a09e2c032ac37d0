package normalize

import (
	"errors"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/keypoints-dev/keypoints/doc"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want      string
		tokenized bool
	}{
		// Glued words: a link or tag removed between two words.
		{"glued title and name", "The call with PresidentVladimir Putin lasted an hour.", "The call with President Vladimir Putin lasted an hour.", false},
		{"glued names", "Talks between VladimirPutin and the envoy stalled.", "Talks between Vladimir Putin and the envoy stalled.", false},
		{"glued at line start", "SenatorMaria Lopez voted no.", "Senator Maria Lopez voted no.", false},
		// CamelCase written on purpose stays.
		{"camel case brands and names", "McCain watched the iPhone launch on YouTube with LeBron and DeSantis.", "McCain watched the iPhone launch on YouTube with LeBron and DeSantis.", false},
		{"camel case from the list", "PlayStation sales beat WhatsApp downloads at SoftBank.", "PlayStation sales beat WhatsApp downloads at SoftBank.", false},
		{"Mac and Van prefixes", "MacDonald met VanHorn in the lobby.", "MacDonald met VanHorn in the lobby.", false},
		{"two inner capitals are not split", "McDonaldsCorp and JPMorgan filed late.", "McDonaldsCorp and JPMorgan filed late.", false},
		{"short halves are not split", "The AbCd group and EbAy met.", "The AbCd group and EbAy met.", false},
		// Datelines of the first paragraph after a web page's headline.
		{"dateline after a headline", "Doobie Brothers plan a tour\nCLEVELAND, Ohio – The Doobie Brothers will ride a Hall of Fame induction into a 50th anniversary tour next year.", "Doobie Brothers plan a tour\nThe Doobie Brothers will ride a Hall of Fame induction into a 50th anniversary tour next year.", false},
		{"colon dateline after a headline", "Deported workers return\nNEW DELHI: Their savings gone, nearly 150 workers returned home on Wednesday after being deported from the United States.", "Deported workers return\nTheir savings gone, nearly 150 workers returned home on Wednesday after being deported from the United States.", false},
		{"call-sign dateline", "HOUSTON, Texas (KTRK) -- A beauty business is taking drastic measures after a man entered one of its salons on Monday.", "A beauty business is taking drastic measures after a man entered one of its salons on Monday.", false},
		{"byline run into the first paragraph", "By Aaron Humes: The Americas cannot ignore the risk of further surges, the health organization warned on Wednesday.", "The Americas cannot ignore the risk of further surges, the health organization warned on Wednesday.", false},
		{"dateline left in a later paragraph", "The first paragraph of the story runs for a good many words before it ends here.\nCLEVELAND, Ohio – A second dateline in the body stays where it is.", "The first paragraph of the story runs for a good many words before it ends here.\nCLEVELAND, Ohio – A second dateline in the body stays where it is.", false},
		// A space left before a full stop or comma where a link was cut.
		{"space before full stop at the end", "The call was with Donald Trump .", "The call was with Donald Trump.", false},
		{"space before full stop mid-line", "He spoke to Trump . The call ended.", "He spoke to Trump. The call ended.", false},
		{"space before comma", "Trump , who called, said little.", "Trump, who called, said little.", false},
		{"spaced ellipsis kept", "He paused . . . and then left.", "He paused . . . and then left.", false},
		{"spaced four-dot ellipsis kept", "The list goes on . . . . Nobody knows.", "The list goes on . . . . Nobody knows.", false},
		{"ellipsis after a space kept", "Wait ... what did he say?", "Wait ... what did he say?", false},
		{"period before lower case kept", "Version 2 . and more", "Version 2 . and more", false},
		// Characters and white space.
		{"curly quotes kept", "“We won,” she said. ‘Again.’", "“We won,” she said. ‘Again.’", false},
		{"non-breaking spaces", "The\u00a0vote\u00a0\u00a0passed 52\u202f-\u202f48.", "The vote passed 52 - 48.", false},
		{"zero-width characters removed", "The vo\u200bte pas\u00adsed.\ufeff", "The vote passed.", false},
		{"runs of spaces and tabs", "  The   vote\t\tpassed.  ", "The vote passed.", false},
		{"CRLF and CR line ends", "One line.\r\nTwo lines.\rThree lines.", "One line.\nTwo lines.\nThree lines.", false},
		{"blank lines collapse", "One line.\n\n\n  \nTwo lines.\n", "One line.\nTwo lines.", false},
		{"unicode line separator is a space", "One\u2028line.", "One line.", false},
		// Datelines.
		{"CNN dateline", "WASHINGTON (CNN) -- The Senate voted late on Tuesday.", "The Senate voted late on Tuesday.", false},
		{"Reuters dateline with country", "LONDON, England (Reuters) - Shares fell sharply.", "Shares fell sharply.", false},
		{"agency alone", "(CNN) -- Storms hit the coast.", "Storms hit the coast.", false},
		{"AP with em dash", "ATLANTA (AP) — Storms hit the coast.", "Storms hit the coast.", false},
		{"upper-case place and dash", "NEW YORK — The city braced for snow.", "The city braced for snow.", false},
		{"dateline on its own line", "WASHINGTON (CNN) --\nThe Senate voted.", "The Senate voted.", false},
		{"dateline after a dropped byline", "By Ana Ruiz, CNN\nBEIRUT, Lebanon (CNN) -- At least 12 died.", "At least 12 died.", false},
		{"only the first paragraph", "The mayor spoke.\nWASHINGTON (CNN) -- Later, the council met.", "The mayor spoke.\nWASHINGTON (CNN) -- Later, the council met.", false},
		{"parenthesis that is not an agency", "(Reporting from Lagos) Three boats sank.", "(Reporting from Lagos) Three boats sank.", false},
		{"lower-case place is not a dateline", "the vote - which was close - passed.", "the vote - which was close - passed.", false},
		{"PTB dateline", "-lrb- cnn -rrb- -- the senator did n't vote . her aide said she was ill .", "the senator did n't vote . her aide said she was ill .", true},
		{"PTB dateline with place", "washington ( cnn ) -- the senator did n't vote . `` no , '' she said .", "the senator did n't vote . `` no , '' she said .", true},
		{"PTB dateline with comma place", "london , england ( cnn ) the shares fell . it was n't expected .", "the shares fell . it was n't expected .", true},
		// Lines that are not article text.
		{"byline with agency", "By Jane Doe, CNN\nThe storm hit at dawn.", "The storm hit at dawn.", false},
		{"byline with two names", "By Jane Doe and John Roe | Reuters\nThe storm hit at dawn.", "The storm hit at dawn.", false},
		{"sentence starting with By is kept", "By the end of the day, the river had risen two metres.", "By the end of the day, the river had risen two metres.", false},
		{"read more line", "The storm hit at dawn.\nRead more: Storm coverage from the coast\nCrews are out.", "The storm hit at dawn.\nCrews are out.", false},
		{"follow us line", "The storm hit at dawn.\nFollow us on Twitter and Facebook", "The storm hit at dawn.", false},
		{"photo credit lines", "Photo: Jane Doe/Getty Images\nImage copyright Reuters\nGetty Images\nThe storm hit at dawn.", "The storm hit at dawn.", false},
		{"advertisement and updated lines", "Advertisement\nUpdated 9:42 a.m. ET, Tue March 4, 2025\nThe storm hit at dawn.", "The storm hit at dawn.", false},
		{"symbol-only line", "The storm hit at dawn.\n* * *\nCrews are out.", "The storm hit at dawn.\nCrews are out.", false},
		{"read more mid-sentence is kept", "Voters want to read more about the plan.", "Voters want to read more about the plan.", false},
		// PTB-tokenized text is left as it is.
		{"PTB text keeps its spacing", "the senator did n't vote , '' an aide said .", "the senator did n't vote , '' an aide said .", true},
		{"PTB text is not repaired", "`` we will rebuild , '' the mayor said .\nthe city 's council met .", "`` we will rebuild , '' the mayor said .\nthe city 's council met .", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in, Options{})
			if err != nil {
				t.Fatalf("Normalize(%q): %v", tt.in, err)
			}
			if got.Text != tt.want {
				t.Errorf("Normalize(%q)\n got: %q\nwant: %q", tt.in, got.Text, tt.want)
			}
			if got.Tokenized != tt.tokenized {
				t.Errorf("Normalize(%q).Tokenized = %v, want %v", tt.in, got.Tokenized, tt.tokenized)
			}
			again, err := Normalize(got.Text, Options{})
			if err != nil || again.Text != got.Text || again.Tokenized != got.Tokenized {
				t.Errorf("not idempotent: %q -> %q (%v, %v)", got.Text, again.Text, again.Tokenized, err)
			}
		})
	}
}

func TestIsTokenized(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"CNN/DailyMail style", "-lrb- cnn -rrb- -- the senator did n't vote , her aide said .", true},
		{"PTB quotes", "`` we will rebuild , '' the mayor said .", true},
		{"one marker in a short text", "the city 's council met", true},
		{"ordinary text", "The senator didn't vote, her aide said.", false},
		{"lower-case text without markers", "the senator did not vote and her aide said so", false},
		{"PTB markers but upper case", "The Senator Did n't Vote , Her Aide Said .", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsTokenized(tt.in); got != tt.want {
				t.Errorf("IsTokenized(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	// One marker is not enough in a long text.
	long := strings.Repeat("the council met on tuesday and voted on the plan ", 10) + "the city 's budget"
	if IsTokenized(long) {
		t.Errorf("IsTokenized(long text with one marker) = true, want false")
	}
}

func TestNormalizeErrors(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	random := make([]byte, 4096)
	r.Read(random)
	controls := strings.Repeat("ab\x01\x02\x03", 100)

	tests := []struct {
		name    string
		in      string
		max     int
		code    string
		message string // a part of the message
	}{
		{"empty", "", 0, doc.EInvalid, "empty input"},
		{"white space only", " \n\t\r\n\u00a0 ", 0, doc.EInvalid, "no article text"},
		{"random bytes", string(random), 0, doc.EInvalid, "UTF-8"},
		{"NUL byte", "The vote\x00passed.", 0, doc.EInvalid, "NUL byte at offset 8"},
		{"invalid UTF-8", "The caf\xe9 closed.", 0, doc.EInvalid, "offset 7"},
		{"truncated UTF-8", "The price is 5 \xe2\x82", 0, doc.EInvalid, "UTF-8"},
		{"control characters", controls, 0, doc.EInvalid, "binary"},
		{"only boilerplate", "By Jane Doe, CNN\nRead more: other stories\nAdvertisement", 0, doc.EInvalid, "only boilerplate"},
		{"only a dateline", "WASHINGTON (CNN) --", 0, doc.EInvalid, "only boilerplate"},
		{"over MaxBytes", strings.Repeat("word ", 30), 100, doc.ETooLarge, "over the 100-byte limit"},
		{"over the default limit", strings.Repeat("a", DefaultMaxBytes+1), 0, doc.ETooLarge, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in, Options{MaxBytes: tt.max})
			if err == nil {
				t.Fatalf("Normalize = %q, want a %s error", got.Text, tt.code)
			}
			var e *doc.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is a %T, want *doc.Error", err, err)
			}
			if e.Code != tt.code {
				t.Errorf("code = %q, want %q (%v)", e.Code, tt.code, err)
			}
			if !strings.Contains(e.Message, tt.message) {
				t.Errorf("message %q does not mention %q", e.Message, tt.message)
			}
		})
	}

	// At the limit is fine.
	in := strings.Repeat("word ", 19) + "end."
	if _, err := Normalize(in, Options{MaxBytes: len(in)}); err != nil {
		t.Errorf("input of exactly MaxBytes: %v", err)
	}
}

// TestNormalizeLinear feeds long lines built from one pattern that once
// made the glued-word repair rescan the word at each case change
// (quadratic: minutes for a megabyte).
func TestNormalizeLinear(t *testing.T) {
	for _, p := range []string{"aBaB", "Abc", "WASHINGTON (CNN) -- ", "(CNN) ", "-lrb- cnn -rrb- ", "x . ", "By X\n"} {
		in := strings.Repeat(p, (1<<20)/len(p))
		start := time.Now()
		Normalize(in, Options{})
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("Normalize(%q x %d) took %v", p, len(in)/len(p), d)
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	in := strings.Repeat("WASHINGTON (CNN) -- The call with PresidentVladimir Putin lasted an hour , aides said.\n"+
		"By Jane Doe, CNN\nThe two leaders spoke about trade, energy and the war .\u00a0Read more about it later.\n", 40)
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Normalize(in, Options{})
	}
}
