package devserver

import (
	"context"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/publish"
)

// FullBuilder is a Builder that loads and renders the whole site on every
// call, whatever changed: slow on a large site, but simple and always
// correct.
type FullBuilder struct {
	// Options are the build's options: Source, BaseURL, Drafts, Strict…
	// An empty LiveReload is set to ScriptPath.
	Options generator.Options
	// Warnings, if set, is called with the content warnings of each
	// successful build.
	Warnings func(content.List)
}

// Build loads the source tree and renders it into a new Memory.
func (b *FullBuilder) Build(ctx context.Context, changed []string) (*publish.Memory, error) {
	opts := b.Options
	if opts.LiveReload == "" {
		opts.LiveReload = ScriptPath
	}
	src, closeSrc, err := generator.OpenSource(opts.Source)
	if err != nil {
		return nil, err
	}
	defer closeSrc()
	s, list, err := generator.Load(src, opts)
	if err != nil {
		return nil, err
	}
	theme, err := generator.Theme(src, s)
	if err != nil {
		return nil, err
	}
	mem := publish.NewMemory()
	if err := generator.Generate(ctx, src, theme, s, mem, opts, nil); err != nil {
		return nil, err
	}
	if b.Warnings != nil {
		b.Warnings(list.Warnings())
	}
	return mem, nil
}
