package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Front-matter formats.
const (
	formatYAML = iota
	formatTOML
	formatJSON
)

// First and last showcase years of a synthetic corpus.
const (
	firstYear = 2004
	lastYear  = 2016
)

// coverage is the number of leading stories whose region, year and award
// level are assigned in turn rather than drawn, so that every corpus of at
// least this many stories shows every region, year and award level.
const coverage = 52

// story is one generated story: its front matter as it will be written
// (region and category spelled the way this editor spells them) and its body.
type story struct {
	slug     string // the page's slug
	file     string // path under content/stories, without ".md"
	bundle   bool
	format   int
	title    string
	setSlug  bool // write slug: in front matter (file name differs)
	region   string
	town     string
	year     int
	date     string // YYYY-MM-DD
	category string
	tags     []string
	summary  string
	weight   int
	draft    bool
	cover    string
	coverAlt string
	// photoWidth is the width of a photo cover (photo.go); 0 for none.
	photoWidth int
	index      int
	metrics    []metric
	awards     []award
	units      []string
	sources    []source
	aliases    []string
	body       []byte

	yamlQuoted bool // this editor quotes every YAML string
	yamlFlow   bool // and writes YAML lists as [a, b]

	regionIndex int
}

type metric struct {
	name, value, unit, qualifier string // value as a number literal: 35, 0.5
}

type award struct {
	level, name string
	year        int
	by, rank    string
}

type source struct {
	title, publisher, date, url string
}

// ctx holds a story's slot values for template expansion.
type ctx struct {
	place, region, org, topic, year string
}

// expand fills the {P} {R} {O} {X} {Y} slots of t.
func (c *ctx) expand(t string) string {
	if strings.IndexByte(t, '{') < 0 {
		return t
	}
	var b strings.Builder
	b.Grow(len(t) + 32)
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 || i+2 >= len(t) || t[i+2] != '}' {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		switch t[i+1] {
		case 'P':
			b.WriteString(c.place)
		case 'R':
			b.WriteString(c.region)
		case 'O':
			b.WriteString(c.org)
		case 'X':
			b.WriteString(c.topic)
		case 'Y':
			b.WriteString(c.year)
		default:
			b.WriteString(t[i : i+3])
		}
		t = t[i+3:]
	}
}

// mix is SplitMix64's finaliser: it spreads nearby inputs over all 64 bits.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// newRand returns the generator for one stream of one seed: stories draw
// from their own stream so that they can be made in any order, in parallel,
// with the same result.
func newRand(seed int64, stream, salt uint64) *rand.Rand {
	s := mix(uint64(seed) ^ mix(stream^salt))
	return rand.New(rand.NewPCG(s, mix(s^salt)))
}

