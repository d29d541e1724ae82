package publish

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestMinifyGolden minifies every file in testdata/minify and compares
// the result with testdata/minify/golden/<name>.
func TestMinifyGolden(t *testing.T) {
	m := NewMinifier()
	entries, err := os.ReadDir("testdata/minify")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata/minify", e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			got, err := m.Minify(e.Name(), in)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata/minify/golden", e.Name())
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Minify(%s) =\n%s\nwant\n%s", e.Name(), got, want)
			}
			if m.Handles(e.Name()) && len(got) >= len(in) {
				t.Errorf("Minify(%s) did not shrink: %d bytes from %d", e.Name(), len(got), len(in))
			}
		})
	}
}

// TestMinifyKeeps checks what must survive minification, independent of
// the golden files' exact bytes.
func TestMinifyKeeps(t *testing.T) {
	m := NewMinifier()
	tests := []struct {
		file    string
		want    []string // substrings that must be in the output
		notWant []string // substrings that must not
	}{
		{"page.html",
			[]string{
				`<html lang="zh-CN">`, `<head>`, `</head>`, `<body>`, `</body>`, `</html>`,
				`<meta charset="utf-8">`, `<meta name="showcase-root" content="/showcase/">`,
				`<meta name="viewport" content="width=device-width,initial-scale=1">`,
				`<title>慈溪市 · 宁波统一战线创新成果展</title>`,
				`<h1>商会调解中心</h1>`, `西周镇成立商会人民调解委员会，`, `当年度调解纠纷 35 起。`,
				`<tr><th scope="row">涉及金额</th><td>300余亿元</td></tr>`,
				`<li>省级</li>`, `</li></ul>`,
				`<svg `, `viewBox="0 0 300 200"`, `role="img"`, `aria-labelledby="map-title"`,
				`<title id="map-title">宁波市行政区划示意图</title>`, `<text x="150" y="250">慈溪</text>`, `</svg>`,
				`integrity="sha384-x"`, `crossorigin="anonymous"`,
				`<script type="module" src="/showcase/js/search.0123456789ab.js"`,
				`method="get"`,
			},
			[]string{"a comment that goes away", "\n  "},
		},
		{"style.css", []string{"--accent:#cc0000", "pingfang sc,noto sans cjk sc", `content:"："`, "@media"}, []string{"the theme", "\n"}},
		{"search.mjs",
			[]string{`from"./tokenize.js"`, `import*as `, `from"./shards.js"`, "export async function search(",
				"export default search", " as shardCache}"},
			[]string{"// Search", "\n"}},
		{"shards.mjs",
			[]string{"import.meta.url", "await fetch(", "export const meta=await ", "await import(`./index/shard-${e}.js`)",
				`export*from"./tokenize.js"`, `export*as ranking from"./rank.js"`},
			[]string{"// Loads"}},
		{"app.js", []string{`"menu-open"`, `".menu-toggle"`}, []string{"\n  "}},
		{"chart.svg", []string{`aria-label="各区县成果数"`, "慈溪", `<rect x="10"`}, []string{"generated", "<?xml"}},
		{"index.json", []string{`"title":"商会调解中心"`, `"version":1`}, []string{"\n"}},
		{"feed.xml", []string{`<feed xmlns="http://www.w3.org/2005/Atom">`, "<title>商会调解中心</title>"}, []string{"\n"}},
		{"sitemap.xml", []string{`<loc>https://example.org/showcase/regions/cixi/</loc>`}, []string{"\n"}},
		{"robots.txt", []string{"User-agent: *\nAllow: /\n\n\nSitemap:"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata/minify", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := m.Minify(tt.file, in)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !bytes.Contains(got, []byte(w)) {
					t.Errorf("output lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if bytes.Contains(got, []byte(w)) {
					t.Errorf("output still has %q:\n%s", w, got)
				}
			}
		})
	}
}

