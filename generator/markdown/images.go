package markdown

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Image is an image a document refers to by a relative path: a file that
// lives beside the document (a bundle's photo).
type Image struct {
	Dest string // the destination as written, backslash escapes resolved
	Alt  string // the alt text, as plain text
	Line int    // the line of the reference, counting from 1 at the top of the converted source
}

// ImageFunc renders a local image: it returns the HTML that replaces the
// image's <img> element (a <picture> with a size ladder), or ok false to
// keep the plain <img>. It is called once per image, in document order,
// from the goroutine that called ConvertImages.
type ImageFunc func(img Image) (h template.HTML, ok bool)

// imageKey is the parser.Context key that carries a conversion's
// ImageFunc to imageHook.
var imageKey = parser.NewContextKey()

// pictureAttr is the attribute imageHook stores the replacement HTML in;
// it never reaches the output.
var pictureAttr = []byte("\x00picture")

// ConvertImages is Convert with each image whose destination is a
// relative path rendered by f (nil keeps every <img>).
func (r *Renderer) ConvertImages(src []byte, f ImageFunc) (*Doc, error) {
	return r.convert(src, f)
}

// imageHook is the ASTTransformer that asks a conversion's ImageFunc for
// the HTML of each local image. It runs after safety, so it sees only
// images that are kept.
type imageHook struct{}

func (imageHook) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	f, _ := pc.Get(imageKey).(ImageFunc)
	if f == nil {
		return
	}
	source := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		dest := string(img.Destination)
		if !localPath(dest) {
			return ast.WalkSkipChildren, nil
		}
		var alt bytes.Buffer
		_ = ast.Walk(img, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				switch c := c.(type) {
				case *ast.Text:
					alt.Write(c.Segment.Value(source))
				case *ast.String:
					alt.Write(c.Value)
				}
			}
			return ast.WalkContinue, nil
		})
		if h, ok := f(Image{Dest: dest, Alt: alt.String(), Line: lineOf(img, source)}); ok {
			img.SetAttribute(pictureAttr, h)
		}
		return ast.WalkSkipChildren, nil
	})
}

// localPath reports whether an image destination is a relative path, not
// a URL with a scheme, a site path or a protocol-relative URL.
func localPath(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "#") {
		return false
	}
	if i := strings.IndexAny(dest, ":/?#"); i >= 0 && dest[i] == ':' {
		return false
	}
	return true
}

// lineOf returns the line of an inline node: that of its first text, else
// of the first line of its block.
func lineOf(n ast.Node, source []byte) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				off = p.Lines().At(0).Start
				break
			}
		}
	}
	if off < 0 {
		return 0
	}
	return bytes.Count(source[:min(off, len(source))], []byte("\n")) + 1
}

// imageRenderer renders an image imageHook replaced, and any other image
// as goldmark does.
type imageRenderer struct {
	plain renderer.NodeRendererFunc
}

func newImageRenderer(opts ...html.Option) *imageRenderer {
	c := capture{}
	html.NewRenderer(opts...).RegisterFuncs(c)
	return &imageRenderer{plain: c[ast.KindImage]}
}

// capture collects the functions a NodeRenderer registers.
type capture map[ast.NodeKind]renderer.NodeRendererFunc

func (c capture) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { c[k] = f }

// RegisterFuncs implements renderer.NodeRenderer.
func (r *imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.render)
}

func (r *imageRenderer) render(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if v, ok := n.AttributeString(string(pictureAttr)); ok {
		if entering {
			_, _ = w.WriteString(string(v.(template.HTML)))
		}
		return ast.WalkSkipChildren, nil
	}
	return r.plain(w, source, n, entering)
}
