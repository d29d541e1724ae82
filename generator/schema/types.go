package schema

import (
	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// The JSON types of front-matter values, as the loader reads them.
func text(desc string) *Schema {
	return &Schema{Type: []string{"string", "number", "null"}, Description: desc}
}

func requiredText(desc string) *Schema {
	// Required: null is missing, and blank text is empty.
	return &Schema{Type: []string{"string", "number"}, Pattern: `\S`, Description: desc}
}

func textList(desc string) *Schema {
	return &Schema{Type: []string{"array", "null"}, Items: &Schema{Type: []string{"string", "number"}}, Description: desc}
}

func year(desc string) *Schema {
	min := content.MinYear
	return &Schema{Type: "integer", Minimum: &min, Description: desc}
}

// blank is what a form editor writes for an optional value left empty.
var blank = []*Schema{{Type: "null"}, {Type: "string", Pattern: `^\s*$`}}

// datePattern matches the date forms the loader reads: 2016-05-04, with
// an optional time and zone.
const datePattern = `^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?( ?(Z|[+-][0-9]{2}:[0-9]{2}))?)?\s*$`

// urlPattern matches an http(s) URL or a site path, the links the loader
// lets through.
const urlPattern = `^(https?://[^\s/]+(/\S*)?|/([^/:\\][^:\\]*)?|[^/:\\][^:\\]*)?$`

func enum(desc string, values []string) *Schema {
	e := make([]any, len(values))
	for i, v := range values {
		e[i] = v
	}
	return &Schema{Enum: e, Description: desc}
}

func object(desc string, required []string) *Schema {
	return &Schema{Type: "object", Description: desc, Properties: map[string]*Schema{}, Required: required, AdditionalProperties: &no}
}

// storyTypes returns the type of each story key the loader reads.
func storyTypes(s *site.Site) (map[string]*Schema, error) {
	metric, err := metricType()
	if err != nil {
		return nil, err
	}
	award, err := awardType()
	if err != nil {
		return nil, err
	}
	source, err := sourceType()
	if err != nil {
		return nil, err
	}
	var regions, categories []string
	seen := map[string]bool{}
	add := func(list *[]string, names ...string) {
		for _, n := range names {
			if n != "" && !seen[n] {
				seen[n] = true
				*list = append(*list, n)
			}
		}
	}
	for _, r := range s.Regions {
		add(&regions, r.Title, r.Slug)
		add(&regions, r.OtherNames...)
	}
	for _, c := range s.Categories {
		add(&categories, c.Title, c.Slug)
	}
	weight := &Schema{AnyOf: append([]*Schema{{Type: "integer"}}, blank...), Description: "列表中的手动排序，小的在前"}
	return map[string]*Schema{
		"title":     requiredText("项目标题"),
		"region":    enum("区域：名称、slug 或曾用名", regions),
		"town":      text("乡镇（街道），如 西周镇"),
		"year":      year("归入的展示年度（2004 年起）"),
		"category":  enum("类别：名称或 slug", categories),
		"tags":      textList("关键词，如 [商会, 融资]"),
		"summary":   text("摘要；不填时取正文第一段"),
		"date":      {AnyOf: append([]*Schema{{Type: "string", Pattern: datePattern}}, blank...), Description: "发布日期（YYYY-MM-DD，北京时间）；不填时为年度的 1 月 1 日"},
		"metrics":   {Type: []string{"array", "null"}, Items: metric, Description: "主要成效数据"},
		"awards":    {Type: []string{"array", "null"}, Items: award, Description: "获奖情况"},
		"units":     textList("参与单位"),
		"sources":   {Type: []string{"array", "null"}, Items: source, Description: "资料来源"},
		"cover":     text("封面图片：页面包中的文件名"),
		"cover_alt": text("封面图片的替代文字（有 cover 时必填）"),
		"draft":     {Type: "boolean", Description: "草稿：只在 --drafts 或 serve 时生成"},
		"weight":    weight,
		"slug":      {Type: []string{"string", "number", "null"}, Pattern: `^(` + content.SlugPattern[1:len(content.SlugPattern)-1] + `)?$`, MaxLength: 120, Description: "网址中的名字（a-z0-9-），替代文件名"},
		"aliases":   {Type: []string{"array", "null"}, Items: &Schema{Type: "string", Pattern: content.AliasPattern}, Description: "旧网址，重定向到本页，如 /old/path/"},
	}, nil
}

func metricType() (*Schema, error) {
	m := object("一项成效数据", content.MetricRequired)
	q := enum("约数词：余、多、近、约；空表示没有", content.Qualifiers())
	q.Enum = append(q.Enum, nil) // null, like "", means none
	return m, fill(m, "metric", content.MetricKeys(), map[string]*Schema{
		"name":      requiredText("指标名称，如 会员企业"),
		"value":     {Type: "number", Minimum: new(int), Description: "数值（数字，不能是中文数字或带单位的文本）"},
		"unit":      text("单位，如 家、万元、亿元、户次"),
		"qualifier": q,
	})
}

func awardType() (*Schema, error) {
	a := object("一项获奖", content.AwardRequired)
	return a, fill(a, "award", content.AwardKeys(), map[string]*Schema{
		"level": enum("级别：national、provincial、municipal、county 或 国家级、省级、市级、县级", content.AwardLevelNames()),
		"name":  requiredText("奖项名称"),
		"year":  year("获奖年份"),
		"by":    text("颁奖单位"),
		"rank":  text("等次"),
	})
}

func sourceType() (*Schema, error) {
	s := object("一条资料来源：至少有 title、publisher 或 url 之一", nil)
	s.AnyOf = []*Schema{{Required: []string{"title"}}, {Required: []string{"publisher"}}, {Required: []string{"url"}}}
	return s, fill(s, "source", content.SourceKeys(), map[string]*Schema{
		"title":     text("标题"),
		"publisher": text("刊发单位"),
		"date":      text("日期"),
		"url":       {Type: []string{"string", "null"}, Pattern: urlPattern, Description: "http 或 https 网址"},
	})
}
