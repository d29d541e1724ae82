package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// testSite is a small tree whose names carry what CSV and JSON must
// escape: commas, quotes, line breaks, markup and a formula.
func testSite(t testing.TB) *site.Site {
	t.Helper()
	fsys := fstest.MapFS{
		"hugo.toml":                           {Data: []byte("baseURL = \"https://example.org/\"\ntitle = \"展\"\n[params]\nlicense = \"CC BY 4.0，引用请注明来源\"\n")},
		"content/regions/xiangshan/_index.md": {Data: []byte("---\ntitle: 象山县\ndivision: 县\nweight: 2\n---\n")},
		"content/regions/ningbo/_index.md":    {Data: []byte("---\ntitle: 宁波市\ndivision: 市\nweight: 1\n---\n")},
		"content/categories/dev/_index.md":    {Data: []byte("---\ntitle: 服务发展\n---\n")},
		"content/stories/a.md": {Data: []byte(`---
title: "<script>alert(1)</script> & \"商会\", 互助"
region: 象山县
year: 2016
date: 2016-05-04
category: dev
tags: [商会, "融资,互助"]
summary: "第一行
  第二行"
metrics:
  - {name: "会员企业, 家数", value: 35, unit: 家}
  - {name: "融资 \"总额\"", value: 300, unit: 亿元, qualifier: 余}
  - {name: "=SUM(A1:A2)", value: 0.5, unit: 万元, qualifier: 近}
  - {name: "多行\n名称", value: 7000, unit: 万元}
awards:
  - {level: 省级, name: 创新奖, year: 2017, by: "省委统战部"}
units: [西周镇商会]
sources:
  - {title: 报道, publisher: 宁波日报, date: 2016-05-05, url: "https://example.org/a"}
---
正文。
`)},
		"content/stories/b.md": {Data: []byte("---\ntitle: 乙\nregion: ningbo\nyear: 2018\ncategory: 服务发展\nmetrics:\n  - {name: 会员企业, value: 12, unit: 家}\n---\n正文。\n")},
	}
	cs, list := content.Load(fsys, content.Options{Year: 2026})
	if err := list.Err(); err != nil {
		t.Fatal(err)
	}
	return site.Build(cs)
}

func TestStoriesJSON(t *testing.T) {
	s := testSite(t)
	data, err := Stories(s, Options{AbsURL: func(rel string) string { return "https://example.org/" + rel }})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("<script")) {
		t.Errorf("markup not escaped in JSON: %s", data)
	}
	var f struct {
		License string
		Count   int
		Updated string
		Stories []struct {
			URL, Slug, Title, Date, Summary string
			Year                            int
			Region, Category                struct{ Slug, Name string }
			Tags, Units                     []string
			Metrics                         []struct {
				Name      string
				Value     json.Number
				Unit      string
				Qualifier string
				Display   string
			}
			Awards []struct {
				Level, Name string
				Year        int
			}
			Sources []struct{ Title, Publisher, Date, URL string }
		}
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, data)
	}
	if f.License != "CC BY 4.0，引用请注明来源" || f.Count != 2 || len(f.Stories) != 2 || f.Updated != "2018-01-01" {
		t.Fatalf("header: %+v", f)
	}
	a := f.Stories[1] // 2016 sorts after 2018
	if a.Title != `<script>alert(1)</script> & "商会", 互助` || a.URL != "https://example.org/stories/a/" || a.Region.Slug != "xiangshan" || a.Region.Name != "象山县" ||
		a.Category.Name != "服务发展" || a.Year != 2016 || a.Date != "2016-05-04" || a.Summary != "第一行 第二行" {
		t.Errorf("story: %+v", a)
	}
	if strings.Join(a.Tags, "|") != "商会|融资,互助" {
		t.Errorf("tags %q", a.Tags)
	}
	want := []struct{ name, value, unit, q, display string }{
		{"会员企业, 家数", "35", "家", "", "35家"},
		{`融资 "总额"`, "300", "亿元", "余", "300余亿元"},
		{"=SUM(A1:A2)", "0.5", "万元", "近", "近0.5万元"},
		{"多行\n名称", "7000", "万元", "", "7000万元"},
	}
	if len(a.Metrics) != len(want) {
		t.Fatalf("metrics %+v", a.Metrics)
	}
	for i, w := range want {
		m := a.Metrics[i]
		if m.Name != w.name || string(m.Value) != w.value || m.Unit != w.unit || m.Qualifier != w.q || m.Display != w.display {
			t.Errorf("metric %d = %+v, want %+v", i, m, w)
		}
	}
	if len(a.Awards) != 1 || a.Awards[0].Level != "provincial" || len(a.Sources) != 1 || a.Sources[0].URL != "https://example.org/a" {
		t.Errorf("awards %+v sources %+v", a.Awards, a.Sources)
	}
}

