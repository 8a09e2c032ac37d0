// Package jsonl opens JSON-lines input the one way every keypoints command
// and tool reads it: a path or "-" for standard input, plain or
// gzip-compressed. Compression is recognised by the gzip magic bytes, so a
// ".gz" name is neither needed nor trusted.
package jsonl

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// File is an opened input.
type File struct {
	io.Reader
	// Gzip reports compressed input.
	Gzip bool
	// Size is the file's size in bytes (of the compressed data when Gzip),
	// or -1 for standard input and other non-regular files.
	Size  int64
	close []func() error
}

// Close closes the decompressor and the file; standard input stays open.
func (f *File) Close() error {
	var err error
	for _, c := range f.close {
		if e := c(); err == nil {
			err = e
		}
	}
	return err
}

// Open opens path, or stdin when path is "-".
func Open(path string, stdin io.Reader) (*File, error) {
	f := &File{Size: -1}
	src := stdin
	if path != "-" {
		fh, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		if fi, err := fh.Stat(); err == nil && fi.Mode().IsRegular() {
			f.Size = fi.Size()
		}
		f.close = append(f.close, fh.Close)
		src = fh
	}
	r, gz, err := NewReader(src)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f.Reader, f.Gzip = r, gz
	if c, ok := r.(io.Closer); ok {
		f.close = append([]func() error{c.Close}, f.close...)
	}
	return f, nil
}

// NewReader returns a buffered reader over r, decompressing when r starts
// with the gzip magic bytes (reported by gz).
func NewReader(r io.Reader) (_ io.Reader, gz bool, _ error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, false, err
	}
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		return zr, true, err
	}
	return br, false, nil
}

// ReadAll decodes every record of the JSONL file at path (plain or
// gzip-compressed) into a T. An error names the record that failed.
func ReadAll[T any](path string) ([]T, error) {
	f, err := Open(path, os.Stdin)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	var out []T
	for {
		var rec T
		if err := dec.Decode(&rec); err == io.EOF {
			return out, nil
		} else if err != nil {
			return nil, fmt.Errorf("%s: record %d: %w", path, len(out)+1, err)
		}
		out = append(out, rec)
	}
}
