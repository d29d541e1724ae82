//go:build !unix

package content

import "time"

// cpuTime reports no CPU time where getrusage(2) is missing; benchmarks
// then report no CPU metrics.
func cpuTime() (user, sys time.Duration) { return 0, 0 }