func TestMetricsCSV(t *testing.T) {
	s := testSite(t)
	data := Metrics(s, Options{})
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Fatalf("no UTF-8 BOM: %q", data[:10])
	}
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("lines must end in CRLF")
	}
	r := csv.NewReader(bytes.NewReader(data[3:]))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("invalid CSV: %v\n%s", err, data)
	}
	if strings.Join(rows[0], ",") != "url,title,region,year,category,metric,value,unit,qualifier,display" {
		t.Errorf("header %q", rows[0])
	}
	if len(rows) != 1+5 {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	// b (2018) first, then a's four figures in order.
	if got := strings.Join(rows[1], "|"); got != "/stories/b/|乙|宁波市|2018|服务发展|会员企业|12|家||12家" {
		t.Errorf("row 1 = %s", got)
	}
	title := `<script>alert(1)</script> & "商会", 互助`
	want := [][]string{
		{"/stories/a/", title, "象山县", "2016", "服务发展", "会员企业, 家数", "35", "家", "", "35家"},
		{"/stories/a/", title, "象山县", "2016", "服务发展", `融资 "总额"`, "300", "亿元", "余", "300余亿元"},
		{"/stories/a/", title, "象山县", "2016", "服务发展", "'=SUM(A1:A2)", "0.5", "万元", "近", "近0.5万元"},
		{"/stories/a/", title, "象山县", "2016", "服务发展", "多行\n名称", "7000", "万元", "", "7000万元"},
	}
	for i, w := range want {
		if got := rows[2+i]; strings.Join(got, "\x00") != strings.Join(w, "\x00") {
			t.Errorf("row %d = %q, want %q", 2+i, got, w)
		}
	}
	// RFC 4180: the quote inside a field is doubled, the field quoted.
	if !bytes.Contains(data, []byte(`"融资 ""总额"""`)) {
		t.Errorf("quotes not doubled:\n%s", data)
	}
}

func TestRegionsJSON(t *testing.T) {
	s := testSite(t)
	data, err := Regions(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		License string
		Regions []struct {
			Slug, Name  string
			CityWide    bool
			Stories     int
			Awards      int
			AwardLevels map[string]int
			Totals      []struct {
				Name, Display string
				Value         json.Number
				Figures       int
			}
		}
		CountyTotals []struct{ Name, Display string }
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Regions) != 2 || f.Regions[0].Slug != "ningbo" || !f.Regions[0].CityWide || f.Regions[1].Stories != 1 || f.Regions[1].Awards != 1 || f.Regions[1].AwardLevels["provincial"] != 1 {
		t.Fatalf("%s", data)
	}
	var shown []string
	for _, tt := range f.Regions[1].Totals {
		shown = append(shown, tt.Name+"="+tt.Display+"/"+string(tt.Value))
	}
	if got := strings.Join(shown, ";"); !strings.Contains(got, `融资 "总额"=300余亿元/300`) || !strings.Contains(got, "会员企业, 家数=35家/35") {
		t.Errorf("totals %s", got)
	}
	if len(f.CountyTotals) != len(f.Regions[1].Totals) {
		t.Errorf("county totals %+v", f.CountyTotals)
	}
}

func TestDeterministic(t *testing.T) {
	a, err := Files(testSite(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Files(testSite(t), Options{})
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between builds", a[i].Path)
		}
	}
}
