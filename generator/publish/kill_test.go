package publish

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The environment variables that turn TestHelperProcess into a build
// that TestKilled kills.
const (
	helperModeEnv = "PUBLISH_TEST_HELPER_MODE" // "write" or "between"
	helperDestEnv = "PUBLISH_TEST_HELPER_DEST"
)

// TestHelperProcess is not a test: TestKilled re-executes the test binary
// to run it as a build that gets SIGKILLed. In mode "write" it writes
// pages from several goroutines and says "written" once 200 are on disk;
// in mode "between" it commits by two renames and says "between" when it
// has done the first.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperModeEnv)
	if mode == "" {
		t.Skip("helper process of TestKilled: runs only when re-executed by it")
	}
	tx, err := Begin(os.Getenv(helperDestEnv), Options{Compress: mode == "write", Keep: []string{".git"}})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	page := func(i int) []byte {
		return fmt.Appendf(nil, "<!doctype html><html lang=\"zh-CN\"><body>\n  <h1>  新页面 %d  </h1>\n</body></html>", i)
	}
	switch mode {
	case "write":
		var n atomic.Int64
		for g := range 4 {
			go func() {
				for i := range 25000 { // bounded, in case nobody kills us
					if err := tx.WriteFile(fmt.Sprintf("stories/g%d-%d/index.html", g, i), page(i)); err != nil {
						fmt.Println("error:", err)
						os.Exit(2)
					}
					if n.Add(1) == 200 {
						fmt.Println("written")
					}
				}
			}()
		}
	case "between":
		for i := range 200 {
			if err := tx.WriteFile(fmt.Sprintf("stories/s%d/index.html", i), page(i)); err != nil {
				fmt.Println("error:", err)
				os.Exit(2)
			}
		}
		tx.noExchange = true
		tx.betweenRenames = func() {
			fmt.Println("between")
			time.Sleep(time.Minute)
		}
		if err := tx.Commit(); err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
	}
	time.Sleep(time.Minute)
	fmt.Println("error: not killed")
	os.Exit(2)
}

// runKilled runs TestHelperProcess in mode with dest, waits until it
// prints signal, and kills it with SIGKILL.
func runKilled(t *testing.T, mode, dest, signal string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperModeEnv+"="+mode, helperDestEnv+"="+dest)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	seen := false
	for sc.Scan() {
		line := sc.Text()
		if line == signal {
			seen = true
			break
		}
		if strings.HasPrefix(line, "error:") {
			t.Errorf("helper: %s", line)
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	if !seen {
		t.Fatalf("helper ended before saying %q: %v", signal, err)
	}
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("helper was not killed by SIGKILL: %v", err)
	}
}

// TestKilled kills a build half-way and between the two renames of the
// fallback, and checks that DEST is as it was (after the next Begin's
// recovery in the second case) and that Begin cleans up.
func TestKilled(t *testing.T) {
	tests := []struct {
		mode, signal string
		destGone     bool // DEST is missing right after the kill
	}{
		{"write", "written", false},
		{"between", "between", true},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			dest := newDest(t)
			parent := filepath.Dir(dest)
			kept := map[string]string{}
			if tt.destGone {
				// Only a build into an empty DEST swaps it.
				if err := os.Mkdir(dest, 0o755); err != nil {
					t.Fatal(err)
				}
			} else {
				build(t, dest, Options{}, map[string]string{
					"index.html": "<p>published</p>", "stories/old/index.html": "<p>old story</p>", "css/style.css": "a{color:red}",
				})
				kept[".git/HEAD"] = "ref: refs/heads/main\n"
				writeTree(t, dest, kept)
			}
			before := treeHash(t, dest)

			runKilled(t, tt.mode, dest, tt.signal)

			after := treeHash(t, dest)
			if tt.destGone {
				if after != "absent" {
					t.Fatal("the kill did not fall between the two renames: DEST exists")
				}
			} else if after != before {
				t.Fatal("a killed build changed DEST")
			}
			if l := leftovers(t, parent); len(l) == 0 {
				t.Fatal("the killed build left nothing beside DEST: was it killed half-way?")
			}

			tx, err := Begin(dest, Options{Keep: []string{".git"}})
			if err != nil {
				t.Fatal(err)
			}
			if got := treeHash(t, dest); got != before {
				t.Error("after recovery DEST differs from before the killed build")
			}
			if l := leftovers(t, parent, filepath.Base(tx.tmp)); len(l) > 0 {
				t.Errorf("Begin left these beside DEST: %v", l)
			}
			writeAll(t, tx, map[string]string{"index.html": "<p>new</p>"})
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			want := withMarker(map[string]string{"index.html": "<p>new</p>"})
			for k, v := range kept {
				want[k] = v
			}
			if d := diffTrees(readTree(t, dest), want); d != "" {
				t.Error(d)
			}
			if l := leftovers(t, parent); len(l) > 0 {
				t.Errorf("left beside DEST: %v", l)
			}
		})
	}
}
