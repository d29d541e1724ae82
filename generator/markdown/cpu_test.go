package markdown

import "testing"

// reportCPU returns a function that, called after the benchmark loop,
// reports the user and system CPU time per operation since reportCPU was
// called ("user-ns/op", "sys-ns/op"). On a busy machine these vary far
// less than ns/op.
func reportCPU(b *testing.B) func() {
	u0, s0 := cpuTime()
	return func() {
		u1, s1 := cpuTime()
		if u1 == 0 && s1 == 0 || b.N == 0 {
			return
		}
		b.ReportMetric(float64(u1-u0)/float64(b.N), "user-ns/op")
		b.ReportMetric(float64(s1-s0)/float64(b.N), "sys-ns/op")
	}
}
