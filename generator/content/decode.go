package content

import (
	"fmt"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Shanghai is the time zone of story dates (China has kept UTC+8 without
// daylight saving since 1991).
var Shanghai = time.FixedZone("CST", 8*3600)

// MinYear is the first showcase year: the award has run since 2004.
const MinYear = 2004

// decoder turns one file's node tree into typed values, collecting every
// problem it finds instead of stopping at the first.
type decoder struct {
	file    string
	maxYear int
	errs    *List
}

func (d *decoder) pos(line int) Pos { return Pos{File: d.file, Line: line} }

func (d *decoder) fail(line int, en, zh string) {
	*d.errs = append(*d.errs, errAt(d.pos(line), en, zh))
}

func (d *decoder) warn(line int, en, zh string) {
	*d.errs = append(*d.errs, warnAt(d.pos(line), en, zh))
}

// fields walks the mapping m, calling the handler of each known key and
// warning about unknown keys with a suggestion.
func (d *decoder) fields(m *node, what string, handlers map[string]func(f field)) {
	var known []string // sorted, made only for an unknown key
	for _, f := range m.fields {
		if h, ok := handlers[f.key]; ok {
			h(f)
			continue
		}
		if (what == "story" || what == "page") && hugoKeys[f.key] {
			continue // Hugo's own key: Hugo reads it, we leave it alone
		}
		if known == nil {
			known = make([]string, 0, len(handlers))
			for k := range handlers {
				known = append(known, k)
			}
			sort.Strings(known)
		}
		en, zh := didYouMean(suggest(f.key, known))
		d.warn(f.line, fmt.Sprintf("unknown key %q in %s%s", f.key, what, en), fmt.Sprintf("%s中有未知的键 %q%s", whatZh(what), f.key, zh))
	}
}

func whatZh(what string) string {
	switch what {
	case "story":
		return "故事"
	case "metric":
		return "指标"
	case "award":
		return "奖项"
	case "source":
		return "来源"
	case "region":
		return "区域"
	case "category":
		return "类别"
	case "tag":
		return "标签页"
	case "tile":
		return "图块"
	}
	return "页面"
}

func (d *decoder) typeErr(f field, want, wantZh string) {
	got, gotZh := f.val.kind.String(), kindZh[f.val.kind]
	if f.val.kind == kindString {
		got, gotZh = fmt.Sprintf("text %q", f.val.text), fmt.Sprintf("文本 %q", f.val.text)
	}
	d.fail(f.val.line, fmt.Sprintf("%s must be %s, not %s", f.key, want, got), fmt.Sprintf("%s 必须是%s，而不是%s", f.key, wantZh, gotZh))
}

var kindZh = map[kind]string{kindNull: "空值", kindMap: "映射", kindList: "列表", kindString: "文本", kindInt: "整数", kindFloat: "数字", kindBool: "布尔值", kindTime: "日期"}

// str decodes a scalar as text. Numbers are accepted as their text.
func (d *decoder) str(f field) string {
	switch f.val.kind {
	case kindString, kindInt, kindFloat:
		return strings.TrimSpace(f.val.text)
	case kindNull:
		return ""
	}
	d.typeErr(f, "text", "文本")
	return ""
}

func (d *decoder) integer(f field) (int, bool) {
	switch f.val.kind {
	case kindInt:
		n, err := strconv.ParseInt(f.val.text, 10, 64)
		if err == nil && n >= math.MinInt32 && n <= math.MaxInt32 {
			return int(n), true
		}
	case kindFloat:
		x, err := strconv.ParseFloat(f.val.text, 64)
		if err == nil && x == math.Trunc(x) && math.Abs(x) < 1e9 {
			return int(x), true
		}
	}
	d.typeErr(f, "an integer", "整数")
	return 0, false
}

// blank reports whether f holds no value: null, or text of nothing but
// spaces. Form editors such as Decap CMS write an optional field left
// empty so; it means the same as leaving the key out.
func blank(f field) bool {
	return f.val.kind == kindNull || f.val.kind == kindString && strings.TrimSpace(f.val.text) == ""
}

// optInt decodes an optional integer: blank is 0, as if absent.
func (d *decoder) optInt(f field) int {
	if blank(f) {
		return 0
	}
	n, _ := d.integer(f)
	return n
}

func (d *decoder) boolean(f field) bool {
	if f.val.kind == kindBool {
		return f.val.text == "true"
	}
	d.typeErr(f, "true or false", "true 或 false")
	return false
}

func (d *decoder) year(f field) int {
	y, ok := d.integer(f)
	if !ok {
		return 0
	}
	if y < MinYear || y > d.maxYear {
		d.fail(f.val.line, fmt.Sprintf("%s %d is out of range (%d–%d)", f.key, y, MinYear, d.maxYear), fmt.Sprintf("%s %d 超出范围（%d–%d）", f.key, y, MinYear, d.maxYear))
		return 0
	}
	return y
}

func (d *decoder) strList(f field) []string {
	if f.val.kind == kindNull {
		return nil
	}
	if f.val.kind != kindList {
		d.typeErr(f, "a list", "列表")
		return nil
	}
	var out []string
	for _, it := range f.val.items {
		switch it.kind {
		case kindString, kindInt, kindFloat:
			if s := strings.TrimSpace(it.text); s != "" {
				out = append(out, s)
			}
		default:
			d.fail(it.line, fmt.Sprintf("%s: each entry must be text, not %s", f.key, it.kind), fmt.Sprintf("%s：每一项都必须是文本，而不是 %s", f.key, it.kind))
		}
	}
	return out
}

func (d *decoder) mapList(f field) []*node {
	if f.val.kind == kindNull {
		return nil
	}
	if f.val.kind != kindList {
		d.typeErr(f, "a list", "列表")
		return nil
	}
	var out []*node
	for _, it := range f.val.items {
		if it.kind != kindMap {
			d.fail(it.line, fmt.Sprintf("%s: each entry must be a mapping of keys to values, not %s", f.key, it.kind), fmt.Sprintf("%s：每一项都必须是键值映射，而不是 %s", f.key, it.kind))
			continue
		}
		out = append(out, it)
	}
	return out
}

var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05 -07:00", "2006-01-02"}

// date decodes a calendar date in Asia/Shanghai.
func (d *decoder) date(f field) (time.Time, bool) {
	if f.val.kind != kindTime && f.val.kind != kindString {
		d.typeErr(f, "a date (YYYY-MM-DD)", "日期（YYYY-MM-DD）")
		return time.Time{}, false
	}
	s := strings.TrimSpace(f.val.text)
	for _, layout := range dateLayouts {
		t, err := time.ParseInLocation(layout, s, Shanghai)
		if err == nil {
			t = t.In(Shanghai)
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Shanghai), true
		}
	}
	d.fail(f.val.line, fmt.Sprintf("%s %q is not a valid date (YYYY-MM-DD)", f.key, s), fmt.Sprintf("%s %q 不是有效日期（YYYY-MM-DD）", f.key, s))
	return time.Time{}, false
}

var decimalRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// decimal decodes a non-negative number as canonical decimal text.
func (d *decoder) decimal(f field) (string, bool) {
	if f.val.kind != kindInt && f.val.kind != kindFloat {
		d.typeErr(f, "a number", "数字")
		return "", false
	}
	s := strings.TrimPrefix(strings.TrimSpace(f.val.text), "+")
	if !decimalRE.MatchString(s) {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			d.fail(f.val.line, fmt.Sprintf("%s %q is not a finite number", f.key, s), fmt.Sprintf("%s %q 不是有限的数字", f.key, s))
			return "", false
		}
		s = strconv.FormatFloat(x, 'f', -1, 64)
	}
	if strings.HasPrefix(s, "-") {
		d.fail(f.val.line, fmt.Sprintf("%s must not be negative", f.key), fmt.Sprintf("%s 不能是负数", f.key))
		return "", false
	}
	// Canonical form: no leading zeros, no trailing fractional zeros.
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	if t := strings.TrimLeft(s, "0"); t == "" || t[0] == '.' {
		s = "0" + t
	} else {
		s = t
	}
	return s, true
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a slug of the contract: lower-case ASCII
// letters, digits and inner hyphens.
func ValidSlug(s string) bool { return len(s) <= 120 && slugRE.MatchString(s) }

func (d *decoder) slug(f field) string {
	s := d.str(f)
	if s != "" && !ValidSlug(s) {
		d.fail(f.val.line, fmt.Sprintf("slug %q must be lower-case ASCII letters, digits and hyphens (a-z0-9-)", s), fmt.Sprintf("slug %q 只能包含小写英文字母、数字和连字符（a-z0-9-）", s))
		return ""
	}
	return s
}

var aliasRE = regexp.MustCompile(`^/([A-Za-z0-9._~-]+/)*([A-Za-z0-9._~-]+(\.html?)?)?$`)

func (d *decoder) aliases(f field) []string {
	var out []string
	for _, a := range d.strList(f) {
		if !aliasRE.MatchString(a) || strings.Contains(a, "/../") || strings.HasSuffix(a, "/..") || strings.Contains(a, "/./") {
			d.fail(f.val.line, fmt.Sprintf("alias %q must be a site path like /old/path/ (ASCII, no ..)", a), fmt.Sprintf("别名 %q 必须是形如 /old/path/ 的站内路径（ASCII，不含 ..）", a))
			continue
		}
		out = append(out, a)
	}
	return out
}

// safeURL reports whether u is an http(s) URL or a site path, the only links
// the generator emits from front matter.
func safeURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		return p.Host != ""
	case "":
		return !strings.HasPrefix(u, "//") && !strings.ContainsAny(u, ":\\")
	}
	return false
}

