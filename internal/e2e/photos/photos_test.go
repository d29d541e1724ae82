package photos

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/corpus"
	"github.com/ningbo-showcase/showcase/generator/images/synth"
	"github.com/ningbo-showcase/showcase/internal/testenv"
)

// PhoneBudget is the most a phone may download of a story's images.
const PhoneBudget = 250 << 10

// photoSite writes a small corpus whose first story is a bundle with a
// 12-megapixel cover, and gives that story two more 12-megapixel photos
// in its text (one taken upright, EXIF orientation 6). It returns the
// source directory and the story's URL path.
func photoSite(t *testing.T) (string, string) {
	src := t.TempDir()
	if err := corpus.Generate(src, corpus.Options{N: 3, Seed: 1, Photos: 1}); err != nil {
		t.Fatal(err)
	}
	idx, _ := filepath.Glob(filepath.Join(src, "content/stories/*/index.md"))
	if len(idx) != 1 {
		t.Fatalf("bundles: %v", idx)
	}
	dir := filepath.Dir(idx[0])
	gps := synth.GPS{Lat: 29.87, Lon: 121.55}
	if err := os.WriteFile(filepath.Join(dir, "IMG_0002.JPG"), synth.JPEG(synth.Photo(4032, 3024, 2), 88, 1, gps), 0o644); err != nil {
		t.Fatal(err)
	}
	// Stored sideways, as a phone held upright stores it.
	if err := os.WriteFile(filepath.Join(dir, "IMG 0003.jpeg"), synth.JPEG(synth.Photo(4032, 3024, 3), 88, 6, gps), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(idx[0], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, "\n\n志愿者在服务窗口接待群众。\n\n![服务窗口](IMG_0002.JPG)\n\n![竖拍的活动合影](<IMG 0003.jpeg>)\n")
	f.Close()
	return src, "/stories/" + filepath.Base(dir) + "/"
}

// serve serves dir, with no caching, and returns its URL.
func serve(t *testing.T, dir string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		f, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))) // name is clean
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
		w.Header().Set("Cache-Control", "no-store")
		w.Write(f)
	}))
}

type picked struct {
	Src    string `json:"src"`
	Alt    string `json:"alt"`
	Width  string `json:"width"`
	Height string `json:"height"`
	Lazy   string `json:"lazy"`
}

// TestPhonePicksSmallFiles opens the story as a phone and as a desktop.
func TestPhonePicksSmallFiles(t *testing.T) {
	testenv.Chromium(t)
	src, story := photoSite(t)
	dest := filepath.Join(t.TempDir(), "public")
	srv := serve(t, dest)
	defer srv.Close()
	if _, err := generator.Build(context.Background(), generator.Options{Source: src, Dest: dest, BaseURL: srv.URL + "/", Year: 2026}); err != nil {
		t.Fatal(err)
	}
	for _, dev := range []struct {
		name          string
		width, height int64
		scale         float64
		mobile        bool
		want          string // the rung every photo must come from
		budget        int64
	}{
		{"phone 390 px DPR 2", 390, 844, 2, true, "-800.webp", PhoneBudget},
		{"desktop 1280 px DPR 1", 1280, 900, 1, false, "", 1 << 20},
	} {
		t.Run(dev.name, func(t *testing.T) {
			ctx := testenv.Browser(t, 90*time.Second)
			if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
				Width: dev.width, Height: dev.height, DeviceScaleFactor: dev.scale, Mobile: dev.mobile,
			}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+story),
				testenv.WaitJS(`document.readyState === "complete"`, 30*time.Second)); err != nil {
				t.Fatal(err)
			}
			// Scroll the lazy photos into view, then wait for every one.
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(window.scrollTo(0, document.body.scrollHeight), true)`)); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(ctx, testenv.WaitJS(`[...document.images].every(i => i.complete && i.currentSrc)`, 30*time.Second)); err != nil {
				t.Fatal(err)
			}
			imgs, err := chromedp.Run(ctx, chromedp.Evaluate[[]picked](`[...document.images].map(i => ({src: i.currentSrc, alt: i.getAttribute("alt"), width: i.getAttribute("width"), height: i.getAttribute("height"), lazy: i.getAttribute("loading") || ""}))`))
			if err != nil {
				t.Fatal(err)
			}
			bytes, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`performance.getEntriesByType("resource").filter(e => e.initiatorType === "img").reduce((n, e) => n + e.encodedBodySize, 0)`))
			if err != nil {
				t.Fatal(err)
			}
			resources, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").filter(e => e.initiatorType === "img").map(e => e.name.split("/").pop() + " " + e.encodedBodySize)`))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d images, %d bytes: %v", dev.name, len(imgs), bytes, resources)
			if len(imgs) != 3 {
				t.Fatalf("%d images on the page, want 3: %+v", len(imgs), imgs)
			}
			for i, im := range imgs {
				if im.Alt == "" || im.Width == "" || im.Height == "" {
					t.Errorf("image %s lacks alt, width or height: %+v", im.Src, im)
				}
				if !strings.HasSuffix(im.Src, ".webp") || dev.want != "" && !strings.HasSuffix(im.Src, dev.want) {
					t.Errorf("image %d: currentSrc %s, want a %q file", i, im.Src, dev.want)
				}
				if lazy := im.Lazy == "lazy"; lazy != (i > 0) {
					t.Errorf("image %d: loading=%q (the cover is eager, text photos lazy)", i, im.Lazy)
				}
			}
			if dev.width == 1280 && !strings.HasSuffix(imgs[0].Src, "-1200.webp") {
				t.Errorf("desktop cover: %s, want the 1200 px rung", imgs[0].Src)
			}
			if bytes <= 0 || bytes > dev.budget {
				t.Errorf("%s downloaded %d bytes of images, budget %d", dev.name, bytes, dev.budget)
			}
		})
	}
}
