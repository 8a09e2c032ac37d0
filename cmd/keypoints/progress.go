package main

import (
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress wraps a progress bar over input bytes (records/s and ETA).
type progress struct {
	bar  *progressbar.ProgressBar
	last int64
}

// newProgress returns nil unless a bar is wanted: mode "on", or "auto"
// with w a terminal.
func newProgress(w io.Writer, mode string, size int64) *progress {
	switch mode {
	case "off":
		return nil
	case "auto":
		f, ok := w.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return nil
		}
	}
	bar := progressbar.NewOptions64(size,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("keypoints batch"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("records"),
		progressbar.OptionShowIts(),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar}
}

func (p *progress) update(records int, bytesRead int64) {
	if bytesRead > p.last {
		p.bar.Add64(bytesRead - p.last)
		p.last = bytesRead
	}
}

func (p *progress) finish() { p.bar.Finish() }
