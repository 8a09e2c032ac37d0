package rouge

import "github.com/keypoints-dev/keypoints/internal/porter"

// Vocab turns text into ROUGE-1.5.5 tokens, each an int32 id, so that the
// scoring loops compare integers instead of strings. Equal tokens (after
// stemming, when stemming is on) get equal ids.
//
// Tokenization is ROUGE-1.5.5's: ASCII letters are lowercased and every
// byte that is not a-z or 0-9 separates tokens. Hyphens, apostrophes,
// punctuation and all non-ASCII bytes therefore split words ("half-a-
// second" is three tokens, "café" is "caf"), and no token is ever empty.
// With stemming, a token is replaced by Stem(token).
//
// A Vocab remembers every distinct token it has seen, as a cache of stems
// and ids, and so grows with the corpus vocabulary. It is not safe for
// concurrent use.
type Vocab struct {
	stem bool
	// ids maps a lowercased surface token to its id; with stemming it
	// caches the stem lookup, so each surface form is stemmed once.
	ids map[string]int32
	// stems maps a stem to its id, so that different surface forms with
	// the same stem share the id. Unused without stemming.
	stems map[string]int32
	n     int32
	buf   []byte
	sbuf  []byte
}

// NewVocab returns an empty vocabulary tokenizing as opt says.
func NewVocab(opt Options) *Vocab {
	v := &Vocab{stem: opt.Stem, ids: make(map[string]int32)}
	if opt.Stem {
		v.stems = make(map[string]int32)
	}
	return v
}

// Len returns the number of distinct ids handed out so far; every id is
// in [0, Len()).
func (v *Vocab) Len() int { return int(v.n) }

// AppendTokens appends the ids of text's tokens to dst and returns the
// extended slice. Newlines are treated like any other separator; use
// AppendSentences to keep sentence boundaries.
func (v *Vocab) AppendTokens(dst []int32, text string) []int32 {
	buf := v.buf[:0]
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			buf = append(buf, c)
			continue
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+('a'-'A'))
			continue
		}
		if len(buf) > 0 {
			dst = append(dst, v.id(buf))
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		dst = append(dst, v.id(buf))
	}
	v.buf = buf
	return dst
}

// AppendSentences tokenizes text as "\n"-separated sentences: it appends
// the tokens to toks and, for each sentence, the index in toks where it
// ends to ends. Sentence i is toks[ends[i-1]:ends[i]] (from the length of
// toks on entry for i = 0). Sentences without tokens are kept (empty).
func (v *Vocab) AppendSentences(toks []int32, ends []int, text string) ([]int32, []int) {
	for {
		line := text
		rest := ""
		for i := 0; i < len(text); i++ {
			if text[i] == '\n' {
				line, rest = text[:i], text[i+1:]
				break
			}
		}
		toks = v.AppendTokens(toks, line)
		ends = append(ends, len(toks))
		if len(line) == len(text) {
			return toks, ends
		}
		text = rest
	}
}

// id returns the id of the lowercased token w, assigning one if new.
func (v *Vocab) id(w []byte) int32 {
	if id, ok := v.ids[string(w)]; ok {
		return id
	}
	key := string(w)
	if !v.stem || len(w) <= 3 {
		// ROUGE-1.5.5 leaves tokens of three bytes or fewer unstemmed.
		id := v.lookupStem(key)
		v.ids[key] = id
		return id
	}
	v.sbuf = appendStem(v.sbuf[:0], key)
	id := v.lookupStemBytes(v.sbuf)
	v.ids[key] = id
	return id
}

// Stem returns the form ROUGE-1.5.5's -m gives the lowercased token w (a
// run of a-z and 0-9, as Vocab splits text): w itself when it has three
// bytes or fewer, else its WordNet exception form when it has one, else
// the stem of the script's Porter copy (porter.StemROUGE).
func Stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	return string(appendStem(make([]byte, 0, len(w)), w))
}

// appendStem appends Stem(w) to dst, for w longer than three bytes.
func appendStem(dst []byte, w string) []byte {
	if e, ok := exception(w); ok {
		return append(dst, e...)
	}
	return porter.AppendStemROUGE(dst, w)
}

// lookupStem returns the id of the (final) token form s.
func (v *Vocab) lookupStem(s string) int32 {
	if !v.stem {
		id := v.n
		v.n++
		return id
	}
	if id, ok := v.stems[s]; ok {
		return id
	}
	id := v.n
	v.n++
	v.stems[s] = id
	return id
}

func (v *Vocab) lookupStemBytes(b []byte) int32 {
	if id, ok := v.stems[string(b)]; ok {
		return id
	}
	return v.lookupStem(string(b))
}
