package generator

import (
	"github.com/ningbo-showcase/showcase/generator/opendata"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// openData writes the open-data files of s (package opendata), with
// absolute story URLs and the summaries the pages show.
func (w *writer) openData(r *render.Renderer, s *site.Site) error {
	files, err := opendata.Files(s, opendata.Options{AbsURL: r.AbsURL, Summary: r.Summary})
	if err != nil {
		return err
	}
	for _, f := range files {
		// The files are compact already; a JSON minifier would undo the
		// escaping of < and >.
		if err := w.raw(f.Path, f.Data); err != nil {
			return err
		}
	}
	return nil
}
