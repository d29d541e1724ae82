package deploy_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator/deploy"
)

// slow is an HTTP client that holds each PUT for a moment, so that a
// deploy is still running when the test kills it.
type slow struct{ base http.Client }

func (s *slow) Do(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPut {
		time.Sleep(10 * time.Millisecond)
	}
	return s.base.Do(r)
}

// TestHelperDeploy is not a test: TestKilled runs the test binary with
// DEPLOY_HELPER_SRC set, and it deploys that source's site, slowly.
func TestHelperDeploy(t *testing.T) {
	src := os.Getenv("DEPLOY_HELPER_SRC")
	if src == "" {
		t.Skip("helper process for TestKilled")
	}
	cfg, err := deploy.LoadConfig(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	o := deploy.Options{Dir: filepath.Join(src, "public"), Config: cfg, Target: cfg.Targets[0], MaxDeletes: -1, Workers: 2, HTTPClient: &slow{}}
	if _, err := deploy.Deploy(context.Background(), o); err != nil {
		t.Fatal(err)
	}
}

// TestKilled kills a deploying process midway with SIGKILL, as a crash or
// a lost machine would, and checks that it deleted nothing and that the
// next deploy uploads exactly what the killed one had not, then deletes.
func TestKilled(t *testing.T) {
	g := startGateway(t)
	g.bucket(t, "site")
	useCredentials(t, gwAccess, gwSecret)
	src := t.TempDir()
	dir := filepath.Join(src, "public")
	write(t, filepath.Join(src, "hugo.toml"), "[[deployment.targets]]\nname = \"t\"\nURL = \""+g.url("site")+"\"\n")
	write(t, filepath.Join(dir, "stale.html"), "stale")
	cfg, err := deploy.LoadConfig(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	o := deploy.Options{Dir: dir, Config: cfg, Target: cfg.Targets[0], MaxDeletes: -1}
	if _, err := deploy.Deploy(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "stale.html"))
	const n = 300
	for i := 0; i < n; i++ {
		write(t, filepath.Join(dir, fmt.Sprintf("p/%03d.html", i)), fmt.Sprintf("page %d", i))
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperDeploy$")
	cmd.Env = append(os.Environ(), "DEPLOY_HELPER_SRC="+src)
	out, _ := os.Create(filepath.Join(t.TempDir(), "helper.log"))
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	c := g.client()
	for {
		if len(keys(t, c, "site")) >= 1+n/10 {
			break
		}
		select {
		case err := <-exited:
			log, _ := os.ReadFile(out.Name())
			t.Fatalf("the deploy ended (%v) before it could be killed:\n%s", err, log)
		case <-time.After(5 * time.Millisecond):
		}
	}
	cmd.Process.Kill()
	<-exited
	after := keys(t, c, "site")
	if _, ok := after["stale.html"]; !ok {
		t.Fatal("the killed deploy deleted stale.html")
	}
	done := len(after) - 1
	if done >= n {
		t.Fatalf("the deploy finished all %d uploads before the kill", n)
	}
	t.Logf("killed after %d of %d uploads", done, n)

	sum, err := deploy.Deploy(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	// A PUT the gateway had wholly received when the client died may land
	// just after the listing above: allow the two in flight.
	if sum.Uploaded+sum.Plan.Unchanged != n || sum.Plan.Unchanged < done || sum.Plan.Unchanged > done+2 || sum.Deleted != 1 {
		t.Errorf("next deploy uploaded %d, found %d unchanged, deleted %d; want %d, %d, 1", sum.Uploaded, sum.Plan.Unchanged, sum.Deleted, n-done, done)
	}
	final := keys(t, c, "site")
	if _, ok := final["stale.html"]; ok || len(final) != n {
		t.Errorf("bucket holds %d objects (stale.html: %v), want the %d pages", len(final), ok, n)
	}
}
