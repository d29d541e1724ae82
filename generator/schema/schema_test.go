package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

var update = flag.Bool("update", false, "rewrite the golden schema")

// realTree is the repository's own content, with its regions and
// categories.
var realTree = os.DirFS("../..")

func loadSite(t testing.TB, fsys fs.FS) (*site.Site, content.List) {
	t.Helper()
	cs, list := content.Load(fsys, content.Options{Year: 2026})
	if list.Err() != nil {
		return nil, list
	}
	return site.Build(cs), list
}

func compile(t testing.TB, s *site.Site) *jsonschema.Schema {
	t.Helper()
	data, err := Generate(s, "https://example.org/data/story.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("story.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("story.schema.json")
	if err != nil {
		t.Fatalf("the schema does not compile as draft 2020-12: %v", err)
	}
	return sch
}

// frontMatterValue reads a file's front matter (YAML, TOML or JSON) as
// the JSON value an editor's schema validator sees: dates as text.
func frontMatterValue(t testing.TB, src []byte) any {
	t.Helper()
	var m map[string]any
	if _, err := frontmatter.Parse(bytes.NewReader(src), &m); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(normalize(m))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
	case map[any]any:
		m := map[string]any{}
		for k, e := range x {
			m[k.(string)] = normalize(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
	case time.Time:
		return x.Format("2006-01-02")
	}
	return v
}

// TestRealStoriesValid checks that every story of the real site and of the
// test site validates against the schema generated from its own site.
func TestRealStoriesValid(t *testing.T) {
	for _, root := range []string{"../..", "../testdata/site"} {
		fsys := os.DirFS(root)
		s, list := loadSite(t, fsys)
		if s == nil {
			t.Fatal(list.Err())
		}
		sch := compile(t, s)
		n := 0
		for _, st := range s.Stories {
			src, err := fs.ReadFile(fsys, st.Path)
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(frontMatterValue(t, src)); err != nil {
				t.Errorf("%s/%s: %v", root, st.Path, err)
			}
			n++
		}
		if n == 0 {
			t.Fatalf("%s: no stories", root)
		}
		t.Logf("%s: %d stories valid", root, n)
	}
}

// siteWith returns the real site's regions, categories and config with
// one more story.
func siteWith(t testing.TB, story string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, dir := range []string{"content/regions", "content/categories"} {
		fs.WalkDir(realTree, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				t.Fatal(err)
			}
			if !d.IsDir() {
				data, _ := fs.ReadFile(realTree, p)
				m[p] = &fstest.MapFile{Data: data}
			}
			return nil
		})
	}
	m["content/stories/case.md"] = &fstest.MapFile{Data: []byte(story)}
	return m
}

const good = "title: 西周镇商会互助基金\nregion: 象山县\nyear: 2016\ncategory: 创新助推发展\n"

