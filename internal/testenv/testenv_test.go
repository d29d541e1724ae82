package testenv

import (
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserLeavesNothing runs a browser test with its own temporary
// directory and checks that nothing of Chromium's is left in it after the
// test: no profile and no org.chromium.Chromium.* directory.
func TestBrowserLeavesNothing(t *testing.T) {
	Chromium(t)
	tmp, err := os.MkdirTemp("", "testenv-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	t.Setenv("TMPDIR", tmp) // os.TempDir, t.TempDir and Chromium's default
	t.Run("browser", func(t *testing.T) {
		ctx := Browser(t, time.Minute)
		if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatalf("starting chromium: %v", err)
		}
	})
	entries, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left behind in the temporary directory: %s", e.Name())
	}
}
