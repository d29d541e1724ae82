package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Options control Load. The zero value loads a published site: drafts left
// out, the default size limit.
type Options struct {
	Drafts      bool  // keep drafts (build --drafts, serve)
	MaxFileSize int64 // bytes; 0 means DefaultMaxFileSize
	// Year is the latest valid showcase year; 0 means this year in Shanghai.
	Year int
}

// DefaultMaxFileSize is the largest content file Load reads.
const DefaultMaxFileSize = 4 << 20

// Load reads hugo.toml, content/ and the list of static/ files from fsys,
// decodes and validates everything, and returns the site with every error
// and warning found (in file and line order). Load never stops at the first
// problem; the site it returns is usable only when List.Err is nil.
//
// fsys should refuse symlinks that leave the tree (os.Root.FS does).
func Load(fsys fs.FS, opts Options) (*Site, List) {
	return NewLoader().Load(fsys, opts)
}

// A Loader loads a tree repeatedly, re-reading only the files invalidated
// since its last Load (the dev server invalidates what its file watcher
// reports). The result is always what a fresh Load of the tree gives. A
// Loader is safe for concurrent use, but Loads are serialised.
type Loader struct {
	mu    sync.Mutex
	cache map[string]loaded
	// files is the last walk of content/, reused while only files it
	// lists were invalidated (and still exist): an edit does not add,
	// remove or move files, so the tree need not be walked again.
	files    []contentFile
	walkErrs List
	walked   bool
	touched  []string // invalidated paths the last walk lists
	// regions and categories are those the last Load linked stories to.
	regions    []*Region
	categories []*Category
	// unknown are invalidated paths the last walk did not list; transient
	// those of them that Load found gone (an editor's temporary files).
	unknown   []string
	transient map[string]bool
	// results are the files of the last Load, in the order of files, and
	// index their positions by path: a Load after edits replaces only the
	// re-read ones.
	results []loaded
	index   map[string]int
	// onWalk, if set, is called each time Load walks the tree (for tests).
	onWalk func()
}

// addStory adds p to the last walk's files, in walk order, when it is a
// new story file directly under content/stories (where a walk would have
// found it with nothing else changed), and reports whether it did: adding
// one story then needs no walk of the whole tree.
func (l *Loader) addStory(p string) bool {
	name, ok := strings.CutPrefix(p, "content/stories/")
	if !ok || strings.Contains(name, "/") || !strings.HasSuffix(name, ".md") || ignored(name) {
		return false
	}
	i, found := slices.BinarySearchFunc(l.files, p, func(f contentFile, p string) int { return walkCompare(f.path, p) })
	if found {
		return false
	}
	l.files = slices.Insert(l.files, i, contentFile{path: p, kind: fileStory, slug: strings.TrimSuffix(name, ".md")})
	l.results = nil
	return true
}

// dropStory removes p from the last walk's files when it is a story file
// directly under content/stories, and reports whether it did.
func (l *Loader) dropStory(p string) bool {
	i := slices.IndexFunc(l.files, func(f contentFile) bool { return f.path == p })
	if i < 0 || l.files[i].kind != fileStory || l.files[i].bundle != "" || strings.Count(p, "/") != 2 {
		return false
	}
	l.files = slices.Delete(l.files, i, i+1)
	delete(l.cache, p)
	l.results = nil
	return true
}

