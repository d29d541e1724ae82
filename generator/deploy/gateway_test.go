package deploy_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ningbo-showcase/showcase/internal/testenv"
)

// The tests run against a real S3 server on loopback: Versity S3 Gateway
// (versitygw, Apache-2.0) with its posix backend. `make deps` installs it
// into $(go env GOPATH)/bin.
const (
	gwAccess = "showcasetest"
	gwSecret = "showcase-test-secret"
)

// gateway is a running versitygw.
type gateway struct {
	endpoint string // http://127.0.0.1:PORT
	root     string // the posix backend's directory: one subdirectory per bucket
	cmd      *exec.Cmd
}

// versitygw returns the gateway's path, or skips the test loudly (fails
// it under CI=true).
func versitygw(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	gopath, _ := exec.Command("go", "env", "GOPATH").Output()
	p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "versitygw")
	return testenv.Require(t, "versitygw", p, "run `make deps` (go install github.com/versity/versitygw/cmd/versitygw)")
}

// startGateway starts versitygw on a free loopback port with an empty
// backend directory, waits until it accepts connections, and stops it when
// the test ends. extra are more posix backend options.
func startGateway(t testing.TB, extra ...string) *gateway {
	t.Helper()
	bin := versitygw(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	g := &gateway{endpoint: "http://" + addr, root: t.TempDir()}
	args := append([]string{"--port", addr, "--access", gwAccess, "--secret", gwSecret, "--quiet", "posix"}, extra...)
	args = append(args, g.root)
	g.cmd = exec.Command(bin, args...)
	log, err := os.Create(filepath.Join(t.TempDir(), "versitygw.log"))
	if err != nil {
		t.Fatal(err)
	}
	g.cmd.Stdout, g.cmd.Stderr = log, log
	if err := g.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- g.cmd.Wait() }()
	t.Cleanup(func() {
		g.cmd.Process.Kill()
		<-exited
		log.Close()
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		select {
		case err := <-exited:
			out, _ := os.ReadFile(log.Name())
			t.Fatalf("versitygw exited: %v\n%s", err, out)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("versitygw did not listen on %s within 30 s", addr)
		}
	}
	return g
}

// client is an S3 client of the gateway with the test credentials, for
// checking what a deploy did.
func (g *gateway) client() *s3.Client {
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(g.endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(gwAccess, gwSecret, ""),
	})
}

// bucket creates a bucket.
func (g *gateway) bucket(t testing.TB, name string) {
	t.Helper()
	if _, err := g.client().CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
}

// url is a target URL for a bucket of the gateway.
func (g *gateway) url(bucket string) string {
	return fmt.Sprintf("s3://%s?endpoint=%s&region=us-east-1&use_path_style=true", bucket, g.endpoint)
}

// useCredentials points the SDK's standard chain at the gateway's
// credentials through the environment, and at nothing else.
func useCredentials(t testing.TB, access, secret string) {
	dir := t.TempDir()
	t.Setenv("AWS_ACCESS_KEY_ID", access)
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// counting is an HTTP client that counts requests by method and can fail
// every PUT after the first failAfter (when failAfter > 0), as a network
// failing midway does.
type counting struct {
	base      http.Client
	gets      atomic.Int64
	puts      atomic.Int64
	deletes   atomic.Int64
	heads     atomic.Int64
	okPuts    atomic.Int64
	failAfter int64
}

func (c *counting) Do(r *http.Request) (*http.Response, error) {
	switch r.Method {
	case http.MethodPut:
		c.puts.Add(1)
		if c.failAfter > 0 && c.okPuts.Load() >= c.failAfter {
			return nil, fmt.Errorf("injected network failure")
		}
	case http.MethodDelete:
		c.deletes.Add(1)
	case http.MethodHead:
		c.heads.Add(1)
	case http.MethodGet:
		c.gets.Add(1)
	}
	resp, err := c.base.Do(r)
	if err == nil && r.Method == http.MethodPut && resp.StatusCode == 200 {
		c.okPuts.Add(1)
	}
	return resp, err
}
