package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"
)

// Media types the Minifier registers; mediaTypes maps file extensions to them.
const (
	typeHTML = "text/html"
	typeCSS  = "text/css"
	typeJS   = "application/javascript"
	typeSVG  = "image/svg+xml"
	typeJSON = "application/json"
	typeXML  = "text/xml"
)

// mediaTypes maps a lower-case file extension to the media type it is
// minified as. Extensions not listed are left unchanged.
var mediaTypes = map[string]string{
	".html":        typeHTML,
	".htm":         typeHTML,
	".css":         typeCSS,
	".js":          typeJS,
	".mjs":         typeJS,
	".svg":         typeSVG,
	".json":        typeJSON,
	".webmanifest": typeJSON,
	".xml":         typeXML,
}

// A Minifier minifies files by their extension with
// github.com/tdewolff/minify/v2. Build one with [NewMinifier] and share
// it: a Minifier is safe for concurrent use by multiple goroutines.
//
// HTML is minified conservatively so that the output stays standard
// markup that tests and other tools can read: document tags (<html>,
// <head>, <body>), end tags, attribute quotes and attributes with default
// values are all kept, and so are <meta> elements and the lang attribute.
// Comments go, runs of white space shrink to one space or newline and
// vanish between block elements, "<!DOCTYPE html>" becomes
// "<!doctype html>" and boolean attributes lose their value
// (required="required" becomes required). Inline <svg> is minified as
// SVG (its redundant xmlns dropped); inline <style> and <script> are
// minified by their type, and scripts of other types (such as "module")
// are kept verbatim.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a Minifier for HTML (.html, .htm), CSS (.css),
// JavaScript (.js, .mjs; ES modules keep their import and export
// statements), SVG (.svg), JSON (.json, .webmanifest) and XML (.xml, such
// as sitemaps and Atom feeds).
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add(typeHTML, &html.Minifier{
		KeepDocumentTags:    true,
		KeepEndTags:         true,
		KeepQuotes:          true,
		KeepDefaultAttrVals: true,
	})
	m.Add(typeCSS, &css.Minifier{})
	m.Add(typeSVG, &svg.Minifier{})
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), &js.Minifier{})
	m.AddRegexp(regexp.MustCompile(`[/+]json$`), &json.Minifier{})
	m.AddRegexp(regexp.MustCompile(`[/+]xml$`), &xml.Minifier{})
	return &Minifier{m: m}
}

// Handles reports whether Minify changes files named like name, that is,
// whether name has one of the extensions listed at [NewMinifier]
// (compared without regard to case).
func (m *Minifier) Handles(name string) bool {
	_, ok := mediaTypes[strings.ToLower(path.Ext(name))]
	return ok
}

// Minify returns data minified according to the extension of name, a
// file path used only for its extension and in errors. Data of other
// extensions is returned unchanged (the same slice). Minify never
// modifies data; on error it returns nil and a [*MinifyError] that
// carries name and, where the minifier knows it, the line and column.
func (m *Minifier) Minify(name string, data []byte) ([]byte, error) {
	if !m.Handles(name) {
		return data, nil
	}
	var out bytes.Buffer
	out.Grow(len(data))
	if err := m.minify(&out, name, data); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// MinifyTo is Minify appending to out, which the caller may take from a
// pool: a file handed to a sink that does not keep it (Tx) needs no
// slice of its own. Data of other extensions is appended unchanged.
func (m *Minifier) MinifyTo(out *bytes.Buffer, name string, data []byte) error {
	return m.minify(out, name, data)
}

// minify appends data minified according to name's extension to out,
// which the caller may take from a pool.
func (m *Minifier) minify(out *bytes.Buffer, name string, data []byte) error {
	mediatype, ok := mediaTypes[strings.ToLower(path.Ext(name))]
	if !ok {
		out.Write(data)
		return nil
	}
	// The parser wants its input with one spare byte of capacity, which
	// it overwrites while it runs. Hand it a pooled private copy, never
	// the caller's slice: the byte after data may be somebody else's.
	in := inputPool.Get().(*[]byte)
	*in = append(append((*in)[:0], data...), 0)[:len(data)]
	err := m.m.Minify(mediatype, out, (*input)(in))
	if cap(*in) <= maxPooled {
		inputPool.Put(in)
	}
	if err != nil {
		return newMinifyError(name, err)
	}
	return nil
}

// maxPooled is the largest buffer kept in a pool for reuse.
const maxPooled = 1 << 20

var inputPool = sync.Pool{New: func() any { return new([]byte) }}

// input is an io.Reader over a byte slice that also offers the slice
// itself, which lets the parser read it without copying.
type input []byte

// Bytes returns the whole input.
func (r *input) Bytes() []byte { return *r }

// Read reads from the input; the parser uses Bytes instead.
func (r *input) Read(p []byte) (int, error) {
	if len(*r) == 0 {
		return 0, io.EOF
	}
	n := copy(p, *r)
	*r = (*r)[n:]
	return n, nil
}

// A MinifyError reports a file the Minifier could not parse.
type MinifyError struct {
	Path   string // the name given to Minify
	Line   int    // 1-based line, or 0 if unknown
	Column int    // 1-based column, or 0 if unknown
	Err    error  // the minifier's error
}

func newMinifyError(name string, err error) *MinifyError {
	e := &MinifyError{Path: name, Err: err}
	var pe *parse.Error
	if errors.As(err, &pe) {
		e.Line, e.Column = pe.Line, pe.Column
	}
	return e
}

// Error returns "path:line:col: minify: message", leaving out the line
// and column when they are unknown.
func (e *MinifyError) Error() string {
	msg := e.Err.Error()
	var pe *parse.Error
	if errors.As(e.Err, &pe) {
		msg = pe.Message
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: minify: %s", e.Path, e.Line, e.Column, msg)
	}
	return fmt.Sprintf("%s: minify: %s", e.Path, msg)
}

// Unwrap returns the minifier's error.
func (e *MinifyError) Unwrap() error { return e.Err }