// walkCompare orders slash paths as fs.WalkDir visits them: component by
// component, each by name.
func walkCompare(a, b string) int {
	for {
		ha, ra, moreA := strings.Cut(a, "/")
		hb, rb, moreB := strings.Cut(b, "/")
		if c := strings.Compare(ha, hb); c != 0 || !moreA || !moreB {
			if c == 0 {
				return cmpBool(moreA, moreB)
			}
			return c
		}
		a, b = ra, rb
	}
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// isResource reports whether p is a file of a bundle the last walk found.
func (l *Loader) isResource(p string) bool {
	for _, f := range l.files {
		if f.bundle != "" && strings.HasPrefix(p, f.bundle+"/") {
			return true
		}
	}
	return false
}

// Transient reports whether the last Load found that p, invalidated since
// the Load before, neither existed then nor exists now: an editor's
// temporary file, which changed nothing.
func (l *Loader) Transient(p string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.transient[strings.TrimSuffix(p, "/")]
}

// NewLoader returns a Loader with an empty cache.
func NewLoader() *Loader { return &Loader{cache: map[string]loaded{}} }

// Invalidate forgets the given slash paths relative to the source root, and
// everything under them when they are directories.
func (l *Loader) Invalidate(paths ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range paths {
		p = strings.TrimSuffix(p, "/")
		if _, known := l.cache[p]; known {
			// A file: nothing is cached under it.
			if l.walked {
				l.touched = append(l.touched, p)
			}
			delete(l.cache, p)
			continue
		}
		under := false
		for k := range l.cache {
			if strings.HasPrefix(k, p+"/") {
				delete(l.cache, k)
				under = true
			}
		}
		if under || l.isResource(p) {
			l.walked = false // a directory, or a bundle's file
			continue
		}
		// A path the last walk did not see: a new file, or an editor's
		// temporary file already gone. Load tells them apart.
		l.unknown = append(l.unknown, p)
	}
}

// InvalidateAll forgets every file.
func (l *Loader) InvalidateAll() {
	l.mu.Lock()
	l.cache = map[string]loaded{}
	l.results = nil
	l.walked = false
	l.mu.Unlock()
}

// Load is like the package's Load, reusing the files not invalidated since
// the previous call.
func (l *Loader) Load(fsys fs.FS, opts Options) (*Site, List) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	if opts.Year == 0 {
		opts.Year = time.Now().In(Shanghai).Year()
	}
	cfg, errs := loadConfig(fsys, opts.MaxFileSize)
	site := &Site{Config: cfg}

	clear(l.transient)
	if l.walked {
		for _, p := range l.touched {
			if _, err := fs.Stat(fsys, p); err != nil {
				if errors.Is(err, fs.ErrNotExist) && l.dropStory(p) {
					continue
				}
				l.walked = false // deleted after all
				break
			}
		}
		for _, p := range l.unknown {
			st, err := fs.Stat(fsys, p)
			if errors.Is(err, fs.ErrNotExist) {
				if l.transient == nil {
					l.transient = map[string]bool{}
				}
				l.transient[p] = true
				continue
			}
			if err == nil && st.Mode().IsRegular() && l.addStory(p) {
				continue
			}
			l.walked = false // a new directory, or a file elsewhere
		}
	}
	l.unknown = l.unknown[:0]
	rewalked := !l.walked
	if rewalked {
		l.files, l.walkErrs = walk(fsys, "content")
		l.walked = true
		if l.onWalk != nil {
			l.onWalk()
		}
	}
	files := l.files
	errs = append(errs, l.walkErrs...)

	// Decode every file not cached on all cores; results land by index, so
	// the outcome does not depend on scheduling.
	var results []loaded
	var todo []int
	if !rewalked && len(l.results) == len(files) {
		// The same files as last time: re-read the invalidated ones.
		results = l.results
		for _, p := range l.touched {
			i, ok := l.index[p]
			if !ok {
				results = nil // not as recorded: compare every file
				break
			}
			todo = append(todo, i)
		}
		slices.Sort(todo)
		todo = slices.Compact(todo)
	}
	l.touched = l.touched[:0]
	if results == nil {
		results = make([]loaded, len(files))
		todo = todo[:0]
		for i, f := range files {
			if c, ok := l.cache[f.path]; ok && c.file.same(f) {
				results[i] = c
				continue
			}
			todo = append(todo, i)
		}
		l.index = make(map[string]int, len(files))
		for i, f := range files {
			l.index[f.path] = i
		}
	}
	l.results = results
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(todo)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = loadFile(fsys, files[i], opts)
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	if rewalked {
		clear(l.cache)
		for _, r := range results {
			l.cache[r.file.path] = r
		}
	} else {
		// The same files as last time: only the re-read ones change.
		for _, i := range todo {
			l.cache[files[i].path] = results[i]
		}
	}

	for _, r := range results {
		errs = append(errs, r.errs...)
		switch {
		case r.story != nil:
			site.Stories = append(site.Stories, r.story)
		case r.region != nil:
			site.Regions = append(site.Regions, r.region)
		case r.category != nil:
			site.Categories = append(site.Categories, r.category)
		case r.tag != nil:
			site.Tags = append(site.Tags, r.tag)
		case r.page != nil:
			switch r.file.kind {
			case fileHome:
				site.Home = r.page
			case fileSection:
				site.Sections = append(site.Sections, r.page)
			default:
				site.Pages = append(site.Pages, r.page)
			}
		}
	}
	if site.Home == nil {
		site.Home = &Page{Path: "content/_index.md", Title: cfg.Title, Description: cfg.Description}
	}
	if site.Home.Title == "" {
		site.Home.Title = cfg.Title
	}
	static, staticErrs := walkStatic(fsys)
	site.Static = static
	errs = append(errs, staticErrs...)
	// Stories not re-read keep their region and category while the
	// regions and categories are the same objects as last time.
	var kept func(*Story) bool
	if slices.Equal(site.Regions, l.regions) && slices.Equal(site.Categories, l.categories) {
		fresh := make(map[*Story]bool, len(todo))
		for _, i := range todo {
			if st := results[i].story; st != nil {
				fresh[st] = true
			}
		}
		kept = func(st *Story) bool { return !fresh[st] }
	}
	l.regions, l.categories = site.Regions, site.Categories
	errs = append(errs, link(site, opts, kept)...)
	errs.sort()
	return site, errs
}

