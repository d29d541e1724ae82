package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// readTree returns every regular file under dir by its slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func generate(t testing.TB, opts Options) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := Generate(dir, opts); err != nil {
		t.Fatal(err)
	}
	return dir
}

// diffTrees reports the first differences between two trees.
func diffTrees(t *testing.T, want, got map[string][]byte) {
	t.Helper()
	n := 0
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s: missing", p)
			n++
		} else if !bytes.Equal(w, g) {
			t.Errorf("%s: differs", p)
			n++
		}
		if n > 10 {
			t.Fatal("too many differences")
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: unexpected", p)
		}
	}
}

func TestDeterministic(t *testing.T) {
	opts := Options{N: 300, Seed: 7}
	a := readTree(t, generate(t, opts))
	b := readTree(t, generate(t, opts))
	if len(a) < 300+2+12+3 {
		t.Fatalf("only %d files", len(a))
	}
	diffTrees(t, a, b)

	c := readTree(t, generate(t, Options{N: 300, Seed: 8}))
	same := 0
	for p, x := range a {
		if bytes.Equal(x, c[p]) && strings.HasPrefix(p, "content/stories/") {
			same++
		}
	}
	if same > 0 {
		t.Errorf("seeds 7 and 8 share %d identical stories", same)
	}
}

// fm is a story's front matter as the three decoders read it.
type fm struct {
	Title    string   `yaml:"title" toml:"title" json:"title"`
	Slug     string   `yaml:"slug" toml:"slug" json:"slug"`
	Region   string   `yaml:"region" toml:"region" json:"region"`
	Town     string   `yaml:"town" toml:"town" json:"town"`
	Year     int      `yaml:"year" toml:"year" json:"year"`
	Date     any      `yaml:"date" toml:"date" json:"date"`
	Category string   `yaml:"category" toml:"category" json:"category"`
	Tags     []string `yaml:"tags" toml:"tags" json:"tags"`
	Summary  string   `yaml:"summary" toml:"summary" json:"summary"`
	Weight   int      `yaml:"weight" toml:"weight" json:"weight"`
	Draft    bool     `yaml:"draft" toml:"draft" json:"draft"`
	Cover    string   `yaml:"cover" toml:"cover" json:"cover"`
	CoverAlt string   `yaml:"cover_alt" toml:"cover_alt" json:"cover_alt"`
	Metrics  []struct {
		Name      string `yaml:"name" toml:"name" json:"name"`
		Value     any    `yaml:"value" toml:"value" json:"value"`
		Unit      string `yaml:"unit" toml:"unit" json:"unit"`
		Qualifier string `yaml:"qualifier" toml:"qualifier" json:"qualifier"`
	} `yaml:"metrics" toml:"metrics" json:"metrics"`
	Awards []struct {
		Level string `yaml:"level" toml:"level" json:"level"`
		Name  string `yaml:"name" toml:"name" json:"name"`
		Year  int    `yaml:"year" toml:"year" json:"year"`
		By    string `yaml:"by" toml:"by" json:"by"`
		Rank  string `yaml:"rank" toml:"rank" json:"rank"`
	} `yaml:"awards" toml:"awards" json:"awards"`
	Units   []string `yaml:"units" toml:"units" json:"units"`
	Sources []struct {
		Title     string `yaml:"title" toml:"title" json:"title"`
		Publisher string `yaml:"publisher" toml:"publisher" json:"publisher"`
		Date      any    `yaml:"date" toml:"date" json:"date"`
		URL       string `yaml:"url" toml:"url" json:"url"`
	} `yaml:"sources" toml:"sources" json:"sources"`
	Aliases []string `yaml:"aliases" toml:"aliases" json:"aliases"`
}

