package generator

import (
	"fmt"
	"io/fs"

	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/search"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// What a CLI build drops as soon as no later stage needs it, so that the
// pages are rendered with less of the site held in memory: the stories'
// Markdown once converted (read again if a layout asks for it), their
// plain text once the search index is built, and the index's files once
// written. While the index is built, their HTML waits in the text cache's
// pending file (textcache.go: keep, restoreHTML).

// releaseBodies drops the Markdown of s's stories, which src, the tree
// they were loaded from, gives again (content.Story.Source).
func releaseBodies(s *site.Site, src fs.FS) {
	for _, st := range s.Stories {
		st.Story.ReleaseBody(src)
	}
}

// writeSearch builds the search index of s's stories, writes its files
// and then drops the stories' plain text from text: nothing else reads
// it, and a build renders its pages without holding it (nor the index).
func writeSearch(w *writer, s *site.Site, text *render.Text) error {
	files, err := search.Build(searchDocs(s, text), search.Options{})
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	for st, t := range text.Stories {
		t.Plain = ""
		text.Stories[st] = t
	}
	for i, f := range files {
		if err := w.raw(f.Path, f.Data); err != nil {
			return err
		}
		files[i].Data = nil // written: a Tx keeps no reference
	}
	return nil
}