type fileKind int

const (
	fileStory fileKind = iota
	fileHome
	fileSection
	filePage
	fileRegion
	fileCategory
	fileTag
)

type contentFile struct {
	path      string
	kind      fileKind
	slug      string
	bundle    string
	resources []string
}

// same reports whether f stands where g stands, in the same role.
func (f contentFile) same(g contentFile) bool {
	return f.path == g.path && f.kind == g.kind && f.slug == g.slug && f.bundle == g.bundle && slices.Equal(f.resources, g.resources)
}

type loaded struct {
	file     contentFile
	story    *Story
	page     *Page
	region   *Region
	category *Category
	tag      *Tag
	errs     List
}

// ignored reports whether a file or directory name is an editor's temporary
// or hidden file, which the generator never reads.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp")
}

var sections = map[string]bool{"stories": true, "regions": true, "categories": true, "tags": true, "years": true, "timeline": true}

// walk lists the content files under dir, classified by where they stand.
func walk(fsys fs.FS, dir string) ([]contentFile, List) {
	var files []contentFile
	var errs List
	bundles := map[string]*contentFile{}
	var bundleFiles []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && isNotExist(err) {
				return fs.SkipDir
			}
			errs = append(errs, &Error{Pos: Pos{File: p}, Msg: "cannot read: " + err.Error(), Zh: "无法读取：" + err.Error(), Err: err})
			return nil
		}
		if p != dir && ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel := strings.TrimPrefix(p, dir+"/")
		parts := strings.Split(rel, "/")
		name := parts[len(parts)-1]
		if d.Type()&fs.ModeSymlink != 0 {
			// Followed only when it stays inside the tree: the FS refuses
			// the others when the file is opened.
			if st, err := fs.Stat(fsys, p); err != nil {
				errs = append(errs, errAt(Pos{File: p}, "symbolic link points outside the source tree or to nothing; not followed", "符号链接指向源目录之外或不存在，已拒绝"))
				return nil
			} else if st.IsDir() {
				errs = append(errs, warnAt(Pos{File: p}, "symbolic link to a directory is not followed", "不跟随指向目录的符号链接"))
				return nil
			}
		}
		cf := contentFile{path: p}
		isMD := strings.HasSuffix(name, ".md")
		switch {
		case len(parts) == 1 && name == "_index.md":
			cf.kind = fileHome
		case len(parts) == 1 && isMD:
			cf.kind, cf.slug = filePage, strings.TrimSuffix(name, ".md")
		case len(parts) == 2 && sections[parts[0]] && name == "_index.md":
			cf.kind, cf.slug = fileSection, parts[0]
		case len(parts) == 2 && parts[0] == "stories" && isMD:
			cf.kind, cf.slug = fileStory, strings.TrimSuffix(name, ".md")
		case len(parts) == 3 && parts[0] == "stories" && name == "index.md":
			cf.kind, cf.slug, cf.bundle = fileStory, parts[1], path.Dir(p)
		case len(parts) >= 3 && parts[0] == "stories":
			bundleFiles = append(bundleFiles, p)
			return nil
		case len(parts) == 3 && name == "_index.md" && (parts[0] == "regions" || parts[0] == "categories" || parts[0] == "tags"):
			cf.kind, cf.slug = map[string]fileKind{"regions": fileRegion, "categories": fileCategory, "tags": fileTag}[parts[0]], parts[1]
		case !isMD:
			return nil // images and other files beside pages are not content
		default:
			errs = append(errs, warnAt(Pos{File: p}, "Markdown file outside the content tree's layout is ignored (see the editor guide)", "不符合内容目录结构的 Markdown 文件已忽略（见编辑指南）"))
			return nil
		}
		files = append(files, cf)
		if cf.bundle != "" {
			bundles[cf.bundle] = &files[len(files)-1]
		}
		return nil
	})
	if err != nil {
		errs = append(errs, &Error{Pos: Pos{File: dir}, Msg: err.Error(), Zh: err.Error(), Err: err})
	}
	// Attach bundle resources (files are in lexical order already).
	byBundle := map[string][]string{}
	for _, p := range bundleFiles {
		dirPart := strings.SplitN(strings.TrimPrefix(p, dir+"/stories/"), "/", 2)[0]
		b := dir + "/stories/" + dirPart
		if _, ok := bundles[b]; !ok {
			if strings.HasSuffix(p, ".md") {
				errs = append(errs, warnAt(Pos{File: p}, "story bundle has no index.md; ignored", "故事包缺少 index.md，已忽略"))
			}
			continue
		}
		byBundle[b] = append(byBundle[b], strings.TrimPrefix(p, b+"/"))
	}
	for i := range files {
		if files[i].bundle != "" {
			files[i].resources = byBundle[files[i].bundle]
		}
	}
	return files, errs
}

