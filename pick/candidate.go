package pick

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/keypoints-dev/keypoints/doc"
)

// CandidateWords is the fewest words a key point has: shorter sentences
// are labels, slogans or hooks ("Hong Kong is burning.") more often than
// facts.
const CandidateWords = 5

// Candidates reports which sentences of d can be key points: sentences of
// prose, as a reader expects a key point to be. Headings, table rows,
// code and captions never are; a list item is when it reads as a
// sentence with a verb. A sentence must have at least CandidateWords
// words, start with a capital letter, a digit or a quote, end with . ! or
// … (a question is a hook, not a fact), have balanced quotes, and carry no
// web or e-mail address, no code, no phone number, no credit, reprint or
// subscription notice, and not be written in capitals. PTB-tokenized text
// (the research sets) has lost the case and spacing these rules read, so
// there every sentence is a candidate.
func Candidates(d *doc.Document) []bool {
	out := make([]bool, len(d.Sentences))
	for i := range d.Sentences {
		out[i] = IsCandidate(d, i)
	}
	return out
}

// IsCandidate reports whether sentence i of d can be a key point, by
// Candidates' rules. A sentence that segment.TrimCutOff trimmed back to
// its last whole clause (the scraper lost the rest, as where a link was
// cut out) is judged as if that clause ended it: it is the fact the
// sentence gave.
func IsCandidate(d *doc.Document, i int) bool {
	if d.Tokenized {
		return true
	}
	s := &d.Sentences[i]
	text := s.Text
	if s.Cut && strings.HasPrefix(d.Text[s.End:], ", ") {
		text += "."
	}
	return Candidate(text, s.Block)
}

// Candidate applies Candidates' rules to one sentence of the given block.
func Candidate(s string, block doc.Block) bool {
	switch block {
	case doc.Heading, doc.TableRow, doc.Code, doc.Caption:
		return false
	}
	if !sentenceShape(s) {
		return false
	}
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		return false // an aside, not a fact: "(We never did settle on one.)"
	}
	if bareQuote(s) {
		return false
	}
	if block == doc.ListItem && !hasVerb(s) {
		return false
	}
	return true
}

// bareQuote reports a sentence that is one quotation and nothing else:
// the rest of a speaker's words ("“The inspectors were clear, and so are
// we.”" after "..., she said."), which as a key point would stand without
// its speaker or the fact it comments on.
func bareQuote(s string) bool {
	for _, q := range [][2]string{{"“", "”"}, {"\"", "\""}} {
		inner, ok := strings.CutPrefix(s, q[0])
		if !ok {
			continue
		}
		inner, ok = strings.CutSuffix(inner, q[1])
		return ok && !strings.Contains(inner, q[0]) && !strings.Contains(inner, q[1])
	}
	return false
}

// boilerplatePhrases are the page furniture that reads like a sentence:
// credits, reprint and subscription notices, promos, cookie banners,
// affiliate and sponsor disclosures. Matched as whole words in the
// lower-cased sentence.
var boilerplatePhrases = []string{
	"copyright", "all rights reserved", "reprint", "reprints", "subscribe", "subscription", "subscriber",
	"sign up", "newsletter", "cookie", "cookies", "image credit", "photo by", "photo credit",
	"photograph by", "photograph credit", "photoby", "credit:", "getty images", "click here", "read more",
	"follow us", "share this", "download our app", "download the app", "terms of use", "terms of service",
	"privacy policy", "contact us", "advertisement", "compensated by", "sponsored by", "powered by",
	"affiliate link", "affiliate links", "this post contains", "this post may contain", "receive compensation",
	"receive a compensation", "receive commission", "receive a commission", "terms apply",
}

// promoStarts open promos and labels, not facts.
var promoStarts = []string{
	"welcome to ", "thanks for reading", "thanks for visiting", "thanks for watching", "don't miss",
	"check out ", "submit your ", "join our ",
}

