package measure

import (
	"syscall"
	"time"
)

// rusageThread is Linux's RUSAGE_THREAD, which package syscall does not
// name.
const rusageThread = 1

// threadCPU returns the CPU time (user and system) the calling OS thread
// has used, for timing work on a machine that other jobs share: unlike
// wall time it does not grow while the thread waits for a core. The
// caller must hold its thread with runtime.LockOSThread.
func threadCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