// splitFM splits a story file into format, front matter and body by its
// delimiters, the way Hugo does.
func splitFM(src []byte) (format string, front, body []byte, err error) {
	s := string(src)
	for _, d := range []struct{ name, open, close string }{
		{"yaml", "---\n", "\n---\n"},
		{"toml", "+++\n", "\n+++\n"},
		{"json", "{\n", "\n}\n"},
	} {
		if !strings.HasPrefix(s, d.open) {
			continue
		}
		end := strings.Index(s, d.close)
		if end < 0 {
			return "", nil, nil, fmt.Errorf("no closing %q", strings.TrimSpace(d.close))
		}
		if d.name == "json" {
			return d.name, src[:end+2], src[end+len(d.close):], nil
		}
		return d.name, src[len(d.open) : end+1], src[end+len(d.close):], nil
	}
	return "", nil, nil, fmt.Errorf("no front matter")
}

func decode(format string, front []byte, v any) error {
	switch format {
	case "yaml":
		return yaml.Unmarshal(front, v)
	case "toml":
		return toml.Unmarshal(front, v)
	}
	return json.Unmarshal(front, v)
}

// spellings maps every way a story may name a region to its slug.
func spellings() map[string]string {
	m := map[string]string{}
	for _, g := range regions {
		m[g.slug], m[g.title] = g.slug, g.slug
		for _, o := range g.other {
			m[o] = g.slug
		}
	}
	return m
}

var (
	slugRE     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	dateRE     = regexp.MustCompile(`^(20[01][0-9])-[01][0-9]-[0-3][0-9]$`)
	allowUnits = map[string]bool{"家": true, "个": true, "人": true, "名": true, "户次": true, "万户次": true,
		"元": true, "万元": true, "亿元": true, "次": true, "条": true, "位": true, "处": true}
	allowHedges = map[string]bool{"": true, "余": true, "多": true, "近": true, "约": true}
	allowLevels = map[string]int{"national": 0, "provincial": 1, "municipal": 2, "county": 3,
		"国家级": 0, "省级": 1, "市级": 2, "县级": 3}
)

// corpusStats is what checkCorpus counted.
type corpusStats struct {
	formats  map[string]int
	regions  map[string]int
	years    map[int]int
	levels   map[int]int
	units    map[string]int
	hedges   map[string]int
	valueInt int
	valueDec int
	bundles  int
	drafts   int
	slugSet  int
	weights  int
	aliases  int
	jiangdongSpelled,
	fenghuaCity int
}

