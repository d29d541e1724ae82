// Package schema generates the JSON Schema (draft 2020-12) of a story's
// front matter, published at /data/story.schema.json and printed by
// `showcase schema`, so that an editor's text editor (VS Code with the YAML
// extension, through a `# yaml-language-server: $schema=…` line) can
// complete keys and mark mistakes as they are typed.
//
// # Rules
//
// The schema is generated from the loader's own rules (package content):
// the keys of a story, metric, award and source are the keys the loader
// reads (content.StoryKeys and the like), the required keys, qualifiers,
// award levels, slug and alias patterns and the first year are the
// loader's values, and regions and categories are enums of the site's own
// names, slugs and other names. This package adds only each key's JSON
// type, and Generate fails if the loader reads a key it has no type for.
//
// What the loader accepts, the schema accepts: text may be written as a
// number (the loader reads 2016 as "2016"), a blank optional value ("" or
// null, as a form editor writes it) means none, `year` has a minimum (2004)
// and no maximum, so the schema never depends on the clock. Unknown keys
// are refused (additionalProperties false), as `check --strict` does,
// except the keys Hugo itself reads (content.HugoKeys). A few checks stay
// the loader's alone: a calendar date that does not exist (2016-02-30), a
// region or category named differently in letter case, and aliases with
// "..".
package schema
