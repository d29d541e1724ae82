package testenv

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// The S3 server of the deploy tests: Versity S3 Gateway (versitygw,
// Apache-2.0) with its posix backend, which `make deps` installs into
// $(go env GOPATH)/bin.
const (
	S3Access = "showcasetest"
	S3Secret = "showcase-test-secret"
)

// S3Gateway is a running versitygw on loopback.
type S3Gateway struct {
	Endpoint string // http://127.0.0.1:PORT
	Website  string // host:port of the static website endpoint, or ""
	Root     string // the posix backend's directory: one subdirectory per bucket
}

// Versitygw returns the gateway's path (from PATH or
// $(go env GOPATH)/bin), or skips or fails as Require does.
func Versitygw(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	gopath, _ := exec.Command("go", "env", "GOPATH").Output()
	p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "versitygw")
	return Require(t, "versitygw", p, "run `make deps` (go install github.com/versity/versitygw/cmd/versitygw)")
}

// StartS3Gateway starts versitygw on a free loopback port with an empty
// backend directory, waits until it accepts connections, and stops it when
// the test ends. With website set, its S3 static website endpoint listens
// on another free port too, where a request for host BUCKET serves bucket
// BUCKET. posix are more options of the posix backend.
func StartS3Gateway(t testing.TB, website bool, posix ...string) *S3Gateway {
	t.Helper()
	bin := Versitygw(t)
	addr := freePort(t)
	g := &S3Gateway{Endpoint: "http://" + addr, Root: t.TempDir()}
	args := []string{"--port", addr, "--access", S3Access, "--secret", S3Secret, "--quiet"}
	if website {
		g.Website = freePort(t)
		args = append(args, "--website", g.Website)
	}
	args = append(append(append(args, "posix"), posix...), g.Root)
	cmd := exec.Command(bin, args...)
	log, err := os.Create(filepath.Join(t.TempDir(), "versitygw.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		log.Close()
	})
	for _, a := range []string{addr, g.Website} {
		if a == "" {
			continue
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			c, err := net.DialTimeout("tcp", a, time.Second)
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
				t.Fatalf("versitygw did not listen on %s within 30 s", a)
			}
		}
	}
	return g
}

func freePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// Client is an S3 client of the gateway with the test credentials.
func (g *S3Gateway) Client() *s3.Client {
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(g.Endpoint),
		UsePathStyle: true,
		Credentials:  credentials.NewStaticCredentialsProvider(S3Access, S3Secret, ""),
	})
}

// Bucket creates a bucket.
func (g *S3Gateway) Bucket(t testing.TB, name string) {
	t.Helper()
	if _, err := g.Client().CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
}

// URL is a deployment target URL for a bucket of the gateway.
func (g *S3Gateway) URL(bucket string) string {
	return fmt.Sprintf("s3://%s?endpoint=%s&region=us-east-1&use_path_style=true", bucket, g.Endpoint)
}

// UseS3Credentials points the AWS SDK's standard credential chain at
// access and secret through the environment, and at nothing else (no
// credential or config files, no instance metadata), for the rest of the
// test.
func UseS3Credentials(t testing.TB, access, secret string) {
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
