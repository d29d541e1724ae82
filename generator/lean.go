package generator

import (
	"fmt"
	"io/fs"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/search"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// What a CLI build drops as soon as no later stage needs it, so that the
// pages are rendered with less of the site held in memory: the stories'
// Markdown once converted (read again if a layout asks for it), their
// plain text once the search index is built, and the index's files once
// written. Their HTML waits in the text cache's pending file, read back
// story by story as the pages show it (textcache.go: keep, spillHTML).

// converted returns what the Markdown stage calls with each story once
// converted: the text cache's stream writes its entry (textstream.go),
// and when own (the build's own model), the story drops its Markdown,
// which src, the tree it was loaded from, gives again
// (content.Story.Source). nil when there is nothing to do.
func (b *buildCaches) converted(s *site.Site, own bool, src fs.FS) func(int, *content.Story, *render.StoryText) {
	var st *textStream
	if b != nil {
		st = b.text.stream(s)
	}
	if st == nil && !own {
		return nil
	}
	return func(i int, story *content.Story, x *render.StoryText) {
		st.converted(i, x)
		if own {
			story.ReleaseBody(src)
		}
	}
}

// writeSearch builds the search index of s's stories, writes its files
// and drops the stories' plain text from text, each as soon as indexed:
// nothing else reads it, and a build renders its pages without holding it
// (nor the index). With overlap, the index is built and written on a
// goroutine of its own, beside the stages after it, and wait waits for it;
// otherwise before writeSearch returns. Either way text is done with when
// it returns.
func writeSearch(w *writer, s *site.Site, text *render.Text, overlap bool) (wait func() error) {
	docs := searchDocs(s, text)
	for st, t := range text.Stories {
		t.Plain = ""
		text.Stories[st] = t
	}
	index := func() error {
		// The docs hold the only copy of each plain text, which the
		// builder drops as it indexes them.
		files, err := search.BuildOwned(docs, search.Options{})
		if err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		for i, f := range files {
			if err := w.raw(f.Path, f.Data); err != nil {
				return err
			}
			files[i].Data = nil // written: a Tx keeps no reference
		}
		return nil
	}
	if !overlap {
		err := index()
		return func() error { return err }
	}
	done := make(chan error, 1)
	go func() { done <- index() }()
	return sync.OnceValue(func() error { return <-done })
}
