//go:build race

package devserver

// raceEnabled reports whether the race detector is on: it makes builds
// about ten times slower.
const raceEnabled = true
