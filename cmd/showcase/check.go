package main

import (
	"context"
	"fmt"
	"io"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/publish"
)

// cmdCheck runs `showcase check`: it builds the site exactly as `build`
// would, into memory, and writes nothing, so it finds every error a build
// finds (an alias that would replace a page included), as `zola check`
// does. Like `build`, it builds drafts only with --drafts (-D,
// --buildDrafts); every draft's front matter is validated either way.
func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	var c common
	c.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	src, closeSrc, err := generator.OpenSource(c.source)
	if err != nil {
		return err
	}
	defer closeSrc()
	opts := generator.Options{Source: c.source, Drafts: c.drafts, Strict: c.strict, NoMinify: true}
	s, list, err := generator.Load(src, opts)
	if err != nil {
		return printContentError(stderr, err, c.quiet)
	}
	theme, err := generator.Theme(src, s)
	if err != nil {
		return err
	}
	rep := generator.Report{Pages: map[string]int{}}
	if err := generator.Generate(ctx, src, theme, s, publish.NewMemory(), opts, &rep); err != nil {
		return printContentError(stderr, err, c.quiet)
	}
	if !c.quiet {
		report(stderr, list.Warnings(), false)
		drafts := 0
		for _, st := range s.Stories {
			if st.Draft {
				drafts++
			}
		}
		fmt.Fprintln(stdout, msg(fmt.Sprintf("OK: %d stories (%d drafts), %d regions, %d categories, %d warnings.", len(s.Stories), drafts, len(s.Regions), len(s.Categories), len(list.Warnings())),
			fmt.Sprintf("检查通过：%d 个故事（其中草稿 %d 个），%d 个区域，%d 个类别，%d 条警告。", len(s.Stories), drafts, len(s.Regions), len(s.Categories), len(list.Warnings()))))
	}
	return nil
}
