// Package markdown turns the Markdown body of a story or page into HTML,
// plain text and a table of headings.
//
// A [Renderer] wraps one goldmark instance, configured once by [New] and then
// shared by every goroutine of a build: [Renderer.Convert] is safe for
// concurrent use.
//
// # Dialect
//
// The dialect is CommonMark with GitHub's extensions (tables, strikethrough,
// autolinks of bare URLs, task lists), footnotes, and heading attributes
// written after the heading text (`## 标题 {#custom-id .class}`), as Hugo reads
// them. The typographer is off, so Chinese and ASCII quotes stay as written.
//
// Chinese text follows goldmark's CJK extension: a line break inside a
// Chinese paragraph renders as nothing rather than as a space (the CSS Text 3
// draft's segment break rules, [extension.EastAsianLineBreaksCSS3Draft]), and
// a backslash-escaped space (`\ `) renders as nothing. The break rule also
// holds where a line ends or starts with inline markup (a link, an
// emphasis), which goldmark's own text renderer does not handle, and ASCII
// punctuation at the end of a line keeps its space ("end.\nNext").
//
// Emphasis follows the CommonMark CJK-friendly amendments: a `*` or `_` run
// next to CJK punctuation still opens or closes emphasis beside a Chinese
// character, so `**先调研，后设计。**基金会` is bold as meant, where plain
// CommonMark (and Hugo) print the asterisks. Text without CJK characters
// parses exactly as in CommonMark; the older workaround of escaped spaces
// (`他说\ **“你好”**\ 然后`) still works.
//
// # Safety
//
// Raw HTML, both blocks and inline tags, is replaced by the comment
// `<!-- raw HTML omitted -->` unless [Options.Unsafe] is set, which passes it
// through verbatim (Hugo's `[markup.goldmark.renderer] unsafe = true`).
//
// Whatever the options, Markdown links, autolinks and images are checked
// after parsing, on the destination normalised the way a browser reads it
// (entities and percent escapes decoded, control characters, white space and
// invisible format characters removed, case folded):
//
//   - a link or autolink is kept only when its destination is relative or
//     uses http, https, ftp, mailto or tel; otherwise only its text is
//     rendered, so javascript:, vbscript: and data: links are never emitted;
//   - an image is kept only when its source is relative, http, https, or a
//     data:image/png, gif, jpeg or webp URL; otherwise its alt text is
//     rendered in its place.
//
// Raw HTML let through by [Options.Unsafe] is not inspected.
//
// Attributes written in Markdown are limited to id and class; table cell
// alignment is rendered as an align attribute. The output therefore never
// carries a style attribute and works under a Content-Security-Policy
// without 'unsafe-inline'.
//
// # Heading IDs
//
// Every heading gets an id. An id written by the author (`{#id}`) is kept
// as written, even when it repeats another.
// Otherwise the id is a slug of the heading's plain text: ASCII letters and
// digits lower-cased, each Han character replaced by its pinyin without tone
// (through github.com/mozillazg/go-pinyin, first reading of polyphonic
// characters), every other run of characters replaced by one '-'. A heading
// with nothing left gets "heading". Within one document the second "bei-jing"
// becomes "bei-jing-1", the third "bei-jing-2", skipping ids already taken,
// so ids are unique, ASCII and the same on every run.
//
// # Plain text
//
// [Doc.Text] holds the body as plain text for search and summaries: one line
// per paragraph, heading, code line, table row (cells separated by tabs) or
// footnote paragraph, with entities and escapes resolved and raw HTML, task
// check boxes and footnote markers left out. Image alt text is included.
// [Summarize] cuts such text for teasers and meta descriptions.
package markdown
