package main

import (
	"io"

	"github.com/ningbo-showcase/showcase/generator"
)

// cmdSchema prints the JSON Schema of the site's story front matter, the
// same file a build publishes at /data/story.schema.json.
func cmdSchema(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("schema", stderr)
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
	s, _, err := generator.Load(src, generator.Options{Drafts: true})
	if err != nil {
		return printContentError(stderr, err, c.quiet)
	}
	data, err := generator.Schema(s)
	if err != nil {
		return err
	}
	_, err = stdout.Write(data)
	return err
}
