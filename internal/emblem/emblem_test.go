package emblem

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite static/favicon.ico and static/apple-touch-icon.png from the emblem")

var (
	emblemSVG = filepath.Join("..", "..", "themes", "showcase", "assets", "img", "favicon.svg")
	staticDir = filepath.Join("..", "..", "static")
)

// TestStaticIcons checks that the icons committed under static/ are what
// Icons draws from the theme's emblem today; -update rewrites them.
func TestStaticIcons(t *testing.T) {
	svg, err := os.ReadFile(emblemSVG)
	if err != nil {
		t.Fatal(err)
	}
	icons, err := Icons(svg)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range icons {
		p := filepath.Join(staticDir, name)
		if *update {
			if err := os.WriteFile(p, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what the emblem draws (go test ./internal/emblem -update)", p)
		}
	}
}

func TestParseEmblem(t *testing.T) {
	svg, err := os.ReadFile(emblemSVG)
	if err != nil {
		t.Fatal(err)
	}
	e, err := Parse(svg)
	if err != nil {
		t.Fatal(err)
	}
	if e.Size != 32 || e.Radius != 6 || e.Width != 2.5 || len(e.Segments) != 4 {
		t.Errorf("emblem = %+v", e)
	}
	if e.Segments[0] != [2]Point{{8, 22}, {24, 22}} || e.Segments[3] != [2]Point{{16, 6}, {16, 10}} {
		t.Errorf("segments = %v", e.Segments)
	}
}

func TestParseRefuses(t *testing.T) {
	const rect = `<rect width="32" height="32" rx="6" fill="#a3211f"/>`
	path := func(attrs string) string { return `<path ` + attrs + `/>` }
	ok := `d="M8 22h16" stroke="#fff" stroke-width="2.5" stroke-linecap="round"`
	for _, tc := range []struct{ name, body, viewBox, want string }{
		{"curve", rect + path(strings.Replace(ok, "M8 22h16", "M8 22c1 1 2 2 3 3", 1)), "0 0 32 32", "not a number"},
		{"close", rect + path(strings.Replace(ok, "h16", "h16Z", 1)), "0 0 32 32", "not a number"},
		{"square caps", rect + path(strings.Replace(ok, "round", "butt", 1)), "0 0 32 32", "linecap"},
		{"no rect", path(ok), "0 0 32 32", "one rect"},
		{"small rect", strings.Replace(rect, `width="32"`, `width="30"`, 1) + path(ok), "0 0 32 32", "whole viewBox"},
		{"not square", rect + path(ok), "0 0 32 16", "square"},
		{"named colour", strings.Replace(rect, "#a3211f", "red", 1) + path(ok), "0 0 32 32", "colour"},
		{"line first", rect + path(strings.Replace(ok, "M8 22h16", "h16", 1)), "0 0 32 32", "before any move"},
		{"odd numbers", rect + path(strings.Replace(ok, "M8 22h16", "M8", 1)), "0 0 32 32", "lacks a number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="` + tc.viewBox + `">` + tc.body + `</svg>`
			_, err := Parse([]byte(svg))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestPathData(t *testing.T) {
	got, err := lines("M1,2 3 4l1-1H0V-2m1 1v2")
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]Point{{{1, 2}, {3, 4}}, {{3, 4}, {4, 3}}, {{4, 3}, {0, 3}}, {{0, 3}, {0, -2}}, {{1, -1}, {1, 1}}}
	if len(got) != len(want) {
		t.Fatalf("lines = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("segment %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// TestDraw checks pixels of known places: a corner, the background, a
// stroke, and an edge that is partly covered.
func TestDraw(t *testing.T) {
	svg, _ := os.ReadFile(emblemSVG)
	e, err := Parse(svg)
	if err != nil {
		t.Fatal(err)
	}
	img := Draw(e, 64, Rounded)
	if a := img.NRGBAAt(0, 0).A; a != 0 {
		t.Errorf("rounded corner alpha = %d, want 0", a)
	}
	if c := img.NRGBAAt(4, 32); c != e.Fill {
		t.Errorf("background = %v, want %v", c, e.Fill)
	}
	if c := img.NRGBAAt(32, 44); c != e.Stroke { // on the line y=22, at 2 px per unit
		t.Errorf("stroke = %v, want %v", c, e.Stroke)
	}
	edge := img.NRGBAAt(32, 41) // y=20.75 units: the stroke's edge is at 20.75
	if edge == e.Stroke || edge == e.Fill || edge.A != 255 {
		t.Errorf("edge pixel = %v, want a blend of stroke and fill", edge)
	}
	if a := Draw(e, 64, Square).NRGBAAt(0, 0); a != e.Fill {
		t.Errorf("square corner = %v, want the fill %v", a, e.Fill)
	}
}

func TestICO(t *testing.T) {
	var imgs []image.Image
	for _, s := range []int{16, 48, 256} {
		imgs = append(imgs, image.NewNRGBA(image.Rect(0, 0, s, s)))
	}
	b, err := ICO(imgs...)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := ReadICO(b)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []int{16, 48, 0} {
		if entries[i].Width != want || entries[i].Height != want {
			t.Errorf("entry %d is %dx%d, want %d", i, entries[i].Width, entries[i].Height, want)
		}
		img, err := png.Decode(bytes.NewReader(entries[i].Data))
		if err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		if side := imgs[i].Bounds().Dx(); img.Bounds().Dx() != side {
			t.Errorf("entry %d decodes to %v, want %d px", i, img.Bounds(), side)
		}
	}
	if _, err := ICO(image.NewNRGBA(image.Rect(0, 0, 16, 8))); err == nil {
		t.Error("ICO accepted a non-square image")
	}
	for _, bad := range [][]byte{nil, []byte("\x00\x00\x01\x00\x01\x00"), append(b[:22:22], 0)} {
		if _, err := ReadICO(bad); err == nil {
			t.Errorf("ReadICO(%q) succeeded", bad)
		}
	}
}
