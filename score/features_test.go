package score

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/keypoints-dev/keypoints/doc"
	"github.com/keypoints-dev/keypoints/tokenize"
)

// newDoc builds a tokenized document whose sentences are exactly sents,
// joined by single spaces.
func newDoc(sents ...string) *doc.Document {
	d := &doc.Document{Text: strings.Join(sents, " ")}
	pos := 0
	for i, s := range sents {
		d.Sentences = append(d.Sentences, doc.Sentence{Index: i, Start: pos, End: pos + len(s), Text: s})
		pos += len(s) + 1
	}
	tokenize.Document(d)
	return d
}

func titleTokens(title string) []doc.Token { return tokenize.Sentence(title, 0, len(title)) }

// flood is a short news article about one event, with the kinds of
// sentences the features tell apart.
var flood = []string{
	"Floodwater from the Riverton river swept through the town on Monday, forcing 2,000 residents from their homes.", // 0 lead
	"The river burst its banks after three days of rain, and the levee protecting Riverton gave way.",                // 1
	"Residents of Riverton said the floodwater rose faster than anyone expected.",                                    // 2 on topic
	"The local football club signed a goalkeeper from Portugal.",                                                     // 3 off topic
	"Riverton flood latest",                                                                    // 4 heading
	"Will the levee be rebuilt before winter?",                                                 // 5 question
	`"We lost everything," said Maria Lopez, whose house stood near the river.`,                // 6 quote
	"Emergency crews pumped floodwater from the Riverton hospital basement through the night.", // 7 on topic
}

// feature returns feature j of sentence i.
func feature(f []float64, i, j int) float64 { return f[i*NumFeatures+j] }

func TestFeaturesRows(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, len(flood)} {
		t.Run(fmt.Sprintf("%d sentences", n), func(t *testing.T) {
			d := newDoc(flood[:n]...)
			f := NewScratch().Features(d, nil)
			if got, want := len(f), n*NumFeatures; got != want {
				t.Fatalf("len(features) = %d, want %d", got, want)
			}
			for i := 0; i < n; i++ {
				for _, c := range []struct {
					name string
					j    int
					want float64
				}{
					{"bias", FBias, 1},
					{"first", FFirst, b2f(i == 0)},
					{"second", FSecond, b2f(i == 1)},
					{"third", FThird, b2f(i == 2)},
					{"inv_pos", FInvPos, 1 / float64(i+1)},
					{"rel_pos", FRelPos, float64(i) / float64(n)},
					{"doc_len", FDocLen, math.Log(float64(n))},
				} {
					if got := feature(f, i, c.j); math.Abs(got-c.want) > 1e-12 {
						t.Errorf("sentence %d: %s = %v, want %v", i, c.name, got, c.want)
					}
				}
				if rp := feature(f, i, FRelPos); rp < 0 || rp >= 1 {
					t.Errorf("sentence %d: rel_pos = %v, want in [0, 1)", i, rp)
				}
				for j := 0; j < NumFeatures; j++ {
					if v := feature(f, i, j); math.IsNaN(v) || math.IsInf(v, 0) {
						t.Errorf("sentence %d: %s = %v", i, FeatureNames[j], v)
					}
				}
			}
		})
	}
	t.Run("no sentences", func(t *testing.T) {
		if f := NewScratch().Features(&doc.Document{}, titleTokens("Flood")); len(f) != 0 {
			t.Errorf("Features(empty) has %d values, want 0", len(f))
		}
	})
}

