//go:build unix

package content

import (
	"syscall"
	"time"
)

// cpuTime returns the user and system CPU time this process has used,
// so that benchmarks can report CPU per operation, which unlike wall
// time does not depend on how busy the machine is.
func cpuTime() (user, sys time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}
