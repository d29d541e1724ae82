package search

import (
	"os/exec"
	"testing"

	"github.com/ningbo-showcase/showcase/internal/testenv"
)

// requireProgram returns the path of a program, skipping the test loudly
// when it is absent, or failing it when CI=true.
func requireProgram(t *testing.T, name string) string {
	t.Helper()
	return testenv.Require(t, name, "", "install it (make deps)")
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
