package search

import (
	"os"
	"os/exec"
	"testing"
)

// requireProgram returns the path of a program, skipping the test loudly
// when it is absent, or failing it when CI=true.
func requireProgram(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI=true: %v", name, err)
		}
		t.Skipf("SKIPPED: %s not found (%v); install it to run this test", name, err)
	}
	return p
}

// TestNode runs the JavaScript tests of search.js: the shared tokenizer
// vectors and the ranking vectors over the committed fixture.
func TestNode(t *testing.T) {
	node := requireProgram(t, "node")
	out, err := exec.Command(node, "--test", "js_test.mjs").CombinedOutput()
	if err != nil {
		t.Fatalf("node --test js_test.mjs: %v\n%s", err, out)
	}
}
