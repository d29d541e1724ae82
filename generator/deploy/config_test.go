package deploy

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		url  string
		want Location
		err  string
	}{
		{"s3://site?endpoint=https://s3.oss-cn-hangzhou.aliyuncs.com&region=cn-hangzhou",
			Location{Bucket: "site", Region: "cn-hangzhou", Endpoint: "https://s3.oss-cn-hangzhou.aliyuncs.com"}, ""},
		{"s3://site?endpoint=http://127.0.0.1:7070&use_path_style=true", Location{Bucket: "site", Endpoint: "http://127.0.0.1:7070", PathStyle: true}, ""},
		{"s3://site?endpoint=127.0.0.1:7070&s3ForcePathStyle=true&disableSSL=true", Location{Bucket: "site", Endpoint: "http://127.0.0.1:7070", PathStyle: true, DisableHTTPS: true}, ""},
		{"s3://site?endpoint=cos.ap-shanghai.myqcloud.com&region=ap-shanghai&awssdk=v2", Location{Bucket: "site", Region: "ap-shanghai", Endpoint: "https://cos.ap-shanghai.myqcloud.com"}, ""},
		{"s3://site?prefix=showcase&profile=oss", Location{Bucket: "site", Prefix: "showcase/", Profile: "oss"}, ""},
		{"s3://site/", Location{Bucket: "site"}, ""},
		{"gs://site", Location{}, "S3-compatible storage only"},
		{"site", Location{}, "no scheme"},
		{"oss://site", Location{}, `unknown scheme "oss"`},
		{"s3://?region=x", Location{}, "bucket name must follow"},
		{"s3://site/dir", Location{}, "?prefix=DIR/"},
		{"s3://site?regoin=x", Location{}, `unknown parameter "regoin"`},
		{"s3://site?use_path_style=yes", Location{}, `use_path_style="yes" must be true or false`},
		{"s3://site?endpoint=ftp://x", Location{}, "must be an http(s) URL"},
		{"s3://site?endpoint=https://x/path", Location{}, "must be an http(s) URL"},
		{"s3://site?prefix=a/../b", Location{}, "not a clean path"},
		{"s3://site?region=a&region=b", Location{}, "given twice"},
		{"s3://si te", Location{}, "not a URL"},
	}
	for _, tt := range tests {
		got, err := ParseURL(tt.url)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseURL(%q) error %v, want %q", tt.url, err, tt.err)
			} else if zh := Localize(err, true); !strings.Contains(zh, "有误") {
				t.Errorf("ParseURL(%q) Chinese message %q", tt.url, zh)
			}
			continue
		}
		if err != nil || *got != tt.want {
			t.Errorf("ParseURL(%q) = %+v, %v; want %+v", tt.url, got, err, tt.want)
		}
	}
}

func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"s3://site?endpoint=https://s3.oss-cn-hangzhou.aliyuncs.com&region=cn-hangzhou", "s3://a?prefix=x/y", "s3://%zz", "gs://x", "s3://b?endpoint=x:1&use_path_style=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		loc, err := ParseURL(s)
		if err == nil && (loc.Bucket == "" || (loc.Prefix != "" && !strings.HasSuffix(loc.Prefix, "/"))) {
			t.Errorf("ParseURL(%q) = %+v", s, loc)
		}
	})
}

func TestGlob(t *testing.T) {
	tests := []struct {
		glob string
		yes  []string
		no   []string
	}{
		{"**", []string{"a", "a/b/c.html"}, nil},
		{"**.html", []string{"index.html", "a/b/index.html"}, []string{"a.css", "index.html.gz"}},
		{"*.{css,js}", []string{"a.css", "x/y.js"}, []string{"a.html"}},
		{"assets/?.css", []string{"assets/a.css"}, []string{"assets/ab.css"}},
		{"[ab]*", []string{"a", "bz"}, []string{"c"}},
		{"[!ab]*", []string{"c"}, []string{"a"}},
		{`a\*b`, []string{"a*b"}, []string{"axb"}},
		{"a.b", []string{"a.b"}, []string{"axb"}},
	}
	for _, tt := range tests {
		re, err := compileGlob(tt.glob)
		if err != nil {
			t.Fatalf("%q: %v", tt.glob, err)
		}
		for _, s := range tt.yes {
			if !re.MatchString(s) {
				t.Errorf("%q does not match %q", tt.glob, s)
			}
		}
		for _, s := range tt.no {
			if re.MatchString(s) {
				t.Errorf("%q matches %q", tt.glob, s)
			}
		}
	}
	for _, bad := range []string{"{a,b", "a}", "[ab"} {
		if _, err := compileGlob(bad); err == nil {
			t.Errorf("%q compiled", bad)
		}
	}
}

