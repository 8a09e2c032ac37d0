package stories

import (
	"strings"

	"github.com/keypoints-dev/keypoints/tokenize"
	"unicode"
	"unicode/utf8"
)

// Attribution finds who a sentence attributes its claim to: "according
// to a White House readout" gives "White House readout", "the Kremlin
// said" gives "Kremlin", "Biden said in a tweet" gives "Biden", and "...,
// said Jen Psaki, the White House press secretary" gives "Jen Psaki". It
// returns "" when the sentence attributes nothing or only to a pronoun
// ("he said"), which names no one.
//
// The patterns are English reporting patterns, not a parser: a speaker is
// a run of capitalised words (with "of", "for", "the" and "'s" inside
// names) or one of a few source nouns ("officials", "a spokesperson"),
// directly before a reporting verb, directly after it at the end of a
// clause, or after "according to".
func Attribution(sentence string) string {
	words := splitWords(sentence)
	// "according to X"
	for i := 0; i+2 < len(words); i++ {
		if lower(words[i].w) == "according" && lower(words[i+1].w) == "to" {
			if s := phraseAfter(words, i+2, 6); s != "" {
				return s
			}
		}
	}
	for i, w := range words {
		if !reportingVerbs[lower(w.w)] {
			continue
		}
		// "X said": the speaker directly before the verb.
		if s := phraseBefore(words, i); s != "" {
			return s
		}
		// ", said X": the speaker directly after the verb, after a comma
		// or a closing quote.
		if i > 0 && (words[i-1].punctAfter || words[i].punctBefore) || i == 0 {
			if s := speakerAfter(words, i+1); s != "" {
				return s
			}
		}
	}
	return ""
}

// word is one word of a sentence with the punctuation around it.
type word struct {
	w           string
	punctBefore bool // a comma, quote, dash or colon right before the word
	punctAfter  bool // ... right after it
	end         bool // a full stop, ? or ! right after it
}

func splitWords(s string) []word {
	var out []word
	pending := false
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			switch r {
			case ',', ';', ':', '"', '“', '”', '—', '–', '(', ')':
				pending = true
				if len(out) > 0 {
					out[len(out)-1].punctAfter = true
				}
			case '.', '!', '?':
				if len(out) > 0 {
					out[len(out)-1].end = true
					out[len(out)-1].punctAfter = true
				}
				pending = true
			}
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if isWordRune(r) || (r == '\'' || r == '’' || r == '-' || r == '.') && j+n < len(s) && startsWord(s[j+n:]) && r != '.' {
				j += n
				continue
			}
			// Keep the dots of initials ("U.S.", "J. Smith").
			if r == '.' && (j-i == 1 && isUpperASCII(s[i]) || strings.Contains(s[i:j], ".")) {
				j += n
				continue
			}
			break
		}
		out = append(out, word{w: s[i:j], punctBefore: pending})
		pending = false
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

func lower(s string) string { return strings.ToLower(s) }

func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// reportingVerbs introduce a speaker's claim.
var reportingVerbs = setOf(`said says say told tells announced announces claimed claims stated states
tweeted tweets wrote writes argued argues insisted insists warned warns added adds alleged alleges
testified testifies acknowledged acknowledges confirmed confirms denied denies reported reports
maintained maintains asserted asserts contended contends declared declares suggested suggests`)

// sourceNouns may stand as (the head of) a speaker without a capital.
var sourceNouns = setOf(`officials official spokesperson spokesman spokeswoman spokespeople police prosecutors
authorities ministry lawyers lawyer attorney attorneys aides aide sources source experts analysts
administration government campaign readout statement report reports investigators officers
democrats republicans lawmakers senators president leader minister secretary governor mayor
department agency court judge critics supporters residents witnesses researchers scientists
study survey poll data documents filing memo letter`)

// joiners may sit inside a speaker's name: "Secretary of State", "the
// Department of Justice", "Biden's".
var joiners = setOf(`of for the and 's de la al bin van von`)

// pronouns name no one on their own.
var pronouns = setOf(`he she they it we i you who which that this these those`)

