package normalize

import (
	"strings"
)

// boilerplatePrefixes start lines that are never article text. Matched
// case-insensitively against the start of a line.
var boilerplatePrefixes = []string{
	"read more", "read next", "related:", "related articles", "related stories", "related coverage",
	"follow us", "follow @", "follow him on", "follow her on", "follow the", "like us on facebook",
	"sign up for", "sign up to", "subscribe to", "click here", "share this", "share on",
	"advertisement", "image caption", "image copyright", "image source", "media caption",
	"photo:", "photo credit", "photograph:", "pictured:", "video:", "watch:", "listen:", "getty images",
	"copyright ", "(c) ", "© ", "all rights reserved", "this story has been updated", "updated:", "cookie policy", "cookie settings",
	"published:", "last updated", "download the", "get the app", "scroll down for video",
	"email this", "comments (", "most read", "more from", "you may also like", "recommended:",
	"see also:", "see more:", "trending:", "we use cookies", "this article was amended",
	"by . ", "posted:", "reporting by", "editing by", "additional reporting by", "contact the author",
	"skip to", "jump to", "open in app", "this material may not be published",
}

// isBoilerplate reports whether a whole line is not article text: bylines,
// credits, "Read more" and "Follow us" lines and the like. It looks at the
// start of the line and, for bylines, at the line's shape, so a sentence
// that merely mentions "read more" is kept.
func isBoilerplate(line string) bool {
	if len(line) > 300 {
		return false // long lines are paragraphs, whatever they start with
	}
	lower := strings.ToLower(line)
	for _, p := range boilerplatePrefixes {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	if isByline(line, lower) || isTimestamp(line, lower) || isCredit(lower) {
		return true
	}
	// A line of only punctuation or symbols ("* * *", "|", "—").
	if !hasLetters(line) && !hasDigit(line) {
		return true
	}
	return false
}

// isTimestamp recognises "Updated 9:42 a.m. ET, Tue March 4, 2025" and
// "Published 12 March 2024": a short line that starts with such a word and
// holds a figure.
func isTimestamp(line, lower string) bool {
	if len(line) > 90 || !hasDigit(line) {
		return false
	}
	for _, p := range []string{"updated ", "published ", "posted ", "last modified ", "first published "} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// creditSources end photo credit lines ("Drew Angerer | Getty Images",
// "Jane Doe/Reuters"). Lower case.
var creditSources = []string{
	"getty images", "reuters", "ap", "ap photo", "afp", "epa", "bloomberg", "shutterstock", "alamy",
	"pa", "pa media", "pa wire", "nurphoto", "sipa", "zuma press", "anadolu agency", "xinhua", "eyevine",
}

// isCredit recognises a photo credit on its own line: a short line of a
// name or two and an agency after "|" or "/", with no sentence in it.
func isCredit(lower string) bool {
	if len(lower) > 80 || strings.ContainsAny(lower, ".!?") {
		return false
	}
	i := strings.LastIndexAny(lower, "|/")
	if i <= 0 {
		return false
	}
	src := strings.TrimSpace(lower[i+1:])
	src = strings.TrimPrefix(src, "via ")
	for _, c := range creditSources {
		if src == c || strings.HasSuffix(src, " via "+c) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// isByline recognises "By Jane Doe", "By Jane Doe, CNN" and "By Jane Doe and
// John Roe | Reuters": a short line starting with "By " followed by names.
func isByline(line, lower string) bool {
	if !strings.HasPrefix(lower, "by ") || len(line) > 120 {
		return false
	}
	// A byline has no sentence-final punctuation and mostly capitalised words.
	rest := strings.TrimSpace(line[3:])
	if rest == "" || strings.HasSuffix(rest, ".") && !strings.HasSuffix(rest, ".com") {
		return false
	}
	words := strings.Fields(rest)
	if len(words) > 12 {
		return false
	}
	caps := 0
	for _, w := range words {
		if w[0] >= 'A' && w[0] <= 'Z' || w == "and" || w == "|" || w == "-" || w == "," {
			caps++
		}
	}
	return caps*10 >= len(words)*8
}

// stripDatelines removes the datelines at the start of the first
// paragraph, as many as there are, so that the result has none left.
func stripDatelines(line string) string {
	for {
		out := stripDateline(line)
		if out == line {
			return line
		}
		line = out
	}
}

// stripDateline removes one dateline at the start of the first paragraph:
// "WASHINGTON (CNN) -- ", "LONDON, England (Reuters) - ", "(CNN)", "NEW
// YORK — ", and the tokenized forms "washington ( cnn ) " and "-lrb- cnn
// -rrb- --". Both forms are tried whatever the text, so the result does
// not depend on whether the text is later found to be tokenized. Only the
// start of the line is searched, so a long line costs no more.
func stripDateline(line string) string {
	head := line[:min(len(line), 100)]
	// "(CNN)" or "PLACE (AGENCY)" followed by an optional dash.
	if i := strings.IndexByte(head, '('); i >= 0 && i < 60 {
		if j := strings.IndexByte(head[i:], ')'); j > 0 && j < 30 {
			agency := line[i+1 : i+j]
			place := strings.TrimSpace(line[:i])
			if isAgency(agency) && (place == "" || isPlace(place)) || place != "" && isCallSign(agency) && (isUpperPlace(place) || isUpperCity(place)) {
				return trimDash(line[i+j+1:])
			}
		}
	}
	// "WASHINGTON — " or "NEW YORK, N.Y. -- ": an upper-case place and a dash.
	for _, dash := range []string{" -- ", " — ", " – ", " - ", ": "} {
		if i := strings.Index(head, dash); i > 0 && i < 50 {
			place := line[:i]
			if isUpperPlace(place) || isUpperCity(place) {
				return strings.TrimSpace(line[i+len(dash):])
			}
		}
	}
	return stripTokenizedDateline(line)
}

func stripTokenizedDateline(line string) string {
	head := line[:min(len(line), 100)]
	for _, open := range []string{"( ", "-lrb- "} {
		i := strings.Index(head, open)
		if i < 0 || i > 60 {
			continue
		}
		rest := line[i+len(open):]
		for _, close := range []string{" )", " -rrb-"} {
			j := strings.Index(rest[:min(len(rest), 40)], close)
			if j <= 0 || j > 30 {
				continue
			}
			if isAgency(rest[:j]) && isTokenizedPlace(line[:i]) {
				out := strings.TrimSpace(rest[j+len(close):])
				out = strings.TrimPrefix(out, "-- ")
				out = strings.TrimPrefix(out, "- ")
				return strings.TrimSpace(out)
			}
		}
	}
	return line
}

var agencies = map[string]bool{
	"cnn": true, "reuters": true, "ap": true, "afp": true, "upi": true, "the associated press": true,
	"associated press": true, "cnnmoney": true, "cnn student news": true, "ew.com": true, "ew": true,
	"bloomberg": true, "mashable": true, "the hollywood reporter": true, "thr": true, "people.com": true,
	"si.com": true, "dpa": true, "ians": true, "pti": true, "xinhua": true, "cbs news": true, "cnbc": true,
	"bbc": true, "bbc news": true, "variety": true, "rolling stone": true, "wired": true,
}

func isAgency(s string) bool { return agencies[strings.ToLower(strings.TrimSpace(s))] }

// isCallSign accepts a broadcaster's call sign or an agency's initials
// in a dateline after a place: "HOUSTON, Texas (KTRK) --".
func isCallSign(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isUpper(s[i]) {
			return false
		}
	}
	return true
}

// isPlace accepts "WASHINGTON", "LONDON, England", "New York": a few words
// starting with a capital letter, the first in upper case or title case.
func isPlace(s string) bool {
	words := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		if w[0] < 'A' || w[0] > 'Z' {
			return false
		}
	}
	return true
}

func isUpperPlace(s string) bool {
	if !isPlace(s) {
		return false
	}
	letters := 0
	for i := 0; i < len(s); i++ {
		if isLower(s[i]) {
			return false
		}
		if isUpper(s[i]) {
			letters++
		}
	}
	return letters >= 3
}

// isUpperCity accepts "CLEVELAND, Ohio" and "SIOUX FALLS, S.D.": a city
// in capitals, a comma and a state or country in a few capitalised words.
func isUpperCity(s string) bool {
	city, region, ok := strings.Cut(s, ", ")
	return ok && isUpperPlace(city) && isPlace(region) && !strings.Contains(region, ",")
}

func isTokenizedPlace(s string) bool {
	words := strings.Fields(s)
	if len(words) > 6 {
		return false
	}
	for _, w := range words {
		if w != "," && !isLowerWord(w) {
			return false
		}
	}
	return true
}

func isLowerWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isLower(w[i]) && w[i] != '.' && w[i] != '-' {
			return false
		}
	}
	return true
}

