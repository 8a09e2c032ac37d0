package attrib

import (
	"slices"
	"strings"
	"testing"
)

// Sentences written for these tests in the way wire copy attributes,
// some with the damage scraped text has (curly and straight quotes, a
// sentence cut where a link was).
func TestSpeaker(t *testing.T) {
	for _, tc := range []struct{ name, sentence, want string }{
		// The patterns.
		{"X said", "The Kremlin said the two leaders agreed to keep talking.", "The Kremlin"},
		{"X said, mid-sentence", "The talks will resume in March, the State Department said.", "the State Department"},
		{"said X", "“It was a productive call,” said Jen Psaki, the White House press secretary.", "Jen Psaki"},
		{"said X, a source noun", "The deal is close, said a senior administration official.", "a senior administration official"},
		{"according to X", "Biden raised the hacking, according to a White House readout of the call.", "a White House readout"},
		{"according to X, first", "According to a Kremlin summary, the leaders discussed arms control.", "a Kremlin summary"},
		{"according to an outlet", "The vote was delayed twice, according to NBC News.", "NBC News"},
		{"X told", "Sen. Maria Lopez told reporters the bill had the votes.", "Sen. Maria Lopez"},
		{"X announced", "The Department of Labor announced new rules for contractors.", "The Department of Labor"},
		{"X reported", "The Guardian reported that the embassy had been warned.", "The Guardian"},
		{"X reported, mid-sentence", "The embassy had been warned twice, The Guardian reported.", "The Guardian"},
		{"X wrote", "Chief economist Ana Ruiz wrote that inflation had peaked.", "Chief economist Ana Ruiz"},
		{"X tweeted", "Governor Tom Reyes tweeted that schools would reopen.", "Governor Tom Reyes"},
		{"X warned", "Health officials warned that cases could double by spring.", "Health officials"},
		{"in a statement, X", "In a statement, the union called the offer an insult to its members.", "the union"},
		{"in a statement Monday, X", "In a statement Monday, Acme Corp. rejected the claims.", "Acme Corp."},
		{"X said in a statement", "The ministry said in a statement that the border stays open.", "The ministry"},
		{"quote, then speaker", "“We will not back down,” Secretary of State Antony Blinken said on Tuesday.", "Secretary of State Antony Blinken"},
		{"straight quotes", `"We lost everything," said Maria Lopez, a farmer.`, "Maria Lopez"},
		{"appositive", "Sen. Mitt Romney, Utah Republican, said Friday that he was troubled.", "Sen. Mitt Romney"},
		{"party and state", "Sen. Dana Hill, R-Ohio, told reporters the bill would fail.", "Sen. Dana Hill"},
		{"relative clause", "Ana Diaz, who ran the agency until 2019, said the cuts went too far.", "Ana Diaz"},
		{"parenthetical", "Senate Majority Leader Tom Hale (R-Ky.) announced a vote for Thursday.", "Senate Majority Leader Tom Hale"},
		{"sources familiar", "The talks collapsed late Sunday, officials familiar with the matter said.", "officials familiar with the matter"},
		{"owner of a long name", "Openings rose to 9 million, according to the Bureau of Labor Statistics' Job Openings and Labor Turnover Survey.", "the Bureau of Labor Statistics"},
		{"a name after a description", "On Monday, outspoken activist Kyle Moss announced that he would run.", "Kyle Moss"},
		{"surname particle", "“This is serious,” de Souza said of the outbreak.", "de Souza"},
		{"passive by", "The deal was reported by The Washington Post on Friday.", "The Washington Post"},
		{"a month that is a name", "Prime Minister Theresa May has said she will stay on.", "Prime Minister Theresa May"},
		{"an acronym inside a name", "Republican National Committee (RNC) Chairwoman Ana Park said the party would wait.", "Republican National Committee (RNC) Chairwoman Ana Park"},
		{"a hyphenated title", "Daily Wire co-CEO Jeremy Boring told reporters the deal was done.", "Daily Wire co-CEO Jeremy Boring"},
		{"an ampersand inside a name", "Trump leads in Miami-Dade, according to a poll by Bendixen & Amandi International and the Miami Herald.", "a poll by Bendixen & Amandi International"},
		{"a report by an outlet", "The ambassador resigned, according to a report by Axios.", "a report by Axios"},
		{"scraped, cut at a link", "The two spoke for 50 minutes, according to a readout of the call from the", "a readout"},

		// The traps.
		{"weekday after on", "President Anna Park on Monday said the troops would stay.", "President Anna Park"},
		{"weekday after the verb", "The company said Tuesday that profits fell.", "The company"},
		{"a date, not a speaker", "Florida on Sunday reported 15,000 new cases.", "Florida"},
		{"title before a name", "Former Vice President Joe Biden said he would run.", "Former Vice President Joe Biden"},
		{"lower-case title before a name", "White House press secretary Jen Psaki said the call was frank.", "White House press secretary Jen Psaki"},
		{"United States is not a verb", "Vladimir Putin had a call with President of the United States Joseph Biden.", ""},
		{"United States as a speaker's part", "The United States said it would respond in kind.", "The United States"},
		{"President of the United States", "President of the United States Joseph Biden said the talks were useful.", "President of the United States Joseph Biden"},
		{"organisation with of", "The Department of the Treasury announced new sanctions.", "The Department of the Treasury"},
		{"organisation with of and and", "The Centers for Disease Control and Prevention said masks work.", "The Centers for Disease Control and Prevention"},
		{"organisation with of, after according to", "Prices rose 3%, according to the University of Michigan.", "the University of Michigan"},
		{"the object of a preposition", "Diplomats at the embassy in Kabul, Afghanistan, warned of a collapse.", ""},
		{"end of a list", "Officials from the United States, Canada and the United Kingdom said the plane was hit.", ""},
		{"a possessive is not a speaker", "The court rejected Trump's claims that the subpoena was invalid.", ""},
		{"noun, not verb", "Continuing claims, however, are reported with a lag.", ""},
		{"jobs added, not words", "US employers added 943,000 jobs in July.", ""},
		{"a number word", "Several states are holding primaries on Tuesday.", ""},
		{"not a description's piece", "“I have never seen this,” said one prominent centrist Democrat.", ""},
		{"passive", "The governor was told of the plan on Friday.", ""},
		{"negation", "Trump never said the election was stolen.", ""},
		{"a quote's own verbs", "“The president said he would sign it,” Ana Lee told reporters.", "Ana Lee"},
		{"pronoun alone", "He said the economy was strong.", ""},
		{"no attribution", "The storm killed 12 people in the region.", ""},
		{"a possessive statement", "The governor's statement was short.", ""},
		{"a piece of a name, first occurrence", "President Donald Trump's aides met again, Trump said.", "President Donald Trump"},
		{"a capitalised date after the subject", "Republicans Wednesday warned the platforms they could lose protections.", ""},
		{"a subordinate clause", "Employees protested after Trump tweeted his disapproval of the sentence.", ""},
		{"a that-clause after another verb", "The files reveal that the FBI had warned Dallas police.", ""},
		{"a relative clause without that", "Pelosi thanked her for clarifying a tweet Omar posted last week.", ""},
		{"the last of a list", "Sens. Ana Ruiz, Tom Hale and Rep. Mark Doyle warned about the machines.", ""},
		{"a scraped sentence cut inside the name", "The rules will be rolled back, according to a New York", ""},
		{"a description, then the name", "The crowd was told to leave, the city's police chief, Carmen Best, said.", "Carmen Best"},
		{"a noun, then a verb", "Jobless claims increase for a second week.", ""},
		{"responded to a place", "Atlanta police officers first responded to a crime scene in Cherokee County.", ""},
		{"added in a statement", "“We will appeal,” Ana Ruiz added in a statement.", "Ana Ruiz"},
		{"declared by", "The pandemic was declared by the World Health Organization a year ago.", ""},
		{"inversion needs the clause to end", "CDC revises guidance, says COVID-19 can spread through the air.", ""},
		{"one of two subjects", "The state's legislature and its Democratic governor announced a deal.", ""},
		{"a dateline glued to a name", "Washington (CNN)President Donald Trump said Monday that the review would go on.", "President Donald Trump"},
		{"First Lady", "First Lady Jill Biden said the schools would reopen.", "First Lady Jill Biden"},
		{"an ordinal in a description", "President Donald Trump's third nominee wrote for the court that the documents are exempt.", "President Donald Trump's third nominee"},
		{"a participle in a headline", "Brett Kavanaugh confirmed as a Supreme Court justice.", ""},
		{"wrote a book", "Cuomo wrote a book about his response and won an award.", ""},
		{"wrote that", "Cuomo wrote that the response had saved lives.", "Cuomo"},
		{"single quotes around a quotation", "'This week the president has admitted to asking for help,' Pelosi said.", "Pelosi"},
		{"a single quote as an apostrophe", "The workers' union said the strike would go on.", "The workers' union"},
		{"a nickname in quotes", "Brian 'Head' Welch told a radio station that his bandmates understood.", "Brian 'Head' Welch"},
		{"a curly nickname", "Director Randolph “Tex” Alles told USA Today the agency was stretched.", "Director Randolph “Tex” Alles"},
		{"a prefixed title", "Ex-minister Ana Ruiz said so, as ex-Foreign Secretary Robin Cook said he hoped for more.", "Ex-minister Ana Ruiz"},
		{"a nickname after a lower-case title", "Agents hit the caps, director Randolph “Tex″ Alles told USA Today.", "Randolph “Tex″ Alles"},
		{"a description cut at a hyphenated adjective", "But non-Christian residents argued that the cross must go.", ""},
		{"a prefixed title, mid-sentence", "The talks failed, ex-Foreign Secretary Robin Cook said.", "ex-Foreign Secretary Robin Cook"},
		{"a lower-case source found first inside a name", "She offered to withdraw if White House officials objected, according to administration officials.", ""},
		{"a description cut after and", "“I am proud,” the Vermont senator and presidential candidate told the paper.", ""},
		{"a description cut at its front", "The economy added 250,000 jobs in October, federal economists reported Friday.", "economists"},
		{"two appositives", "New York Gov. Andrew Cuomo, a Democrat, whose state is hit hardest, said Wednesday that help was coming.", "New York Gov. Andrew Cuomo"},
		{"an aside inside a clause", "Fakhrizadeh, who, Israel alleged, led the programme, was killed on Friday.", ""},
		{"reports as a noun before say", "The US launched a cyber-attack on Thursday, US reports say.", "US reports"},
		{"a date after the source", "Spending fell 16%, according to a government report Friday.", ""},
	} {
		got := Speaker(tc.sentence)
		if got != tc.want {
			t.Errorf("%s: Speaker(%q) = %q, want %q", tc.name, tc.sentence, got, tc.want)
		}
		if got != "" && !strings.Contains(tc.sentence, got) {
			t.Errorf("%s: %q is not in the sentence", tc.name, got)
		}
	}
}

