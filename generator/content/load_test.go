package content

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const regionXiangshan = `---
title: 象山县
division: 县
other_names: [象山]
tile: {x: 2, y: 4}
---
象山县位于宁波南部。
`

const categoryDev = `---
title: 创新助推发展
weight: 1
---
`

// tree returns a small valid site with the given extra files.
func tree(extra map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"hugo.toml":                                {Data: []byte("title = \"测试\"\nbaseURL = \"https://example.org/\"\n")},
		"content/_index.md":                        {Data: []byte("---\ntitle: 首页\n---\n介绍。\n")},
		"content/regions/xiangshan/_index.md":      {Data: []byte(regionXiangshan)},
		"content/regions/jiangdong/_index.md":      {Data: []byte("---\ntitle: 江东区\nsuccessor: yinzhou\nuntil: 2016\n---\n")},
		"content/regions/yinzhou/_index.md":        {Data: []byte("---\ntitle: 鄞州区\n---\n")},
		"content/categories/development/_index.md": {Data: []byte(categoryDev)},
	}
	for k, v := range extra {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

func load(t *testing.T, extra map[string]string) (*Site, List) {
	t.Helper()
	return Load(tree(extra), Options{Year: 2026})
}

func TestFormats(t *testing.T) {
	yamlStory := "---\ntitle: 西周镇商会互助基金会\nregion: 象山县\ntown: 西周镇\nyear: 2016\ncategory: development\ntags: [商会, 融资]\nmetrics:\n  - {name: 帮助企业, value: 35, unit: 家}\n  - {name: 融资金额, value: 300, unit: 亿元, qualifier: 余}\n  - {name: 比例, value: 0.5, unit: 亿元}\n---\n正文。\n"
	tomlStory := "+++\ntitle = \"西周镇商会互助基金会\"\nregion = \"xiangshan\"\nyear = 2016\ncategory = \"创新助推发展\"\ntags = [\"商会\", \"融资\"]\n[[metrics]]\nname = \"帮助企业\"\nvalue = 35\nunit = \"家\"\n[[metrics]]\nname = \"融资金额\"\nvalue = 300\nunit = \"亿元\"\nqualifier = \"余\"\n[[metrics]]\nname = \"比例\"\nvalue = 0.5\nunit = \"亿元\"\n+++\n正文。\n"
	jsonStory := "{\n  \"title\": \"西周镇商会互助基金会\",\n  \"region\": \"象山\",\n  \"year\": 2016,\n  \"category\": \"development\",\n  \"tags\": [\"商会\", \"融资\"],\n  \"metrics\": [\n    {\"name\": \"帮助企业\", \"value\": 35, \"unit\": \"家\"},\n    {\"name\": \"融资金额\", \"value\": 300, \"unit\": \"亿元\", \"qualifier\": \"余\"},\n    {\"name\": \"比例\", \"value\": 0.5, \"unit\": \"亿元\"}\n  ]\n}\n\n正文。\n"
	for _, tc := range []struct{ name, src string }{
		{"yaml", yamlStory},
		{"toml", tomlStory},
		{"json", jsonStory},
		{"yaml-bom-crlf", "\ufeff" + strings.ReplaceAll(yamlStory, "\n", "\r\n")},
		{"toml-crlf", strings.ReplaceAll(tomlStory, "\n", "\r\n")},
		{"json-bom", "\ufeff" + jsonStory},
		// Hugo reads one JSON object, then the body: the body may follow
		// the closing brace directly, and the object may be on one line.
		{"json-body-next-line", strings.Replace(jsonStory, "}\n\n正文", "}\n正文", 1)},
		{"json-crlf-body-next-line", strings.ReplaceAll(strings.Replace(jsonStory, "}\n\n正文", "}\n正文", 1), "\n", "\r\n")},
		{"json-one-line", strings.ReplaceAll(strings.TrimSuffix(jsonStory, "\n\n正文。\n"), "\n", "") + "\n正文。\n"},
		{"json-one-line-body-same-line", strings.ReplaceAll(strings.TrimSuffix(jsonStory, "\n\n正文。\n"), "\n", "") + " 正文。\n"},
		{"json-braces-in-strings", strings.Replace(jsonStory, `"tags": ["商会", "融资"]`, `"tags": ["商会", "融资"], "units": ["{", "}}", "\\\"}"]`, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site, errs := load(t, map[string]string{"content/stories/xizhou.md": tc.src})
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if len(site.Stories) != 1 {
				t.Fatalf("stories = %d", len(site.Stories))
			}
			st := site.Stories[0]
			if st.Title != "西周镇商会互助基金会" || st.Region == nil || st.Region.Slug != "xiangshan" || st.Category == nil || st.Category.Slug != "development" || st.Year != 2016 {
				t.Errorf("story = %+v", st)
			}
			if strings.TrimSpace(string(st.Body)) != "正文。" {
				t.Errorf("body = %q", st.Body)
			}
			want := []Metric{{Name: "帮助企业", Value: "35", Unit: "家"}, {Name: "融资金额", Value: "300", Unit: "亿元", Qualifier: "余"}, {Name: "比例", Value: "0.5", Unit: "亿元"}}
			if len(st.Metrics) != len(want) {
				t.Fatalf("metrics = %+v", st.Metrics)
			}
			for i, m := range st.Metrics {
				m.Line = 0
				if m != want[i] {
					t.Errorf("metric %d = %+v, want %+v", i, m, want[i])
				}
			}
			if got := strings.Join(st.Tags, ","); got != "商会,融资" {
				t.Errorf("tags = %q", got)
			}
			if st.Date.Format("2006-01-02") != "2016-01-01" {
				t.Errorf("default date = %v", st.Date)
			}
		})
	}
}

// TestBadInput checks every bad-input rule of the contract reports the exact
// file:line, in English.
func TestBadInput(t *testing.T) {
	const p = "content/stories/s.md"
	for _, tc := range []struct {
		name, src string
		want      string // substring of the joined messages, with position
	}{
		{"missing title", "---\nregion: 象山县\nyear: 2016\ncategory: development\n---\n", p + ":1: missing required key \"title\""},
		{"year as text", "---\ntitle: t\nregion: 象山县\nyear: \"2016\"\ncategory: development\n---\n", p + ":4: year must be an integer, not text \"2016\""},
		{"year out of range", "---\ntitle: t\nregion: 象山县\nyear: 1999\ncategory: development\n---\n", p + ":4: year 1999 is out of range (2004–2026)"},
		{"unknown region", "---\ntitle: t\nregion: 象三县\nyear: 2016\ncategory: development\n---\n", p + ":3: unknown region \"象三县\" (did you mean \"象山县\"?)"},
		{"unknown category", "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: developmnt\n---\n", p + ":5: unknown category \"developmnt\" (did you mean \"development\"?)"},
		{"metrics as string", "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: development\nmetrics: 35家\n---\n", p + ":6: metrics must be a list, not text \"35家\""},
		{"value as text", "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: development\nmetrics:\n  - name: 企业\n    value: 三十五\n---\n", p + ":8: value must be a number, not text \"三十五\""},
		{"bad qualifier", "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: development\nmetrics:\n  - name: 企业\n    value: 35\n    qualifier: 超\n---\n", p + ":9: qualifier \"超\" must be one of 余, 多, 近, 约"},
		{"bad award level", "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: development\nawards:\n  - level: nationl\n    name: 奖\n    year: 2016\n---\n", p + ":7: award level \"nationl\" must be national, provincial, municipal or county (国家级, 省级, 市级, 县级) (did you mean \"national\"?)"},
		{"invalid date", "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: development\ndate: 2016-13-45\n---\n", p + ":6: date \"2016-13-45\" is not a valid date (YYYY-MM-DD)"},
		{"broken yaml", "---\ntitle: t\nregion: [象山县\nyear: 2016\n---\n", p + ":"},
		{"unterminated", "---\ntitle: t\nregion: 象山县\n", p + ":1: front matter opened with \"---\" is never closed"},
		{"empty file", "", p + ":1: file is empty"},
		{"nul byte", "---\ntitle: t\x00\n---\n", p + ":2: file contains a NUL byte"},
		{"not utf8", "---\ntitle: t\nregion: \xff\xfe\n---\n", p + ":3: file is not valid UTF-8"},
		{"bad slug", "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: development\nslug: ../etc\n---\n", p + ":6: slug \"../etc\" must be lower-case"},
		{"cover without alt", "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: development\ncover: a.png\n---\n", p + ":6: cover needs cover_alt"},
		{"toml syntax", "+++\ntitle = \"t\"\nregion = \n+++\n", p + ":3: invalid TOML"},
		{"json syntax", "{\n  \"title\": \"t\",\n  \"region\": ,\n}\n\n", p + ":3: invalid JSON"},
		{"toml wrong type", "+++\ntitle = \"t\"\nregion = \"象山县\"\nyear = \"2016\"\ncategory = \"development\"\n+++\n", p + ":4: year must be an integer"},
		{"json never closed", "{\n\"title\": \"t\",\n\"region\": \"象山县\"\n\n正文\n", p + ":1: front matter opened with \"{\" is never closed"},
		{"json brace in string never closed", "{\"title\": \"}\"\n正文\n", p + ":1: front matter opened with \"{\" is never closed"},
		{"json one line syntax", "\n{\"title\": \"t\" \"region\": \"象山县\"}\n正文\n", p + ":2: invalid JSON"},
		{"json not an object", "{\"title\": [1, }\n正文\n", p + ":1: invalid JSON"},
		{"json one line wrong type", "{\"title\": \"t\", \"region\": \"象山县\", \"year\": 2016, \"category\": \"development\", \"metrics\": \"x\"}\n正文\n", p + ":1: metrics must be a list"},
		{"json wrong type", "{\n\"title\": \"t\",\n\"region\": \"象山县\",\n\"year\": 2016,\n\"category\": \"development\",\n\"metrics\": \"x\"\n}\n", p + ":6: metrics must be a list"},
		{"javascript source", "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: development\nsources:\n  - title: x\n    url: javascript:alert(1)\n---\n", p + ":8: source url \"javascript:alert(1)\" must be an http or https address"},
		{"duplicate key", "---\ntitle: t\ntitle: u\nregion: 象山县\nyear: 2016\ncategory: development\n---\n", p + ":3: key \"title\" given twice (first on line 2)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := load(t, map[string]string{p: tc.src})
			err := errs.Err()
			if err == nil {
				t.Fatalf("no error; want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got\n%v\nwant substring\n%s", err, tc.want)
			}
		})
	}
}

