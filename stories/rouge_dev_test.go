package stories

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	keypoints "github.com/keypoints-dev/keypoints"
	"github.com/keypoints-dev/keypoints/rouge"
)

// leadSents splits like ../shared/checks/lib/lead_each.py.
func leadSents(t string) []string {
	t = strings.ReplaceAll(t, "\n", " ")
	var out []string
	start := 0
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRuneInString(t[i:])
		if (r == ' ' || r == '\t') && i > 0 && strings.ContainsRune(".!?", rune(t[i-1])) {
			j := i
			for j < len(t) && (t[j] == ' ' || t[j] == '\t') {
				j++
			}
			if j < len(t) {
				nr, _ := utf8.DecodeRuneInString(t[j:])
				if nr >= 'A' && nr <= 'Z' || nr == '"' || nr == '“' || nr == '‘' {
					if s := t[start:i]; strings.TrimSpace(s) != "" {
						out = append(out, s)
					}
					start = j
					i = j
					continue
				}
			}
		}
		i += n
	}
	if s := t[start:]; strings.TrimSpace(s) != "" {
		out = append(out, s)
	}
	return out
}

func leadEach(r allSidesRecord) string {
	var out []string
	for _, a := range r.Articles {
		s := leadSents(a)
		switch {
		case len(s) > 1:
			out = append(out, s[1])
		case len(s) == 1:
			out = append(out, s[0])
		}
	}
	return strings.Join(out, "\n")
}

func storyArticles(r allSidesRecord) []Article {
	arts := make([]Article, len(r.Articles))
	for k, t := range r.Articles {
		arts[k] = Article{Text: t}
		if len(r.Titles) == len(r.Articles) {
			arts[k].Title = r.Titles[k]
		}
	}
	return arts
}

type rougeMeans struct{ r1, r2, rl float64 }

func scoreStories(t *testing.T, recs []allSidesRecord, sum func(allSidesRecord) string) (rougeMeans, []float64) {
	sc := rouge.NewScorer(rouge.Options{Stem: true})
	var m rougeMeans
	var per []float64
	for _, r := range recs {
		s := sc.Score(sum(r), []string{r.Summary})
		m.r1 += s.R1.F
		m.r2 += s.R2.F
		m.rl += s.RL.F
		per = append(per, s.R1.F)
	}
	n := float64(len(recs))
	m.r1, m.r2, m.rl = 100*m.r1/n, 100*m.r2/n, 100*m.rl/n
	return m, per
}

func TestROUGEDev(t *testing.T) {
	split := os.Getenv("KP_ROUGE")
	if split == "" {
		t.Skip()
	}
	recs := loadAllSides(t, split)
	eng, err := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerUnsupervised})
	if err != nil {
		t.Fatal(err)
	}
	lead, _ := scoreStories(t, recs, leadEach)
	t.Logf("lead-each: R1 %.2f R2 %.2f RL %.2f", lead.r1, lead.r2, lead.rl)
	sm := Summarizer{Engine: eng}
	if w := os.Getenv("KP_W"); w != "" {
		var words int
		fmt.Sscanf(w, "%g,%g,%g,%g,%d", &weights.support, &weights.position, &weights.title, &weights.short, &words)
		sm.Options.Words = words
	}
	ours, _ := scoreStories(t, recs, func(r allSidesRecord) string {
		st, err := sm.Summarize(context.Background(), storyArticles(r))
		if err != nil {
			t.Fatal(err)
		}
		return st.Summary
	})
	t.Logf("%+v words %d", weights, sm.Options.Words)
	t.Logf("stories:   R1 %.2f R2 %.2f RL %.2f", ours.r1, ours.r2, ours.rl)
}

