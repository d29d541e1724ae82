package markdown

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures a [Renderer]. The zero value is the safe default.
type Options struct {
	// Unsafe passes raw HTML in Markdown through to the output verbatim.
	// It mirrors Hugo's `[markup.goldmark.renderer] unsafe` setting. Link,
	// autolink and image destinations written in Markdown are checked
	// whatever its value.
	Unsafe bool
}

// A Renderer converts Markdown to a [Doc]. It holds one goldmark instance,
// built by [New]; a Renderer is safe for concurrent use by multiple
// goroutines and is meant to be built once per build and shared.
type Renderer struct {
	md goldmark.Markdown
}

// A Doc is the result of converting one Markdown body.
type Doc struct {
	// HTML is the rendered body. It is safe to embed in a page: raw HTML
	// has been omitted unless Options.Unsafe was set, and dangerous link
	// and image destinations have been dropped.
	HTML template.HTML
	// Text is the plain text of the whole body, one block element per
	// line (a hard line break also starts a line), for search and
	// summaries.
	Text string
	// FirstParagraph is the plain text of the first top-level paragraph
	// that holds more than images, or "" when there is none.
	FirstParagraph string
	// Headings lists the body's headings in document order.
	Headings []Heading
}

// A Heading is one heading of a document.
type Heading struct {
	Level int    // 1 to 6
	ID    string // the id attribute; unique in the document unless the author wrote one {#id} twice
	Text  string // plain text
}

// New returns a Renderer configured by opts.
func New(opts Options) *Renderer {
	var htmlOpts []html.Option
	if opts.Unsafe {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&textRenderer{Config: html.NewConfig()}, 100),
			util.Prioritized(newImageRenderer(htmlOpts...), 100)),
	}
	if opts.Unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.Footnote,
			extension.NewCJK(
				extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft),
				extension.WithEscapedSpace(),
			),
		),
		goldmark.WithParserOptions(
			parser.WithHeadingAttribute(),
			parser.WithInlineParsers(util.Prioritized(emphasisParser{}, 490)),
			parser.WithASTTransformers(util.Prioritized(safety{}, 1000), util.Prioritized(imageHook{}, 1100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Renderer{md: md}
}

// Convert converts the Markdown in src. A leading byte order mark is
// ignored and CRLF line ends read as LF. The error is non-nil only if
// rendering fails, which the built-in renderers never do; bad Markdown is
// rendered as text, never rejected.
func (r *Renderer) Convert(src []byte) (*Doc, error) { return r.convert(src, nil) }

func (r *Renderer) convert(src []byte, images ImageFunc) (*Doc, error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	var popts []parser.ParseOption
	if images != nil {
		pc := parser.NewContext()
		pc.Set(imageKey, images)
		popts = append(popts, parser.WithContext(pc))
	}
	root := r.md.Parser().Parse(text.NewReader(src), popts...)
	buf := bufPool.Get().(*bytes.Buffer)
	defer putBuf(buf)
	buf.Reset()
	buf.Grow(len(src) + len(src)/2)
	if err := r.md.Renderer().Render(bufWriter{buf}, src, root); err != nil {
		return nil, err
	}
	doc := &Doc{HTML: template.HTML(buf.String())}
	buf.Reset()
	extract(doc, root, src, buf)
	return doc, nil
}

// bufPool holds the buffers Convert renders into; the Doc gets copies.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooled is the capacity above which a buffer is dropped, not pooled.
const maxPooled = 1 << 20

func putBuf(b *bytes.Buffer) {
	if b.Cap() <= maxPooled {
		bufPool.Put(b)
	}
}

// bufWriter is the util.BufWriter goldmark's renderer wants, writing
// straight into a bytes.Buffer: without it the renderer would allocate a
// bufio.Writer per document and copy everything through it.
type bufWriter struct{ *bytes.Buffer }

func (w bufWriter) Buffered() int { return 0 }
func (w bufWriter) Flush() error  { return nil }

// extract fills doc's plain text, first paragraph and headings from the
// AST rooted at root. It writes the text into b, line after line, and
// makes one string of it; the headings' and first paragraph's texts are
// substrings of doc.Text.
func extract(doc *Doc, root ast.Node, src []byte, b *bytes.Buffer) {
	type span struct{ start, end int }
	var (
		tw        textWriter
		nlines    int
		headings  []span
		firstPara = span{-1, -1}
	)
	tw.b = b.Bytes()[:0]
	// begin starts a line, returning where to roll back to if it ends
	// up empty; end finishes it and reports whether it was kept.
	begin := func() (mark int) {
		mark = len(tw.b)
		if nlines > 0 {
			tw.b = append(tw.b, '\n')
		}
		return mark
	}
	end := func(mark int) bool {
		from := mark
		if nlines > 0 {
			from++
		}
		if len(bytes.TrimSpace(tw.b[from:])) == 0 {
			tw.b = tw.b[:mark]
			return false
		}
		nlines++
		return true
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.ThematicBreak:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				mark := begin()
				tw.b = append(tw.b, bytes.TrimSpace(seg.Value(src))...)
				end(mark)
			}
			return ast.WalkSkipChildren, nil
		}
		if k := n.Kind(); k == east.KindTableHeader || k == east.KindTableRow {
			mark := begin()
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if c != n.FirstChild() {
					tw.b = append(tw.b, '\t')
				}
				from := len(tw.b)
				tw.inlineAppend(c, src)
				tw.b = tidyTail(tw.b, from)
			}
			end(mark)
			return ast.WalkSkipChildren, nil
		}
		_, heading := n.(*ast.Heading)
		if !heading && (n.Type() != ast.TypeBlock || n.FirstChild() == nil || n.FirstChild().Type() != ast.TypeInline) {
			return ast.WalkContinue, nil
		}
		mark := begin()
		from := len(tw.b)
		tw.inlineAppend(n, src)
		tw.b = tidyTail(tw.b, from)
		line := span{from, len(tw.b)}
		if !end(mark) {
			line = span{mark, mark}
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, line)
			id, _ := n.AttributeString("id")
			doc.Headings = append(doc.Headings, Heading{Level: n.Level, ID: attrString(id)})
		case *ast.Paragraph:
			if firstPara.start < 0 && n.Parent() == root && line.end > line.start && !imagesOnly(n, src) {
				firstPara = line
			}
		}
		return ast.WalkSkipChildren, nil
	})
	doc.Text = string(tw.b)
	for i, h := range headings {
		doc.Headings[i].Text = doc.Text[h.start:h.end]
	}
	if firstPara.start >= 0 {
		doc.FirstParagraph = doc.Text[firstPara.start:firstPara.end]
	}
	// Hand the grown slice back to the pooled buffer.
	b.Reset()
	if cap(tw.b) > b.Cap() {
		*b = *bytes.NewBuffer(tw.b[:0])
	}
}