func walkStatic(fsys fs.FS) ([]string, List) {
	var out []string
	var errs List
	fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != "static" || !isNotExist(err) {
				errs = append(errs, &Error{Pos: Pos{File: p}, Msg: "cannot read: " + err.Error(), Zh: "无法读取：" + err.Error(), Err: err})
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if st, err := fs.Stat(fsys, p); err != nil || st.IsDir() {
				errs = append(errs, errAt(Pos{File: p}, "symbolic link points outside the source tree or to a directory; not followed", "符号链接指向源目录之外或目录，已拒绝"))
				return nil
			}
		}
		out = append(out, strings.TrimPrefix(p, "static/"))
		return nil
	})
	return out, errs
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// cleanText checks that src is UTF-8 text without NUL bytes, drops a byte
// order mark and folds CRLF line ends to LF (line numbers stay the same).
func cleanText(file string, src []byte) ([]byte, *Error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return nil, errAt(Pos{File: file, Line: lineOf(src, i)}, "file contains a NUL byte; is it a binary file?", "文件中含有 NUL 字节，可能不是文本文件")
	}
	if !utf8.Valid(src) {
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				return nil, errAt(Pos{File: file, Line: lineOf(src, i)}, "file is not valid UTF-8 text (save it as UTF-8)", "文件不是有效的 UTF-8 文本（请以 UTF-8 编码保存）")
			}
			i += n
		}
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return src, nil
}