func (d *decoder) required(m *node, keys ...string) {
	for _, k := range keys {
		found := false
		for _, f := range m.fields {
			if f.key == k {
				found = f.val.kind != kindNull
			}
		}
		if !found {
			d.fail(m.line, fmt.Sprintf("missing required key %q", k), fmt.Sprintf("缺少必填的键 %q", k))
		}
	}
}

var qualifiers = map[string]bool{"": true, "余": true, "多": true, "近": true, "约": true}

func (d *decoder) metric(m *node) (Metric, bool) {
	met := Metric{Line: m.line}
	ok := true
	d.required(m, MetricRequired...)
	d.fields(m, "metric", d.metricKeys(&met, &ok))
	return met, ok && met.Name != "" && met.Value != ""
}

// metricKeys returns the handlers of a metric's keys, which fill in met
// and clear ok on an invalid value.
func (d *decoder) metricKeys(met *Metric, ok *bool) map[string]func(field) {
	return map[string]func(field){
		"name": func(f field) { met.Name = d.str(f) },
		"value": func(f field) {
			var good bool
			met.Value, good = d.decimal(f)
			*ok = *ok && good
		},
		"unit": func(f field) { met.Unit = d.str(f) },
		"qualifier": func(f field) {
			q := d.str(f)
			if !qualifiers[q] {
				d.fail(f.val.line, fmt.Sprintf("qualifier %q must be one of 余, 多, 近, 约", q), fmt.Sprintf("qualifier %q 必须是 余、多、近、约 之一", q))
				*ok = false
				return
			}
			met.Qualifier = q
		},
	}
}