// checkCorpus checks every story of a generated tree against the contract
// and returns what it counted.
func checkCorpus(t *testing.T, files map[string][]byte) corpusStats {
	t.Helper()
	st := corpusStats{formats: map[string]int{}, regions: map[string]int{}, years: map[int]int{},
		levels: map[int]int{}, units: map[string]int{}, hedges: map[string]int{}}
	spell := spellings()
	cats := map[string]bool{}
	for _, c := range categories {
		cats[c.slug], cats[c.title] = true, true
	}
	pages := map[string]string{}
	for p, src := range files {
		if !strings.HasPrefix(p, "content/stories/") || !strings.HasSuffix(p, ".md") {
			continue
		}
		rest := strings.TrimSuffix(strings.TrimPrefix(p, "content/stories/"), ".md")
		bundle := strings.HasSuffix(rest, "/index")
		rest = strings.TrimSuffix(rest, "/index")
		if !slugRE.MatchString(rest) {
			t.Errorf("%s: file name is not a slug", p)
		}
		format, front, body, err := splitFM(src)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		st.formats[format]++
		var m fm
		if err := decode(format, front, &m); err != nil {
			t.Errorf("%s: %s: %v", p, format, err)
			continue
		}
		// The project's loader splits with adrg/frontmatter: same body.
		var any map[string]any
		adrgBody, err := frontmatter.Parse(bytes.NewReader(src), &any)
		if err != nil {
			t.Errorf("%s: adrg/frontmatter: %v", p, err)
		} else if strings.TrimSpace(string(adrgBody)) != strings.TrimSpace(string(body)) {
			t.Errorf("%s: adrg/frontmatter splits the body elsewhere", p)
		}

		slug := rest
		if m.Slug != "" {
			slug = m.Slug
			st.slugSet++
			if !slugRE.MatchString(slug) {
				t.Errorf("%s: slug %q", p, slug)
			}
		}
		if prev, ok := pages[slug]; ok {
			t.Errorf("%s: slug %s already used by %s", p, slug, prev)
		}
		pages[slug] = p

		if m.Title == "" || strings.ContainsAny(m.Title, "<>&*_`[]#\\\"\n") {
			t.Errorf("%s: title %q is not plain text", p, m.Title)
		}
		g, ok := spell[m.Region]
		if !ok {
			t.Errorf("%s: region %q", p, m.Region)
		}
		st.regions[g]++
		if m.Year < firstYear || m.Year > lastYear {
			t.Errorf("%s: year %d", p, m.Year)
		}
		st.years[m.Year]++
		if g == "jiangdong" && m.Year > 2015 {
			t.Errorf("%s: 江东区 story of %d", p, m.Year)
		}
		if m.Region == "江东区" {
			st.jiangdongSpelled++
		}
		if m.Region == "奉化市" {
			st.fenghuaCity++
		}
		var date string
		switch d := m.Date.(type) {
		case string:
			date = d
		case time.Time:
			date = d.Format(time.DateOnly)
		default:
			t.Errorf("%s: date %#v", p, m.Date)
		}
		if y := dateRE.FindStringSubmatch(date); y == nil || y[1] != fmt.Sprint(m.Year) {
			t.Errorf("%s: date %q not in year %d", p, date, m.Year)
		}
		if !cats[m.Category] {
			t.Errorf("%s: category %q", p, m.Category)
		}
		if len(m.Tags) > 4 || len(m.Metrics) > 4 || len(m.Awards) > 3 {
			t.Errorf("%s: %d tags, %d metrics, %d awards", p, len(m.Tags), len(m.Metrics), len(m.Awards))
		}
		for _, x := range m.Metrics {
			if x.Name == "" || !allowUnits[x.Unit] || !allowHedges[x.Qualifier] {
				t.Errorf("%s: metric %+v", p, x)
			}
			st.units[x.Unit]++
			st.hedges[x.Qualifier]++
			switch v := x.Value.(type) {
			case int, int64:
				st.valueInt++
			case float64:
				// JSON reads every number as float64: tell them apart by text.
				if v <= 0 {
					t.Errorf("%s: value %v", p, v)
				}
				if v == float64(int64(v)) && format != "json" {
					t.Errorf("%s: whole value %v written as a decimal", p, v)
				}
				if v == float64(int64(v)) {
					st.valueInt++
				} else {
					st.valueDec++
				}
			default:
				t.Errorf("%s: value %#v is not a number", p, x.Value)
			}
		}
		for _, a := range m.Awards {
			l, ok := allowLevels[a.Level]
			if !ok || a.Name == "" || a.Year < m.Year || a.Year > lastYear {
				t.Errorf("%s: award %+v (story year %d)", p, a, m.Year)
			}
			st.levels[l]++
		}
		for _, s := range m.Sources {
			if s.Title == "" || s.Publisher == "" {
				t.Errorf("%s: source %+v", p, s)
			}
		}
		if bundle {
			st.bundles++
			if m.Cover != "cover.png" && m.Cover != photoName || m.CoverAlt == "" {
				t.Errorf("%s: bundle with cover %q, cover_alt %q", p, m.Cover, m.CoverAlt)
			}
			img := files[strings.TrimSuffix(p, "index.md")+m.Cover]
			if _, _, err := image.DecodeConfig(bytes.NewReader(img)); err != nil {
				t.Errorf("%s: cover: %v", p, err)
			}
		} else if m.Cover != "" {
			t.Errorf("%s: cover outside a bundle", p)
		}
		if m.Draft {
			st.drafts++
		}
		if m.Weight != 0 {
			st.weights++
		}
		if len(m.Aliases) > 0 {
			st.aliases++
		}

		checkBody(t, p, body)
	}
	return st
}

// checkBody checks a story body's length and Markdown structure.
func checkBody(t *testing.T, p string, body []byte) {
	t.Helper()
	text := strings.TrimSpace(string(body))
	if n := utf8.RuneCountInString(text); n < minBody || n > maxBody {
		t.Errorf("%s: body of %d characters, want %d–%d", p, n, minBody, maxBody)
	}
	for _, want := range []string{"\n## ", "\n- ", "\n| --- |"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s: body has no %q", p, want)
		}
	}
	if strings.ContainsAny(text, "{}<>") {
		t.Errorf("%s: body has an unexpanded slot or markup", p)
	}
}

