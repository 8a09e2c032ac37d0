package rouge

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tokensFile lists, for every alphabetic word of more than three letters
// in the shared data sets, the form ROUGE-1.5.5's -m gave it: "word\tform".
const tokensFile = "../../shared/rouge/rouge155_m_tokens.tsv.gz"

// TestStemMatchesROUGE155 checks Stem against the script's own form for
// each word of tokensFile.
func TestStemMatchesROUGE155(t *testing.T) {
	f, err := os.Open(filepath.FromSlash(tokensFile))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("ROUGE-1.5.5 token forms not found at %s (the shared reference data sits beside the repository as ../shared); skipping", tokensFile)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	v := NewVocab(Options{Stem: true})
	ids := map[string]int32{}
	forms := map[int32]string{}
	n, bad, fromExc := 0, 0, 0
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		word, want, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			t.Fatalf("line %d: no tab: %q", n+1, sc.Text())
		}
		n++
		got := Stem(word)
		if got != want {
			bad++
			if bad <= 20 {
				t.Errorf("Stem(%q) = %q, ROUGE-1.5.5 gives %q", word, got, want)
			}
		}
		if _, ok := exception(word); ok {
			fromExc++
		}
		// Vocab must agree: words the script stems alike share an id.
		id := v.AppendTokens(nil, word)
		if len(id) != 1 {
			t.Fatalf("%q is %d tokens", word, len(id))
		}
		if prev, seen := ids[want]; !seen {
			ids[want] = id[0]
		} else if prev != id[0] {
			t.Errorf("Vocab gives %q an id other than that of another word with form %q", word, want)
		}
		if prev, seen := forms[id[0]]; !seen {
			forms[id[0]] = want
		} else if prev != want {
			t.Errorf("Vocab gives %q (form %q) the id of form %q", word, want, prev)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no words")
	}
	if bad > 0 {
		t.Errorf("%d of %d words stemmed otherwise than by ROUGE-1.5.5", bad, n)
	}
	t.Logf("%d/%d words as ROUGE-1.5.5 -m forms them (%d through the WordNet exception table)", n-bad, n, fromExc)
}

func TestStem(t *testing.T) {
	tests := []struct{ token, want string }{
		{"the", "the"}, {"ran", "ran"}, // three bytes or fewer: as they are
		{"said", "say"}, {"were", "be"}, {"children", "child"}, // WordNet exceptions
		{"agreement", "agreem"}, {"governmental", "govern"}, // the script's Porter copy
		{"running", "run"}, {"2020s", "2020"},
	}
	for _, tt := range tests {
		if got := Stem(tt.token); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.token, got, tt.want)
		}
	}
}
