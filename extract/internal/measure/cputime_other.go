//go:build !linux

package measure

import "time"

// threadCPU is not available here; Timing.CPU stays zero.
func threadCPU() (time.Duration, bool) { return 0, false }
