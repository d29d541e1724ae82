package testenv

import "testing"

// ReportCPU returns a function that, called after a benchmark's loop,
// reports the user and system CPU time per operation since ReportCPU was
// called ("user-ns/op", "sys-ns/op"). On a busy machine these vary far
// less than ns/op. Where the CPU time is unknown it reports nothing.
func ReportCPU(b *testing.B) func() {
	u0, s0, _ := CPUTime()
	return func() {
		u1, s1, ok := CPUTime()
		if !ok || b.N == 0 {
			return
		}
		b.ReportMetric(float64(u1-u0)/float64(b.N), "user-ns/op")
		b.ReportMetric(float64(s1-s0)/float64(b.N), "sys-ns/op")
	}
}
