package generator

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/images"
	"github.com/ningbo-showcase/showcase/generator/markdown"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// maxImageFile is the largest image file read, in bytes.
const maxImageFile = 100 << 20

// photoExts are the file extensions of raster photos: the images of a
// bundle that are resized (or refused, for the formats not read) and
// never copied as they are, so no source photo's metadata is published.
var photoExts = map[string]bool{".jpg": true, ".jpeg": true, ".jpe": true, ".png": true, ".webp": true,
	".heic": true, ".heif": true, ".avif": true, ".tif": true, ".tiff": true, ".bmp": true}

// isPhoto reports whether a bundle file is a raster photo.
func isPhoto(name string) bool { return photoExts[strings.ToLower(path.Ext(name))] }

// photos plans and encodes the images of one build's stories: the cover
// of each and the images their text refers to.
type photos struct {
	src   fs.FS
	cache *images.Cache
	plans *planCache // shared by a Session's builds; nil in a plain build

	mu     sync.Mutex
	covers map[*content.Story]*images.Image
	jobs   map[string]photoJob // by output directory + source name + thumb
	errs   content.List
	// planned is what each bundle story's photos planned to, for a
	// Session's next build (planCache.stories).
	planned map[*content.Story]*storyPhotos

	// Stats of the last encode, for reports and benchmarks.
	encodeTime      time.Duration
	encoded, cached atomic.Int64
}

// storyPhotos is what a story's photos planned to: its cover's plan and
// the jobs of its cover and the images of its text.
type storyPhotos struct {
	cover *images.Image
	jobs  []keyedJob
}

type keyedJob struct {
	key string // of photos.jobs
	job photoJob
}

// photoJob is one image to encode into a story's directory.
type photoJob struct {
	dir   string // the story's output directory, "stories/x/"
	path  string // the source file, "content/stories/x/a.jpg"
	thumb bool   // a cover
	img   *images.Image
}

// planCache keeps plans across a Session's builds, by source path, so an
// edit does not read and hash every photo again.
type planCache struct {
	mu   sync.Mutex
	m    map[planKey]*images.Image
	refs map[*content.Story][]photoRef // the images each converted text refers to
	// stats, out and next: see photos_session.go.
	stats     map[string]photoStat
	out, next map[encodedKey]encodedPhoto
	// stories is what the photos of each bundle story of the last build
	// planned to, by content object: a story the loader read again, or
	// whose photo changed (photoChanged), is a new object.
	stories map[*content.Story]*storyPhotos
}

// photoRef is an image a story's text refers to.
type photoRef struct {
	name string
	line int
}

type planKey struct {
	path  string
	size  int64
	mod   time.Time
	thumb bool
}

func newPhotos(src fs.FS, cache *images.Cache, plans *planCache) *photos {
	return &photos{src: src, cache: cache, plans: plans, covers: map[*content.Story]*images.Image{}, jobs: map[string]photoJob{}, planned: map[*content.Story]*storyPhotos{}}
}

// cacheDir returns the image cache directory of a source: the config's
// [params.showcase] imageCache, relative to the source directory unless
// absolute, or resources/_showcase.
func cacheDir(sourceDir string, cfg *content.Config) string {
	d := cfg.ImageCache
	if d == "" {
		d = images.DefaultCacheDir
	}
	if filepath.IsAbs(d) {
		return d
	}
	return filepath.Join(sourceDir, filepath.FromSlash(d))
}

// planCovers plans the cover of every story, and again the images of
// the texts a Session's Markdown stage will take from its cache. In a
// Session, a story the last build planned is taken as it was planned.
func (ph *photos) planCovers(ctx context.Context, s *site.Site) error {
	var kept map[*content.Story]*storyPhotos
	if ph.plans != nil {
		kept = ph.plans.stories // written only between builds (keepStories)
	}
	return parallel(ctx, len(s.Stories), func(i int) error {
		st := s.Stories[i].Story
		photo := st.Cover != "" && isPhoto(st.Cover) // an SVG or GIF cover is published as it is
		if st.Bundle == "" && !photo {
			return nil // only a bundle shows photos (plan)
		}
		if sp := kept[st]; sp != nil {
			ph.reuse(st, sp)
			return nil
		}
		ph.replay(st)
		var img *images.Image
		if photo {
			var err *content.Error
			if img, err = ph.plan(st, st.Cover, st.Line["cover"], true); err != nil {
				ph.fail(err)
				return nil
			}
		}
		ph.mu.Lock()
		if img != nil {
			ph.covers[st] = img
		}
		ph.noted(st).cover = img
		ph.mu.Unlock()
		return nil
	})
}

// noted returns what st's photos planned to so far; the caller holds mu.
func (ph *photos) noted(st *content.Story) *storyPhotos {
	sp := ph.planned[st]
	if sp == nil {
		sp = &storyPhotos{}
		ph.planned[st] = sp
	}
	return sp
}