func TestSpeakers(t *testing.T) {
	for _, tc := range []struct {
		name      string
		sentences []string
		want      []string
	}{
		{"he said after one named speaker",
			[]string{"Mayor Lena Ortiz said the bridge would reopen in May.", "“We owe it to the commuters,” she said."},
			[]string{"Mayor Lena Ortiz", "Mayor Lena Ortiz"}},
		{"he said after two people: ambiguous",
			[]string{"Mayor Lena Ortiz said Governor Tom Reyes had blocked the money.", "“He must answer for it,” she said."},
			[]string{"Mayor Lena Ortiz", ""}},
		{"he said after an organisation",
			[]string{"The city council said the bridge would reopen in May.", "“We owe it to the commuters,” he said."},
			[]string{"The city council", ""}},
		{"he said with nothing before", []string{"“We owe it to them,” he said."}, []string{""}},
		{"he said two sentences on",
			[]string{"Mayor Lena Ortiz said the bridge would reopen.", "Repairs cost $4 million.", "“It is worth it,” she said."},
			[]string{"Mayor Lena Ortiz", "", ""}},
		// A quotation over three sentences: the middle one's "the
		// report says" is the speaker's words, not an attribution.
		{"quote spanning sentences",
			[]string{"“We read it twice.", "The report says the dam was safe.", "It was not,” Chief Engineer Omar Baig said."},
			[]string{"", "", "Chief Engineer Omar Baig"}},
		{"quote closed, then a new attribution",
			[]string{"“We read it twice,” Baig said.", "The report says the dam was safe."},
			[]string{"Baig", "The report"}},
	} {
		if got := Speakers(tc.sentences); !slices.Equal(got, tc.want) {
			t.Errorf("%s: Speakers = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The readouts of one call: no piece of "United States" is a speaker.
func TestSpeakerReadouts(t *testing.T) {
	for _, s := range []string{
		"President Biden made clear that the United States will act firmly in defense of its national interests.",
		"President Biden also reaffirmed the United States' firm support for Ukraine's sovereignty.",
		"Vladimir Putin congratulated Joseph Biden on his inauguration as President of the United States.",
		"The President of Russia noted that normalising relations between Russia and the United States would serve the interests of both countries.",
	} {
		got := Speaker(s)
		if got != "" && got != "The President of Russia" {
			t.Errorf("Speaker(%q) = %q", s, got)
		}
	}
}

func FuzzSpeaker(f *testing.F) {
	for _, s := range []string{
		"“We will act,” Biden said.", "according to the", "said", `"`, "In a statement, X", "A, B, said C",
		"Sen. (R-Ky.) said", "’s said ’", "de said", "X and Y said", "familiar with said",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Speaker(s)
		if !strings.Contains(s, got) {
			t.Fatalf("Speaker(%q) = %q, not a substring", s, got)
		}
		if got != strings.TrimSpace(got) {
			t.Fatalf("Speaker(%q) = %q, untrimmed", s, got)
		}
		Speakers([]string{s, "He said so.", s})
	})
}

func BenchmarkSpeakers(b *testing.B) {
	text := []string{
		"The two presidents spoke by phone for an hour on Monday about the border dispute.",
		"The call was frank and constructive, the Kremlin said in a statement.",
		"“We will not back down,” Secretary of State Antony Blinken said on Tuesday.",
		"He added that talks would continue.",
		"No date was set for a meeting, according to a White House readout of the call.",
		"Repairs are expected to take until at least October.",
	}
	b.ReportAllocs()
	for b.Loop() {
		Speakers(text)
	}
}
