// Package corpus writes synthetic showcase sites: a hugo.toml and a content
// tree of N innovation stories that follow the project's content contract, for
// benchmarks, tests and the theme's demo site.
//
// # The tree
//
// Generate writes hugo.toml (the shape of the project's own: baseURL, title,
// languageCode, theme, buildFuture, the year taxonomy and its permalink,
// [params] description, demo, [params.showcase] pageSize), content/_index.md,
// content/about.md, the twelve regions of content/regions/<slug>/_index.md
// (historical 江东区 with its successor) and the three categories of
// content/categories/<slug>/_index.md exactly as the shared tables give them,
// one tag page (content/tags/hangye-xiehui/_index.md, fixing the polyphonic
// 行业协会), and N stories.
//
// # Stories
//
// Each story is content/stories/<slug>.md, or, for about one in twenty, a
// bundle content/stories/<slug>/index.md with a small PNG cover beside it.
// Slugs are <region>-<topic>-<n>, unique and lower-case ASCII; one story in
// fifty sets slug: in its front matter and has a different file name.
//
// Front matter is YAML, TOML or JSON: in every run of ten stories seven, two
// and one. Regions are written by name, slug or other name (江东区 only for
// years up to 2015, 奉化市 often before 2016); categories by name or slug.
// Stories carry 0–4 tags, 0–4 metrics (家, 个, 人, 名, 户次, 万户次, 元, 万元,
// 亿元, 次, 条, 位, 处; integer and decimal values; hedges 余, 多, 近, 约 or
// none), 0–3 awards of the four levels (in English or Chinese), units,
// sources, and now and then a town, summary, weight, alias or draft: true.
// Years run from 2004 to 2016; award years from the story's year to 2016.
// Bodies are 400–2,500 characters of Chinese with ## headings, lists and a
// GFM table, assembled from phrase banks written for this package.
//
// The first 52 stories take the regions, years and award levels in turn, so
// any corpus of 52 stories or more shows every one of them.
//
// # Determinism
//
// The tree depends only on the options: story i draws from its own PCG
// stream (math/rand/v2) seeded from Options.Seed and i, never from the clock,
// so stories are made in parallel and the same options give byte-identical
// files.
package corpus

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Options are the parameters of a synthetic site. The zero value is an empty
// site (no stories) with the default Hugo theme.
type Options struct {
	// N is the number of stories.
	N int
	// Seed selects the corpus: the same seed gives the same tree.
	Seed int64
	// Demo marks the site as a demo ([params] demo = true) and says in its
	// title, home and about pages that its content is 示例数据.
	Demo bool
	// Theme is the Hugo theme hugo.toml names; "" means "hugo-showcase".
	Theme string
	// Photos is the number of leading stories that become bundles with a
	// synthetic photo as cover (a JPEG of PhotoWidth × ¾ PhotoWidth pixels
	// with a phone's EXIF block).
	Photos int
	// PhotoWidth is the photos' width; 0 means DefaultPhotoWidth.
	PhotoWidth int
}

// DefaultTheme is the Hugo theme a site names when Options.Theme is empty.
const DefaultTheme = "hugo-showcase"

// MaxN is the largest number of stories Generate accepts.
const MaxN = 10_000_000

