package opendata

import (
	"github.com/ningbo-showcase/showcase/generator/site"
)

// Paths of the files Files returns, below the site root.
const (
	StoriesPath = "data/stories.json"
	MetricsPath = "data/metrics.csv"
	RegionsPath = "data/regions.json"
)

// Options say what the files cannot learn from the site model.
type Options struct {
	// AbsURL returns the absolute URL of a path below the site root
	// ("stories/x/" → "https://example.org/stories/x/"); nil keeps the
	// path as a root-relative one ("/stories/x/").
	AbsURL func(rel string) string
	// Summary returns a story's teaser as its pages show it; nil uses the
	// summary of its front matter.
	Summary func(st *site.Story) string
	// Cache, if set, keeps each story's encoded record between calls.
	Cache *Cache
	// Lazy has Files return data/stories.json and data/metrics.csv with
	// Make instead of Data, so that the megabytes of the files are copied
	// together only if someone reads them (the dev server).
	Lazy bool

	recs []*encoded // the stories' records, when Files took them from Cache
	base string     // url(""), when Files took the records from Cache
}

// File is one generated file.
type File struct {
	Path string
	Data []byte
	// Make, set instead of Data with Options.Lazy, returns the file's
	// bytes, making them on its first call (once, safe for concurrent
	// calls). It reads nothing a later Files call changes.
	Make func() []byte
}

// Files returns the open-data files of s, in the order of the package doc.
func Files(s *site.Site, o Options) ([]File, error) {
	if o.Cache != nil {
		// Both files take each story's record once.
		o.base = o.url("")
		o.recs = make([]*encoded, len(s.Stories))
		for i, st := range s.Stories {
			e, err := o.Cache.of(st, o)
			if err != nil {
				return nil, err
			}
			o.recs[i] = e
		}
	}
	stories, err := storiesJoined(s, o)
	if err != nil {
		return nil, err
	}
	metrics, err := metricsCSV(s, o)
	if err != nil {
		return nil, err
	}
	regions, err := Regions(s, o)
	if err != nil {
		return nil, err
	}
	o.Cache.sweep()
	files := []File{{Path: StoriesPath}, {Path: MetricsPath}, {Path: RegionsPath, Data: regions}}
	for i, j := range []*joined{stories, metrics} {
		if o.Lazy {
			files[i].Make = j.bytes
		} else {
			files[i].Data = j.bytes()
		}
	}
	return files, nil
}

// record returns the encoded record and rows of the i-th story st.
func (o Options) record(i int, st *site.Story) (*encoded, error) {
	if o.recs != nil {
		return o.recs[i], nil
	}
	return o.Cache.of(st, o)
}

func (o Options) url(rel string) string {
	if o.AbsURL != nil {
		return o.AbsURL(rel)
	}
	return "/" + rel
}

func (o Options) summary(st *site.Story) string {
	if o.Summary != nil {
		return o.Summary(st)
	}
	return st.Summary
}