func lineOf(src []byte, off int) int { return 1 + bytes.Count(src[:off], []byte("\n")) }

// readAll reads r to the end, but no more than limit bytes, into a slice
// sized for the size r is expected to have, so that a file whose size
// does not change is read without growing and copying the slice, as
// io.ReadAll does from 512 bytes up. The slice is kept: story bodies are
// slices of it.
func readAll(r io.Reader, size, limit int64) ([]byte, error) {
	r = io.LimitReader(r, limit)
	// One spare byte, so that the read that meets the end needs no room.
	b := make([]byte, 0, min(size, limit)+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

func loadFile(fsys fs.FS, cf contentFile, opts Options) (res loaded) {
	res.file = cf
	fail := func(e *Error) loaded {
		res.errs = append(res.errs, e)
		return res
	}
	f, err := fsys.Open(cf.path)
	if err != nil {
		return fail(&Error{Pos: Pos{File: cf.path}, Msg: "cannot read: " + err.Error(), Zh: "无法读取：" + err.Error(), Err: err})
	}
	var size int64
	if st, err := f.Stat(); err == nil {
		if st.Size() > opts.MaxFileSize {
			f.Close()
			return fail(errAt(Pos{File: cf.path}, fmt.Sprintf("file is %d bytes, over the limit of %d", st.Size(), opts.MaxFileSize), fmt.Sprintf("文件大小 %d 字节，超过上限 %d 字节", st.Size(), opts.MaxFileSize)))
		}
		size = max(st.Size(), 0)
	}
	src, err := readAll(f, size, opts.MaxFileSize+1)
	f.Close()
	if err != nil {
		return fail(&Error{Pos: Pos{File: cf.path}, Msg: "cannot read: " + err.Error(), Zh: "无法读取：" + err.Error(), Err: err})
	}
	if int64(len(src)) > opts.MaxFileSize {
		return fail(errAt(Pos{File: cf.path}, fmt.Sprintf("file is over the size limit of %d bytes", opts.MaxFileSize), fmt.Sprintf("文件超过大小上限 %d 字节", opts.MaxFileSize)))
	}
	src, e := cleanText(cf.path, src)
	if e != nil {
		return fail(e)
	}
	fm, e := split(cf.path, src)
	if e != nil {
		return fail(e)
	}
	d := &decoder{file: cf.path, maxYear: opts.Year, errs: &res.errs}
	root := fm.root
	if root == nil {
		if cf.kind == fileStory || cf.kind == fileRegion || cf.kind == fileCategory || cf.kind == fileTag {
			if len(bytes.TrimSpace(src)) == 0 {
				return fail(errAt(Pos{File: cf.path, Line: 1}, "file is empty; it needs front matter (--- … ---)", "文件为空，需要 front matter（--- … ---）"))
			}
			return fail(errAt(Pos{File: cf.path, Line: 1}, "file has no front matter: it must start with ---, +++ or {", "文件没有 front matter：必须以 ---、+++ 或 { 开头"))
		}
		root = &node{kind: kindMap, line: 1}
	}
	switch cf.kind {
	case fileStory:
		st := &Story{Path: cf.path, Bundle: cf.bundle, Resources: cf.resources, Slug: cf.slug, Body: fm.body, BodyLine: fm.bodyLine}
		d.story(st, root)
		if st.Slug == cf.slug && !ValidSlug(cf.slug) {
			d.fail(1, fmt.Sprintf("file name %q is not a valid slug (a-z0-9-); rename the file or set slug", cf.slug), fmt.Sprintf("文件名 %q 不是有效的 slug（a-z0-9-），请重命名文件或设置 slug", cf.slug))
		}
		res.story = st
	case fileRegion, fileCategory, fileTag:
		if !ValidSlug(cf.slug) {
			d.fail(1, fmt.Sprintf("directory name %q is not a valid slug (a-z0-9-)", cf.slug), fmt.Sprintf("目录名 %q 不是有效的 slug（a-z0-9-）", cf.slug))
		}
		switch cf.kind {
		case fileRegion:
			res.region = &Region{Path: cf.path, Slug: cf.slug, Body: fm.body, BodyLine: fm.bodyLine}
			d.region(res.region, root)
		case fileCategory:
			res.category = &Category{Path: cf.path, Slug: cf.slug, Body: fm.body, BodyLine: fm.bodyLine}
			d.category(res.category, root)
		default:
			res.tag = &Tag{Path: cf.path, Slug: cf.slug, Body: fm.body, BodyLine: fm.bodyLine}
			d.tag(res.tag, root)
		}
	default:
		p := &Page{Path: cf.path, Slug: cf.slug, Body: fm.body, BodyLine: fm.bodyLine}
		d.page(p, root)
		if cf.kind == filePage && !ValidSlug(p.Slug) {
			d.fail(1, fmt.Sprintf("file name %q is not a valid slug (a-z0-9-); rename the file or set slug", cf.slug), fmt.Sprintf("文件名 %q 不是有效的 slug（a-z0-9-），请重命名文件或设置 slug", cf.slug))
		}
		res.page = p
	}
	return res
}

// reserved are the first URL segments the generator writes itself.
var reserved = map[string]bool{"stories": true, "regions": true, "categories": true, "tags": true, "years": true, "timeline": true, "search": true, "assets": true, "page": true, "feed.xml": true, "sitemap.xml": true, "404": true}

// link resolves names across files (regions, categories, successors, tag
// pages), checks slugs are unique and drops drafts unless wanted.
// link resolves the stories' regions and categories and checks what
// spans files. kept, if not nil, reports the stories whose region and
// category, when set, are still right from an earlier link.
func link(site *Site, opts Options, kept func(*Story) bool) List {
	var errs List
	// Regions: every title, slug and other name must name one region.
	byName := map[string]*Region{}
	var names []string
	claim := func(name string, r *Region) {
		if prev, ok := byName[name]; ok && prev != r {
			errs = append(errs, errAt(Pos{File: r.Path, Line: 1}, fmt.Sprintf("region name %q is already used by %s", name, prev.Path), fmt.Sprintf("区域名称 %q 已被 %s 使用", name, prev.Path)))
			return
		}
		if _, ok := byName[name]; !ok {
			names = append(names, name)
		}
		byName[name] = r
	}
	for _, r := range site.Regions {
		claim(r.Slug, r)
		if r.Title != "" {
			claim(r.Title, r)
		}
		for _, n := range r.OtherNames {
			claim(n, r)
		}
	}
	for _, r := range site.Regions {
		if r.Successor != "" {
			if s, ok := byName[r.Successor]; !ok || s.Slug != r.Successor && s.Title != r.Successor {
				en, zh := didYouMean(suggest(r.Successor, names))
				errs = append(errs, errAt(Pos{File: r.Path, Line: max(1, r.Line["successor"])}, fmt.Sprintf("successor %q is not a region%s", r.Successor, en), fmt.Sprintf("successor %q 不是已有的区域%s", r.Successor, zh)))
			} else {
				r.Successor = s.Slug
			}
		}
	}
	catByName := map[string]*Category{}
	var catNames []string
	for _, c := range site.Categories {
		for _, n := range []string{c.Slug, c.Title} {
			if n == "" {
				continue
			}
			if prev, ok := catByName[n]; ok && prev != c {
				errs = append(errs, errAt(Pos{File: c.Path, Line: 1}, fmt.Sprintf("category name %q is already used by %s", n, prev.Path), fmt.Sprintf("类别名称 %q 已被 %s 使用", n, prev.Path)))
				continue
			}
			if _, ok := catByName[n]; !ok {
				catNames = append(catNames, n)
			}
			catByName[n] = c
		}
	}
	tagSlugs := map[string]*Tag{}
	tagTitles := map[string]*Tag{}
	for _, t := range site.Tags {
		if prev, ok := tagTitles[t.Title]; ok && t.Title != "" {
			errs = append(errs, errAt(Pos{File: t.Path, Line: 1}, fmt.Sprintf("tag %q already has a page: %s", t.Title, prev.Path), fmt.Sprintf("标签 %q 已有页面：%s", t.Title, prev.Path)))
		}
		tagTitles[t.Title] = t
		tagSlugs[t.Slug] = t
	}

	slugs := make(map[string]string, len(site.Stories))
	stories := site.Stories[:0]
	for _, st := range site.Stories {
		d := &decoder{file: st.Path, errs: &errs}
		relink := kept == nil || st.Region == nil || st.Category == nil || !kept(st)
		if prev, ok := slugs[st.Slug]; ok {
			d.fail(max(1, st.Line["slug"]), fmt.Sprintf("story slug %q is also used by %s", st.Slug, prev), fmt.Sprintf("故事 slug %q 与 %s 重复", st.Slug, prev))
		} else {
			slugs[st.Slug] = st.Path
		}
		if relink && st.RegionRef.Name != "" {
			if r, ok := byName[st.RegionRef.Name]; ok {
				st.Region = r
			} else {
				en, zh := didYouMean(suggest(st.RegionRef.Name, names))
				d.fail(st.RegionRef.Line, fmt.Sprintf("unknown region %q%s", st.RegionRef.Name, en), fmt.Sprintf("未知的区域 %q%s", st.RegionRef.Name, zh))
			}
		}
		if relink && st.CategoryRef.Name != "" {
			if c, ok := catByName[st.CategoryRef.Name]; ok {
				st.Category = c
			} else {
				en, zh := didYouMean(suggest(st.CategoryRef.Name, catNames))
				d.fail(st.CategoryRef.Line, fmt.Sprintf("unknown category %q%s", st.CategoryRef.Name, en), fmt.Sprintf("未知的类别 %q%s", st.CategoryRef.Name, zh))
			}
		}
		if st.Cover != "" {
			if !coverOK(st) {
				d.fail(st.Line["cover"], fmt.Sprintf("cover %q is not a file of this story's bundle", st.Cover), fmt.Sprintf("cover %q 不是本故事包中的文件", st.Cover))
			}
		}
		if st.Draft && !opts.Drafts {
			continue
		}
		stories = append(stories, st)
	}
	site.Stories = stories

	pageSlugs := map[string]string{}
	pages := site.Pages[:0]
	for _, p := range site.Pages {
		d := &decoder{file: p.Path, errs: &errs}
		if reserved[p.Slug] {
			d.fail(1, fmt.Sprintf("page slug %q is reserved for a generated page", p.Slug), fmt.Sprintf("页面 slug %q 已被生成的页面占用", p.Slug))
		} else if prev, ok := pageSlugs[p.Slug]; ok {
			d.fail(1, fmt.Sprintf("page slug %q is also used by %s", p.Slug, prev), fmt.Sprintf("页面 slug %q 与 %s 重复", p.Slug, prev))
		}
		pageSlugs[p.Slug] = p.Path
		if p.Draft && !opts.Drafts {
			continue
		}
		pages = append(pages, p)
	}
	site.Pages = pages
	sort.Slice(site.Sections, func(i, j int) bool { return site.Sections[i].Slug < site.Sections[j].Slug })
	return errs
}

func coverOK(st *Story) bool {
	if st.Bundle == "" {
		return false
	}
	c := path.Clean(st.Cover)
	for _, r := range st.Resources {
		if r == c {
			return true
		}
	}
	return false
}

// RegionByName returns the region that name (title, slug or other name)
// resolves to, or nil.
func (s *Site) RegionByName(name string) *Region {
	for _, r := range s.Regions {
		if r.Slug == name || r.Title == name {
			return r
		}
		for _, n := range r.OtherNames {
			if n == name {
				return r
			}
		}
	}
	return nil
}
