package content

import "time"

// Site is a loaded, validated source tree: configuration and every content
// file, typed. Lists are in file-path order; the site stage sorts them for
// display.
type Site struct {
	Config     *Config
	Home       *Page       // content/_index.md; never nil
	Sections   []*Page     // list intros: content/{stories,regions,categories,tags,years}/_index.md
	Pages      []*Page     // standalone pages: content/<slug>.md
	Stories    []*Story    // content/stories/<slug>.md and bundles
	Regions    []*Region   // content/regions/<slug>/_index.md
	Categories []*Category // content/categories/<slug>/_index.md
	Tags       []*Tag      // content/tags/<slug>/_index.md
	// Static lists the files under static/, slash paths relative to it.
	Static []string
}

// Page is a home, section or standalone page.
type Page struct {
	Path        string // source path, slash-separated, relative to the source root
	Slug        string // URL segment: "about" for content/about.md; "" for home; section name for sections
	Title       string
	Description string
	Summary     string
	Date        time.Time
	Draft       bool
	Weight      int
	Aliases     []string
	Body        []byte
	BodyLine    int
	AliasesLine int // line of the aliases key, for errors about them
}

// Story is one innovation story.
type Story struct {
	Path      string // source path of the Markdown file
	Bundle    string // the bundle directory (content/stories/<slug>) or "" for a single file
	Resources []string
	Slug      string
	Title     string
	RegionRef Ref
	Region    *Region
	Town      string
	Year      int
	// CategoryRef is the category as written; Category is what it resolves to.
	CategoryRef Ref
	Category    *Category
	Tags        []string
	Summary     string
	Date        time.Time // a calendar date in Asia/Shanghai, at midnight UTC+8
	DateSet     bool      // whether date was given (else 1 January of Year)
	Metrics     []Metric
	Awards      []Award
	Units       []string
	Sources     []Source
	Cover       string
	CoverAlt    string
	Draft       bool
	Weight      int
	Aliases     []string
	Body        []byte // nil after ReleaseBody: see Source
	BodyLine    int
	// Line is the line of each front-matter key, for later checks.
	Line map[string]int

	released *released // what ReleaseBody dropped
}

// Ref is a name as an editor wrote it, with where.
type Ref struct {
	Name string
	Line int
}

// Metric is a measured result, in the editor's own form.
type Metric struct {
	Name      string
	Value     string // canonical decimal text: "35", "0.5", "7000"
	Unit      string
	Qualifier string // "", 余, 多, 近 or 约
	Line      int
}

// Award levels, highest first.
const (
	National   = "national"
	Provincial = "provincial"
	Municipal  = "municipal"
	County     = "county"
)

// Levels lists the award levels, highest first.
var Levels = []string{National, Provincial, Municipal, County}

// LevelName returns the Chinese name of an award level.
func LevelName(level string) string {
	switch level {
	case National:
		return "国家级"
	case Provincial:
		return "省级"
	case Municipal:
		return "市级"
	case County:
		return "县级"
	}
	return level
}

// Award is a recognition a project received.
type Award struct {
	Level string // one of Levels
	Name  string
	Year  int
	By    string
	Rank  string
	Line  int
}

// Source is where a story's facts come from.
type Source struct {
	Title     string
	Publisher string
	Date      string
	URL       string
}

// Tile is a region's cell on the schematic tile map.
type Tile struct{ X, Y int }

// Region is a county, district, county-level city or the city itself.
type Region struct {
	Path       string
	Slug       string
	Title      string
	Division   string // 区, 县, 县级市 or 市
	Weight     int
	OtherNames []string
	Successor  string // slug of the region it is part of today
	Until      int    // the year it ceased, for a historical region
	Tile       *Tile
	Body       []byte
	BodyLine   int
	// Line is the line of each front-matter key, for later checks.
	Line map[string]int
}

// Category is one of the showcase's themes.
type Category struct {
	Path        string
	Slug        string
	Title       string
	Description string
	Weight      int
	Body        []byte
	BodyLine    int
}

// Tag is a tag page that fixes a tag's slug and gives it an intro.
type Tag struct {
	Path     string
	Slug     string
	Title    string // the tag text as stories use it
	Body     []byte
	BodyLine int
}
