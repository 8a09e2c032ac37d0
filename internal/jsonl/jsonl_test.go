package jsonl

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpen(t *testing.T) {
	const text = "{\"id\":\"a\"}\n{\"id\":\"b\"}\n"
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.jsonl.gz") // a misleading name on purpose
	if err := os.WriteFile(plain, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write([]byte(text))
	zw.Close()
	packed := filepath.Join(dir, "packed.jsonl")
	if err := os.WriteFile(packed, zb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path string
		stdin      io.Reader
		gz         bool
		size       int64
	}{
		{"plain file", plain, nil, false, int64(len(text))},
		{"gzip file", packed, nil, true, int64(zb.Len())},
		{"plain stdin", "-", strings.NewReader(text), false, -1},
		{"gzip stdin", "-", bytes.NewReader(zb.Bytes()), true, -1},
		{"empty stdin", "-", strings.NewReader(""), false, -1},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := Open(c.path, c.stdin)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			b, err := io.ReadAll(f)
			if err != nil {
				t.Fatal(err)
			}
			want := text
			if c.name == "empty stdin" {
				want = ""
			}
			if string(b) != want || f.Gzip != c.gz || f.Size != c.size {
				t.Errorf("read %q gzip %v size %d, want %q %v %d", b, f.Gzip, f.Size, want, c.gz, c.size)
			}
		})
	}
	if _, err := Open(filepath.Join(dir, "missing"), nil); err == nil {
		t.Error("opening a missing file succeeded")
	}
	broken := filepath.Join(dir, "broken")
	os.WriteFile(broken, []byte{0x1f, 0x8b, 0, 0}, 0o644)
	if _, err := Open(broken, nil); err == nil {
		t.Error("a truncated gzip header was accepted")
	}
}

func TestReadAll(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	os.WriteFile(good, []byte("{\"id\":\"a\",\"n\":1}\n\n{\"id\":\"b\",\"n\":2}\n"), 0o644)
	type rec struct {
		ID string
		N  int
	}
	got, err := ReadAll[rec](good)
	if err != nil || len(got) != 2 || got[1] != (rec{"b", 2}) {
		t.Errorf("ReadAll = %v, %v", got, err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte("{\"id\":\"a\"}\n{\"id\":\n"), 0o644)
	if _, err := ReadAll[rec](bad); err == nil || !strings.Contains(err.Error(), "record 2") {
		t.Errorf("ReadAll of a broken second record: %v, want an error naming record 2", err)
	}
}
