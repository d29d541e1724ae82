package opendata

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/quantity"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// storiesFile is data/stories.json.
type storiesFile struct {
	Title   string  `json:"title"`
	Source  string  `json:"source"`
	License string  `json:"license,omitempty"`
	Updated string  `json:"updated,omitempty"`
	Count   int     `json:"count"`
	Stories []story `json:"stories"`
}

type story struct {
	URL      string   `json:"url"`
	Slug     string   `json:"slug"`
	Title    string   `json:"title"`
	Region   term     `json:"region"`
	Town     string   `json:"town,omitempty"`
	Year     int      `json:"year"`
	Date     string   `json:"date"`
	Category term     `json:"category"`
	Tags     []string `json:"tags"`
	Summary  string   `json:"summary"`
	Metrics  []metric `json:"metrics"`
	Awards   []award  `json:"awards"`
	Units    []string `json:"units"`
	Sources  []source `json:"sources"`
}

type term struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

type metric struct {
	Name      string      `json:"name"`
	Value     json.Number `json:"value"`
	Unit      string      `json:"unit"`
	Qualifier string      `json:"qualifier"`
	Display   string      `json:"display"`
}

type award struct {
	Level     string `json:"level"`
	LevelName string `json:"levelName"`
	Name      string `json:"name"`
	Year      int    `json:"year"`
	By        string `json:"by,omitempty"`
	Rank      string `json:"rank,omitempty"`
}

type source struct {
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Date      string `json:"date,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Stories returns data/stories.json.
func Stories(s *site.Site, o Options) ([]byte, error) {
	j, err := storiesJoined(s, o)
	if err != nil {
		return nil, err
	}
	return j.bytes(), nil
}

// storiesJoined is Stories, as a file joined on demand.
func storiesJoined(s *site.Site, o Options) (*joined, error) {
	f := storiesFile{Title: s.Config.Title, Source: o.url(""), License: s.Config.License, Count: len(s.Stories), Stories: []story{}}
	var newest time.Time
	records := make([][]byte, len(s.Stories))
	for i, st := range s.Stories {
		if st.Date.After(newest) {
			newest = st.Date
		}
		e, err := o.record(i, st)
		if err != nil {
			return nil, err
		}
		records[i] = e.json
	}
	if !newest.IsZero() {
		f.Updated = newest.Format("2006-01-02")
	}
	// The file with no stories ends in "stories":[]} and a newline (the
	// last field): the records go between the brackets, as the encoder
	// would write them.
	head, err := marshal(f)
	if err != nil {
		return nil, err
	}
	head = bytes.TrimSuffix(head, []byte("]}\n"))
	return o.Cache.join(StoriesPath, head, records, ",", "]}\n"), nil
}

func storyOf(st *site.Story, o Options) story {
	out := story{
		URL: o.url(st.URL()), Slug: st.Slug, Title: st.Title,
		Region: term{st.Region.Slug, st.Region.Title}, Town: st.Town, Year: st.Year,
		Date:     st.Date.In(content.Shanghai).Format("2006-01-02"),
		Category: term{st.Category.Slug, st.Category.Title},
		Tags:     make([]string, 0, len(st.Tags)), Summary: o.summary(st),
		Metrics: make([]metric, 0, len(st.Metrics)), Awards: make([]award, 0, len(st.Awards)),
		Units: st.Units, Sources: make([]source, 0, len(st.Sources)),
	}
	if out.Units == nil {
		out.Units = []string{}
	}
	for _, t := range st.Tags {
		out.Tags = append(out.Tags, t.Name)
	}
	for _, m := range st.Metrics {
		out.Metrics = append(out.Metrics, metric{Name: m.Name, Value: json.Number(m.Value), Unit: m.Unit, Qualifier: m.Qualifier, Display: Display(m)})
	}
	for _, a := range st.Awards {
		out.Awards = append(out.Awards, award{Level: a.Level, LevelName: content.LevelName(a.Level), Name: a.Name, Year: a.Year, By: a.By, Rank: a.Rank})
	}
	for _, src := range st.Sources {
		out.Sources = append(out.Sources, source(src))
	}
	return out
}

// Display returns a metric in the editor's own form, as pages show it:
// 300余亿元, 近2万户次.
func Display(m content.Metric) string {
	v, err := quantity.ParseDecimal(m.Value)
	if err != nil {
		return m.Value + m.Unit
	}
	return quantity.Figure{Value: v, Unit: m.Unit, Qualifier: m.Qualifier}.String()
}

// marshal encodes v as compact JSON with a final newline; <, > and & are
// escaped.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