func TestUnknownKeyWarns(t *testing.T) {
	_, errs := load(t, map[string]string{"content/stories/s.md": "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: development\ntitel: x\n---\n"})
	if errs.Err() != nil {
		t.Fatalf("unknown key must only warn: %v", errs.Err())
	}
	w := errs.Warnings()
	if len(w) != 1 || w[0].Error() != `content/stories/s.md:6: unknown key "titel" in story (did you mean "title"?)` {
		t.Fatalf("warnings = %v", w)
	}
	if got := w[0].Localized(true); !strings.Contains(got, "警告") || !strings.Contains(got, "是否想写") {
		t.Errorf("zh = %q", got)
	}
}

func TestAllErrorsReported(t *testing.T) {
	_, errs := load(t, map[string]string{
		"content/stories/a.md": "---\ntitle: a\nregion: 无\nyear: 2016\ncategory: development\n---\n",
		"content/stories/b.md": "---\ntitle: b\nregion: 象山县\nyear: 3000\ncategory: development\n---\n",
		"content/stories/c.md": "---\ntitle: c\nregion: 象山县\nyear: 2016\ncategory: development\nslug: a\n---\n",
	})
	got := errs.Err().Error()
	for _, want := range []string{"content/stories/a.md:3:", "content/stories/b.md:4:", "content/stories/c.md:6: story slug \"a\" is also used by content/stories/a.md"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestRegionNamesAndDrafts(t *testing.T) {
	story := func(region string, draft bool) string {
		return "---\ntitle: t\nregion: " + region + "\nyear: 2016\ncategory: development\ndraft: " + map[bool]string{true: "true", false: "false"}[draft] + "\n---\n"
	}
	files := map[string]string{
		"content/stories/a.md": story("江东区", false),
		"content/stories/b.md": story("xiangshan", false),
		"content/stories/c.md": story("象山", true),
	}
	site, errs := load(t, files)
	if errs.Err() != nil {
		t.Fatal(errs.Err())
	}
	if len(site.Stories) != 2 || site.Stories[0].Region.Slug != "jiangdong" || site.Stories[1].Region.Slug != "xiangshan" {
		t.Fatalf("stories: %+v", site.Stories)
	}
	if r := site.RegionByName("江东区"); r == nil || r.Successor != "yinzhou" || r.Until != 2016 {
		t.Errorf("jiangdong = %+v", r)
	}
	site, _ = Load(tree(files), Options{Year: 2026, Drafts: true})
	if len(site.Stories) != 3 {
		t.Errorf("with drafts: %d stories", len(site.Stories))
	}
}

func TestBundleAndConfig(t *testing.T) {
	fsys := tree(map[string]string{
		"content/stories/b/index.md": "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: development\ncover: pic.png\ncover_alt: 图\n---\n",
		"content/stories/b/pic.png":  "png",
		"content/about.md":           "---\ntitle: 关于\n---\n关于本站。\n",
		"static/robots.txt":          "User-agent: *\n",
	})
	fsys["hugo.toml"] = &fstest.MapFile{Data: []byte("baseURL = \"https://example.org/showcase/\"\n[params]\ndemo = true\n[params.showcase]\npageSize = 5\nkeep = [\".git\", \"CNAME\"]\n[markup.goldmark.renderer]\nunsafe = true\n")}
	site, errs := Load(fsys, Options{Year: 2026})
	if errs.Err() != nil {
		t.Fatal(errs.Err())
	}
	st := site.Stories[0]
	if st.Bundle != "content/stories/b" || len(st.Resources) != 1 || st.Slug != "b" {
		t.Errorf("bundle: %+v", st)
	}
	if len(site.Pages) != 1 || site.Pages[0].Slug != "about" {
		t.Errorf("pages: %+v", site.Pages)
	}
	c := site.Config
	if c.BaseURL != "https://example.org/showcase/" || !c.Demo || c.PageSize != 5 || !c.Unsafe || strings.Join(c.Keep, ",") != ".git,CNAME" {
		t.Errorf("config: %+v", c)
	}
	if strings.Join(site.Static, ",") != "robots.txt" {
		t.Errorf("static: %v", site.Static)
	}
}

func TestBrokenConfig(t *testing.T) {
	fsys := tree(nil)
	fsys["hugo.toml"] = &fstest.MapFile{Data: []byte("title = \"x\"\n[params.showcase]\npageSize = \"many\"\n")}
	_, errs := Load(fsys, Options{Year: 2026})
	if err := errs.Err(); err == nil || !strings.Contains(err.Error(), "hugo.toml:3: pageSize must be an integer") {
		t.Fatalf("got %v", err)
	}
	fsys["hugo.toml"] = &fstest.MapFile{Data: []byte("title = \"x\n")}
	_, errs = Load(fsys, Options{Year: 2026})
	if err := errs.Err(); err == nil || !strings.Contains(err.Error(), "hugo.toml:1: invalid TOML") {
		t.Fatalf("got %v", err)
	}
}

func TestSizeLimit(t *testing.T) {
	big := "---\ntitle: t\nregion: 象山县\nyear: 2016\ncategory: development\n---\n" + strings.Repeat("字", 1<<20)
	_, errs := Load(tree(map[string]string{"content/stories/big.md": big}), Options{Year: 2026, MaxFileSize: 1 << 20})
	if err := errs.Err(); err == nil || !strings.Contains(err.Error(), "content/stories/big.md: file is") {
		t.Fatalf("got %v", err)
	}
}

// TestLoaderTransient checks how a Loader treats invalidated paths its
// last walk did not list: a temporary file already gone changes nothing
// and is reported transient; a new file, and a bundle's file that is gone,
// make it walk the tree again.
func TestLoaderTransient(t *testing.T) {
	fsys := tree(map[string]string{
		"content/stories/b/index.md": "---\ntitle: 包\nregion: 象山县\nyear: 2016\ncategory: 创新助推发展\ncover: a.png\ncover_alt: 图\n---\n正文。\n",
		"content/stories/b/a.png":    "png",
	})
	l := NewLoader()
	load := func() *Site {
		t.Helper()
		s, list := l.Load(fsys, Options{Year: 2026})
		if list.Err() != nil {
			t.Fatal(list.Err())
		}
		return s
	}
	load()
	l.Invalidate("content/stories/sed123")
	s := load()
	if !l.Transient("content/stories/sed123") || len(s.Stories) != 1 {
		t.Fatalf("a vanished temporary file: transient %v, %d stories", l.Transient("content/stories/sed123"), len(s.Stories))
	}
	fsys["content/stories/c.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 新\nregion: 象山县\nyear: 2016\ncategory: 创新助推发展\n---\n正文。\n")}
	l.Invalidate("content/stories/c.md")
	if s := load(); len(s.Stories) != 2 || l.Transient("content/stories/c.md") {
		t.Fatalf("a new file: %d stories, transient %v", len(s.Stories), l.Transient("content/stories/c.md"))
	}
	fsys["content/stories/b/z.png"] = &fstest.MapFile{Data: []byte("png")}
	l.Invalidate("content/stories/b/z.png")
	load()
	delete(fsys, "content/stories/b/z.png")
	l.Invalidate("content/stories/b/z.png")
	s = load()
	for _, st := range s.Stories {
		if st.Slug == "b" && strings.Join(st.Resources, ",") != "a.png" {
			t.Fatalf("bundle resources after a deletion: %v", st.Resources)
		}
	}
	if l.Transient("content/stories/b/z.png") {
		t.Fatal("a deleted bundle file reported transient")
	}
}

// TestLoaderAddDrop adds and deletes story files next to bundles and other
// content without walking the tree again, and checks after each step that
// the Loader's files are a fresh walk's and its site a fresh Load's.
func TestLoaderAddDrop(t *testing.T) {
	story := func(title string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\nregion: 象山县\nyear: 2016\ncategory: 创新助推发展\n---\n正文。\n")}
	}
	fsys := tree(map[string]string{
		"content/_index.md":            "---\ntitle: 首页\n---\n",
		"content/about.md":             "---\ntitle: 关于\n---\n",
		"content/stories/_index.md":    "---\ntitle: 项目\n---\n",
		"content/stories/m/index.md":   "---\ntitle: 包\nregion: 象山县\nyear: 2016\ncategory: 创新助推发展\n---\n正文。\n",
		"content/stories/m/a.png":      "png",
		"content/stories/m.md.bak":     "not content",
		"content/tags/x/_index.md":     "---\ntitle: 标签\n---\n",
		"content/stories/k.md":         "---\ntitle: 甲\nregion: 象山县\nyear: 2016\ncategory: 创新助推发展\n---\n正文。\n",
		"content/stories/~backup.md":   "ignored",
		"content/stories/sub/deep.txt": "not a bundle",
	})
	l := NewLoader()
	walks := 0
	l.onWalk = func() { walks++ }
	check := func(what string) {
		t.Helper()
		got, gotList := l.Load(fsys, Options{Year: 2026})
		want, wantList := Load(fsys, Options{Year: 2026})
		files, _ := walk(fsys, "content")
		if !slices.EqualFunc(l.files, files, func(a, b contentFile) bool { return a.same(b) }) {
			t.Fatalf("%s: the Loader's files differ from a walk's:\n%v\n%v", what, l.files, files)
		}
		var g, w []string
		for _, st := range got.Stories {
			g = append(g, st.Path+"|"+st.Title)
		}
		for _, st := range want.Stories {
			w = append(w, st.Path+"|"+st.Title)
		}
		if !slices.Equal(g, w) || fmt.Sprint(gotList) != fmt.Sprint(wantList) {
			t.Fatalf("%s: stories %v (%v), want %v (%v)", what, g, gotList, w, wantList)
		}
	}
	check("first load")
	for i, name := range []string{"a", "m", "n", "zz", "k-2", "l", "m.md2"} {
		p := "content/stories/" + name + ".md"
		fsys[p] = story(fmt.Sprint("新", i))
		l.Invalidate(p)
		check("add " + p)
	}
	for _, name := range []string{"m", "a", "zz", "k"} {
		p := "content/stories/" + name + ".md"
		delete(fsys, p)
		l.Invalidate(p)
		check("delete " + p)
	}
	// A rename: one path gone, one new.
	fsys["content/stories/renamed.md"] = fsys["content/stories/n.md"]
	delete(fsys, "content/stories/n.md")
	l.Invalidate("content/stories/n.md", "content/stories/renamed.md")
	check("rename")
	if walks != 1 {
		t.Errorf("the tree was walked %d times, want once", walks)
	}
}
