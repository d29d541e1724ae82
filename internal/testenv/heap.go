package testenv

import "runtime"

// HeapInuse returns the heap in use after two collections, for tests that
// check memory stays flat.
func HeapInuse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
