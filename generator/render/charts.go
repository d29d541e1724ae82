package render

import (
	"html/template"
	"strconv"

	"github.com/ningbo-showcase/showcase/generator/chart"
	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// The chart functions draw from the model directly, recording in rec what
// they read.

func (r *Renderer) awardsChart(rec *recorder) template.HTML {
	s := r.site
	rec.add(KeySiteTimeline, "")
	for _, y := range s.Timeline {
		rec.addKey(Key{KeyYearAwards, yearID(nil, y), Counts})
	}
	c := chart.Stacked{ID: "awards-by-year", Title: "各年度获奖数（按级别）", Desc: "每年获得的奖项数，按国家级、省级、市级、县级分段。", CategoryHeader: "年份", TotalHeader: "合计"}
	for _, y := range s.Timeline {
		c.Categories = append(c.Categories, strconv.Itoa(y.Year))
	}
	for _, lv := range content.Levels {
		ser := chart.Series{Label: content.LevelName(lv), Class: lv}
		for _, y := range s.Timeline {
			ser.Values = append(ser.Values, y.AwardCounts.Get(lv))
		}
		c.Series = append(c.Series, ser)
	}
	return chart.StackedBars(c)
}

func (r *Renderer) regionBars(rec *recorder) template.HTML {
	c := chart.BarChart{ID: "stories-by-region", Title: "各区域项目数", Desc: "每个区县（市）及全市性工作的创新项目数。", LabelHeader: "区域", ValueHeader: "项目数"}
	for _, reg := range r.site.Regions {
		rec.addKey(Key{KeyRegionStories, reg.Slug, Len})
		c.Items = append(c.Items, chart.Bar{Label: reg.Title, Value: len(reg.Stories), Href: r.th.root + reg.URL()})
	}
	return chart.Bars(c)
}

// tileMap draws the schematic map coloured by "stories" or "awards".
func (r *Renderer) tileMap(rec *recorder, id, measure string) template.HTML {
	title, header := "各区县（市）项目数示意图", "项目数"
	if measure == "awards" {
		title, header = "各区县（市）获奖数示意图", "获奖数"
	}
	g := chart.TileGrid{ID: id, Title: title, Desc: "按大致地理位置排列的区县（市）方格图，颜色越深数值越大，点击方格进入该区域页面。", LabelHeader: "区域", ValueHeader: header}
	for _, reg := range r.site.Regions {
		if reg.Tile == nil {
			continue
		}
		v := len(reg.Stories)
		if measure == "awards" {
			v = reg.AwardCounts.Total()
			rec.addKey(Key{KeyRegionAwards, reg.Slug, Counts})
		} else {
			rec.addKey(Key{KeyRegionStories, reg.Slug, Len})
		}
		g.Tiles = append(g.Tiles, chart.Tile{X: reg.Tile.X, Y: reg.Tile.Y, Label: reg.Title, Short: short(reg), Value: v, Href: r.th.root + reg.URL()})
	}
	return chart.TileMap(g)
}

// short returns a region's name without its division suffix: 象山县 → 象山.
func short(reg *site.Region) string {
	rs := []rune(reg.Title)
	if len(rs) > 2 {
		switch string(rs[len(rs)-1]) {
		case "区", "县", "市":
			return string(rs[:len(rs)-1])
		}
	}
	return reg.Title
}

func (r *Renderer) sparkline(rec *recorder, reg *site.Region) template.HTML {
	rec.add(KeyRegionTimeline, reg.Slug)
	s := chart.Spark{ID: "spark-" + reg.Slug, Title: reg.Title + "各年度项目数", Desc: reg.Title + "每年的创新项目数。", LabelHeader: "年份", ValueHeader: "项目数"}
	for _, y := range reg.Timeline {
		rec.addKey(Key{KeyYearStories, yearID(reg, y), Len})
		s.Points = append(s.Points, chart.Point{Label: strconv.Itoa(y.Year), Value: len(y.Stories)})
	}
	return chart.Sparkline(s)
}