var levelNames = map[string]string{
	"national": National, "国家级": National, "全国": National, "国家": National,
	"provincial": Provincial, "省级": Provincial, "省": Provincial,
	"municipal": Municipal, "市级": Municipal, "市": Municipal,
	"county": County, "县级": County, "区县级": County, "县": County,
}

func (d *decoder) award(m *node) (Award, bool) {
	a := Award{Line: m.line}
	ok := true
	d.required(m, AwardRequired...)
	d.fields(m, "award", d.awardKeys(&a, &ok))
	return a, ok && a.Level != "" && a.Name != "" && a.Year != 0
}

// awardKeys returns the handlers of an award's keys.
func (d *decoder) awardKeys(a *Award, ok *bool) map[string]func(field) {
	return map[string]func(field){
		"level": func(f field) {
			s := d.str(f)
			lv, known := levelNames[strings.ToLower(s)]
			if !known {
				en, zh := didYouMean(suggest(s, []string{"national", "provincial", "municipal", "county"}))
				d.fail(f.val.line, fmt.Sprintf("award level %q must be national, provincial, municipal or county (国家级, 省级, 市级, 县级)%s", s, en), fmt.Sprintf("奖项级别 %q 必须是 national、provincial、municipal、county（国家级、省级、市级、县级）之一%s", s, zh))
				*ok = false
			}
			a.Level = lv
		},
		"name": func(f field) { a.Name = d.str(f) },
		"year": func(f field) { a.Year = d.year(f) },
		"by":   func(f field) { a.By = d.str(f) },
		"rank": func(f field) { a.Rank = d.str(f) },
	}
}