// reuse takes st's photos as the last build planned them.
func (ph *photos) reuse(st *content.Story, sp *storyPhotos) {
	ph.mu.Lock()
	defer ph.mu.Unlock()
	if sp.cover != nil {
		ph.covers[st] = sp.cover
	}
	for _, kj := range sp.jobs {
		ph.jobs[kj.key] = kj.job
	}
	ph.planned[st] = &storyPhotos{cover: sp.cover, jobs: slices.Clip(sp.jobs)}
}

func (ph *photos) fail(e *content.Error) {
	ph.mu.Lock()
	ph.errs = append(ph.errs, e)
	ph.mu.Unlock()
}

// err returns the content errors of the planned images, all of them, or nil.
func (ph *photos) err() error {
	if len(ph.errs) == 0 {
		return nil
	}
	l := slices.Clone(ph.errs)
	slices.SortStableFunc(l, func(a, b *content.Error) int {
		if c := strings.Compare(a.Pos.File, b.Pos.File); c != 0 {
			return c
		}
		return a.Pos.Line - b.Pos.Line
	})
	return &ContentError{List: l}
}

// images returns the Markdown stage's hook for the images of a story's
// text: each local raster image becomes a <picture> (the theme's
// "picture" layout); a problem is recorded as a content error at the
// line of the reference.
func (ph *photos) images(th *render.Theme) func(*content.Story) markdown.ImageFunc {
	return func(st *content.Story) markdown.ImageFunc { return ph.imageFunc(st, th) }
}

func (ph *photos) imageFunc(st *content.Story, th *render.Theme) markdown.ImageFunc {
	return func(ref markdown.Image) (template.HTML, bool) {
		name, err := url.PathUnescape(ref.Dest)
		if err != nil {
			name = ref.Dest
		}
		if !isPhoto(name) {
			return "", false
		}
		line := 0
		if ref.Line > 0 {
			line = st.BodyLine + ref.Line - 1
		}
		if strings.TrimSpace(ref.Alt) == "" {
			ph.fail(&content.Error{Pos: content.Pos{File: st.Path, Line: line},
				Msg: fmt.Sprintf("image %q has no alt text: write what it shows, ![text](%s)", name, ref.Dest),
				Zh:  fmt.Sprintf("图片 %q 缺少替代文字：请写明图片内容，![文字](%s)", name, ref.Dest)})
			return "", false
		}
		img, e := ph.plan(st, name, line, false)
		if e != nil {
			ph.fail(e)
			return "", false
		}
		ph.plans.addRef(st, photoRef{name, line})
		h, rerr := th.Picture(&render.Picture{Image: img, Alt: ref.Alt, Kind: "body"})
		if rerr != nil {
			ph.fail(&content.Error{Pos: content.Pos{File: st.Path, Line: line}, Msg: rerr.Error(), Err: rerr})
			return "", false
		}
		return h, true
	}
}

// plan reads and plans the image name of st's bundle, referred to at
// line of st's file, and records it to be encoded.
func (ph *photos) plan(st *content.Story, name string, line int, thumb bool) (*images.Image, *content.Error) {
	fail := func(en, zh string) *content.Error {
		return &content.Error{Pos: content.Pos{File: st.Path, Line: line},
			Msg: fmt.Sprintf("image %q: %s", name, en), Zh: fmt.Sprintf("图片 %q：%s", name, zh)}
	}
	clean := path.Clean(name)
	if st.Bundle == "" {
		return nil, fail("not found: a story with images must be a bundle, content/stories/<slug>/index.md beside its images",
			"未找到：带图片的故事须为故事包，即 content/stories/<slug>/index.md 与图片放在同一目录")
	}
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") || path.IsAbs(clean) {
		return nil, fail("not a file of this story's bundle", "不是本故事包中的文件")
	}
	p := st.Bundle + "/" + clean
	info, err := ph.stat(p)
	if err != nil || info.dir {
		return nil, fail("not found in the story's bundle "+st.Bundle+"/", "在故事包 "+st.Bundle+"/ 中未找到")
	}
	if info.size > maxImageFile {
		return nil, fail(fmt.Sprintf("file is %d MB, over the limit of %d MB", info.size>>20, maxImageFile>>20),
			fmt.Sprintf("文件 %d MB，超过上限 %d MB", info.size>>20, maxImageFile>>20))
	}
	k := planKey{path: p, size: info.size, mod: info.mod, thumb: thumb}
	img := ph.plans.get(k)
	if img == nil {
		data, err := fs.ReadFile(ph.src, p)
		if err != nil {
			return nil, fail("cannot read: "+err.Error(), "无法读取："+err.Error())
		}
		img, err = images.Plan(clean, data, images.Options{Thumb: thumb}, ph.cache)
		if err != nil {
			ie, _ := err.(*images.Error)
			if ie == nil {
				ie = &images.Error{Msg: err.Error(), Zh: err.Error()}
			}
			return nil, fail(ie.Msg, ie.Zh)
		}
		ph.plans.put(k, img)
	}
	dir := (&site.Story{Story: st}).URL()
	key, job := dir+"\x00"+clean+"\x00"+fmt.Sprint(thumb), photoJob{dir: dir, path: p, thumb: thumb, img: img}
	ph.mu.Lock()
	ph.jobs[key] = job
	sp := ph.noted(st)
	sp.jobs = append(sp.jobs, keyedJob{key, job})
	ph.mu.Unlock()
	return img, nil
}

