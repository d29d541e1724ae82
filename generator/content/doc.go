// Package content loads a showcase source tree — hugo.toml, content/ and the
// list of static/ files — into typed, validated values.
//
// # Tree
//
// The layout is the content contract's: content/_index.md (home),
// content/<slug>.md (standalone pages), content/stories/<slug>.md or
// content/stories/<slug>/index.md (stories, the latter a bundle with its
// images), content/regions/<slug>/_index.md, content/categories/<slug>/_index.md
// and content/tags/<slug>/_index.md.
//
// # Front matter
//
// YAML (---), TOML (+++) and JSON ({ … }) front matter are accepted as
// Hugo reads them. Delimited front matter ends at the first later line
// that is its closing delimiter; github.com/adrg/frontmatter splits it out
// of the file's head, up to that line (found in place, so that the body is
// never copied). JSON front matter is one object, ending at the brace that
// closes it, and the body follows it directly (on the next line or the
// same one). All are decoded into one position-keeping tree (yaml.v3
// nodes, or, for YAML in the plain shapes stories are written in, a line
// reader that builds the same tree; a token walk for JSON; a key scan for
// TOML), so every problem names the file and the line of the offending
// key, counted from the top of the file. Unknown keys are warnings with a
// "did you mean" suggestion; everything else is an error. Load reports all
// problems of the tree at once.
//
// # Safety
//
// Files over a size limit, non-UTF-8 text, NUL bytes, slugs outside a-z0-9-,
// and link targets other than http(s) or site paths are errors. Read the tree
// through an fs.FS that refuses symlinks leaving it, such as os.Root.FS.
package content