func (d *decoder) source(m *node) Source {
	var s Source
	d.fields(m, "source", d.sourceKeys(&s))
	if s.Title == "" && s.Publisher == "" && s.URL == "" {
		d.fail(m.line, "a source needs at least a title, a publisher or a url", "来源至少要有 title、publisher 或 url 之一")
	}
	return s
}

// sourceKeys returns the handlers of a source's keys.
func (d *decoder) sourceKeys(s *Source) map[string]func(field) {
	return map[string]func(field){
		"title":     func(f field) { s.Title = d.str(f) },
		"publisher": func(f field) { s.Publisher = d.str(f) },
		"date": func(f field) {
			if f.val.kind == kindTime || f.val.kind == kindString {
				s.Date = strings.TrimSpace(f.val.text)
				if len(s.Date) > 10 && s.Date[4] == '-' {
					s.Date = s.Date[:10]
				}
				return
			}
			s.Date = d.str(f)
		},
		"url": func(f field) {
			u := d.str(f)
			if u != "" && !safeURL(u) {
				d.fail(f.val.line, fmt.Sprintf("source url %q must be an http or https address", u), fmt.Sprintf("来源网址 %q 必须是 http 或 https 地址", u))
				return
			}
			s.URL = u
		},
	}
}

// story decodes a story's front matter.
func (d *decoder) story(st *Story, m *node) {
	st.Line = map[string]int{}
	d.required(m, StoryRequired...)
	h := d.storyKeys(st)
	for _, f := range m.fields {
		st.Line[f.key] = f.line
	}
	d.fields(m, "story", h)
	if st.Title == "" && st.Line["title"] != 0 {
		d.fail(st.Line["title"], "title must not be empty", "title 不能为空")
	}
	if st.Cover != "" && st.CoverAlt == "" {
		d.fail(st.Line["cover"], "cover needs cover_alt, a text alternative for the image", "cover 需要 cover_alt（图片的替代文字）")
	}
	if st.Year != 0 {
		if !st.DateSet {
			st.Date = time.Date(st.Year, 1, 1, 0, 0, 0, 0, Shanghai)
		}
	}
}

// storyKeys returns the handlers of a story's keys.
func (d *decoder) storyKeys(st *Story) map[string]func(field) {
	return map[string]func(field){
		"title":    func(f field) { st.Title = d.str(f) },
		"region":   func(f field) { st.RegionRef = Ref{d.str(f), f.val.line} },
		"town":     func(f field) { st.Town = d.str(f) },
		"year":     func(f field) { st.Year = d.year(f) },
		"category": func(f field) { st.CategoryRef = Ref{d.str(f), f.val.line} },
		"tags":     func(f field) { st.Tags = dedupe(d.strList(f)) },
		"summary":  func(f field) { st.Summary = d.str(f) },
		"date": func(f field) {
			if blank(f) {
				return
			}
			if t, ok := d.date(f); ok {
				st.Date, st.DateSet = t, true
			}
		},
		"metrics": func(f field) {
			for _, it := range d.mapList(f) {
				if met, ok := d.metric(it); ok {
					st.Metrics = append(st.Metrics, met)
				}
			}
		},
		"awards": func(f field) {
			for _, it := range d.mapList(f) {
				if a, ok := d.award(it); ok {
					st.Awards = append(st.Awards, a)
				}
			}
		},
		"units": func(f field) { st.Units = d.strList(f) },
		"sources": func(f field) {
			for _, it := range d.mapList(f) {
				st.Sources = append(st.Sources, d.source(it))
			}
		},
		"cover":     func(f field) { st.Cover = d.str(f) },
		"cover_alt": func(f field) { st.CoverAlt = d.str(f) },
		"draft":     func(f field) { st.Draft = d.boolean(f) },
		"weight":    func(f field) { st.Weight = d.optInt(f) },
		"slug": func(f field) {
			if s := d.slug(f); s != "" {
				st.Slug = s
			}
		},
		"aliases": func(f field) { st.Aliases = d.aliases(f) },
	}
}

