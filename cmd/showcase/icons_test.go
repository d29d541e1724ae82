package main

import (
	"bytes"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/internal/emblem"
)

// checkIcons checks that favicon.ico holds PNG images of 16, 32 and 48
// pixels and that apple-touch-icon.png is an opaque 180×180 PNG image.
func checkIcons(t *testing.T, files map[string][]byte) {
	t.Helper()
	entries, err := emblem.ReadICO(files["favicon.ico"])
	if err != nil {
		t.Fatalf("favicon.ico: %v", err)
	}
	var sides []int
	for i, e := range entries {
		img, err := png.Decode(bytes.NewReader(e.Data))
		if err != nil {
			t.Fatalf("favicon.ico entry %d: %v", i, err)
		}
		if b := img.Bounds(); b.Dx() != e.Width || b.Dy() != e.Height {
			t.Errorf("favicon.ico entry %d: directory says %dx%d, image is %v", i, e.Width, e.Height, b)
		}
		sides = append(sides, img.Bounds().Dx())
	}
	if len(sides) != 3 || sides[0] != 16 || sides[1] != 32 || sides[2] != 48 {
		t.Errorf("favicon.ico sizes = %v, want [16 32 48]", sides)
	}
	img, err := png.Decode(bytes.NewReader(files["apple-touch-icon.png"]))
	if err != nil {
		t.Fatalf("apple-touch-icon.png: %v", err)
	}
	if b := img.Bounds(); b != image.Rect(0, 0, 180, 180) {
		t.Errorf("apple-touch-icon.png is %v, want 180×180", b)
	}
	for _, p := range []image.Point{{0, 0}, {179, 179}, {90, 90}} {
		if _, _, _, a := img.At(p.X, p.Y).RGBA(); a != 0xffff {
			t.Errorf("apple-touch-icon.png is not opaque at %v (iOS shows that black)", p)
		}
	}
}

// TestIcons checks that the real showcase serves its own icons at the site
// root — /favicon.ico and /apple-touch-icon.png, from static/ — from a
// build and from serve, and that every page links them.
func TestIcons(t *testing.T) {
	root := filepath.Join("..", "..")
	dest := filepath.Join(t.TempDir(), "public")
	if _, stderr, err := runCLI(t, nil, "build", "-q", "-s", root, "-d", dest); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	files := map[string][]byte{}
	for _, name := range []string{"favicon.ico", "apple-touch-icon.png"} {
		data, err := os.ReadFile(filepath.Join(dest, name))
		if err != nil {
			t.Fatalf("the build has no /%s: %v", name, err)
		}
		files[name] = data
	}
	checkIcons(t, files)

	pages := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(`http-equiv="refresh"`)) || bytes.Contains(b, []byte(`http-equiv=refresh`)) {
			return nil // an alias's redirect page
		}
		pages++
		for _, link := range []string{`<link rel="icon" href="/favicon.ico" sizes="32x32">`, `<link rel="apple-touch-icon" href="/apple-touch-icon.png">`} {
			if !bytes.Contains(b, []byte(link)) {
				t.Errorf("%s lacks %s", p, link)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 50 {
		t.Errorf("checked %d pages, want the whole site", pages)
	}

	url, stop := serveDir(t, root, "--quiet")
	defer stop()
	for name, want := range files {
		code, body := fetch(t, url+name)
		if code != 200 || body != string(want) {
			t.Errorf("serve: /%s answers %d with %d bytes, want 200 with the built file's %d", name, code, len(body), len(want))
		}
	}
}