// Salts of the random streams.
const (
	saltStory  = 0x5354
	saltFormat = 0x464d
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// regionName is the region's name at the given year: 江东区 existed until
// 2016 and 奉化 was a county-level city, 奉化市, until 2016.
func regionName(g *region, year int) string {
	if g.slug == "fenghua" && year < 2016 {
		return "奉化市"
	}
	return g.title
}

// formatOf returns story i's front-matter format: in every run of ten
// stories seven are YAML, two TOML and one JSON, in an order drawn per run.
func formatOf(seed int64, i int) int {
	r := newRand(seed, uint64(i/10), saltFormat)
	p := r.Perm(10)[i%10]
	switch {
	case p < 7:
		return formatYAML
	case p < 9:
		return formatTOML
	}
	return formatJSON
}

// newStory makes story i of the corpus of the given seed.
func newStory(seed int64, i int) *story {
	r := newRand(seed, uint64(i), saltStory)
	s := &story{format: formatOf(seed, i)}

	// Region and year: in turn for the first stories, drawn afterwards.
	// 江东区 stories are filed no later than 2015.
	var gi int
	if i < coverage {
		gi = i % len(regions)
		s.year = firstYear + i%(lastYear-firstYear+1)
	} else {
		if r.IntN(8) == 0 {
			gi = 0 // city-wide work
		} else {
			gi = 1 + r.IntN(len(regions)-1)
		}
		s.year = firstYear + r.IntN(lastYear-firstYear+1)
	}
	g := &regions[gi]
	if g.until != 0 && s.year >= g.until {
		s.year = firstYear + r.IntN(g.until-firstYear)
	}
	s.regionIndex = gi

	// How this editor spells the region: name, slug or another name.
	switch k := r.IntN(8); {
	case g.slug == "fenghua" && s.year < 2016 && k < 3:
		s.region = "奉化市"
	case k < 4:
		s.region = g.title
	case k < 6:
		s.region = g.slug
	default:
		s.region = pick(r, g.other)
	}

	tp := &topics[r.IntN(len(topics))]
	cat := &categories[tp.cat]
	if r.IntN(5) < 3 {
		s.category = cat.title
	} else {
		s.category = cat.slug
	}

	c := &ctx{region: regionName(g, s.year), topic: tp.zh, year: strconv.Itoa(s.year)}
	c.place = c.region
	if len(g.towns) > 0 && r.IntN(5) < 3 {
		s.town = pick(r, g.towns)
		c.place = s.town
	}
	c.org = c.region + "委统战部"
	if r.IntN(3) == 0 {
		c.org = c.region + "工商联"
	}

	// Title: plain text.
	suffix := pick(r, titleSuffixes[tp.cat])
	switch r.IntN(4) {
	case 0:
		s.title = c.place + tp.zh + "：" + suffix
	case 1:
		s.title = c.place + "探索" + tp.zh
	default:
		s.title = c.place + tp.zh + suffix
	}

	s.slug = fmt.Sprintf("%s-%s-%d", g.slug, tp.slug, i+1)
	s.file = s.slug
	s.bundle = i == 5 || (i >= coverage && r.IntN(20) == 0)
	if s.bundle {
		s.file = s.slug + "/index"
		s.cover = "cover.png"
		s.coverAlt = s.title + "（示意图，合成图片）"
	} else if r.IntN(50) == 0 {
		s.setSlug = true
		s.file = fmt.Sprintf("%d-%s", s.year, s.slug)
	}

	day := r.IntN(365)
	s.date = time.Date(s.year, 1, 1+day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)

	// Tags: 0–4, from the topic and the bank.
	if n := r.IntN(5); n > 0 {
		seen := map[string]bool{}
		for _, t := range tp.tags {
			if len(s.tags) < n && r.IntN(3) > 0 && !seen[t] {
				seen[t] = true
				s.tags = append(s.tags, t)
			}
		}
		for len(s.tags) < n {
			if t := pick(r, tagBank); !seen[t] {
				seen[t] = true
				s.tags = append(s.tags, t)
			}
		}
	}

	if r.IntN(5) < 2 {
		s.summary = c.expand(pick(r, summaryTemplates))
	}
	if r.IntN(25) == 0 {
		s.weight = 1 + r.IntN(20)
	}
	s.draft = i >= coverage && r.IntN(50) == 0

	s.metrics = newMetrics(r)
	s.awards = newAwards(r, i, s.year, c)

	if n := r.IntN(4); n > 0 {
		seen := map[string]bool{}
		for k := 0; k < n*2 && len(s.units) < n; k++ {
			if u := c.expand(pick(r, unitTemplates)); !seen[u] {
				seen[u] = true
				s.units = append(s.units, u)
			}
		}
	}

	for k, n := 0, r.IntN(3); k < n; k++ {
		src := source{
			title:     c.expand(pick(r, sourceTemplates)),
			publisher: c.expand(pick(r, sourcePublishers)),
			date:      time.Date(s.year, 1, 1+r.IntN(365), 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
		}
		if r.IntN(3) > 0 {
			src.url = fmt.Sprintf("https://example.org/sources/%d/%s-%d.html", s.year, s.slug, k+1)
		}
		s.sources = append(s.sources, src)
	}

	if r.IntN(100) == 0 && !s.setSlug {
		s.aliases = []string{fmt.Sprintf("/archive/%d/%s/", s.year, s.slug)}
	}

	s.yamlQuoted = r.IntN(4) == 0
	s.yamlFlow = r.IntN(2) == 0
	s.body = newBody(r, c, tp.cat, s.metrics, s.year)
	return s
}

// newMetrics draws 0–4 metrics of distinct names.
func newMetrics(r *rand.Rand) []metric {
	n := r.IntN(5)
	if n == 0 {
		return nil
	}
	ms := make([]metric, 0, n)
	for _, k := range r.Perm(len(metricKinds))[:n] {
		mk := &metricKinds[k]
		u := pick(r, mk.units)
		ms = append(ms, metric{
			name:      mk.name,
			value:     number(r, u),
			unit:      u.unit,
			qualifier: pick(r, hedges),
		})
	}
	return ms
}

// number draws a value in u's range and writes it as a number literal that
// every front-matter format reads the same: 35, 7000, 0.5, 1.25. Integers
// are often rounded to two significant digits, as reports round them.
func number(r *rand.Rand, u unitRange) string {
	v := u.min + r.IntN(u.max-u.min+1)
	if u.scale == 0 && v >= 100 && r.IntN(2) == 0 {
		p := 1
		for v/p >= 100 {
			p *= 10
		}
		v = v / p * p
	}
	return decimal(v, u.scale)
}

// decimal writes v / 10^scale with no trailing zeros; a whole number is
// written as an integer.
func decimal(v, scale int) string {
	for scale > 0 && v%10 == 0 {
		v /= 10
		scale--
	}
	s := strconv.Itoa(v)
	if scale == 0 {
		return s
	}
	for len(s) <= scale {
		s = "0" + s
	}
	return s[:len(s)-scale] + "." + s[len(s)-scale:]
}

// newAwards draws 0–3 awards no earlier than the story's year and no later
// than the last showcase year. Every other story of the first coverage
// stories has an award whose level is assigned in turn.
func newAwards(r *rand.Rand, i, year int, c *ctx) []award {
	var levels []int
	if i < coverage && i%2 == 0 {
		levels = append(levels, (i/2)%4)
	}
	n := 0
	switch k := r.IntN(100); {
	case k < 45:
	case k < 75:
		n = 1
	case k < 92:
		n = 2
	default:
		n = 3
	}
	for len(levels) < n {
		switch k := r.IntN(100); {
		case k < 8:
			levels = append(levels, 0)
		case k < 30:
			levels = append(levels, 1)
		case k < 65:
			levels = append(levels, 2)
		default:
			levels = append(levels, 3)
		}
	}
	if len(levels) == 0 {
		return nil
	}
	as := make([]award, 0, len(levels))
	seen := map[string]bool{}
	for _, l := range levels {
		a := award{level: levelEN[l]}
		for range 4 { // a different award from the story's others, if possible
			if a.name = c.expand(pick(r, awardNames[l])); !seen[a.name] {
				break
			}
		}
		seen[a.name] = true
		if r.IntN(5) < 2 {
			a.level = levelZH[l]
		}
		a.year = min(year+r.IntN(3), lastYear)
		if r.IntN(10) < 7 {
			a.by = c.expand(pick(r, awardBodies[l]))
		}
		if r.IntN(2) == 0 {
			a.rank = pick(r, awardRanks)
		}
		as = append(as, a)
	}
	return as
}

// figure writes a metric as the editor would in text: 近2万户次, 300余亿元.
func (m *metric) figure() string {
	switch m.qualifier {
	case "近", "约":
		return m.qualifier + m.value + m.unit
	}
	return m.value + m.qualifier + m.unit
}