// Generate writes a synthetic site into dir, creating dir if needed. It
// refuses to write into a dir that already has a content directory or a
// hugo.toml, so that it never mixes two corpora or overwrites a real site.
// Generate is safe for concurrent use with different dirs.
func Generate(dir string, opts Options) error {
	if opts.N < 0 || opts.N > MaxN {
		return fmt.Errorf("corpus: N = %d: want 0 to %d stories", opts.N, MaxN)
	}
	if opts.Theme == "" {
		opts.Theme = DefaultTheme
	}
	if w := cmp.Or(opts.PhotoWidth, DefaultPhotoWidth); opts.Photos < 0 || w < 16 || w > 10_000 {
		return fmt.Errorf("corpus: %d photos of width %d: want 0 or more photos 16 to 10,000 pixels wide", opts.Photos, w)
	}
	if strings.ContainsAny(opts.Theme, "\"\\\n\r/") {
		return fmt.Errorf("corpus: theme %q: want a plain directory name", opts.Theme)
	}
	for _, name := range []string{"content", "hugo.toml"} {
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("corpus: %s already exists; remove it or generate into an empty directory", p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	if err := writeSite(dir, opts); err != nil {
		return err
	}
	return writeStories(dir, opts)
}

// file is one file of the site, its path relative to the site root.
type file struct {
	path string
	data []byte
}

// writeFiles writes files under dir, creating their directories.
func writeFiles(dir string, files []file) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	return nil
}

// siteTitle is the title of a synthetic site.
func siteTitle(demo bool) string {
	if demo {
		return "宁波统一战线创新成果展（示例数据）"
	}
	return "宁波统一战线创新成果展（合成语料）"
}

// commandLine is the corpusgen command that writes the site of opts.
func commandLine(opts Options) string {
	s := fmt.Sprintf("corpusgen -n %d -seed %d", opts.N, opts.Seed)
	if opts.Demo {
		s += " -demo"
	}
	if opts.Theme != DefaultTheme {
		s += " -theme " + opts.Theme
	}
	if opts.Photos > 0 {
		s += fmt.Sprintf(" -photos %d", opts.Photos)
		if w := cmp.Or(opts.PhotoWidth, DefaultPhotoWidth); w != DefaultPhotoWidth {
			s += fmt.Sprintf(" -photo-width %d", w)
		}
	}
	return s
}

// siteFiles returns every file of the site but the stories.
func siteFiles(opts Options) []file {
	var files []file
	add := func(path string, b *bytes.Buffer) {
		files = append(files, file{path, bytes.Clone(b.Bytes())})
		b.Reset()
	}
	var b bytes.Buffer
	title := siteTitle(opts.Demo)

	fmt.Fprintf(&b, `# Site configuration of a synthetic corpus, written by %s
# (generator/corpus); read by the showcase generator AND by the external hugo
# binary. Regenerate it rather than editing it.
baseURL = "https://example.org/"
title = "%s"
languageCode = "zh-CN"
defaultContentLanguage = "zh"
hasCJKLanguage = true
theme = "%s"
buildFuture = true
enableRobotsTXT = true

[taxonomies]
  tag = "tags"
  year = "year"

[permalinks]
  year = "/years/:slug/"

[params]
`, commandLine(opts), title, opts.Theme)
	if opts.Demo {
		b.WriteString(`  description = "示例数据：程序生成的宁波基层统一战线创新项目，用于展示本站的各个视图，不代表真实情况。"
  demo = true
`)
	} else {
		b.WriteString(`  description = "合成语料：程序生成的宁波基层统一战线创新项目，用于测试和性能比较，不代表真实情况。"
`)
	}
	b.WriteString(`
[params.showcase]
  pageSize = 20

[markup.goldmark.renderer]
  unsafe = false
`)
	add("hugo.toml", &b)

	short, kind := "合成语料", "合成语料（synthetic corpus）"
	if opts.Demo {
		short, kind = "示例数据", "示例数据（synthetic sample data）"
	}
	fmt.Fprintf(&b, "---\ntitle: %s\ndescription: 宁波市各区县（市）基层统一战线创新项目、成效数据与获奖情况，均为%s。\n---\n\n", title, short)
	fmt.Fprintf(&b, "本站收录的%d个创新项目均为程序生成的%s，用来展示成果展的各个视图：按区县（市）、类别、年份浏览，获奖时间线和成效数据汇总。项目名称、数据和获奖情况都不是真实记录。\n", opts.N, kind)
	add("content/_index.md", &b)

	aboutTitle := "关于本站（合成语料）"
	if opts.Demo {
		aboutTitle = "关于本示例站点（示例数据）"
	}
	fmt.Fprintf(&b, "---\ntitle: %s\n---\n\n", aboutTitle)
	fmt.Fprintf(&b, "本站的全部内容都是%s，由 `%s` 生成：同样的参数总是生成同样的文件。\n\n", kind, commandLine(opts))
	b.WriteString("## 内容从何而来\n\n")
	b.WriteString("项目的标题、正文、成效数据、获奖记录和资料来源，都是从预先写好的短语库中按随机种子组合而成的。区县（市）和三个类别与真实成果展一致，其余一概不是真实情况，请勿引用。\n\n")
	b.WriteString("## 覆盖范围\n\n")
	b.WriteString("- 年份：2004年至2016年\n- 区域：宁波市及各区县（市），含已撤销的江东区\n- 获奖级别：国家级、省级、市级、县级\n- 元数据（front matter）格式：YAML、TOML 和 JSON\n")
	add("content/about.md", &b)

	for i := range regions {
		g := &regions[i]
		fmt.Fprintf(&b, "---\ntitle: %s\ndivision: %s\nweight: %d\nother_names: [%s]\n", g.title, g.division, i+1, strings.Join(g.other, ", "))
		if g.hasTile {
			fmt.Fprintf(&b, "tile: {x: %d, y: %d}\n", g.tile[0], g.tile[1])
		}
		if g.successor != "" {
			fmt.Fprintf(&b, "successor: %s\nuntil: %d\n", g.successor, g.until)
		}
		fmt.Fprintf(&b, "---\n\n%s\n", g.intro)
		add("content/regions/"+g.slug+"/_index.md", &b)
	}
	for _, c := range categories {
		fmt.Fprintf(&b, "---\ntitle: %s\nweight: %d\ndescription: %s\n---\n\n%s本类收录的项目为%s。\n", c.title, c.weight, c.description, c.description, kind)
		add("content/categories/"+c.slug+"/_index.md", &b)
	}
	b.WriteString("---\ntitle: 行业协会\n---\n\n行业协会的“行”读作 háng：本页把这个标签的网址定为 hangye-xiehui。\n")
	add("content/tags/hangye-xiehui/_index.md", &b)
	return files
}

func writeSite(dir string, opts Options) error {
	return writeFiles(dir, siteFiles(opts))
}

// writeStories writes the N stories in parallel. Each story depends only on
// the seed and its index, so the order of writing does not matter.
func writeStories(dir string, opts Options) error {
	stories := filepath.Join(dir, "content", "stories")
	if err := os.MkdirAll(stories, 0o755); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	workers := min(runtime.GOMAXPROCS(0), max(opts.N, 1))
	var (
		next   atomic.Int64
		failed atomic.Bool
		mu     sync.Mutex
		errs   = map[int]error{}
		wg     sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			var b bytes.Buffer
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= opts.N {
					return
				}
				s := newStory(opts.Seed, i)
				if i < opts.Photos {
					s.index = i
					s.usePhoto(cmp.Or(opts.PhotoWidth, DefaultPhotoWidth))
				}
				b.Reset()
				s.write(&b)
				if err := writeStory(stories, s, b.Bytes(), opts.Seed); err != nil {
					mu.Lock()
					errs[i] = err
					mu.Unlock()
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	if len(errs) == 0 {
		return nil
	}
	first := opts.N
	for i := range errs {
		first = min(first, i)
	}
	return errs[first]
}

// writeStory writes one story, and its cover when it is a bundle.
func writeStory(dir string, s *story, data []byte, seed int64) error {
	p := filepath.Join(dir, filepath.FromSlash(s.file)+".md")
	if s.bundle {
		if err := os.Mkdir(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		png, err := coverPNG(s.regionIndex)
		if err != nil {
			return err
		}
		if s.photoWidth > 0 {
			png = s.photo(seed)
		}
		cover := filepath.Join(filepath.Dir(p), s.cover)
		if err := os.WriteFile(cover, png, 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}
