package evaluate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/keypoints-dev/keypoints/internal/jsonl"
)

// Reference is one reference record: the article's id, its reference
// summaries (each a text whose sentences are separated by "\n") and,
// when the file has it, the article itself.
type Reference struct {
	ID         string
	References []string
	Article    string
}

// Prediction is one system output: the article's id and the summary, its
// sentences separated by "\n".
type Prediction struct {
	ID      string
	Summary string
}

// Open opens a JSONL file for ReadReferences or ReadPredictions. A
// gzip-compressed file is recognized by its magic bytes and decompressed,
// so a ".gz" name is neither needed nor trusted. The name "-" is standard
// input, which Close leaves open.
func Open(path string) (io.ReadCloser, error) {
	return jsonl.Open(path, os.Stdin)
}

// ReadReferences reads reference records, one JSON object a line, plain
// or gzip-compressed (detected by its magic bytes): "id" and either "references" (a list of summaries)
// or "summary" (one summary, sentences separated by "\n"), plus an
// optional "article". When both are given, "references" wins. Blank lines
// are skipped; any other line that is not such a record is an error
// naming its line number.
func ReadReferences(r io.Reader) ([]Reference, error) {
	var out []Reference
	err := readJSONL(r, func(line int, b []byte) error {
		var rec struct {
			ID         json.RawMessage `json:"id"`
			Summary    *string         `json:"summary"`
			References []string        `json:"references"`
			Article    string          `json:"article"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			return err
		}
		id, err := parseID(rec.ID)
		if err != nil {
			return err
		}
		ref := Reference{ID: id, Article: rec.Article, References: rec.References}
		switch {
		case len(rec.References) > 0:
		case rec.Summary != nil:
			ref.References = []string{*rec.Summary}
		default:
			return errors.New(`no "references" or "summary"`)
		}
		out = append(out, ref)
		return nil
	})
	return out, err
}

// ReadPredictions reads system outputs, one JSON object a line, plain or
// gzip-compressed: "id" and "summary" (sentences separated by "\n"), or,
// when "summary" is absent, "keypoints" (a list of objects whose "text"
// fields are the summary's sentences), as the keypoints batch command
// writes them. A record with neither has an empty summary.
func ReadPredictions(r io.Reader) ([]Prediction, error) {
	var out []Prediction
	err := readJSONL(r, func(line int, b []byte) error {
		var rec struct {
			ID        json.RawMessage `json:"id"`
			Summary   *string         `json:"summary"`
			KeyPoints []struct {
				Text string `json:"text"`
			} `json:"keypoints"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			return err
		}
		id, err := parseID(rec.ID)
		if err != nil {
			return err
		}
		p := Prediction{ID: id}
		if rec.Summary != nil {
			p.Summary = *rec.Summary
		} else {
			texts := make([]string, len(rec.KeyPoints))
			for i, k := range rec.KeyPoints {
				texts[i] = k.Text
			}
			p.Summary = strings.Join(texts, "\n")
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// parseID accepts a string or a number as an id, so that files written by
// tools that number their records still match.
func parseID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", errors.New(`no "id"`)
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return s, nil
	}
	if _, err := strconv.ParseFloat(string(raw), 64); err != nil {
		return "", fmt.Errorf(`"id" is neither a string nor a number: %s`, raw)
	}
	return string(raw), nil
}

// readJSONL calls fn for each non-blank line of r (gunzipped if need
// be), with no limit on line length: articles can be long.
func readJSONL(r io.Reader, fn func(line int, b []byte) error) error {
	r, _, err := jsonl.NewReader(r)
	if err != nil {
		return err
	}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 1<<16)
	}
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(b)) > 0 {
			if ferr := fn(line, b); ferr != nil {
				return fmt.Errorf("line %d: %w", line, ferr)
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
}
