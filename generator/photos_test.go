package generator

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator/images/synth"
)

// photoStory writes a bundle story with the given front-matter lines and
// body into the tree at dir, and its files.
func photoStory(t *testing.T, dir, slug, front, body string, files map[string][]byte) string {
	t.Helper()
	b := filepath.Join(dir, "content/stories", slug)
	if err := os.MkdirAll(b, 0o755); err != nil {
		t.Fatal(err)
	}
	md := "---\ntitle: 照片故事\nregion: xiangshan\nyear: 2016\ncategory: development\n" + front + "---\n" + body
	if err := os.WriteFile(filepath.Join(b, "index.md"), []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(b, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return "content/stories/" + slug + "/index.md"
}

// TestPhotoNames builds photos named as phones and chat apps name them:
// they work and come out under safe ASCII URLs, with no source metadata.
func TestPhotoNames(t *testing.T) {
	src := copyTree(t, "testdata/site")
	photo := synth.JPEG(synth.Photo(1000, 750, 3), 85, 1, synth.GPS{Lat: 29.87, Lon: 121.55})
	photoStory(t, src, "photos", "cover: 微信图片_20161001.jpg\ncover_alt: 开幕式\n",
		"正文。\n\n![志愿者在服务窗口](IMG%200001.JPG)\n\n![活动现场](<DSC 02.Jpeg>)\n",
		map[string][]byte{"微信图片_20161001.jpg": photo, "IMG 0001.JPG": photo, "DSC 02.Jpeg": photo})
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, src, dest, nil); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(dest, "stories/photos"))
	var names []string
	for _, e := range entries {
		n := e.Name()
		names = append(names, n)
		for _, r := range n {
			if r > 0x7e || r == ' ' || r == '%' {
				t.Errorf("unsafe output name %q", n)
			}
		}
		data, _ := os.ReadFile(filepath.Join(dest, "stories/photos", n))
		if n != "index.html" && (strings.Contains(string(data), "Exif") || strings.Contains(string(data), synth.CameraSerial)) {
			t.Errorf("%s keeps the source's EXIF", n)
		}
	}
	page := read(t, dest, "stories/photos/index.html")
	for _, want := range []string{`alt="开幕式" fetchpriority="high"`, `alt="志愿者在服务窗口" loading="lazy" decoding="async"`, `img-0001.`, `dsc-02.`, `20161001.`, `width="1000" height="750"`, `type="image/webp"`} {
		if !strings.Contains(page, want) {
			t.Errorf("story page lacks %q", want)
		}
	}
	if strings.Contains(page, ".JPG") || strings.Contains(page, "微信") {
		t.Error("story page links a source file")
	}
	// index.html; 3 photos × (480, 800, 1000) × 2 formats; the cover's 240 thumbnail.
	if len(names) != 1+3*3*2+2 {
		t.Errorf("files: %v", names)
	}
}

// TestPhotoErrors builds trees with bad photos: each is a content error
// naming the story file, the line and the image, all reported together,
// and nothing is published.
func TestPhotoErrors(t *testing.T) {
	src := copyTree(t, "testdata/site")
	good := synth.JPEG(synth.Photo(640, 480, 1), 80, 1, synth.GPS{})
	heic := []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
	huge := pngHeaderForTest(60000, 60000)
	a := photoStory(t, src, "bad-cover", "cover: IMG_1234.HEIC\ncover_alt: 大厅\n", "正文。\n", map[string][]byte{"IMG_1234.HEIC": heic})
	b := photoStory(t, src, "bad-body", "", "第一段。\n\n![缺失](missing.jpg)\n\n![巨大](huge.png)\n\n![](good.jpg)\n\n![坏文件](broken.jpg)\n",
		map[string][]byte{"huge.png": huge, "good.jpg": good, "broken.jpg": []byte("\xff\xd8\xff garbage")})
	dest := filepath.Join(t.TempDir(), "public")
	_, err := build(t, src, dest, nil)
	var ce *ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("build error = %v, want a ContentError", err)
	}
	msg := err.Error()
	for _, want := range []string{
		a + `:6: image "IMG_1234.HEIC": image is HEIC/HEIF, which is not supported: convert it to JPEG`,
		b + `:9: image "missing.jpg": not found in the story's bundle`,
		b + `:11: image "huge.png": image declares 60000 × 60000 pixels, over the limit`,
		b + `:13: image "good.jpg" has no alt text`,
		b + `:15: image "broken.jpg": broken jpeg image`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("a failed build wrote its destination")
	}
}

