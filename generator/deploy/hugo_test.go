package deploy_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/deploy"
	"github.com/ningbo-showcase/showcase/internal/testenv"
)

// TestHugoDeploy checks that one hugo.toml serves both tools and that
// each sees what the other uploaded as unchanged: Debian's hugo (0.111)
// deploys the site with the Hugo 0.111 spelling of the URL (s3ForcePathStyle,
// disableSSL) and a gzip matcher, then showcase deploy finds nothing to
// upload; after an edit showcase deploy uploads it, and hugo deploy finds
// nothing to upload.
func TestHugoDeploy(t *testing.T) {
	hugo := testenv.Require(t, "hugo", "", "install Debian's package hugo (make deps)")
	g := startGateway(t)
	g.bucket(t, "site")
	useCredentials(t, gwAccess, gwSecret)
	url := "s3://site?endpoint=" + g.S3Gateway.Endpoint + "&region=us-east-1&s3ForcePathStyle=true&disableSSL=true"
	src, dir := fixture(t, url)
	// What hugo deploy would upload: no bookkeeping, host files,
	// siblings or keep names, which only showcase deploy knows to skip.
	for _, p := range []string{".showcase-build", ".showcase-manifest", ".git", "CNAME", "_headers", "_redirects", "index.html.gz", "index.html.br"} {
		os.RemoveAll(filepath.Join(dir, p))
	}
	hugoDeploy := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(hugo, append([]string{"deploy", "--target", "test"}, args...)...)
		cmd.Dir = src
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("hugo deploy %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	if out := hugoDeploy(); !strings.Contains(out, "Identified 13 file(s) to upload") {
		t.Fatalf("hugo deploy:\n%s", out)
	}
	o, cnt := options(t, src, dir, "test")
	sum, err := deploy.Deploy(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Uploaded != 0 || sum.Plan.Unchanged != len(uploaded) || cnt.puts.Load() != 0 {
		var ups []string
		for _, u := range sum.Plan.Uploads {
			ups = append(ups, u.Path+":"+u.Reason)
		}
		t.Errorf("after hugo deploy, showcase deploy uploaded %v", ups)
	}
	write(t, filepath.Join(dir, "assets/app.0123456789ab.js"), "console.log(2)")
	o, _ = options(t, src, dir, "test")
	if sum, err = deploy.Deploy(context.Background(), o); err != nil || sum.Uploaded != 1 {
		t.Fatalf("showcase deploy after an edit: %v, %+v", err, sum)
	}
	if out := hugoDeploy("--dryRun"); !strings.Contains(out, "No changes required.") {
		t.Errorf("after showcase deploy, hugo deploy --dryRun says:\n%s", out)
	}
}