func TestFeaturesContent(t *testing.T) {
	f := NewScratch().Features(newDoc(flood...), nil)
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"on-topic sentence 2 more central than off-topic 3", feature(f, 2, FCentrality) > feature(f, 3, FCentrality)},
		{"on-topic sentence 7 more central than off-topic 3", feature(f, 7, FCentrality) > feature(f, 3, FCentrality)},
		{"off-topic sentence shares no term: centrality 0", feature(f, 3, FCentrality) == 0},
		{"off-topic sentence has no top terms", feature(f, 3, FTopTerms) == 0},
		{"on-topic sentence has top terms", feature(f, 2, FTopTerms) > 0},
		{"lead sentence overlaps the lead fully", feature(f, 0, FLeadOverlap) == 1},
		{"off-topic sentence does not overlap the lead", feature(f, 3, FLeadOverlap) == 0},
		{"lead sentence is all new", feature(f, 0, FNovelty) == 1},
		{"off-topic sentence is all new", feature(f, 3, FNovelty) == 1},
		{"heading repeats earlier terms", feature(f, 4, FNovelty) < 1},
		{"numbers in the lead", feature(f, 0, FNumbers) > 0},
		{"no numbers off topic", feature(f, 3, FNumbers) == 0},
		{"capitalised names in the quote", feature(f, 6, FCapitals) > 0},
		{"short heading flagged short", feature(f, 4, FShort) == 1},
		{"long lead not short", feature(f, 0, FShort) == 0},
		{"nothing is long", slices.IndexFunc([]int{0, 1, 2, 3, 4, 5, 6, 7}, func(i int) bool { return feature(f, i, FLong) != 0 }) < 0},
	} {
		if !c.ok {
			t.Errorf("%s: does not hold", c.name)
		}
	}
	for i := range flood {
		if c := feature(f, i, FCentrality); c < 0 || c > 1+1e-9 {
			t.Errorf("sentence %d: centrality %v outside [0, 1]", i, c)
		}
	}
}

// TestFeaturesCentralityOwnWords: centrality measures support from the
// rest of the document ("the sentence's own occurrence is taken out of the
// document vector"), so a sentence whose words occur nowhere else has
// centrality 0, however often it repeats them itself.
func TestFeaturesCentralityOwnWords(t *testing.T) {
	d := newDoc(
		"Storm damage closed the harbour on Sunday.",
		"Police said the police chief asked police from Dover for police dogs.",
		"The harbour reopened after the storm damage was repaired.",
	)
	f := NewScratch().Features(d, nil)
	if feature(f, 2, FCentrality) <= 0 {
		t.Errorf("sentence sharing the storm terms: centrality %v, want > 0", feature(f, 2, FCentrality))
	}
	t.Run("repeated own words", func(t *testing.T) {
		if got := feature(f, 1, FCentrality); got != 0 {
			t.Errorf("sentence sharing no word with the rest: centrality %v, want 0", got)
		}
	})
}

func TestFeaturesShape(t *testing.T) {
	for _, tc := range []struct {
		name                          string
		text                          string
		cut                           bool
		quote, noEnd, question, colon float64
	}{
		{"statement", "Officials confirmed four deaths.", false, 0, 0, 0, 0},
		{"exclamation", "Stay away from the river!", false, 0, 0, 0, 0},
		{"heading", "Riverton flood latest", false, 0, 1, 0, 0},
		{"heading with colon", "LIVE: Riverton flood updates", false, 0, 1, 0, 1},
		{"question", "Will the levee hold?", false, 0, 0, 1, 0},
		{"quote, then attribution", `"We lost everything," said Maria Lopez.`, false, 1, 0, 0, 0},
		{"quote at the end", `She said: "We lost everything."`, false, 1, 0, 0, 1},
		{"curly quote at the end", "She said: \u201cWe lost everything.\u201d", false, 1, 0, 0, 1},
		{"curly single quote at the end", "He called it \u2018a disaster.\u2019", false, 0, 0, 0, 0},
		{"PTB quotes", "`` we lost everything , '' she said .", false, 1, 0, 0, 0},
		{"parenthesis after the stop", "The levee held (for now.)", false, 0, 0, 0, 0},
		{"trailing space", "The levee held. ", false, 0, 0, 0, 0},
		{"byline in parentheses", "(Reporting by Jane Doe)", false, 0, 1, 0, 0},
		{"cut off by a removed link", "Crews worked through the night, according to a statement from the", false, 0, 1, 0, 0},
		{"same, trimmed and marked Cut", "Crews worked through the night, according to a statement from the", true, 0, 0, 0, 0},
		{"Cut keeps other flags", "LIVE: crews worked through the night", true, 0, 0, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDoc("Floodwater swept through Riverton on Monday.", tc.text)
			d.Sentences[1].Cut = tc.cut
			f := NewScratch().Features(d, nil)
			for _, c := range []struct {
				name string
				j    int
				want float64
			}{
				{"quote", FQuote, tc.quote},
				{"no_end", FNoEnd, tc.noEnd},
				{"question", FQuestion, tc.question},
				{"colon", FColon, tc.colon},
			} {
				if got := feature(f, 1, c.j); got != c.want {
					t.Errorf("%q: %s = %v, want %v", tc.text, c.name, got, c.want)
				}
			}
		})
	}
}