// determiners are dropped from the front of a speaker.
var determiners = setOf(`the a an its his her their our`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// speakerWord reports whether w can be part of a speaker phrase: a
// capitalised word that is not a pronoun or a function word ("But",
// "Meanwhile"), or a source noun.
func speakerWord(w string) bool {
	l := lower(w)
	if sourceNouns[l] || sourceNouns[strings.TrimSuffix(strings.TrimSuffix(l, "’s"), "'s")] {
		return true
	}
	return capitalised(w) && !pronouns[l] && !tokenize.IsStop(l) && !sentenceAdverbs[l]
}

// sentenceAdverbs start sentences with a capital but name no one.
var sentenceAdverbs = setOf(`meanwhile however yesterday today earlier later still instead separately
previously additionally moreover nonetheless nevertheless overall finally first second`)

// phraseBefore returns the speaker ending right before words[i], or "".
func phraseBefore(words []word, i int) string {
	start := i
	for j := i - 1; j >= 0; j-- {
		if words[j].punctAfter {
			break // punctuation between the phrase and what follows it
		}
		w := words[j].w
		l := lower(w)
		if speakerWord(w) || joiners[l] && start < i {
			start = j
		} else {
			if determiners[l] && start < i {
				start = j
			}
			break
		}
		if words[j].punctBefore {
			break
		}
	}
	return cleanSpeaker(words[start:i])
}

// speakerAfter returns the speaker starting at words[i] up to the next
// punctuation, or "".
func speakerAfter(words []word, i int) string {
	end := i
	for end < len(words) && end-i < 6 {
		w := words[end].w
		l := lower(w)
		if !(speakerWord(w) || determiners[l] && end == i || joiners[l] && end > i) {
			break
		}
		end++
		if words[end-1].punctAfter {
			break
		}
	}
	return cleanSpeaker(words[i:end])
}

// phraseAfter returns up to max words starting at words[i], up to the
// next punctuation, for "according to".
func phraseAfter(words []word, i, max int) string {
	end := i
	for end < len(words) && end-i < max {
		end++
		if words[end-1].punctAfter {
			break
		}
	}
	// Do not run into the next clause: "according to officials who..."
	for k := i; k < end; k++ {
		l := lower(words[k].w)
		if k > i && (l == "who" || l == "that" || l == "which" || l == "on" || l == "in" || l == "at" || reportingVerbs[l]) {
			end = k
			break
		}
	}
	return cleanSpeaker(words[i:end])
}

// cleanSpeaker joins the words, drops leading determiners and joiners
// and trailing function words (what is left of a phrase cut off by a
// scraper), and rejects pronouns and empty phrases.
func cleanSpeaker(ws []word) string {
	for len(ws) > 0 && (determiners[lower(ws[0].w)] || joiners[lower(ws[0].w)]) {
		ws = ws[1:]
	}
	for len(ws) > 0 && (joiners[lower(ws[len(ws)-1].w)] || tokenize.IsStop(lower(ws[len(ws)-1].w))) {
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 || len(ws) == 1 && pronouns[lower(ws[0].w)] {
		return ""
	}
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.w
	}
	return strings.Join(parts, " ")
}

// sameSpeaker reports whether two attributions can be the same source:
// both empty, or sharing a content word ("Biden" and "President Joe
// Biden", "officials" and "US officials"). An empty attribution matches
// anything: one outlet may report as fact what another attributes.
func sameSpeaker(a, b string) bool {
	if a == "" || b == "" || strings.EqualFold(a, b) {
		return true
	}
	wa := speakerKeys(a)
	for _, k := range speakerKeys(b) {
		for _, x := range wa {
			if k == x {
				return true
			}
		}
	}
	return false
}

func speakerKeys(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		l := strings.Trim(lower(w), ".'’")
		l = strings.TrimSuffix(l, "'s")
		if joiners[l] || determiners[l] || len(l) < 2 {
			continue
		}
		// "officials" and "official" are one source; generic role nouns
		// alone do not make two sources the same.
		if l == "officials" || l == "official" || l == "sources" || l == "source" || l == "report" || l == "statement" {
			continue
		}
		out = append(out, strings.TrimSuffix(l, "s"))
	}
	return out
}
