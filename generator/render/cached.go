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
func (r *Renderer) partialCached(set *tmplSet, name string, data any, variants ...any) (template.HTML, error) {
	var k strings.Builder
	k.WriteString(set.kind)
	k.WriteByte(0)
	k.WriteString(name)
	for _, v := range variants {
		fmt.Fprintf(&k, "\x00%T:%v", v, v)
	}
	key := k.String()
	if v, ok := r.parts.Load(key); ok {
		if c := v.(card); c.deps != nil || set.rec == nil {
			set.rec.addAll(c.deps)
			return c.html, nil
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
	r.parts.Store(key, c)
	return c.html, nil
}
