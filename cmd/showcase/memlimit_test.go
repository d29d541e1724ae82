package main

import (
	"runtime/debug"
	"testing"
)

// TestLimitMemory: a build runs under buildMemoryLimit and
// buildGCPercent unless GOMEMLIMIT and GOGC set their own, and the
// settings before are restored after it.
func TestLimitMemory(t *testing.T) {
	percent := func() int {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p
	}
	before, beforePercent := debug.SetMemoryLimit(-1), percent()
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	stop := limitMemory()
	if got := debug.SetMemoryLimit(-1); got != buildMemoryLimit {
		t.Errorf("limit during a build: %d, want %d", got, buildMemoryLimit)
	}
	if got := percent(); got != buildGCPercent {
		t.Errorf("GC percent during a build: %d, want %d", got, buildGCPercent)
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after a build: %d, want %d", got, before)
	}
	if got := percent(); got != beforePercent {
		t.Errorf("GC percent after a build: %d, want %d", got, beforePercent)
	}
	t.Setenv("GOMEMLIMIT", "3GiB")
	t.Setenv("GOGC", "100")
	stop = limitMemory()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit with GOMEMLIMIT set: %d, want %d (the runtime's)", got, before)
	}
	if got := percent(); got != beforePercent {
		t.Errorf("GC percent with GOGC set: %d, want %d (the runtime's)", got, beforePercent)
	}
	stop()
}

// TestRaiseLimit: the limit stays at least 1.5 times the live heap.
func TestRaiseLimit(t *testing.T) {
	for _, c := range []struct{ limit, live, want uint64 }{
		{1800 << 20, 0, 1800 << 20},
		{1800 << 20, 1000 << 20, 1800 << 20},
		{1800 << 20, 1200 << 20, 1800 << 20},
		{1800 << 20, 1300 << 20, 1950 << 20},
		{4 << 30, 3 << 30, 4608 << 20},
	} {
		if got := raiseLimit(c.limit, c.live); got != c.want {
			t.Errorf("raiseLimit(%d MiB, live %d MiB) = %d MiB, want %d MiB", c.limit>>20, c.live>>20, got>>20, c.want>>20)
		}
	}
}
