package render

import (
	"fmt"
	"html/template"
	"strings"
)

// partialCached returns the layout name executed with data, once per
// Renderer, kind of page and variants, as Hugo's partialCached does: every
// later call with the same variants returns the first result, whatever
// its data. The layout must show nothing of data but what the variants
// and the site-wide inputs determine (the site header: the page's kind and
// section). The keys the first execution read are added to the recorder
// of every page that uses the result, as for a card.
//
// A result that is one block element (spliceable), such as the site
// header, is also kept minified, and a page rendered spliced shows a
// Marker in its place, as for a card: its bytes are minified once per
// Renderer, not once per page. Layouts call such a partial where block
// content goes, outside <pre>, as they call "card".
func (r *Renderer) partialCached(set *tmplSet, name string, data any, variants ...any) (template.HTML, error) {
	var k strings.Builder
	k.WriteString(set.kind)
	k.WriteByte(0)
	k.WriteString(name)
	for _, v := range variants {
		k.WriteByte(0)
		if s, ok := v.(string); ok {
			k.WriteString("string:") // as %T:%v writes it, without fmt
			k.WriteString(s)
		} else {
			fmt.Fprintf(&k, "%T:%v", v, v)
		}
	}
	key := k.String()
	if v, ok := r.parts.Load(key); ok {
		if c := v.(card); c.deps != nil || set.rec == nil {
			set.rec.addAll(c.deps)
			return c.show(set), nil
		}
	}
	t := set.pages[set.kind]
	if t == nil {
		return "", fmt.Errorf("partialCached %q: no layout for page kind %q", name, set.kind)
	}
	var b strings.Builder
	deps, err := executeApart(set, t, &b, name, func(*recorder) any { return data })
	if err != nil {
		return "", err
	}
	c := card{html: template.HTML(b.String()), deps: deps}
	if c.frag, err = r.blockFragment(nil, name, c.html); err != nil {
		return "", err
	}
	r.parts.Store(key, c)
	return c.show(set), nil
}

// show returns what a page shows of a cached partial: Marker when the
// page renders spliced and the partial is one block element, with the
// fragment added to the page's; else its HTML.
func (c card) show(set *tmplSet) template.HTML {
	if set.splice != nil && c.frag != nil {
		set.splice.add(c.frag, nil, Slot{Item: -1, Keep: true})
		return Marker
	}
	return c.html
}