func TestCorpus(t *testing.T) {
	const n = 1000
	files := readTree(t, generate(t, Options{N: n, Seed: 1}))
	st := checkCorpus(t, files)
	t.Logf("%+v", st)

	if st.formats["yaml"] != 700 || st.formats["toml"] != 200 || st.formats["json"] != 100 {
		t.Errorf("formats %v, want yaml 700, toml 200, json 100", st.formats)
	}
	if len(st.regions) != len(regions) {
		t.Errorf("regions %v", st.regions)
	}
	if len(st.years) != lastYear-firstYear+1 {
		t.Errorf("years %v", st.years)
	}
	if len(st.levels) != 4 {
		t.Errorf("award levels %v", st.levels)
	}
	if len(st.units) != len(allowUnits) {
		t.Errorf("units %v", st.units)
	}
	if len(st.hedges) != len(allowHedges) {
		t.Errorf("hedges %v", st.hedges)
	}
	for name, got := range map[string]struct{ got, lo, hi int }{
		"bundles":        {st.bundles, 25, 80},
		"drafts":         {st.drafts, 5, 40},
		"slug overrides": {st.slugSet, 5, 40},
		"weights":        {st.weights, 15, 80},
		"aliases":        {st.aliases, 1, 30},
		"江东区":            {st.jiangdongSpelled, 5, 100},
		"奉化市":            {st.fenghuaCity, 10, 150},
		"integer values": {st.valueInt, 500, 2000},
		"decimal values": {st.valueDec, 30, 1000},
	} {
		if got.got < got.lo || got.got > got.hi {
			t.Errorf("%d %s, want %d–%d", got.got, name, got.lo, got.hi)
		}
	}
}

// TestCoverage checks that small corpora of several seeds still show every
// region, year and award level.
func TestCoverage(t *testing.T) {
	for _, seed := range []int64{1, 2, 3, 2016} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			st := checkCorpus(t, readTree(t, generate(t, Options{N: 200, Seed: seed})))
			if len(st.regions) != len(regions) || len(st.years) != lastYear-firstYear+1 || len(st.levels) != 4 || len(st.formats) != 3 {
				t.Errorf("regions %v\nyears %v\nlevels %v\nformats %v", st.regions, st.years, st.levels, st.formats)
			}
		})
	}
}

// TestBodyLength checks body lengths over many stories, in memory.
func TestBodyLength(t *testing.T) {
	short, long := maxBody, 0
	for i := range 5000 {
		s := newStory(int64(i%7), i)
		n := utf8.RuneCountInString(strings.TrimSpace(string(s.body)))
		short, long = min(short, n), max(long, n)
		if n < minBody || n > maxBody {
			t.Fatalf("story %d: body of %d characters", i, n)
		}
	}
	if short > minBody+100 || long < maxBody-300 {
		t.Errorf("bodies range over %d–%d characters only", short, long)
	}
}

