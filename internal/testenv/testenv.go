// Package testenv is what the project's tests share about their
// environment: the external programs some tests need (Debian's chromium,
// hugo, nginx, and node, and the versitygw S3 server), a headless Chromium
// started with the project's flags, and an S3 server on loopback.
//
// A test that needs a missing program is skipped with a loud message, so
// that plain `go test ./...` works anywhere; under CI=true (as .ci/run sets)
// it fails instead, so CI can never pass by skipping.
package testenv

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian's chromium package installs the browser.
const ChromiumPath = "/usr/bin/chromium"

// CI reports whether the tests run in CI (CI=true), where every external
// program is required.
func CI() bool { return os.Getenv("CI") == "true" }

// Require returns the path of program name — the file path if it is not
// empty, else name looked up in PATH — or skips the test loudly (fails it
// under CI=true) when it is missing. hint says how to install it.
func Require(t testing.TB, name, path, hint string) string {
	t.Helper()
	var err error
	if path != "" {
		_, err = os.Stat(path)
	} else {
		path, err = exec.LookPath(name)
	}
	if err == nil {
		return path
	}
	msg := fmt.Sprintf("%s not found (%v); %s", name, err, hint)
	if CI() {
		t.Fatalf("%s — CI=true requires it", msg)
	}
	t.Skipf("SKIPPED (loud): %s; this test did NOT run", msg)
	return ""
}

// Chromium returns the browser's path, or skips or fails as Require does.
func Chromium(t testing.TB) string {
	t.Helper()
	return Require(t, "chromium", ChromiumPath, "install Debian's chromium (make deps)")
}

// Flags are the allocator options every browser test starts Chromium with:
// headless, no sandbox (tests run as root), no GPU, and no background
// networking (the machines have no internet). userDataDir holds the
// profile and, through TMPDIR, Chromium's own temporary files: a test ends
// the browser by killing it, which would leave its org.chromium.Chromium.*
// directory in the system's temporary directory. Removing userDataDir
// removes everything. It must be a short path (Chromium's socket in it
// must fit a Unix socket address): use ProfileDir.
func Flags(userDataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.Env("TMPDIR=" + userDataDir),
		chromedp.ExecPath(ChromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(userDataDir),
	}
}

// ProfileDir returns a new directory for one browser's profile and
// temporary files, with a short path (t.TempDir's, which names the test,
// can be too long), and removes it when the test ends, after the cleanups
// registered later, such as stopping the browser.
func ProfileDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Errorf("removing the browser's profile: %v", err)
		}
	})
	return dir
}

// Browser starts headless Chromium for one test, with a fresh profile, and
// returns a tab's context that ends after timeout or with the test.
// Nothing of the browser's is left on disk after the test.
func Browser(t testing.TB, timeout time.Duration, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	Chromium(t)
	profile := ProfileDir(t)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(Flags(profile), extra...)...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	return ctx
}

// WaitJS polls a JavaScript expression until it is true, across page
// loads (an evaluation cut short by a navigation is retried), for at most
// timeout.
func WaitJS(expr string, timeout time.Duration) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		deadline := time.Now().Add(timeout)
		var last error
		for time.Now().Before(deadline) {
			ok, err := chromedp.Evaluate[bool](expr)(ctx, t)
			if err == nil && ok {
				return nil
			}
			last = err
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(25 * time.Millisecond):
			}
		}
		return fmt.Errorf("waiting for %s: timed out after %v (last error %v)", expr, timeout, last)
	})
}