// cases are front matters (YAML, between --- lines) after the required
// keys of good, unless they replace one.
var cases = []struct {
	name, yaml string
	ok         bool // accepted by both, else refused by both
}{
	{"minimal", good, true},
	{"all keys", good + "town: 西周镇\ntags: [商会, 融资]\nsummary: 摘要\ndate: 2016-05-04\nmetrics:\n  - {name: 会员企业, value: 35, unit: 家}\n  - {name: 融资, value: 0.5, unit: 亿元, qualifier: 余}\nawards:\n  - {level: 省级, name: 创新奖, year: 2017, by: 省委统战部, rank: 一等}\nunits: [西周镇商会]\nsources:\n  - {title: 报道, publisher: 宁波日报, date: 2016-05-05, url: \"https://example.org/a\"}\ndraft: false\nweight: 3\nslug: xizhou-fund\naliases: [/old/xizhou/]\n", true},
	{"by slug and other name", "title: 甲\nregion: 江东\nyear: 2016\ncategory: development\n", true},
	{"blank optional values as a CMS writes them", good + "town: \"\"\ndate: \"\"\nweight: \"\"\nmetrics:\n  - {name: 会员企业, value: 35, unit: \"\", qualifier: \"\"}\ncover: \"\"\ncover_alt: \"\"\n", true},
	{"Hugo's own keys", good + "lastmod: 2017-01-01\npublishDate: 2016-01-01\nexpiryDate: 2030-01-01\ndescription: 描述\nkeywords: [a, b]\nimages: [a.png]\nlinkTitle: 短标题\n", true},
	{"date with time", good + "date: 2016-05-04T10:30:00+08:00\n", true},

	{"value in Chinese numerals", good + "metrics:\n  - {name: 会员企业, value: \"三十五\", unit: 家}\n", false},
	{"value as text with unit", good + "metrics:\n  - {name: 会员企业, value: \"35家\"}\n", false},
	{"negative value", good + "metrics:\n  - {name: 会员企业, value: -3, unit: 家}\n", false},
	{"metric without value", good + "metrics:\n  - {name: 会员企业, unit: 家}\n", false},
	{"unknown qualifier", good + "metrics:\n  - {name: 会员企业, value: 35, unit: 家, qualifier: 超}\n", false},
	{"unknown metric key", good + "metrics:\n  - {name: 会员企业, value: 35, units: 家}\n", false},
	{"year in Chinese numerals", "title: 甲\nregion: 象山县\nyear: 二〇一六\ncategory: 创新助推发展\n", false},
	{"year as quoted text", "title: 甲\nregion: 象山县\nyear: \"2016\"\ncategory: 创新助推发展\n", false},
	{"year before 2004", "title: 甲\nregion: 象山县\nyear: 2003\ncategory: 创新助推发展\n", false},
	{"unknown region", "title: 甲\nregion: 火星县\nyear: 2016\ncategory: 创新助推发展\n", false},
	{"unknown category", "title: 甲\nregion: 象山县\nyear: 2016\ncategory: 文化\n", false},
	{"missing title", "region: 象山县\nyear: 2016\ncategory: 创新助推发展\n", false},
	{"blank title", "title: \"  \"\nregion: 象山县\nyear: 2016\ncategory: 创新助推发展\n", false},
	{"tags as text", good + "tags: 商会\n", false},
	{"draft as text", good + "draft: \"yes\"\n", false},
	{"unknown award level", good + "awards:\n  - {level: 世界级, name: 奖, year: 2017}\n", false},
	{"award year before 2004", good + "awards:\n  - {level: 省级, name: 奖, year: 1999}\n", false},
	{"script URL in a source", good + "sources:\n  - {title: 报道, url: \"javascript:alert(1)\"}\n", false},
	{"empty source", good + "sources:\n  - {date: 2016-01-01}\n", false},
	{"cover without cover_alt", good + "cover: cover.jpg\n", false},
	{"slug not a-z0-9-", good + "slug: Bad Slug\n", false},
	{"alias not a site path", good + "aliases: [\"https://evil.example/\"]\n", false},
	{"weight as a word", good + "weight: first\n", false},
	{"date not a date", good + "date: 去年\n", false},
	{"unknown key", good + "catgory: 服务发展\n", false},
	{"Hugo key that moves the page", good + "url: /elsewhere/\n", false},
}

// TestBadInputsRefusedByBoth checks every case against the loader (in
// strict mode: warnings count) and the schema generated from the same
// site: both accept it or both refuse it.
func TestBadInputsRefusedByBoth(t *testing.T) {
	base, list := loadSite(t, siteWith(t, "---\n"+good+"---\n"))
	if base == nil {
		t.Fatal(list.Err())
	}
	sch := compile(t, base)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := "---\n" + c.yaml + "---\n正文。\n"
			_, list := loadSite(t, siteWith(t, src))
			loaderOK := len(list) == 0 // strict: no errors and no warnings
			schemaErr := sch.Validate(frontMatterValue(t, []byte(src)))
			if loaderOK != c.ok {
				t.Errorf("loader accepted=%v, want %v: %v", loaderOK, c.ok, list)
			}
			if (schemaErr == nil) != c.ok {
				t.Errorf("schema accepted=%v, want %v: %v", schemaErr == nil, c.ok, schemaErr)
			}
		})
	}
}

// TestKeysMatchLoader checks that the schema has a property for every key
// the loader reads, and for Hugo's own keys, and no other.
func TestKeysMatchLoader(t *testing.T) {
	s, _ := loadSite(t, siteWith(t, "---\n"+good+"---\n"))
	sc, err := Story(s, "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, k := range append(content.StoryKeys(), content.HugoKeys()...) {
		want[k] = true
	}
	for k := range sc.Properties {
		if !want[k] {
			t.Errorf("schema property %q is not a key the loader or Hugo reads", k)
		}
		delete(want, k)
	}
	for k := range want {
		t.Errorf("no schema property for %q", k)
	}
	if err := fill(&Schema{Properties: map[string]*Schema{}}, "story", []string{"title", "nouveau"}, map[string]*Schema{"title": Any}); err == nil {
		t.Error("fill accepted a key without a type")
	}
}

// TestGolden pins the schema of the real site; run with -update after a
// deliberate change and review the diff.
func TestGolden(t *testing.T) {
	s, list := loadSite(t, realTree)
	if s == nil {
		t.Fatal(list.Err())
	}
	got, err := Generate(s, "https://example.org/data/story.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Generate(s, "https://example.org/data/story.schema.json")
	if !bytes.Equal(got, again) {
		t.Fatal("two generations differ")
	}
	golden := path.Join("testdata", "story.schema.json")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("schema differs from %s (run go test -update and review the diff)", golden)
	}
	if !strings.Contains(string(got), `"象山县"`) || !strings.Contains(string(got), `"江东区"`) {
		t.Error("region names missing from the enum")
	}
}
