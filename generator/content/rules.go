package content

import "sort"

// The rules below are the loader's own, exported so that the front-matter
// JSON Schema (package schema) is generated from them and cannot drift.

// Required keys of each kind of front-matter object.
var (
	StoryRequired  = []string{"title", "region", "year", "category"}
	MetricRequired = []string{"name", "value"}
	AwardRequired  = []string{"level", "name", "year"}
)

// hugoKeys are front-matter keys Hugo itself reads whose meaning does not
// change what the showcase publishes, or which it already reads (slug,
// weight, draft, date, aliases): in a story or page they are never
// reported as unknown. Keys that would make Hugo publish something else
// (url, type, layout, outputs, cascade, build, headless, resources) stay
// unknown, so check --strict catches them.
var hugoKeys = map[string]bool{
	"aliases": true, "slug": true, "weight": true, "draft": true, "date": true,
	"lastmod": true, "publishDate": true, "expiryDate": true, "description": true,
	"keywords": true, "images": true, "linkTitle": true, "summary": true, "title": true,
	"translationKey": true, "sitemap": true, "params": true, "audio": true, "videos": true,
	"isCJKLanguage": true, "series": true,
}

// HugoKeys lists the keys of Hugo's own that a story or page may carry
// without a warning, sorted.
func HugoKeys() []string { return sortedKeys(hugoKeys) }

// Qualifiers lists the hedges a metric may carry: "" (none), 余, 多, 近,
// 约, sorted.
func Qualifiers() []string { return sortedKeys(qualifiers) }

// AwardLevelNames lists every spelling of an award level the loader
// accepts (national, 国家级, 省级 …), sorted.
func AwardLevelNames() []string { return sortedKeys(levelNames) }

// Divisions lists the region divisions (区, 县, 县级市, 市), sorted.
func Divisions() []string { return sortedKeys(divisions) }

// SlugPattern and AliasPattern are the regular expressions (valid in Go
// and in ECMAScript alike) that a slug and an alias must match.
var (
	SlugPattern  = slugRE.String()
	AliasPattern = aliasRE.String()
)

// StoryKeys lists the keys the loader reads in a story, sorted.
func StoryKeys() []string { return sortedKeys((&decoder{}).storyKeys(&Story{})) }

// MetricKeys lists the keys the loader reads in a metric, sorted.
func MetricKeys() []string {
	ok := true
	return sortedKeys((&decoder{}).metricKeys(&Metric{}, &ok))
}

// AwardKeys lists the keys the loader reads in an award, sorted.
func AwardKeys() []string {
	ok := true
	return sortedKeys((&decoder{}).awardKeys(&Award{}, &ok))
}

// SourceKeys lists the keys the loader reads in a source, sorted.
func SourceKeys() []string { return sortedKeys((&decoder{}).sourceKeys(&Source{})) }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
