package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for the keypoints command: with
// KEYPOINTS_TEST_CLI=1 it runs the command line and exits, so tests can
// send it real signals.
func TestMain(m *testing.M) {
	if os.Getenv("KEYPOINTS_TEST_CLI") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// TestBatchSIGTERMResume stops a batch run with SIGTERM while it waits for
// input, checks that it stops promptly with only whole lines written,
// resumes it on the whole input, and compares the result with an
// uninterrupted run: no record lost, none repeated, same order.
func TestBatchSIGTERMResume(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	var b strings.Builder
	const n = 4000
	for i := 0; i < n; i++ {
		switch i % 97 {
		case 13:
			b.WriteString("{broken json\n") // an error record without an id
		default:
			fmt.Fprintf(&b, `{"id":"a%d","text":"The council voted %d to 2 on Monday to close the old bridge. Engineers found cracks in %d of its beams. Repairs will take a year and cost $%d million, officials said."}`+"\n", i, i%9, i%7+2, i%50+1)
		}
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cli := func(args ...string) *exec.Cmd {
		c := exec.Command(self, args...)
		c.Env = append(os.Environ(), "KEYPOINTS_TEST_CLI=1", "GOMAXPROCS=1")
		return c
	}

	want := filepath.Join(dir, "want.jsonl")
	if out, err := cli("batch", "-in", in, "-out", want, "-workers", "2").CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}

	// The first run reads from a pipe that delivers the first half of the
	// input and then stays open and silent, as a feed does: SIGTERM must
	// stop it promptly, with only whole lines written.
	fifo := filepath.Join(dir, "feed")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	got := filepath.Join(dir, "got.jsonl")
	c := cli("batch", "-in", fifo, "-out", got, "-workers", "2")
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	feed, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer feed.Close()
	lines := strings.SplitAfter(b.String(), "\n")
	half := lines[:n/2]
	if _, err := feed.WriteString(strings.Join(half, "")); err != nil {
		t.Fatal(err)
	}
	// Wait until some answers are out, then stop it while it waits for more.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if fi, err := os.Stat(got); err == nil && fi.Size() > 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	c.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		c.Process.Kill()
		t.Fatalf("batch did not stop within 10 s of SIGTERM while its input was silent")
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 130 {
		t.Errorf("interrupted run: %v, want exit status 130; stderr:\n%s", err, stderr.String())
	}
	partial, _ := os.ReadFile(got)
	if len(partial) == 0 || partial[len(partial)-1] != '\n' {
		t.Fatalf("after SIGTERM the output is empty or ends in a partial line (%d bytes)", len(partial))
	}
	t.Logf("SIGTERM after %d of %d lines", bytes.Count(partial, []byte("\n")), n)

	if out, err := cli("batch", "-in", in, "-out", got, "-workers", "2", "-resume").CombinedOutput(); err != nil {
		t.Fatalf("resumed run: %v\n%s", err, out)
	}
	wantB, _ := os.ReadFile(want)
	gotB, _ := os.ReadFile(got)
	if !bytes.Equal(gotB, wantB) {
		wl, gl := strings.Split(string(wantB), "\n"), strings.Split(string(gotB), "\n")
		t.Fatalf("interrupted+resumed output differs from an uninterrupted run: %d vs %d lines", len(gl), len(wl))
	}
}