func TestROUGETune(t *testing.T) {
	split := os.Getenv("KP_RTUNE")
	if split == "" {
		t.Skip()
	}
	recs := loadAllSides(t, split)
	eng, _ := keypoints.New(keypoints.Options{Scorer: keypoints.ScorerUnsupervised})
	sm := Summarizer{Engine: eng}
	matchT, _ := strconv.ParseFloat(os.Getenv("KP_MATCH"), 64)
	var bs []*builder
	for _, r := range recs {
		b, err := sm.build(context.Background(), storyArticles(r), Options{Match: matchT}.withDefaults())
		if err != nil {
			t.Fatal(err)
		}
		bs = append(bs, b)
	}
	lead, _ := scoreStories(t, recs, leadEach)
	t.Logf("lead-each: R1 %.2f R2 %.2f RL %.2f", lead.r1, lead.r2, lead.rl)
	type res struct {
		desc string
		m    rougeMeans
	}
	var all []res
	for _, sup := range []float64{0.25, 0.5, 1} {
		for _, pos := range []float64{0, 0.25, 0.5} {
			for _, ti := range []float64{1} {
				for _, sh := range []float64{0} {
					for _, words := range []int{70, 80, 90} {
						weights.support, weights.position, weights.title, weights.short = sup, pos, ti, sh
						opt := Options{Words: words, Match: matchT}.withDefaults()
						k := 0
						m, _ := scoreStories(t, recs, func(r allSidesRecord) string {
							b := bs[k]
							k++
							b.score()
							return b.story(opt).Summary
						})
						all = append(all, res{fmt.Sprintf("sup %.2f pos %.2f title %.2f short %.1f words %d", sup, pos, ti, sh, words), m})
					}
				}
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].m.r1 > all[j].m.r1 })
	for _, r := range all[:3] {
		t.Logf("%s: R1 %.2f R2 %.2f RL %.2f", r.desc, r.m.r1, r.m.r2, r.m.rl)
	}
}

// lexRank is the LexRank baseline (Erkan and Radev 2004, continuous
// variant with a 0.1 edge threshold) over all sentences of a story's
// articles, titles included as the texts carry them, top sentences
// within the same word budget as the key points, skipping near repeats.
func lexRank(eng Engine, texts []string, budget int) string {
	type s struct {
		text  string
		words int
		v     map[uint64]float64
	}
	var ss []s
	df := map[uint64]int{}
	for _, t := range texts {
		d, err := eng.Document(t)
		if err != nil {
			continue
		}
		for _, st := range d.Sentences {
			v := map[uint64]float64{}
			for _, tm := range contentTerms(d.Text, st.Tokens, nil) {
				v[tm.key]++
			}
			for k := range v {
				df[k]++
			}
			ss = append(ss, s{st.Text, len(st.Tokens), v})
		}
	}
	n := len(ss)
	vs := make([]vector, n) // in key order, so the sums are deterministic
	for i := range ss {
		keys := make([]uint64, 0, len(ss[i].v))
		for k := range ss[i].v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		norm := 0.0
		for _, k := range keys {
			w := ss[i].v[k] * math.Log(1+float64(n)/float64(df[k]))
			vs[i] = append(vs[i], weight{k, w})
			norm += w * w
		}
		for k := range vs[i] {
			vs[i][k].w /= math.Sqrt(norm)
		}
	}
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
		for j := range sim[i] {
			if c := cosine(vs[i], vs[j]); c >= 0.1 {
				sim[i][j] = c
			}
		}
	}
	p := make([]float64, n)
	for i := range p {
		p[i] = 1 / float64(n)
	}
	for range 50 {
		q := make([]float64, n)
		for j := range n {
			row := 0.0
			for k := range n {
				row += sim[j][k]
			}
			for i := range n {
				if row > 0 {
					q[i] += 0.85 * p[j] * sim[j][i] / row
				}
			}
		}
		for i := range q {
			q[i] += 0.15 / float64(n)
		}
		p = q
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p[order[a]] > p[order[b]] })
	var out []string
	var chosen []int
	words := 0
	for _, i := range order {
		if ss[i].words < 4 || len(chosen) > 0 && words+ss[i].words > budget {
			continue
		}
		dup := false
		for _, j := range chosen {
			if cosine(vs[i], vs[j]) >= 0.5 {
				dup = true
			}
		}
		if dup {
			continue
		}
		chosen = append(chosen, i)
		words += ss[i].words
		out = append(out, ss[i].text)
	}
	return strings.Join(out, "\n")
}

// TestWriteLexRank writes the LexRank baseline's summaries of a split
// for keypoints eval: KP_LEXRANK=val go test -run TestWriteLexRank -flat /tmp
func TestWriteLexRank(t *testing.T) {
	split := os.Getenv("KP_LEXRANK")
	if split == "" || *flatDir == "" {
		t.Skip("set KP_LEXRANK=split and -flat DIR")
	}
	eng := testEngine(t)
	f, err := os.Create(filepath.Join(*flatDir, "lexrank_"+split+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for _, r := range loadAllSides(t, split) {
		if err := enc.Encode(map[string]string{"id": r.ID, "summary": lexRank(eng, r.Articles, DefaultWords)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
