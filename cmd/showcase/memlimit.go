package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// buildMemoryLimit is the soft limit (runtime/debug.SetMemoryLimit) of a
// build's memory, unless GOMEMLIMIT sets one.
//
// By default (GOGC=100) the collector lets the heap grow to twice what
// its last cycle found live, and a cycle that runs while pages render
// finds much of their garbage still live: a build of 100,000 stories,
// with about 1 GB live, reached a 2.3 GB heap and a 2.9 GB peak RSS. Under
// the limit the collector runs earlier only when the heap nears it: at
// 100,000 stories a 1.87 GB peak for about a third more CPU; a site of
// 10,000 never nears it. GOMEMLIMIT=off trades the memory back.
const buildMemoryLimit = 1800 << 20

// buildGCPercent is the collector's target (runtime/debug.SetGCPercent)
// during a build, unless GOGC sets one: a heap may grow 150% over what
// the last cycle found live, not 100%. A build holds little of the site's
// text in memory, and that text is what the collector never scans, so
// with the default it ran more cycles for as much work each: at 10,000
// stories 54 cycles, 3.3 CPU-s, against 36 and 2.3 s now, for a peak of
// about 430 MB instead of 350 MB. buildMemoryLimit bounds a large site.
const buildGCPercent = 150

// limitWatch is how often limitMemory looks at the live heap.
const limitWatch = 20 * time.Millisecond

// limitMemory sets buildGCPercent, unless GOGC is set, and
// buildMemoryLimit, unless GOMEMLIMIT is set, keeping the limit at least
// 1.5 times the live heap: a site whose live heap nears the limit never
// makes the collector run without pause (it then collects as with
// GOGC=50). stop ends the watch and restores both.
func limitMemory() (stop func()) {
	var undo []func()
	if os.Getenv("GOGC") == "" {
		prev := debug.SetGCPercent(buildGCPercent)
		undo = append(undo, func() { debug.SetGCPercent(prev) })
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		prev := debug.SetMemoryLimit(buildMemoryLimit)
		done, finished := make(chan struct{}), make(chan struct{})
		go watchLimit(done, finished)
		undo = append(undo, func() {
			close(done)
			<-finished
			debug.SetMemoryLimit(prev)
		})
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}

// watchLimit raises the memory limit (raiseLimit) as the live heap grows,
// until done is closed; then it closes finished.
func watchLimit(done <-chan struct{}, finished chan<- struct{}) {
	defer close(finished)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	limit := uint64(buildMemoryLimit)
	t := time.NewTicker(limitWatch)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if next := raiseLimit(limit, sample[0].Value.Uint64()); next != limit {
			limit = next
			debug.SetMemoryLimit(int64(limit))
		}
	}
}

// raiseLimit returns the limit for a live heap of live bytes: limit, or
// 1.5 times live when that is more.
func raiseLimit(limit, live uint64) uint64 {
	return max(limit, live/2*3)
}
