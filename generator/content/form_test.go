package content

import (
	"testing"
	"time"
)

// A story as a form editor (Decap CMS) writes it: every optional field
// present, empty ones as "" or [], a date with a time, keys in the form's
// order. It must load exactly as the hand-written story without them.
func TestFormEditorOutput(t *testing.T) {
	form := `---
title: 西周镇商会互助基金会
slug: xizhou
region: 象山县
town: ""
year: 2016
category: development
tags: []
summary: ""
date: 2016-05-01T00:00:00.000Z
metrics:
  - name: 融资金额
    value: 300
    unit: 万元
    qualifier: 余
  - name: 帮助企业
    value: 35
    unit: 家
    qualifier: ""
awards:
  - level: provincial
    name: 全省统战工作创新奖
    year: 2015
    by: ""
    rank: ""
units: []
sources:
  - title: 报道
    publisher: ""
    date: ""
    url: ""
cover: ""
cover_alt: ""
draft: false
weight: ""
---
正文。
`
	hand := `---
title: 西周镇商会互助基金会
region: 象山县
year: 2016
category: development
date: 2016-05-01
metrics:
  - {name: 融资金额, value: 300, unit: 万元, qualifier: 余}
  - {name: 帮助企业, value: 35, unit: 家}
awards:
  - {level: provincial, name: 全省统战工作创新奖, year: 2015}
sources:
  - {title: 报道}
---
正文。
`
	for _, tc := range []struct{ name, date string }{
		{"utc-midnight", "2016-05-01T00:00:00.000Z"},
		{"date-only", "2016-05-01"},
		{"minutes", "2016-05-01 10:30"},
		{"offset", "2016-05-01T10:30:00+08:00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := replaceLine(form, "date: ", "date: "+tc.date)
			site, errs := load(t, map[string]string{"content/stories/xizhou/index.md": src, "content/stories/hand.md": hand})
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			a, b := site.Stories[1], site.Stories[0]
			if a.Slug != "xizhou" || b.Slug != "hand" {
				t.Fatalf("slugs %q %q", a.Slug, b.Slug)
			}
			if !a.Date.Equal(time.Date(2016, 5, 1, 0, 0, 0, 0, Shanghai)) || !a.Date.Equal(b.Date) || !a.DateSet {
				t.Errorf("date %v, hand-written %v", a.Date, b.Date)
			}
			if a.Town != "" || a.Summary != "" || a.Cover != "" || a.Weight != 0 || len(a.Tags) != 0 || len(a.Units) != 0 {
				t.Errorf("empty fields not empty: %+v", a)
			}
			if len(a.Metrics) != 2 || len(a.Awards) != 1 || len(a.Sources) != 1 {
				t.Fatalf("lists: %+v %+v %+v", a.Metrics, a.Awards, a.Sources)
			}
			for i := range a.Metrics {
				x, y := a.Metrics[i], b.Metrics[i]
				x.Line, y.Line = 0, 0
				if x != y {
					t.Errorf("metric %d: %+v, hand-written %+v", i, x, y)
				}
			}
			x, y := a.Awards[0], b.Awards[0]
			x.Line, y.Line = 0, 0
			if x != y || a.Sources[0] != b.Sources[0] {
				t.Errorf("award %+v / %+v, source %+v / %+v", x, y, a.Sources[0], b.Sources[0])
			}
		})
	}
}

// Blank optional values on pages, regions and categories are absent too;
// a blank required or typed value is still an error.
func TestFormEditorBlanks(t *testing.T) {
	site, errs := load(t, map[string]string{
		"content/about.md":                  "---\ntitle: 关于\ndate: \"\"\nweight: \"\"\ndraft: false\n---\n",
		"content/regions/ninghai/_index.md": "---\ntitle: 宁海县\ndivision: 县\nweight: \"\"\nother_names: []\nsuccessor: \"\"\nuntil: \"\"\ntile: {x: \"\", y: \"\"}\n---\n",
		"content/categories/x/_index.md":    "---\ntitle: 类别\nweight: null\ndescription: \"\"\n---\n",
	})
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	for _, r := range site.Regions {
		if r.Slug == "ninghai" && (r.Tile != nil || r.Until != 0 || r.Weight != 0) {
			t.Errorf("region %+v", r)
		}
	}
	_, errs = load(t, map[string]string{"content/stories/x.md": "---\ntitle: 项目\nregion: 象山县\nyear: \"\"\ncategory: development\nweight: 一\n---\n"})
	if len(errs.Errors()) != 2 {
		t.Errorf("blank year and text weight: %v", errs)
	}
}

// replaceLine replaces the first line of s that starts with prefix.
func replaceLine(s, prefix, line string) string {
	i := 0
	for i < len(s) {
		j := i
		for j < len(s) && s[j] != '\n' {
			j++
		}
		if len(s[i:j]) >= len(prefix) && s[i:i+len(prefix)] == prefix {
			return s[:i] + line + s[j:]
		}
		i = j + 1
	}
	return s
}