// TestMinifyModuleStillParses parses the minified ES module again and
// checks that its imports and exports are intact.
func TestMinifyModuleStillParses(t *testing.T) {
	in, err := os.ReadFile("testdata/minify/search.mjs")
	if err != nil {
		t.Fatal(err)
	}
	out, err := NewMinifier().Minify("search.mjs", in)
	if err != nil {
		t.Fatal(err)
	}
	ast, err := js.Parse(parse.NewInputBytes(out), js.Options{})
	if err != nil {
		t.Fatalf("minified module does not parse: %v\n%s", err, out)
	}
	var imports, exports int
	for _, stmt := range ast.List {
		switch stmt.(type) {
		case *js.ImportStmt:
			imports++
		case *js.ExportStmt:
			exports++
		}
	}
	if imports != 2 || exports != 3 {
		t.Errorf("minified module has %d imports and %d exports, want 2 and 3:\n%s", imports, exports, out)
	}
}

func TestMinifyUnchanged(t *testing.T) {
	m := NewMinifier()
	for _, name := range []string{"robots.txt", "img/cover.jpg", "CNAME", "fonts/a.woff2", "README"} {
		t.Run(name, func(t *testing.T) {
			in := []byte("  keep   these\n\n  bytes  \n")
			got, err := m.Minify(name, in)
			if err != nil {
				t.Fatal(err)
			}
			if &got[0] != &in[0] || len(got) != len(in) {
				t.Errorf("Minify(%s) changed or copied the data: %q", name, got)
			}
			if m.Handles(name) {
				t.Errorf("Handles(%s) = true", name)
			}
		})
	}
	for _, name := range []string{"a.HTML", "x/y.Css", "m.mjs", "feed.XML", "site.webmanifest"} {
		if !m.Handles(name) {
			t.Errorf("Handles(%s) = false", name)
		}
	}
}

func TestMinifyError(t *testing.T) {
	m := NewMinifier()
	tests := []struct {
		name, in, want string
		line, col      int
	}{
		{"js/bad.js", "let a = 1;\nlet x = ;\n", "js/bad.js:2:9: minify: unexpected ; in expression", 2, 9},
		{"data/bad.json", `{"a": }`, "data/bad.json:1:7: minify: unexpected right brace character", 1, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := m.Minify(tt.name, []byte(tt.in))
			if err == nil {
				t.Fatalf("Minify(%s) = %q, want an error", tt.name, out)
			}
			var me *MinifyError
			if !errors.As(err, &me) {
				t.Fatalf("error %T is not a *MinifyError", err)
			}
			if me.Line != tt.line || me.Column != tt.col {
				t.Errorf("position %d:%d, want %d:%d", me.Line, me.Column, tt.line, tt.col)
			}
			if got := strings.TrimSpace(err.Error()); got != tt.want {
				t.Errorf("error %q, want %q", got, tt.want)
			}
			if out != nil {
				t.Errorf("output %q with an error, want nil", out)
			}
		})
	}
}

// TestMinifyConcurrent shares one Minifier between goroutines (run with
// -race) and checks that they all get the same output.
func TestMinifyConcurrent(t *testing.T) {
	m := NewMinifier()
	in, err := os.ReadFile("testdata/minify/page.html")
	if err != nil {
		t.Fatal(err)
	}
	want, err := m.Minify("page.html", in)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got, err := m.Minify("page.html", in)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("concurrent Minify = %q, %v", got, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestMinifyLeavesInput checks that Minify neither changes data nor
// touches the spare capacity after it, which another goroutine may be
// reading (the race detector reports a write there).
func TestMinifyLeavesInput(t *testing.T) {
	m := NewMinifier()
	for _, name := range []string{"page.html", "style.css", "search.mjs", "chart.svg", "index.json", "feed.xml"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata/minify", name))
			if err != nil {
				t.Fatal(err)
			}
			buf := append(make([]byte, 0, len(src)+16), src...)
			buf = append(buf, "sentinel"...)
			data := buf[:len(src)] // spare capacity holds "sentinel"
			done := make(chan bool)
			go func() {
				for {
					select {
					case <-done:
						return
					default:
						_ = string(buf[len(src):])
					}
				}
			}()
			_, err = m.Minify(name, data)
			close(done)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, src) || string(buf[len(src):]) != "sentinel" {
				t.Error("Minify changed its input or the bytes after it")
			}
		})
	}
}
