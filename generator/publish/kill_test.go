package publish

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
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
	helperStepEnv = "PUBLISH_TEST_HELPER_STEP" // mode "publish": the step to stop before
)

// killOld and killNew are the sites before and after the build that
// TestKilledPublishing kills: a third of the pages changed, a seventh
// removed and fifty added.
func killOld() map[string]string {
	files := map[string]string{"index.html": "<p>home v1</p>", "css/style.css": "a{color:red}"}
	for i := range 300 {
		files[fmt.Sprintf("stories/s%d/index.html", i)] = fmt.Sprintf("<p>story %d v1</p>", i)
	}
	return files
}

func killNew() map[string]string {
	files := killOld()
	files["index.html"] = "<p>home v2</p>"
	for i := range 300 {
		name := fmt.Sprintf("stories/s%d/index.html", i)
		switch {
		case i%7 == 0:
			delete(files, name)
		case i%3 == 0:
			files[name] = fmt.Sprintf("<p>story %d v2</p>", i)
		}
	}
	for i := range 50 {
		files[fmt.Sprintf("stories/n%d/index.html", i)] = fmt.Sprintf("<p>new story %d</p>", i)
	}
	return files
}

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
	tx, err := Begin(os.Getenv(helperDestEnv), Options{Compress: mode == "write", Keep: []string{".git"}, Last: []string{"index.html"}})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	page := func(i int) []byte {
		return fmt.Appendf(nil, "<!doctype html><html lang=\"zh-CN\"><body>\n  <h1>  新页面 %d  </h1>\n</body></html>", i)
	}
	switch mode {
	case "publish":
		var stop, n int
		fmt.Sscan(os.Getenv(helperStepEnv), &stop)
		tx.step = func(op string) {
			if n == stop {
				fmt.Println("publishing")
				time.Sleep(time.Minute)
			}
			n++
		}
		writeAll(t, tx, killNew())
		if err := tx.Commit(); err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
		fmt.Println("error: step", stop, "never came:", n, "steps")
		os.Exit(2)
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
func runKilled(t *testing.T, mode, dest, signal string, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperModeEnv+"="+mode, helperDestEnv+"="+dest)
	cmd.Env = append(cmd.Env, env...)
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

// TestKilledPublishing SIGKILLs a build at random steps of its publish
// into a previous build: every file of DEST must then be its old or its
// new version, the next Begin must finish the publish, so that DEST
// equals the new build, and a build of the same files then writes
// nothing.
func TestKilledPublishing(t *testing.T) {
	steps := 0
	{
		// Count the steps of this publish.
		dest := newDest(t)
		build(t, dest, Options{}, killOld())
		tx, err := Begin(dest, Options{Keep: []string{".git"}, Last: []string{"index.html"}})
		if err != nil {
			t.Fatal(err)
		}
		tx.step = func(string) { steps++ }
		writeAll(t, tx, killNew())
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	for _, stop := range []int{0, rng.IntN(steps), rng.IntN(steps), rng.IntN(steps), steps - 1} {
		t.Run(fmt.Sprint("step=", stop), func(t *testing.T) {
			dest := newDest(t)
			old, nu := killOld(), killNew()
			build(t, dest, Options{}, old)
			writeTree(t, dest, map[string]string{".git/HEAD": "ref: refs/heads/main\n"})

			runKilled(t, "publish", dest, "publishing", fmt.Sprintf("%s=%d", helperStepEnv, stop))

			for name, got := range readTree(t, dest) {
				if name != Marker && name != ".git/HEAD" && got != old[name] && got != nu[name] {
					t.Errorf("after the kill %s = %q, neither old nor new", name, got)
				}
			}
			if _, err := os.Stat(journalPath(filepath.Dir(dest), "public")); err != nil {
				t.Fatalf("no journal after a kill while publishing: %v", err)
			}
			tx, err := Begin(dest, Options{Keep: []string{".git"}})
			if err != nil {
				t.Fatal(err)
			}
			tx.Abort()
			want := withMarker(nu)
			want[".git/HEAD"] = "ref: refs/heads/main\n"
			if d := diffTrees(readTree(t, dest), want); d != "" {
				t.Errorf("after recovery DEST is not the new build:\n%s", d)
			}
			if l := leftovers(t, filepath.Dir(dest)); len(l) > 0 {
				t.Errorf("left beside DEST: %v", l)
			}
			tx, err = Begin(dest, Options{Keep: []string{".git"}})
			if err != nil {
				t.Fatal(err)
			}
			writeAll(t, tx, nu)
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			if st := tx.Stats(); st.Written != 0 || st.Removed != 0 {
				t.Errorf("the build after recovery: %+v, want nothing written or removed", st)
			}
		})
	}
}