func trimDash(s string) string {
	s = strings.TrimSpace(s)
	for _, d := range []string{"--", "—", "–", "-", ":"} {
		if strings.HasPrefix(s, d) {
			return strings.TrimSpace(s[len(d):])
		}
	}
	return s
}

// camelCaseNames are words written with an inner capital on purpose; the
// glued-word repair leaves them alone. Lower-cased.
var camelCaseNames = map[string]bool{
	"powerpoint": true, "javascript": true, "playstation": true, "softbank": true, "blackrock": true,
	"whatsapp": true, "fedex": true, "smackdown": true, "harpercollins": true, "glaxosmithkline": true,
	"macbook": true, "youtube": true, "facetime": true, "linkedin": true, "paypal": true, "airbnb": true,
	"mastercard": true, "jetblue": true, "biontech": true, "dreamworks": true, "pricewaterhousecoopers": true,
	"instagram": true, "wikileaks": true, "solarwinds": true, "openai": true, "deepmind": true, "tiktok": true,
	"bytedance": true, "coinbase": true, "doordash": true, "tripadvisor": true, "salesforce": true,
	"sportscenter": true, "nascar": true, "goldmansachs": true, "easyjet": true, "ryanair": true,
	"lastpass": true, "dropbox": true, "wordpress": true, "photoshop": true, "bluetooth": true,
	"mcdonald": true, "mcdonalds": true, "mcconnell": true, "mccain": true, "mccarthy": true,
	"desantis": true, "dicaprio": true, "lebron": true, "tripledoor": true, "playboy": true,
	"nextera": true, "autozone": true, "homeaway": true, "freshdirect": true, "sirius": true,
	"bankamerica": true, "smithkline": true, "supermicro": true, "spacex": true, "moveon": true,
	"eurozone": true, "firstenergy": true, "citigroup": true, "jpmorgan": true, "morganstanley": true,
}
