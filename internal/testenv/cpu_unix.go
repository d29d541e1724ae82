//go:build unix

package testenv

import (
	"syscall"
	"time"
)

// CPUTime returns the user and system CPU time this process has used,
// and whether it is known (getrusage(2)).
func CPUTime() (user, sys time.Duration, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0, false
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano()), true
}