func TestSiteFiles(t *testing.T) {
	for _, demo := range []bool{false, true} {
		t.Run(fmt.Sprint("demo=", demo), func(t *testing.T) {
			files := readTree(t, generate(t, Options{N: 3, Seed: 1, Demo: demo, Theme: "my-theme"}))
			var cfg struct {
				BaseURL      string `toml:"baseURL"`
				Title        string `toml:"title"`
				LanguageCode string `toml:"languageCode"`
				Theme        string `toml:"theme"`
				BuildFuture  bool   `toml:"buildFuture"`
				Taxonomies   map[string]string
				Permalinks   map[string]string
				Params       struct {
					Description string
					Demo        bool
					Showcase    struct{ PageSize int }
				}
			}
			if _, err := toml.Decode(string(files["hugo.toml"]), &cfg); err != nil {
				t.Fatal(err)
			}
			if cfg.Theme != "my-theme" || !cfg.BuildFuture || cfg.Taxonomies["year"] != "year" || cfg.Taxonomies["tag"] != "tags" ||
				cfg.Permalinks["year"] != "/years/:slug/" || cfg.Params.Description == "" ||
				cfg.Params.Showcase.PageSize != 20 || cfg.Params.Demo != demo || cfg.LanguageCode != "zh-CN" {
				t.Errorf("hugo.toml: %+v", cfg)
			}
			if got := strings.Contains(cfg.Title, "示例数据"); got != demo {
				t.Errorf("title %q", cfg.Title)
			}
			if demo && !bytes.Contains(files["content/about.md"], []byte("示例数据")) {
				t.Errorf("about page does not say 示例数据")
			}

			type tile struct{ X, Y int }
			for i, g := range regions {
				var r struct {
					Title      string
					Division   string
					Weight     int
					OtherNames []string `yaml:"other_names"`
					Tile       *tile
					Successor  string
					Until      int
				}
				p := "content/regions/" + g.slug + "/_index.md"
				_, front, _, err := splitFM(files[p])
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if err := yaml.Unmarshal(front, &r); err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if r.Title != g.title || r.Division != g.division || r.Weight != i+1 ||
					strings.Join(r.OtherNames, ",") != strings.Join(g.other, ",") ||
					r.Successor != g.successor || r.Until != g.until ||
					(r.Tile != nil) != g.hasTile || (r.Tile != nil && *r.Tile != tile{g.tile[0], g.tile[1]}) {
					t.Errorf("%s: %+v", p, r)
				}
			}
			for _, c := range categories {
				var r struct {
					Title, Description string
					Weight             int
				}
				p := "content/categories/" + c.slug + "/_index.md"
				_, front, _, err := splitFM(files[p])
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if err := yaml.Unmarshal(front, &r); err != nil || r.Title != c.title || r.Weight != c.weight || r.Description == "" {
					t.Errorf("%s: %+v %v", p, r, err)
				}
			}
			for _, p := range []string{"content/_index.md", "content/about.md", "content/tags/hangye-xiehui/_index.md"} {
				var r struct{ Title string }
				_, front, _, err := splitFM(files[p])
				if err == nil {
					err = yaml.Unmarshal(front, &r)
				}
				if err != nil || r.Title == "" {
					t.Errorf("%s: title %q, %v", p, r.Title, err)
				}
			}
		})
	}
}

