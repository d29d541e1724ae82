//go:build race

package generator

// raceEnabled reports whether the race detector is on: it makes builds
// about ten times slower.
const raceEnabled = true
