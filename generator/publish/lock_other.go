//go:build !(linux || darwin || dragonfly || freebsd || netbsd || openbsd)

package publish

// lockDir does nothing on systems without flock(2): two builds into one
// parent directory at once are not detected there.
func lockDir(dir string) (unlock func(), err error) { return func() {}, nil }

// syncDir does nothing where directories cannot be synced.
func syncDir(dir string) error { return nil }