func TestFeaturesTitle(t *testing.T) {
	d := newDoc(flood...)
	for _, tc := range []struct {
		name      string
		title     []doc.Token
		withTitle []int // sentences with title overlap
	}{
		{"no title", nil, nil},
		{"empty title", titleTokens(""), nil},
		{"function words only", titleTokens("The and of it"), nil},
		{"words in no sentence", titleTokens("Volcano erupts"), nil},
		{"Riverton", titleTokens("Riverton floods: levee gives way"), []int{0, 1, 2, 4, 5, 7}},
		{"football", titleTokens("FOOTBALL CLUB SIGNS GOALKEEPER"), []int{3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := NewScratch().Features(d, tc.title)
			for i := range flood {
				got := feature(f, i, FTitle)
				if want := slices.Contains(tc.withTitle, i); (got > 0) != want || got < 0 || got > 1 {
					t.Errorf("sentence %d: title overlap %v, want overlap %v (in (0, 1])", i, got, want)
				}
			}
		})
	}
	t.Run("title changes only title and lead overlap", func(t *testing.T) {
		s := NewScratch()
		plain := slices.Clone(s.Features(d, nil))
		titled := s.Features(d, titleTokens("Riverton levee floods"))
		for i := range flood {
			for j := 0; j < NumFeatures; j++ {
				if j != FTitle && j != FLeadOverlap && feature(plain, i, j) != feature(titled, i, j) {
					t.Errorf("sentence %d: %s = %v with a title, %v without", i, FeatureNames[j], feature(titled, i, j), feature(plain, i, j))
				}
			}
			// The headline counts as lead: overlap can only grow, and by
			// no more than the sentence's share of title words.
			lp, lt := feature(plain, i, FLeadOverlap), feature(titled, i, FLeadOverlap)
			if lt < lp || lt > lp+feature(titled, i, FTitle)+1e-12 {
				t.Errorf("sentence %d: lead overlap %v with the title, %v without (title overlap %v)", i, lt, lp, feature(titled, i, FTitle))
			}
		}
		// Sentence 5 shares title words but no lead words.
		if feature(plain, 5, FLeadOverlap) != 0 || feature(titled, 5, FLeadOverlap) == 0 {
			t.Errorf("sentence 5: lead overlap %v without the title, %v with; want 0, then > 0",
				feature(plain, 5, FLeadOverlap), feature(titled, 5, FLeadOverlap))
		}
	})
}

type mapPrior map[uint64]float64

func (m mapPrior) Prior(t uint64) float64 {
	if p, ok := m[t]; ok {
		return p
	}
	return 0.1
}

func TestFeaturesPrior(t *testing.T) {
	d := newDoc(flood...)
	p := mapPrior{tokenize.Hash("floodwater"): 0.9, tokenize.Hash("riverton"): 0.5}
	s := NewScratch()
	f := slices.Clone(s.FeaturesWith(d, nil, p))
	for i, sent := range d.Sentences {
		var sum, mx float64
		n := 0
		for _, tok := range sent.Tokens {
			if tok.Stop {
				continue
			}
			n++
			sum += p.Prior(tok.Term)
			mx = max(mx, p.Prior(tok.Term))
		}
		want := 0.0
		if n > 0 {
			want = sum / float64(n)
		}
		if got := feature(f, i, FPrior); math.Abs(got-want) > 1e-12 {
			t.Errorf("sentence %d: prior = %v, want mean %v", i, got, want)
		}
		if got := feature(f, i, FPriorMax); got != mx {
			t.Errorf("sentence %d: prior_max = %v, want %v", i, got, mx)
		}
	}
	if got := feature(f, 2, FPriorMax); got != 0.9 {
		t.Errorf("sentence 2 (floodwater): prior_max = %v, want 0.9", got)
	}
	// Without a prior both features are 0, even on a reused Scratch.
	f = s.Features(d, nil)
	for i := range flood {
		if feature(f, i, FPrior) != 0 || feature(f, i, FPriorMax) != 0 {
			t.Errorf("sentence %d without prior: prior %v, prior_max %v, want 0", i, feature(f, i, FPrior), feature(f, i, FPriorMax))
		}
	}
}