// pngHeaderForTest returns a PNG signature and IHDR declaring w × h
// pixels over a few bytes of data.
func pngHeaderForTest(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
	b = binary.BigEndian.AppendUint32(b, w)
	b = binary.BigEndian.AppendUint32(b, h)
	b = append(b, 8, 6, 0, 0, 0)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[12:]))
	return append(b, 0, 0, 0, 4, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0, 0, 0, 0, 0)
}

// BenchmarkPhotoRebuild builds a site of stories with 12-megapixel covers
// into a cold cache, then again into the warm one: the rebuild's image
// time (ns/op of the Warm case) against the first build's (Cold).
func BenchmarkPhotoRebuild(b *testing.B) {
	src := copyTree(b, "testdata/site")
	photo := synth.JPEG(synth.Photo(4032, 3024, 11), 88, 1, synth.GPS{Lat: 29.87, Lon: 121.55})
	for _, slug := range []string{"p1", "p2", "p3"} {
		dir := filepath.Join(src, "content/stories", slug)
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "index.md"), []byte("---\ntitle: 照片"+slug+"\nregion: xiangshan\nyear: 2016\ncategory: development\ncover: cover.jpg\ncover_alt: 现场\n---\n正文。\n"), 0o644)
		// Different bytes per story, so nothing is shared.
		os.WriteFile(filepath.Join(dir, "cover.jpg"), append(append([]byte{}, photo...), slug...), 0o644)
	}
	cache := filepath.Join(b.TempDir(), "cache")
	os.WriteFile(filepath.Join(src, "hugo.toml"), append(mustRead(b, filepath.Join(src, "hugo.toml")), []byte("\n  imageCache = \""+filepath.ToSlash(cache)+"\"\n")...), 0o644)
	run := func(b *testing.B, cold bool) {
		var images time.Duration
		for b.Loop() {
			if cold {
				b.StopTimer()
				os.RemoveAll(cache)
				b.StartTimer()
			}
			rep, err := Build(context.Background(), Options{Source: src, Dest: filepath.Join(b.TempDir(), "public"), Year: 2026})
			if err != nil {
				b.Fatal(err)
			}
			images += rep.Images.Time
		}
		// The image stage's own time: the Warm case's must stay under a
		// tenth of the Cold case's.
		b.ReportMetric(float64(images.Nanoseconds())/float64(b.N), "image-ns/op")
	}
	b.Run("Cold", func(b *testing.B) { run(b, true) })
	b.Run("Warm", func(b *testing.B) { run(b, false) })
}

func mustRead(t testing.TB, p string) []byte {
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestPhotoCacheGC builds twice into one cache, replacing the photo in
// between: the second build encodes the new photo only; --gc then
// removes the old photo's entries and nothing else.
func TestPhotoCacheGC(t *testing.T) {
	src := copyTree(t, "testdata/site")
	one := synth.JPEG(synth.Photo(700, 500, 1), 80, 1, synth.GPS{})
	two := synth.JPEG(synth.Photo(700, 500, 2), 80, 1, synth.GPS{})
	photoStory(t, src, "gc", "cover: a.jpg\ncover_alt: 现场\n", "正文。\n", map[string][]byte{"a.jpg": one})
	dest := filepath.Join(t.TempDir(), "public")
	rep, err := build(t, src, dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Images.Encoded == 0 || rep.Images.Cached != 0 {
		t.Fatalf("first build: %+v", rep.Images)
	}
	first := rep.Images.Encoded
	os.WriteFile(filepath.Join(src, "content/stories/gc/a.jpg"), two, 0o644)
	rep, err = build(t, src, dest, func(o *Options) { o.GC = true })
	if err != nil {
		t.Fatal(err)
	}
	// The bundle fixture's cover.png comes from the cache; a.jpg is new.
	if rep.Images.Cached == 0 || rep.Images.Encoded == 0 || rep.Images.Pruned != rep.Images.Encoded {
		t.Errorf("rebuild with a new photo and gc: %+v (first build encoded %d)", rep.Images, first)
	}
	// A third build finds everything cached.
	rep, err = build(t, src, filepath.Join(t.TempDir(), "public"), func(o *Options) { o.GC = true })
	if err != nil {
		t.Fatal(err)
	}
	if rep.Images.Encoded != 0 || rep.Images.Pruned != 0 || rep.Images.Cached != first {
		t.Errorf("third build: %+v, want all %d cached and nothing pruned", rep.Images, first)
	}
}

func encodePNGForTest(t testing.TB, w, h int) []byte {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = uint8(i * 7)
	}
	for i := 3; i < len(m.Pix); i += 4 {
		m.Pix[i] = 0xff
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