func TestLoadConfig(t *testing.T) {
	good := `baseURL = "https://example.org/showcase/"
[deployment]
maxDeletes = -1
workers = 4
order = ['\.css$']
[[deployment.targets]]
name = "oss"
url = "s3://site?region=cn-hangzhou"
include = "**.html"
[[deployment.matchers]]
Pattern = '\.js$'
CACHECONTROL = "max-age=60"
gzip = true
`
	cfg, err := LoadConfig(fstest.MapFS{"hugo.toml": {Data: []byte(good)}})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MaxDeletes != -1 || cfg.Workers != 4 || len(cfg.Order) != 1 || cfg.Root != "/showcase/" {
		t.Errorf("config %+v", cfg)
	}
	if tg := cfg.Targets[0]; tg.URL != "s3://site?region=cn-hangzhou" || !tg.Selects("a/index.html") || tg.Selects("a.css") || tg.Pos != "hugo.toml:6" {
		t.Errorf("target %+v", tg)
	}
	if m := cfg.Matchers[0]; m.CacheControl != "max-age=60" || !m.Gzip || m.re == nil {
		t.Errorf("matcher %+v", m)
	}

	bad := `[deployment]
workers = 0
[[deployment.targets]]
name = "a"
URL = "s3://a?regoin=x"
[[deployment.targets]]
name = "a"
include = "{x"
stripIndexHTML = true
[[deployment.matchers]]
pattern = "("
`
	_, err = LoadConfig(fstest.MapFS{"hugo.toml": {Data: []byte(bad)}})
	if err == nil {
		t.Fatal("bad config loaded")
	}
	for _, want := range []string{
		"hugo.toml:2: workers must be between 1 and 1000",
		`hugo.toml:5: malformed target URL "s3://a?regoin=x": unknown parameter "regoin"`,
		`hugo.toml:7: deployment target "a" is defined twice`,
		`hugo.toml:6: deployment target "a" has no URL`,
		`hugo.toml:8: include of target "a" is not a valid glob`,
		"hugo.toml:11: matcher pattern is not a valid regular expression",
		`hugo.toml:9: target "a": stripIndexHTML is not supported`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors\n%v\nlack %q", err, want)
		}
	}
	if zh := Localize(err, true); zh == err.Error() {
		t.Errorf("no Chinese messages")
	}

	if _, err := LoadConfig(fstest.MapFS{"hugo.toml": {Data: []byte("[deployment\n")}}); err == nil || !strings.Contains(err.Error(), "invalid TOML") || !strings.HasPrefix(err.Error(), "hugo.toml:") {
		t.Errorf("syntax error: %v", err)
	}
	cfg, err = LoadConfig(fstest.MapFS{})
	if err != nil || cfg.MaxDeletes != DefaultMaxDeletes || cfg.Workers != DefaultWorkers {
		t.Errorf("no hugo.toml: %+v, %v", cfg, err)
	}
	if _, err := cfg.Target(""); err == nil || !strings.Contains(err.Error(), "no deployment targets") {
		t.Errorf("no targets: %v", err)
	}
}

func TestContentType(t *testing.T) {
	for p, want := range map[string]string{
		"a/index.html": "text/html; charset=utf-8", "x.JS": "text/javascript; charset=utf-8",
		"feed.xml": "application/xml; charset=utf-8", "a.png": "image/png", "a.woff2": "font/woff2",
		"noext": "application/octet-stream", "a.webmanifest": "application/manifest+json; charset=utf-8",
	} {
		if got := ContentType(p); got != want {
			t.Errorf("ContentType(%q) = %q, want %q", p, got, want)
		}
	}
}