func (pc *planCache) addRef(st *content.Story, r photoRef) {
	if pc == nil {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.refs == nil {
		pc.refs = map[*content.Story][]photoRef{}
	}
	pc.refs[st] = append(pc.refs[st], r)
}

// replay plans again the images of st's text, in case a Session's
// Markdown stage takes its conversion from its cache.
func (ph *photos) replay(st *content.Story) {
	if ph.plans == nil || st.Bundle == "" {
		return // only a bundle's text shows photos (plan)
	}
	ph.plans.mu.Lock()
	refs := ph.plans.refs[st]
	ph.plans.mu.Unlock()
	for _, r := range refs {
		if _, e := ph.plan(st, r.name, r.line, false); e != nil {
			ph.fail(e)
		}
	}
}

func (pc *planCache) get(k planKey) *images.Image {
	if pc == nil {
		return nil
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.m[k]
}

func (pc *planCache) put(k planKey, img *images.Image) {
	if pc == nil {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.m == nil {
		pc.m = map[planKey]*images.Image{}
	}
	pc.m[k] = img
}

// encode encodes every planned image, on all cores, and writes the files
// of each into its story's directory.
func (ph *photos) encode(ctx context.Context, w *writer) error {
	start := time.Now()
	defer func() { ph.encodeTime = time.Since(start) }()
	keys := make([]string, 0, len(ph.jobs))
	for k := range ph.jobs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	errs := make([]error, len(keys))
	var next atomic.Int64
	var wg sync.WaitGroup
	var written sync.Map
	ph.plans.startEncode()
	for range min(runtime.GOMAXPROCS(0), len(keys)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(keys) {
					return
				}
				j := ph.jobs[keys[i]]
				files, err := ph.encodeJob(j)
				for _, f := range files {
					if _, dup := written.LoadOrStore(j.dir+f.Name, true); dup || err != nil {
						continue
					}
					if err = w.raw(j.dir+f.Name, f.Data); err != nil {
						break
					}
				}
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", j.path, err)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := firstErr(errs); err != nil {
		return err
	}
	ph.plans.endEncode()
	ph.plans.keepStories(ph.planned)
	return nil
}

// encodeJob returns the files of j: those an earlier build of a Session
// encoded from the same plan, or encoded now.
func (ph *photos) encodeJob(j photoJob) ([]images.File, error) {
	k := encodedKey{j.dir, j.path, j.thumb}
	if files, ok := ph.plans.encoded(k, j.img); ok {
		ph.cached.Add(int64(len(files)))
		return files, nil
	}
	data, err := fs.ReadFile(ph.src, j.path)
	if err != nil {
		return nil, err
	}
	files, st, err := images.Encode(j.img, data, ph.cache)
	ph.encoded.Add(int64(st.Encoded))
	ph.cached.Add(int64(st.Cached))
	if err == nil {
		ph.plans.setEncoded(k, j.img, files)
	}
	return files, err
}

// photos returns the photo stage of a build: a plain build's own, or one
// sharing a Session's plans.
func (c *cache) photos(src fs.FS, opts Options, s *site.Site) *photos {
	dir := cacheDir(opts.sourceDir(), s.Config)
	if c == nil {
		return newPhotos(src, images.OpenCache(dir), nil)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.images == nil || c.images.Dir() != dir {
		c.images = images.OpenCache(dir)
	}
	if c.plans == nil {
		c.plans = &planCache{}
	}
	return newPhotos(src, c.images, c.plans)
}

// hasPhotos reports whether a story shows photos of its bundle.
func hasPhotos(st *content.Story) bool {
	return st.Cover != "" || slices.ContainsFunc(st.Resources, isPhoto)
}

// storyOfPhoto returns the index.md of the bundle that holds p when p is a
// photo of a bundle, so that a replaced photo re-reads its story (whose
// pages then render again, with the new file names); else nothing.
func storyOfPhoto(p string) []string {
	rest, ok := strings.CutPrefix(p, "content/stories/")
	slug, name, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || !isPhoto(name) {
		return nil
	}
	return []string{"content/stories/" + slug + "/index.md"}
}

// ImageStats says what a build did with its photos.
type ImageStats struct {
	Images  int           // photos planned (a cover and a body image of the same file count twice)
	Encoded int           // output files encoded by this build
	Cached  int           // output files read from the image cache
	Time    time.Duration // wall time of the encoding stage
	Pruned  int           // cache files removed by GC
	Freed   int64         // bytes they held
}

// report fills rep.Images and, with gc, prunes the cache of what this
// build did not use.
func (ph *photos) report(rep *Report, gc bool) error {
	var st ImageStats
	st.Images, st.Time = len(ph.jobs), ph.encodeTime
	st.Encoded, st.Cached = int(ph.encoded.Load()), int(ph.cached.Load())
	if gc {
		n, b, err := ph.cache.Prune()
		if err != nil {
			return fmt.Errorf("image cache: %w", err)
		}
		st.Pruned, st.Freed = n, b
	}
	if rep != nil {
		rep.Images = st
	}
	return nil
}
