package publish

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// page returns a story page of about n bytes: Chinese text, markup and
// figures, deterministic for a given seed.
func page(seed, n int) []byte {
	rng := rand.New(rand.NewPCG(uint64(seed), 2016))
	words := []string{
		"统一战线", "创新", "成果", "民营企业", "商会", "调解", "侨界", "人士", "新阶层", "乡贤", "参事会",
		"慈溪市", "余姚市", "鄞州区", "象山县", "宁海县", "北仑区", "镇海区", "海曙区", "江北区", "奉化区",
		"服务", "发展", "维稳", "基层", "群众", "纠纷", "联谊会", "知联会", "同心", "工作室", "平台",
		"机制", "协会", "党外", "代表", "建言", "献策", "帮扶", "结对", "项目", "资金", "合作", "交流",
	}
	units := []string{"家企业", "万元", "余亿元", "户次", "人", "个项目", "起纠纷"}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n  <meta charset=\"utf-8\">\n"+
		"  <meta name=\"showcase-root\" content=\"/\">\n  <title>第%d个成果 · 宁波统一战线创新成果展</title>\n"+
		"  <link rel=\"stylesheet\" href=\"/css/style.0123456789ab.css\">\n</head>\n<body>\n  <main>\n"+
		"    <h1>  第%d个成果  </h1>\n    <table class=\"metrics\">\n", seed, seed)
	for range 4 {
		fmt.Fprintf(&b, "      <tr><th scope=\"row\">%s%s</th><td>%d%s</td></tr>\n",
			words[rng.IntN(len(words))], words[rng.IntN(len(words))], 1+rng.IntN(9000), units[rng.IntN(len(units))])
	}
	b.WriteString("    </table>\n")
	for b.Len() < n {
		b.WriteString("    <p>\n      ")
		for j := range 10 + rng.IntN(30) {
			b.WriteString(words[rng.IntN(len(words))])
			switch {
			case rng.IntN(9) == 0:
				fmt.Fprintf(&b, "%d%s", 1+rng.IntN(900), units[rng.IntN(len(units))])
			case j%5 == 4:
				b.WriteString("，")
			}
		}
		fmt.Fprintf(&b, "。<a href=\"/stories/s%d/\">详情</a>\n    </p>\n", rng.IntN(1000))
	}
	b.WriteString("  </main>\n</body>\n</html>\n")
	return b.Bytes()
}

func gunzip(t testing.TB, data []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func unbrotli(t testing.TB, data []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(data)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCompress(t *testing.T) {
	big := string(page(1, 20000))
	tests := []struct {
		name, data string
		siblings   bool // .gz and .br expected
	}{
		{"index.html", big, true},
		{"stories/a/index.html", big, true},
		{"css/style.css", strings.Repeat("a { color: red; }\n", 200), true},
		{"js/search.mjs", strings.Repeat("export const a = 1;\n", 200), true},
		{"index/shard-0.json", strings.Repeat(`{"商会":[1,2,3]},`, 300), true},
		{"feed.xml", strings.Repeat("<entry><title>标题</title></entry>\n", 100), true},
		{"img/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">" + strings.Repeat("<rect x=\"1\" y=\"2\"/>", 100) + "</svg>", true},
		{"robots.txt", strings.Repeat("Disallow: /x/\n", 50), true},
		{"tiny.txt", "x", false},
		{"img/cover.png", big, false},
		{"fonts/a.woff2", big, false},
		{"CNAME", big, false},
	}
	dest := newDest(t)
	tx, err := Begin(dest, Options{Compress: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		if err := tx.WriteFile(tt.name, []byte(tt.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dest, filepath.FromSlash(tt.name))
			orig, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if string(orig) != tt.data {
				t.Fatalf("file holds %d bytes, want the %d written", len(orig), len(tt.data))
			}
			gz, gzErr := os.ReadFile(p + ".gz")
			br, brErr := os.ReadFile(p + ".br")
			if !tt.siblings {
				if gzErr == nil || brErr == nil {
					t.Errorf("siblings written: .gz %v, .br %v", gzErr == nil, brErr == nil)
				}
				return
			}
			if gzErr != nil || brErr != nil {
				t.Fatalf("siblings missing: %v, %v", gzErr, brErr)
			}
			if got := gunzip(t, gz); !bytes.Equal(got, orig) {
				t.Errorf(".gz decompresses to %d bytes that differ from the %d of the file", len(got), len(orig))
			}
			if got := unbrotli(t, br); !bytes.Equal(got, orig) {
				t.Errorf(".br decompresses to %d bytes that differ from the %d of the file", len(got), len(orig))
			}
			if len(gz) >= len(orig) || len(br) >= len(orig) {
				t.Errorf("siblings not smaller: %d, %d bytes from %d", len(gz), len(br), len(orig))
			}
		})
	}
}

// TestCompressRewrite: rewriting a file drops siblings that would no
// longer match it.
func TestCompressRewrite(t *testing.T) {
	dest := newDest(t)
	tx, err := Begin(dest, Options{Compress: true})
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, tx, map[string]string{"a.html": string(page(1, 5000)), "b.html": string(page(2, 5000))})
	writeAll(t, tx, map[string]string{"a.html": "x"})                   // too small to compress
	writeAll(t, tx, map[string]string{"b.html": string(page(3, 5000))}) // compressed again
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dest)
	if _, ok := files["a.html.gz"]; ok {
		t.Error("stale a.html.gz")
	}
	if _, ok := files["a.html.br"]; ok {
		t.Error("stale a.html.br")
	}
	if got := string(gunzip(t, []byte(files["b.html.gz"]))); got != files["b.html"] {
		t.Error("b.html.gz does not match the rewritten b.html")
	}
}

// TestCompressWithoutOption: no siblings unless asked.
func TestCompressWithoutOption(t *testing.T) {
	dest := newDest(t)
	build(t, dest, Options{}, map[string]string{"index.html": string(page(1, 5000))})
	if n := len(readTree(t, dest)); n != 2 {
		t.Errorf("DEST has %d files, want index.html and the marker", n)
	}
}

// TestCompressDeterministic: equal files give equal siblings.
func TestCompressDeterministic(t *testing.T) {
	data := page(4, 8000)
	var a, b bytes.Buffer
	gzipTo(&a, data)
	gzipTo(&b, data)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("gzip is not deterministic")
	}
	a.Reset()
	b.Reset()
	brotliTo(&a, data)
	brotliTo(&b, data)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("brotli is not deterministic")
	}
}

func TestCompressible(t *testing.T) {
	for name, want := range map[string]bool{
		"a.html": true, "A.HTML": true, "a.css": true, "a.js": true, "a.mjs": true, "a.json": true,
		"feed.xml": true, "a.svg": true, "robots.txt": true, "a.png": false, "a.woff2": false,
		"a.html.gz": false, "a.br": false, "CNAME": false, "a.webmanifest": true, "search/meta.bin": true,
	} {
		if got := Compressible(name); got != want {
			t.Errorf("Compressible(%q) = %v, want %v", name, got, want)
		}
	}
}

// brotliLevel compresses data at quality q, for comparing qualities.
func brotliLevel(data []byte, q int) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, q)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}
