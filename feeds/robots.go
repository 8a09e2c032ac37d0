package feeds

import (
	"bufio"
	"bytes"
	"strings"
)

// Robots is a parsed robots.txt (RFC 9309): groups of rules, each for
// the user agents it names.
type Robots struct {
	groups []robotsGroup
}

type robotsGroup struct {
	agents []string // lower-case product tokens; "*" for all
	rules  []robotsRule
}

type robotsRule struct {
	allow   bool
	pattern string
}

// ParseRobots reads a robots.txt body. Lines it does not understand are
// ignored, as the RFC asks.
func ParseRobots(b []byte) *Robots {
	r := &Robots{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	var cur *robotsGroup
	lastWasAgent := false
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		switch k {
		case "user-agent":
			if cur == nil || !lastWasAgent {
				r.groups = append(r.groups, robotsGroup{})
				cur = &r.groups[len(r.groups)-1]
			}
			cur.agents = append(cur.agents, strings.ToLower(v))
			lastWasAgent = true
		case "allow", "disallow":
			lastWasAgent = false
			if cur == nil || v == "" && k == "disallow" {
				continue // "Disallow:" with no path allows all
			}
			cur.rules = append(cur.rules, robotsRule{allow: k == "allow", pattern: v})
		default:
			lastWasAgent = false
		}
	}
	return r
}

// Allowed reports whether userAgent may fetch path: the rules of the
// groups naming the agent's product token (or "*" when none does) apply,
// the longest matching pattern wins and Allow wins a tie.
func (r *Robots) Allowed(userAgent, path string) bool {
	if r == nil {
		return true
	}
	if path == "" {
		path = "/"
	}
	token := strings.ToLower(userAgent)
	if i := strings.IndexAny(token, "/ "); i >= 0 {
		token = token[:i]
	}
	var rules []robotsRule
	for _, g := range r.groups {
		for _, a := range g.agents {
			if a == token {
				rules = append(rules, g.rules...)
				break
			}
		}
	}
	if rules == nil {
		for _, g := range r.groups {
			for _, a := range g.agents {
				if a == "*" {
					rules = append(rules, g.rules...)
					break
				}
			}
		}
	}
	best, allow := -1, true
	for _, ru := range rules {
		if !robotsMatch(ru.pattern, path) {
			continue
		}
		n := len(ru.pattern)
		if n > best || n == best && ru.allow {
			best, allow = n, ru.allow
		}
	}
	return allow
}

// robotsMatch matches a robots.txt path pattern: "*" is any run of
// characters and a final "$" anchors the end.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	pattern = strings.TrimSuffix(pattern, "$")
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	for i, p := range parts[1:] {
		if i == len(parts)-2 && anchored {
			return strings.HasSuffix(rest, p)
		}
		j := strings.Index(rest, p)
		if j < 0 {
			return false
		}
		rest = rest[j+len(p):]
	}
	return !anchored || rest == "" || len(parts) > 1 && parts[len(parts)-1] == ""
}