// bigDoc has many distinct terms, more than the term table's smallest
// size, so reusing a Scratch moves between table sizes.
func bigDoc(sentences int) *doc.Document {
	sents := make([]string, sentences)
	for i := range sents {
		sents[i] = fmt.Sprintf("Riverton reported w%da w%db and w%dc near flood district %d.", i, i, i, i%7)
	}
	return newDoc(sents...)
}

func TestFeaturesDeterministic(t *testing.T) {
	small := newDoc(flood...)
	big := bigDoc(700)
	other := newDoc("Shares in the carmaker fell sharply after weak quarterly sales.", "The carmaker blamed chip shortages.")
	title := titleTokens("Riverton floods")
	terms := []uint64{tokenize.Hash("flood"), tokenize.Hash("riverton"), tokenize.Hash("floodwater")}
	slices.Sort(terms)
	lex, err := NewLexicon(terms, []float64{0.7, 0.4, 0.2}, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	fresh := func(d *doc.Document) []float64 {
		return slices.Clone(NewScratch().FeaturesWith(d, title, lex))
	}
	want := map[*doc.Document][]float64{small: fresh(small), big: fresh(big), other: fresh(other)}
	names := map[*doc.Document]string{small: "small", big: "big", other: "other"}
	for _, tc := range []struct {
		name  string
		order []*doc.Document
	}{
		{"same document twice", []*doc.Document{small, small}},
		{"small, big, small", []*doc.Document{small, big, small}},
		{"big, small, other, big", []*doc.Document{big, small, other, big}},
		{"other, small, other", []*doc.Document{other, small, other}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewScratch()
			for k, d := range tc.order {
				got := s.FeaturesWith(d, title, lex)
				if !slices.Equal(got, want[d]) {
					t.Errorf("call %d (%s doc) on a reused Scratch differs from a fresh Scratch", k, names[d])
				}
			}
		})
	}
	// Many documents on one Scratch: every generation of the term table
	// still reads as empty to the next document.
	t.Run("many resets", func(t *testing.T) {
		s := NewScratch()
		for k := 0; k < 300; k++ {
			d := small
			if k%2 == 1 {
				d = other
			}
			if got := s.FeaturesWith(d, title, lex); !slices.Equal(got, want[d]) {
				t.Fatalf("call %d (%s) differs from a fresh Scratch", k, names[d])
			}
		}
	})
}

func TestUnsupervised(t *testing.T) {
	d := newDoc(flood...)
	f := NewScratch().Features(d, nil)
	s := Unsupervised(f, nil)
	if got, want := len(s), len(flood); got != want {
		t.Fatalf("%d scores, want %d", got, want)
	}
	for _, c := range []struct {
		name   string
		better int
		worse  int
	}{
		{"lead above off-topic", 0, 3},
		{"on-topic above off-topic", 2, 3},
		{"statement above heading", 2, 4},
	} {
		if s[c.better] <= s[c.worse] {
			t.Errorf("%s: score[%d] = %v, score[%d] = %v", c.name, c.better, s[c.better], c.worse, s[c.worse])
		}
	}
}

// TestFeaturesTopTerms: the ten most frequent repeated terms are the
// document's top terms; a tie at the cut goes to the term seen first, and
// a term seen once is never a top term.
func TestFeaturesTopTerms(t *testing.T) {
	counts := []int{13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 4, 2, 1}
	sents := make([]string, len(counts))
	for k, c := range counts {
		// Sentence k repeats its own made-up word c times.
		sents[k] = strings.TrimSpace(strings.Repeat(fmt.Sprintf("zz%c ", 'a'+k), c)) + "."
	}
	f := NewScratch().Features(newDoc(sents...), nil)
	for k := range counts {
		want := b2f(k < 10)
		if got := feature(f, k, FTopTerms); got != want {
			t.Errorf("sentence %d (word seen %d times): top_terms = %v, want %v", k, counts[k], got, want)
		}
	} // Fewer than ten repeated terms: the rest are still not top terms.
	f = NewScratch().Features(newDoc("Zza zza zza zzb.", "Zzc zzb."), nil)
	if got, want := feature(f, 1, FTopTerms), 0.5; got != want {
		t.Errorf("sentence with one repeated and one single word: top_terms = %v, want %v", got, want)
	}
}
