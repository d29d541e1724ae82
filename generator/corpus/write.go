package corpus

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// quote writes s as a double-quoted string that JSON, TOML basic strings and
// YAML double-quoted scalars all read back as s.
func quote(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c < 0x20 || c == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[c>>4])
			b.WriteByte("0123456789abcdef"[c&0xf])
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
}

// yamlPlainWords are scalars YAML 1.1 or 1.2 would read as something other
// than a string.
var yamlPlainWords = map[string]bool{
	"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true,
	"true": true, "false": true, "null": true, "~": true,
}

// yamlPlain reports whether s can be written as a plain YAML scalar and read
// back as the same string by YAML 1.1 and 1.2 decoders: non-empty, starting
// with a letter (any script), and with no ASCII punctuation but '-' and '.'.
func yamlPlain(s string) bool {
	if s == "" || yamlPlainWords[strings.ToLower(s)] {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if first < utf8.RuneSelf && !('a' <= first && first <= 'z' || 'A' <= first && first <= 'Z') {
		return false
	}
	for _, c := range s {
		switch {
		case c >= utf8.RuneSelf:
			if c == '\u00a0' || c == '\u2028' || c == '\u2029' || c == '\ufeff' {
				return false
			}
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.':
		default:
			return false
		}
	}
	return true
}

// yamlString writes s plain when that is safe and quoted otherwise; an
// editor quotes now and then (quoted).
func yamlString(b *bytes.Buffer, s string, quoted bool) {
	if !quoted && yamlPlain(s) {
		b.WriteString(s)
		return
	}
	quote(b, s)
}

// write writes s's front matter, the blank line after it and its body.
func (s *story) write(b *bytes.Buffer) {
	switch s.format {
	case formatTOML:
		s.writeTOML(b)
	case formatJSON:
		s.writeJSON(b)
	default:
		s.writeYAML(b)
	}
	b.WriteByte('\n')
	b.Write(s.body)
}

func (s *story) writeYAML(b *bytes.Buffer) {
	q, flow := s.yamlQuoted, s.yamlFlow
	str := func(key, v string) {
		b.WriteString(key)
		b.WriteString(": ")
		yamlString(b, v, q)
		b.WriteByte('\n')
	}
	list := func(key string, vs []string) {
		b.WriteString(key)
		b.WriteByte(':')
		if flow {
			b.WriteString(" [")
			for i, v := range vs {
				if i > 0 {
					b.WriteString(", ")
				}
				yamlString(b, v, q)
			}
			b.WriteString("]\n")
			return
		}
		b.WriteByte('\n')
		for _, v := range vs {
			b.WriteString("  - ")
			yamlString(b, v, q)
			b.WriteByte('\n')
		}
	}
	b.WriteString("---\n")
	str("title", s.title)
	if s.setSlug {
		str("slug", s.slug)
	}
	str("region", s.region)
	if s.town != "" {
		str("town", s.town)
	}
	b.WriteString("year: " + strconv.Itoa(s.year) + "\n")
	b.WriteString("date: " + s.date + "\n")
	str("category", s.category)
	if len(s.tags) > 0 {
		list("tags", s.tags)
	}
	if s.summary != "" {
		str("summary", s.summary)
	}
	if s.weight != 0 {
		b.WriteString("weight: " + strconv.Itoa(s.weight) + "\n")
	}
	if s.draft {
		b.WriteString("draft: true\n")
	}
	if s.cover != "" {
		str("cover", s.cover)
		str("cover_alt", s.coverAlt)
	}
	if len(s.metrics) > 0 {
		b.WriteString("metrics:\n")
		for _, m := range s.metrics {
			b.WriteString("  - name: ")
			yamlString(b, m.name, q)
			b.WriteString("\n    value: " + m.value + "\n    unit: ")
			yamlString(b, m.unit, q)
			b.WriteByte('\n')
			if m.qualifier != "" {
				b.WriteString("    qualifier: ")
				yamlString(b, m.qualifier, q)
				b.WriteByte('\n')
			}
		}
	}
	if len(s.awards) > 0 {
		b.WriteString("awards:\n")
		for _, a := range s.awards {
			b.WriteString("  - level: ")
			yamlString(b, a.level, q)
			b.WriteString("\n    name: ")
			yamlString(b, a.name, q)
			b.WriteString("\n    year: " + strconv.Itoa(a.year) + "\n")
			if a.by != "" {
				b.WriteString("    by: ")
				yamlString(b, a.by, q)
				b.WriteByte('\n')
			}
			if a.rank != "" {
				b.WriteString("    rank: ")
				yamlString(b, a.rank, q)
				b.WriteByte('\n')
			}
		}
	}
	if len(s.units) > 0 {
		list("units", s.units)
	}
	if len(s.sources) > 0 {
		b.WriteString("sources:\n")
		for _, src := range s.sources {
			b.WriteString("  - title: ")
			yamlString(b, src.title, q)
			b.WriteString("\n    publisher: ")
			yamlString(b, src.publisher, q)
			b.WriteString("\n    date: " + src.date + "\n")
			if src.url != "" {
				b.WriteString("    url: ")
				yamlString(b, src.url, q)
				b.WriteByte('\n')
			}
		}
	}
	if len(s.aliases) > 0 {
		list("aliases", s.aliases)
	}
	b.WriteString("---\n")
}

func (s *story) writeTOML(b *bytes.Buffer) {
	str := func(key, v string) {
		b.WriteString(key)
		b.WriteString(" = ")
		quote(b, v)
		b.WriteByte('\n')
	}
	list := func(key string, vs []string) {
		b.WriteString(key)
		b.WriteString(" = [")
		for i, v := range vs {
			if i > 0 {
				b.WriteString(", ")
			}
			quote(b, v)
		}
		b.WriteString("]\n")
	}
	b.WriteString("+++\n")
	str("title", s.title)
	if s.setSlug {
		str("slug", s.slug)
	}
	str("region", s.region)
	if s.town != "" {
		str("town", s.town)
	}
	b.WriteString("year = " + strconv.Itoa(s.year) + "\n")
	b.WriteString("date = " + s.date + "\n")
	str("category", s.category)
	if len(s.tags) > 0 {
		list("tags", s.tags)
	}
	if s.summary != "" {
		str("summary", s.summary)
	}
	if s.weight != 0 {
		b.WriteString("weight = " + strconv.Itoa(s.weight) + "\n")
	}
	if s.draft {
		b.WriteString("draft = true\n")
	}
	if s.cover != "" {
		str("cover", s.cover)
		str("cover_alt", s.coverAlt)
	}
	if len(s.units) > 0 {
		list("units", s.units)
	}
	if len(s.aliases) > 0 {
		list("aliases", s.aliases)
	}
	for _, m := range s.metrics {
		b.WriteString("\n[[metrics]]\n")
		str("name", m.name)
		b.WriteString("value = " + m.value + "\n")
		str("unit", m.unit)
		if m.qualifier != "" {
			str("qualifier", m.qualifier)
		}
	}
	for _, a := range s.awards {
		b.WriteString("\n[[awards]]\n")
		str("level", a.level)
		str("name", a.name)
		b.WriteString("year = " + strconv.Itoa(a.year) + "\n")
		if a.by != "" {
			str("by", a.by)
		}
		if a.rank != "" {
			str("rank", a.rank)
		}
	}
	for _, src := range s.sources {
		b.WriteString("\n[[sources]]\n")
		str("title", src.title)
		str("publisher", src.publisher)
		b.WriteString("date = " + src.date + "\n")
		if src.url != "" {
			str("url", src.url)
		}
	}
	b.WriteString("+++\n")
}

// writeJSON writes the front matter as a JSON object whose braces stand
// alone on the first and last lines, as Hugo and adrg/frontmatter expect.
func (s *story) writeJSON(b *bytes.Buffer) {
	first := true
	key := func(indent, k string) {
		if !first {
			b.WriteString(",\n")
		}
		first = false
		b.WriteString(indent)
		quote(b, k)
		b.WriteString(": ")
	}
	str := func(indent, k, v string) { key(indent, k); quote(b, v) }
	raw := func(indent, k, v string) { key(indent, k); b.WriteString(v) }
	list := func(k string, vs []string) {
		key("  ", k)
		b.WriteByte('[')
		for i, v := range vs {
			if i > 0 {
				b.WriteString(", ")
			}
			quote(b, v)
		}
		b.WriteByte(']')
	}
	objects := func(k string, n int, each func(i int)) {
		key("  ", k)
		b.WriteString("[\n")
		for i := range n {
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString("    {\n")
			first = true
			each(i)
			b.WriteString("\n    }")
		}
		b.WriteString("\n  ]")
		first = false
	}

	b.WriteString("{\n")
	str("  ", "title", s.title)
	if s.setSlug {
		str("  ", "slug", s.slug)
	}
	str("  ", "region", s.region)
	if s.town != "" {
		str("  ", "town", s.town)
	}
	raw("  ", "year", strconv.Itoa(s.year))
	str("  ", "date", s.date)
	str("  ", "category", s.category)
	if len(s.tags) > 0 {
		list("tags", s.tags)
	}
	if s.summary != "" {
		str("  ", "summary", s.summary)
	}
	if s.weight != 0 {
		raw("  ", "weight", strconv.Itoa(s.weight))
	}
	if s.draft {
		raw("  ", "draft", "true")
	}
	if s.cover != "" {
		str("  ", "cover", s.cover)
		str("  ", "cover_alt", s.coverAlt)
	}
	const in = "      "
	if len(s.metrics) > 0 {
		objects("metrics", len(s.metrics), func(i int) {
			m := &s.metrics[i]
			str(in, "name", m.name)
			raw(in, "value", m.value)
			str(in, "unit", m.unit)
			if m.qualifier != "" {
				str(in, "qualifier", m.qualifier)
			}
		})
	}
	if len(s.awards) > 0 {
		objects("awards", len(s.awards), func(i int) {
			a := &s.awards[i]
			str(in, "level", a.level)
			str(in, "name", a.name)
			raw(in, "year", strconv.Itoa(a.year))
			if a.by != "" {
				str(in, "by", a.by)
			}
			if a.rank != "" {
				str(in, "rank", a.rank)
			}
		})
	}
	if len(s.units) > 0 {
		list("units", s.units)
	}
	if len(s.sources) > 0 {
		objects("sources", len(s.sources), func(i int) {
			src := &s.sources[i]
			str(in, "title", src.title)
			str(in, "publisher", src.publisher)
			str(in, "date", src.date)
			if src.url != "" {
				str(in, "url", src.url)
			}
		})
	}
	if len(s.aliases) > 0 {
		list("aliases", s.aliases)
	}
	b.WriteString("\n}\n")
}
