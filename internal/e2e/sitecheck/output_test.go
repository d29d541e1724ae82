package sitecheck

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/publish"
)

// output is a built site: file contents by slash path below the root.
type output map[string][]byte

func fromMemory(m *publish.Memory) output {
	out := output{}
	for _, p := range m.Paths() {
		data, _ := m.Get(p)
		out[p] = data
	}
	return out
}

func fromDir(tb testing.TB, dir string) output {
	tb.Helper()
	out := output{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// paths returns the file names with the given suffix, sorted.
func (o output) paths(suffix string) []string {
	var out []string
	for p := range o {
		if strings.HasSuffix(p, suffix) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// ownScript returns a predicate for script sources that are the theme's
// own JavaScript assets of this output, as linked under root.
func (o output) ownScript(root string) func(string) bool {
	return func(src string) bool {
		if !strings.HasPrefix(src, root+"assets/js/") || !strings.HasSuffix(src, ".js") {
			return false
		}
		_, ok := o[strings.TrimPrefix(src, root)]
		return ok
	}
}

// unsafeMarkup returns every piece of executable markup in the output's
// pages and feeds: in HTML pages (checkMarkup), in XML files (which must
// parse, and whose text must carry no markup a feed reader would run when
// it renders HTML content), and any JavaScript file that is not a theme
// asset.
func (o output) unsafeMarkup(root string) []string {
	var bad []string
	own := o.ownScript(root)
	for _, p := range o.paths(".html") {
		for _, b := range checkMarkup(string(o[p]), own) {
			bad = append(bad, p+": "+b)
		}
	}
	for _, p := range o.paths(".xml") {
		for _, b := range checkXML(o[p], own) {
			bad = append(bad, p+": "+b)
		}
	}
	for _, p := range o.paths(".js") {
		if !strings.HasPrefix(p, "assets/js/") {
			bad = append(bad, p+": JavaScript file outside the theme's assets")
		}
	}
	return bad
}

// urlElems are the sitemap and Atom elements whose text is a URL.
var urlElems = map[string]bool{"loc": true, "id": true, "uri": true, "icon": true, "logo": true}

// rawJSONMarkup returns every raw "<script", "</script" or "<!--" in the
// output's JSON files: they must escape < and > (as \u003c, \u003e), so
// that they stay inert if a page ever embeds them or a host serves them
// with a sniffable type.
func (o output) rawJSONMarkup() []string {
	var bad []string
	for _, p := range o.paths(".json") {
		low := bytes.ToLower(o[p])
		for _, s := range []string{"<script", "</script", "<!--"} {
			if i := bytes.Index(low, []byte(s)); i >= 0 {
				bad = append(bad, fmt.Sprintf("%s: raw %q at offset %d", p, s, i))
			}
		}
	}
	return bad
}

// checkXML parses an XML file and checks every attribute value and every
// text node whose element declares type="html" (Atom) as HTML.
func checkXML(data []byte, own func(string) bool) []string {
	var bad []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	htmlText := []bool{false}
	names := []string{""}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return append(bad, "invalid XML: "+err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			isHTML := false
			for _, a := range t.Attr {
				if a.Name.Local == "type" && (a.Value == "html" || a.Value == "xhtml") {
					isHTML = true
				}
				if urlAttrs[strings.ToLower(a.Name.Local)] && dangerous(t.Name.Local, a.Name.Local, a.Value) {
					bad = append(bad, fmt.Sprintf("<%s %s=%q>", t.Name.Local, a.Name.Local, a.Value))
				}
			}
			htmlText = append(htmlText, isHTML)
			names = append(names, t.Name.Local)
		case xml.EndElement:
			htmlText = htmlText[:len(htmlText)-1]
			names = names[:len(names)-1]
		case xml.CharData:
			s := string(t)
			if htmlText[len(htmlText)-1] {
				bad = append(bad, checkMarkup(s, own)...)
			} else if urlElems[names[len(names)-1]] && dangerous("", "href", s) {
				bad = append(bad, fmt.Sprintf("text %q is a script URL", s))
			}
		}
	}
	return bad
}