// page decodes the front matter of a home, section or standalone page.
func (d *decoder) page(p *Page, m *node) {
	d.fields(m, "page", map[string]func(field){
		"title":       func(f field) { p.Title = d.str(f) },
		"description": func(f field) { p.Description = d.str(f) },
		"summary":     func(f field) { p.Summary = d.str(f) },
		"date": func(f field) {
			if blank(f) {
				return
			}
			if t, ok := d.date(f); ok {
				p.Date = t
			}
		},
		"draft":  func(f field) { p.Draft = d.boolean(f) },
		"weight": func(f field) { p.Weight = d.optInt(f) },
		"slug": func(f field) {
			if s := d.slug(f); s != "" {
				p.Slug = s
			}
		},
		"aliases": func(f field) { p.Aliases, p.AliasesLine = d.aliases(f), f.line },
	})
}

var divisions = map[string]bool{"区": true, "县": true, "县级市": true, "市": true}

func (d *decoder) region(r *Region, m *node) {
	r.Line = map[string]int{}
	for _, f := range m.fields {
		r.Line[f.key] = f.line
	}
	d.required(m, "title")
	d.fields(m, "region", map[string]func(field){
		"title": func(f field) { r.Title = d.str(f) },
		"division": func(f field) {
			s := d.str(f)
			if !divisions[s] {
				d.fail(f.val.line, fmt.Sprintf("division %q must be one of 区, 县, 县级市, 市", s), fmt.Sprintf("division %q 必须是 区、县、县级市、市 之一", s))
				return
			}
			r.Division = s
		},
		"kind": func(f field) {
			d.warn(f.line, "key \"kind\" is reserved by newer Hugo versions; use \"division\"", "键 \"kind\" 被新版 Hugo 保留，请改用 \"division\"")
		},
		"weight":      func(f field) { r.Weight = d.optInt(f) },
		"other_names": func(f field) { r.OtherNames = dedupe(d.strList(f)) },
		"successor":   func(f field) { r.Successor = d.str(f) },
		"until":       func(f field) { r.Until = d.optInt(f) },
		"tile": func(f field) {
			if blank(f) || f.val.kind == kindMap && allBlank(f.val) {
				return
			}
			if f.val.kind != kindMap {
				d.typeErr(f, "a mapping {x, y}", "映射 {x, y}")
				return
			}
			t := &Tile{}
			d.required(f.val, "x", "y")
			d.fields(f.val, "tile", map[string]func(field){
				"x": func(f field) { t.X, _ = d.integer(f) },
				"y": func(f field) { t.Y, _ = d.integer(f) },
			})
			if t.X < 0 || t.Y < 0 || t.X > 20 || t.Y > 20 {
				d.fail(f.val.line, "tile x and y must be between 0 and 20", "tile 的 x 和 y 必须在 0 到 20 之间")
				return
			}
			r.Tile = t
		},
	})
}

func (d *decoder) category(c *Category, m *node) {
	d.required(m, "title")
	d.fields(m, "category", map[string]func(field){
		"title":       func(f field) { c.Title = d.str(f) },
		"description": func(f field) { c.Description = d.str(f) },
		"weight":      func(f field) { c.Weight = d.optInt(f) },
	})
}

func (d *decoder) tag(t *Tag, m *node) {
	d.required(m, "title")
	d.fields(m, "tag", map[string]func(field){
		"title": func(f field) { t.Title = d.str(f) },
	})
}

// allBlank reports whether every value of the mapping m is blank.
func allBlank(m *node) bool {
	for _, f := range m.fields {
		if !blank(f) {
			return false
		}
	}
	return true
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	out := in[:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
