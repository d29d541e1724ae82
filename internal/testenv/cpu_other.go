//go:build !unix

package testenv

import "time"

// CPUTime reports that the CPU time is unknown where getrusage(2) is
// missing.
func CPUTime() (user, sys time.Duration, ok bool) { return 0, 0, false }
