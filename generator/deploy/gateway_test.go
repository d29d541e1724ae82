package deploy_test

import (
	"fmt"
	"net/http"
	"os"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ningbo-showcase/showcase/internal/testenv"
)

// The tests run against a real S3 server on loopback: Versity S3 Gateway
// (versitygw), started by testenv.StartS3Gateway.
const (
	gwAccess = testenv.S3Access
	gwSecret = testenv.S3Secret
)

type gateway struct{ *testenv.S3Gateway }

func startGateway(t testing.TB, posix ...string) *gateway {
	t.Helper()
	return &gateway{testenv.StartS3Gateway(t, false, posix...)}
}

func startWebsiteGateway(t testing.TB) (*gateway, string) {
	t.Helper()
	g := testenv.StartS3Gateway(t, true)
	return &gateway{g}, g.Website
}

func (g *gateway) client() *s3.Client               { return g.Client() }
func (g *gateway) bucket(t testing.TB, name string) { g.Bucket(t, name) }
func (g *gateway) url(bucket string) string         { return g.URL(bucket) }

func useCredentials(t testing.TB, access, secret string) { testenv.UseS3Credentials(t, access, secret) }

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

// TestMain keeps the deploys' hash caches out of the user's cache
// directory.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "deploy-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
