package generator

import (
	"net/url"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/opendata"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/schema"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// openData writes the open-data files of s (package opendata), with
// absolute story URLs and the summaries the pages show, and the story
// front-matter schema (package schema). Into a sink that makes a file on
// its first read (the dev server's memory) the two large files go lazily.
func (w *writer) openData(r *render.Renderer, s *site.Site) error {
	lazy, _ := w.sink.(memorySink)
	files, err := opendata.Files(s, opendata.Options{AbsURL: r.AbsURL, Summary: r.Summary, Cache: w.data, Lazy: lazy != nil})
	if err != nil {
		return err
	}
	sc, err := w.schema(s)
	if err != nil {
		return err
	}
	files = append(files, opendata.File{Path: schema.Path, Data: sc})
	for _, f := range files {
		// The files are compact already; a JSON minifier would undo the
		// escaping of < and >.
		var err error
		switch {
		case w.static[f.Path]:
		case f.Make != nil:
			err = lazy.PutLazy(f.Path, f.Make)
		default:
			err = w.raw(f.Path, f.Data)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Schema returns the JSON Schema of s's story front matter, with the URL
// it is published at as its $id when the config's baseURL is absolute.
func Schema(s *site.Site) ([]byte, error) {
	id := ""
	if u, err := url.Parse(s.Config.BaseURL); err == nil && u.IsAbs() && (u.Scheme == "http" || u.Scheme == "https") {
		id = strings.TrimSuffix(u.String(), "/") + "/" + schema.Path
	}
	return schema.Generate(s, id)
}