var (
	email      = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[a-z]{2,}`)
	phone      = regexp.MustCompile(`\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b`)
	figureLine = regexp.MustCompile(`^(figure|fig\.|table|image|photo|video|chart) \d+:`)
)

// notPoint reports what a key point never carries: addresses, code,
// phone numbers, boilerplate phrases and promo openings. It runs on every
// sentence of a web page and on the sentences pick looks at in plain
// text, so it tries cheap byte searches first.
func notPoint(s string) bool {
	if strings.ContainsAny(s, "{}<>=|") || strings.Contains(s, "()") || strings.Contains(s, "::") ||
		strings.Contains(s, "://") || strings.Contains(s, "www.") {
		return true
	}
	lower := strings.ToLower(s)
	if strings.Contains(lower, "@") && email.MatchString(lower) {
		return true
	}
	if containsWord(lower, "def ") || containsWord(lower, "return") && strings.Contains(lower[strings.Index(lower, "return"):], "(") {
		return true
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits++
		}
	}
	if digits >= 10 && phone.MatchString(s) {
		return true
	}
	if hasPhrase(lower) {
		return true
	}
	for _, p := range promoStarts {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return digits > 0 && figureLine.MatchString(lower)
}

// hasWords reports whether s has at least n white-space separated words,
// without splitting it.
func hasWords(s string, n int) bool {
	words, in := 0, false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\t' || s[i] == '\n'
		if !space && !in {
			if words++; words >= n {
				return true
			}
		}
		in = !space
	}
	return false
}

// phrasesByWord indexes boilerplatePhrases by their first word, so a
// sentence is checked with one map lookup a word.
var phrasesByWord = func() map[string][]string {
	m := make(map[string][]string)
	for _, p := range boilerplatePhrases {
		first := p
		if i := strings.IndexAny(p, " :"); i > 0 {
			first = p[:i]
		}
		m[first] = append(m[first], p)
	}
	return m
}()

// hasPhrase reports whether lower holds a boilerplate phrase as whole
// words.
func hasPhrase(lower string) bool {
	for i := 0; i < len(lower); {
		if !isASCIILetter(lower[i]) {
			i++
			continue
		}
		j := i
		for j < len(lower) && isASCIILetter(lower[j]) {
			j++
		}
		for _, p := range phrasesByWord[lower[i:j]] {
			if k := i + len(p); strings.HasPrefix(lower[i:], p) && (k == len(lower) || !isASCIILetter(lower[k]) || p[len(p)-1] == ':') {
				return true
			}
		}
		i = j
	}
	return false
}

// containsWord reports whether lower holds word with no letter right
// before or after it.
func containsWord(lower, word string) bool {
	for off := 0; ; {
		i := strings.Index(lower[off:], word)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(word)
		if (i == 0 || !isASCIILetter(lower[i-1])) && (j == len(lower) || !isASCIILetter(lower[j]) || word[len(word)-1] == ' ') {
			return true
		}
		off = i + 1
	}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// sentenceShape reports whether s looks like a whole sentence of prose.
func sentenceShape(s string) bool {
	if !hasWords(s, CandidateWords) {
		return false
	}
	// Start: a capital letter or digit, after an optional opening quote
	// or bracket.
	body := strings.TrimLeft(s, "\"'“‘([")
	r, _ := utf8.DecodeRuneInString(body)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) || unicode.IsLower(r) {
		return false // (a letter of a script without case will do)
	}
	// End: . ! or …, after optional closing quotes or brackets.
	tail := strings.TrimRight(s, "\"'”’)]")
	last, _ := utf8.DecodeLastRuneInString(tail)
	if last != '.' && last != '!' && last != '…' && last != '。' && last != '！' {
		return false
	}
	if strings.Count(s, "\"")%2 != 0 || strings.Count(s, "“") != strings.Count(s, "”") {
		return false
	}
	if notPoint(s) {
		return false
	}
	letters, upper := 0, 0
	for _, c := range s {
		if unicode.IsLetter(c) {
			letters++
			if unicode.IsUpper(c) {
				upper++
			}
		}
	}
	return upper*10 <= letters*6
}

// verbs are forms that make a clause a sentence: auxiliaries, modals and
// the commonest verbs of news copy. hasVerb also takes a word ending in
// "ed".
var verbs = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "am": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "can": true, "could": true,
	"should": true, "may": true, "might": true, "must": true, "shall": true, "do": true, "does": true,
	"did": true, "said": true, "says": true, "say": true, "get": true, "gets": true, "got": true,
	"make": true, "makes": true, "made": true, "take": true, "takes": true, "took": true, "go": true,
	"goes": true, "went": true, "come": true, "comes": true, "came": true, "give": true, "gives": true,
	"gave": true, "find": true, "finds": true, "found": true, "know": true, "knows": true, "knew": true,
	"need": true, "needs": true, "want": true, "wants": true, "use": true, "uses": true, "let": true,
	"lets": true, "keep": true, "keeps": true, "kept": true, "help": true, "helps": true, "show": true,
	"shows": true, "become": true, "becomes": true, "became": true, "leave": true, "leaves": true,
	"left": true, "put": true, "puts": true, "run": true, "runs": true, "ran": true, "see": true,
	"sees": true, "saw": true, "seen": true, "think": true, "thinks": true, "thought": true,
	"tell": true, "tells": true, "told": true, "pay": true, "pays": true, "paid": true, "lost": true,
	"won": true, "wins": true, "win": true, "hold": true, "holds": true, "held": true, "include": true,
	"includes": true, "mean": true, "means": true, "meant": true, "allow": true, "allows": true,
	"bring": true, "brings": true, "brought": true, "begin": true, "begins": true, "began": true,
	"set": true, "sets": true, "seem": true, "seems": true, "feel": true, "feels": true, "felt": true,
}

// hasVerb reports whether s holds a word that is (very likely) a verb.
func hasVerb(s string) bool {
	for _, w := range strings.Fields(s) {
		w = strings.ToLower(strings.Trim(w, ".,;:!?\"'“”‘’()[]"))
		if verbs[w] || len(w) > 4 && strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "n't") {
			return true
		}
	}
	return false
}