func TestGenerateRefuses(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(dir, Options{N: 2}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		dir  string
		opts Options
		want string
	}{
		{"existing content", dir, Options{N: 2}, "already exists"},
		{"negative N", t.TempDir(), Options{N: -1}, "want 0 to"},
		{"huge N", t.TempDir(), Options{N: MaxN + 1}, "want 0 to"},
		{"bad theme", t.TempDir(), Options{Theme: "a/b"}, "plain directory name"},
		{"dir is a file", filepath.Join(dir, "hugo.toml"), Options{N: 1}, "corpus:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Generate(tc.dir, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Generate: %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func TestDecimal(t *testing.T) {
	for _, tc := range []struct {
		v, scale int
		want     string
	}{
		{35, 0, "35"}, {5, 1, "0.5"}, {17, 1, "1.7"}, {20, 1, "2"}, {3000, 1, "300"},
		{125, 2, "1.25"}, {120, 2, "1.2"}, {7, 2, "0.07"}, {100, 2, "1"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := decimal(tc.v, tc.scale); got != tc.want {
				t.Errorf("decimal(%d, %d) = %q, want %q", tc.v, tc.scale, got, tc.want)
			}
		})
	}
}

func TestFigure(t *testing.T) {
	for _, tc := range []struct {
		m    metric
		want string
	}{
		{metric{value: "300", unit: "亿元", qualifier: "余"}, "300余亿元"},
		{metric{value: "6000", unit: "名", qualifier: "多"}, "6000多名"},
		{metric{value: "2", unit: "万户次", qualifier: "近"}, "近2万户次"},
		{metric{value: "0.7", unit: "亿元", qualifier: "约"}, "约0.7亿元"},
		{metric{value: "35", unit: "家"}, "35家"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.m.figure(); got != tc.want {
				t.Errorf("figure = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestQuote checks that quoted strings read back unchanged in all three
// formats, and plain YAML scalars too.
func TestQuote(t *testing.T) {
	for _, s := range []string{"", "宁波", `a"b\c`, "tab\there", "line\nbreak", "x: y # z", "yes", "2012", "-a",
		"https://example.org/a", "“引号”", "\x7f\x01"} {
		t.Run(fmt.Sprintf("%q", s), func(t *testing.T) {
			var b bytes.Buffer
			quote(&b, s)
			q := b.String()
			var y, j struct{ S string }
			var tm struct{ S string }
			if err := yaml.Unmarshal([]byte("s: "+q), &y); err != nil || y.S != s {
				t.Errorf("yaml: %q → %q, %v", q, y.S, err)
			}
			if err := json.Unmarshal([]byte(`{"S": `+q+`}`), &j); err != nil || j.S != s {
				t.Errorf("json: %q → %q, %v", q, j.S, err)
			}
			if _, err := toml.Decode("S = "+q, &tm); err != nil || tm.S != s {
				t.Errorf("toml: %q → %q, %v", q, tm.S, err)
			}
			if yamlPlain(s) {
				var p struct{ S any }
				if err := yaml.Unmarshal([]byte("s: "+s), &p); err != nil || p.S != s {
					t.Errorf("plain yaml %q → %#v, %v", s, p.S, err)
				}
			}
		})
	}
}

func TestYAMLPlain(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"宁波市", true}, {"xiangshan", true}, {"self-development", true}, {"cover.png", true},
		{"", false}, {"yes", false}, {"No", false}, {"null", false}, {"2012", false}, {"-x", false},
		{"a: b", false}, {"https://x", false}, {"/archive/", false}, {"a#b", false}, {"\u00a0x", false},
	} {
		t.Run(tc.s, func(t *testing.T) {
			if got := yamlPlain(tc.s); got != tc.want {
				t.Errorf("yamlPlain(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}

// TestConcurrent generates two corpora at once (for -race).
func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	dirs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")}
	for _, d := range dirs {
		wg.Go(func() {
			if err := Generate(d, Options{N: 100, Seed: 5}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	diffTrees(t, readTree(t, dirs[0]), readTree(t, dirs[1]))
}

func BenchmarkGenerate(b *testing.B) {
	const n = 1000
	root := b.TempDir()
	var size int64
	for _, f := range readTree(b, generate(b, Options{N: n, Seed: 1})) {
		size += int64(len(f))
	}
	b.SetBytes(size)
	for i := 0; b.Loop(); i++ {
		dir := filepath.Join(root, fmt.Sprint(i))
		if err := Generate(dir, Options{N: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/story")
}

// BenchmarkStory measures making and formatting one story, without the disk.
func BenchmarkStory(b *testing.B) {
	var buf bytes.Buffer
	i := 0
	for b.Loop() {
		buf.Reset()
		newStory(1, i).write(&buf)
		i++
	}
	b.SetBytes(int64(buf.Len()))
}

// TestPhotos gives the first stories photo covers: JPEGs named as a chat
// app names them, with the EXIF block a phone writes.
func TestPhotos(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(dir, Options{N: 4, Seed: 1, Photos: 2, PhotoWidth: 64}); err != nil {
		t.Fatal(err)
	}
	got, _ := filepath.Glob(filepath.Join(dir, "content/stories/*", photoName))
	if len(got) != 2 {
		t.Fatalf("photos: %v", got)
	}
	data, _ := os.ReadFile(got[0])
	if !bytes.HasPrefix(data, []byte("\xff\xd8\xff")) || !bytes.Contains(data, []byte("Exif")) {
		t.Error("photo is not a JPEG with EXIF")
	}
	if err := Generate(t.TempDir(), Options{N: 1, Photos: 1, PhotoWidth: 20_000}); err == nil {
		t.Error("a 20,000-pixel photo width was accepted")
	}
}
