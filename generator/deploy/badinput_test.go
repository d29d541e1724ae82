package deploy_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/deploy"
)

// TestBadInput checks that each kind of bad input gets a clear message in
// English and Chinese, and that nothing in the bucket is deleted.
func TestBadInput(t *testing.T) {
	g := startGateway(t)
	g.bucket(t, "site")
	useCredentials(t, gwAccess, gwSecret)
	src, dir := fixture(t, g.url("site"))
	// An object that every deploy below would delete if it got that far.
	o, _ := options(t, src, dir, "test")
	write(t, filepath.Join(dir, "stale.html"), "stale")
	if _, err := deploy.Deploy(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "stale.html"))

	l, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://" + l.Addr().String()
	l.Close()

	cases := []struct {
		name   string
		url    string // "" keeps the gateway's
		access string
		secret string
		en, zh string
	}{
		{"missing bucket", strings.Replace(g.url("site"), "s3://site", "s3://nosuchbucket", 1), gwAccess, gwSecret,
			`bucket "nosuchbucket" does not exist`, `存储桶 "nosuchbucket" 不存在`},
		{"wrong secret", "", gwAccess, "wrong-secret", "the service refused the credentials", "服务拒绝了凭据"},
		{"unknown key", "", "nosuchkey", gwSecret, "the service refused the credentials", "服务拒绝了凭据"},
		{"no credentials", "", "", "", "no storage credentials found: set AWS_ACCESS_KEY_ID", "找不到存储凭据"},
		{"server down", "s3://site?endpoint=" + closed + "&region=us-east-1&use_path_style=true", gwAccess, gwSecret,
			"cannot list the bucket: cannot reach " + closed, "无法列出存储桶：无法连接 " + closed},
		{"malformed URL", "s3://site?endpoint=ftp://x&region=us-east-1", gwAccess, gwSecret, `endpoint "ftp://x" must be an http(s) URL`, `endpoint "ftp://x" 必须是主机的 http(s) 网址`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			useCredentials(t, c.access, c.secret)
			o, cnt := options(t, src, dir, "test")
			if c.url != "" {
				tg := *o.Target
				tg.URL = c.url
				o.Target = &tg
			}
			o.MaxAttempts = 1
			_, err := deploy.Deploy(context.Background(), o)
			if err == nil {
				t.Fatal("deploy succeeded")
			}
			if en := deploy.Localize(err, false); !strings.Contains(en, c.en) {
				t.Errorf("English message %q, want it to contain %q", en, c.en)
			}
			if zh := deploy.Localize(err, true); !strings.Contains(zh, c.zh) {
				t.Errorf("Chinese message %q, want it to contain %q", zh, c.zh)
			}
			if cnt.deletes.Load() != 0 || cnt.puts.Load() != 0 {
				t.Errorf("%d PUT and %d DELETE requests", cnt.puts.Load(), cnt.deletes.Load())
			}
		})
	}
	useCredentials(t, gwAccess, gwSecret)
	if _, ok := keys(t, g.client(), "site")["stale.html"]; !ok {
		t.Errorf("a failed deploy deleted stale.html")
	}
}

// TestUnknownTarget checks the message for a target name not in the
// configuration: it names it and lists the known ones.
func TestUnknownTarget(t *testing.T) {
	src, _ := fixture(t, "s3://site?region=us-east-1")
	cfg, err := deploy.LoadConfig(os.DirFS(src))
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfg.Target("prod")
	if en := deploy.Localize(err, false); en != `deployment target "prod" not found; known targets: "test", "other"` {
		t.Errorf("English: %s", en)
	}
	if zh := deploy.Localize(err, true); zh != `找不到部署目标 "prod"；已配置的目标："test"、"other"` {
		t.Errorf("Chinese: %s", zh)
	}
	if tg, err := cfg.Target(""); err != nil || tg.Name != "test" {
		t.Errorf("default target %v, %v; want the first, test", tg, err)
	}
}
