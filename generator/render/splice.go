package render

import (
	"bytes"
	"crypto/sha256"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/site"
)

// A dossier shows every story of its part in full, and the same story
// appears in the city's dossier and in its region's. Layouts show a
// story's section with the function dossierStory, which renders the
// layout "dossier-story" once per Renderer (a Fragment) and adds the keys
// it read to the page's. When the theme minifies (and links stay
// root-absolute), the Renderer keeps each fragment minified.
//
// RenderSpliced renders such a page with Marker in place of each
// fragment, so that the caller minifies only the page's shell and splices
// the fragments into it (Splice). The result equals minifying the whole
// page, because a fragment is one block element (Fragment.spliceable) and
// the marker is an empty one: the HTML minifier starts a fragment in the
// state it has after any block start tag (leading space dropped), leaves
// it in the state any block end tag leaves (trailing space dropped), and
// looks ahead no further than a block tag to decide about white space.
// Layouts call dossierStory where block content goes, outside <pre> and
// raw-text elements, as print.html does.

// Marker stands in a page's shell for each fragment RenderSpliced leaves
// out. The HTML minifier leaves it as it is.
const Marker = `<section data-showcase-fragment></section>`

// Fragment is a story's section of a dossier as a Renderer rendered it,
// with the keys it read.
type Fragment struct {
	Story *site.Story
	// HTML is the fragment as the layout wrote it, or minified if
	// Minified.
	HTML     template.HTML
	Minified bool
	Deps     Deps // nil: rendered without recording
	// Sum is the SHA-256 of HTML.
	Sum [sha256.Size]byte

	spliceable bool // see spliceable
}

// spliceBlocks are the elements a spliceable fragment may be: to the
// minifier each is a block whose end tag ends a paragraph, like the
// marker's <section>.
var spliceBlocks = []string{"section", "article", "div", "li", "header", "footer"}

// spliceable reports whether html is one element of spliceBlocks, with
// nothing before or after it: minified on its own, it is what it is
// minified in a page.
func spliceable(html []byte) bool {
	for _, name := range spliceBlocks {
		if bytes.HasPrefix(html, []byte("<"+name)) && len(html) > len(name)+1 && (html[len(name)+1] == ' ' || html[len(name)+1] == '>') && bytes.HasSuffix(html, []byte("</"+name+">")) {
			return true
		}
	}
	return false
}

// fragmentCache holds the fragments a Renderer rendered or was given.
// Unless the Renderer has Input.Fragments (the dev server's, which keeps
// them for the next build), a fragment is dropped after its last use in
// the Renderer's dossiers (uses), so that a build holds no more of them
// than the order of its pages needs (see SpliceOrder).
type fragmentCache struct {
	mu       sync.Mutex
	m        map[*site.Story]fragmentEntry
	usesOnce sync.Once
	uses     map[*site.Story]int
}

type fragmentEntry struct {
	f     *Fragment
	known bool // from Input.Fragments
	left  int  // uses to come, unless the Renderer keeps its fragments
}

// usesOf returns how many of the Renderer's dossier parts show st.
func (r *Renderer) usesOf(st *site.Story) int {
	r.frags.usesOnce.Do(func() {
		r.frags.uses = make(map[*site.Story]int, len(r.site.Stories))
		for _, p := range r.PrintPages() {
			for _, x := range p.List {
				r.frags.uses[x]++
			}
		}
	})
	return r.frags.uses[st]
}

// Fragments returns the fragments the Renderer rendered with recording
// (not those Input.Fragments gave), for a later Input.Fragments. Only a
// Renderer with Input.Fragments keeps them all.
func (r *Renderer) Fragments() []*Fragment {
	r.frags.mu.Lock()
	defer r.frags.mu.Unlock()
	var out []*Fragment
	for _, e := range r.frags.m {
		if e.f.Deps != nil && !e.known {
			out = append(out, e.f)
		}
	}
	return out
}

// fragment returns a story's dossier section (layout "dossier-story"),
// rendered once per Renderer with the template set of the caller, with the
// keys it read (the caller adds them to the page's).
func (r *Renderer) fragment(set *tmplSet, st *site.Story) (*Fragment, error) {
	min := r.th.fragMin != nil
	if f := r.cachedFragment(st, set.rec != nil); f != nil {
		return f, nil
	}
	if set.rec != nil && r.knownFrag != nil {
		if f, ok := r.knownFrag(st); ok && f.Deps != nil && f.Minified == min {
			if f.Story != st {
				// The same story in a new model of the site.
				g := *f
				g.Story, f = st, &g
			}
			r.storeFragment(fragmentEntry{f: f, known: true})
			return f, nil
		}
	}
	buf := fragBufs.Get().(*bytes.Buffer)
	defer fragBufs.Put(buf)
	buf.Reset()
	deps, err := r.renderFragment(buf, set, st)
	if err != nil {
		return nil, err
	}
	html := buf.Bytes()
	f := &Fragment{Story: st, Deps: deps}
	f.spliceable = spliceable(html)
	if min && f.spliceable {
		if html, err = r.th.fragMin.Minify("fragment.html", html); err != nil {
			return nil, err
		}
		f.Minified = true
	}
	f.HTML, f.Sum = template.HTML(html), sha256.Sum256(html)
	e := fragmentEntry{f: f}
	if r.knownFrag == nil {
		if e.left = r.usesOf(st) - 1; e.left <= 0 {
			return f, nil
		}
	}
	r.storeFragment(e)
	return f, nil
}

var fragBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// cachedFragment returns the fragment the Renderer holds for st, if it
// was rendered with recording or record is false, and counts a use.
func (r *Renderer) cachedFragment(st *site.Story, record bool) *Fragment {
	r.frags.mu.Lock()
	defer r.frags.mu.Unlock()
	e, ok := r.frags.m[st]
	switch {
	case !ok || record && e.f.Deps == nil:
		return nil
	case r.knownFrag == nil:
		if e.left--; e.left <= 0 {
			delete(r.frags.m, st)
		} else {
			r.frags.m[st] = e
		}
	}
	return e.f
}

// renderFragment renders a story's dossier section into w as the layout
// writes it, and returns the keys it read.
func (r *Renderer) renderFragment(w io.Writer, set *tmplSet, st *site.Story) (Deps, error) {
	return renderApart(set, set.pages["print"], w, "dossier-story", func(rec *recorder) any { return storyView(st, rec) })
}

func (r *Renderer) storeFragment(e fragmentEntry) {
	r.frags.mu.Lock()
	if r.frags.m == nil {
		r.frags.m = map[*site.Story]fragmentEntry{}
	}
	r.frags.m[e.f.Story] = e
	r.frags.mu.Unlock()
}

// dossierStory is the template function: the story's fragment as the
// layout writes it, or Marker when the page renders spliced.
func (r *Renderer) dossierStory(set *tmplSet, v *StoryView) (template.HTML, error) {
	v.item()
	f, err := r.fragment(set, v.st)
	if err != nil {
		return "", err
	}
	if set.splice != nil && f.spliceable {
		set.splice.add(f, f.Deps, v.slot(true))
		return Marker, nil
	}
	v.touch()
	set.rec.addAll(f.Deps)
	if f.Minified {
		// Rendered whole: the page gets the layout's own text.
		var b strings.Builder
		_, err := r.renderFragment(&b, set, v.st)
		return template.HTML(b.String()), err
	}
	return f.HTML, nil
}

// Story cards are spliced in the same way (Card.Frag): a list page's
// shell is minified without its cards, each kept minified once per build.
// A card is one <li> element, a block element to the minifier, between
// the <li> elements of its list.

// cardFragment returns a card, rendered as html, minified to be spliced,
// or nil when pages are not minified or the card is not one element.
func (r *Renderer) cardFragment(st *site.Story, html template.HTML) (*Fragment, error) {
	return r.blockFragment(st, "card", html)
}

// blockFragment returns html, the layout name rendered (a card of story
// st, or a cached partial when st is nil), minified to be spliced, or nil
// when pages are not minified or html is not one element.
func (r *Renderer) blockFragment(st *site.Story, name string, html template.HTML) (*Fragment, error) {
	if r.th.fragMin == nil {
		return nil, nil
	}
	trimmed := bytes.TrimSpace([]byte(html))
	if !spliceable(trimmed) {
		return nil, nil
	}
	min, err := r.th.fragMin.Minify(name+".html", trimmed)
	if err != nil {
		return nil, err
	}
	return &Fragment{Story: st, HTML: template.HTML(min), Minified: true, Sum: sha256.Sum256(min), spliceable: true}, nil
}

// showCard is the template function "card": the story's card, or Marker
// when the page renders spliced.
func (r *Renderer) showCard(set *tmplSet, v *StoryView) (template.HTML, error) {
	v.item()
	c, err := r.card(set, v.st)
	if err != nil {
		return "", err
	}
	if set.splice != nil && c.frag != nil {
		set.splice.add(c.frag, c.deps, v.slot(false))
		return Marker, nil
	}
	v.touch()
	set.rec.addAll(c.deps)
	if c.html == "" && c.frag != nil {
		return r.cardAgain(set, v.st)
	}
	return c.html, nil
}

// dossier reports whether p is a part of a dossier.
func dossier(p *Page) bool { return p.Kind == "print" }

// splicing collects the fragments a page renders without: each with the
// keys it read and where its story came from.
type splicing struct {
	frags []*Fragment
	deps  []Deps
	slots []Slot
}

func (s *splicing) add(f *Fragment, deps Deps, slot Slot) {
	s.frags = append(s.frags, f)
	s.deps = append(s.deps, deps)
	s.slots = append(s.slots, slot)
}

// RenderSpliced writes page p to w with Marker in place of each fragment
// its layouts show, and returns those fragments in order, either all
// minified or none. RenderShell does the same, recording what the page
// read.
func (r *Renderer) RenderSpliced(w io.Writer, p *Page) ([]*Fragment, error) {
	sp := &splicing{frags: []*Fragment{}}
	if err := r.render(w, p, nil, sp); err != nil {
		return nil, err
	}
	return sp.frags, nil
}

// Splice appends shell to dst with each Marker replaced by the HTML of
// the next fragment, and reports whether shell held exactly len(frags)
// markers (if not, dst is returned as it was).
func Splice(dst, shell []byte, frags []*Fragment) ([]byte, bool) {
	if bytes.Count(shell, []byte(Marker)) != len(frags) {
		return dst, false
	}
	n := len(shell) - len(frags)*len(Marker)
	for _, f := range frags {
		n += len(f.HTML)
	}
	dst = slices.Grow(dst, n)
	for _, f := range frags {
		i := bytes.Index(shell, []byte(Marker))
		dst = append(append(dst, shell[:i]...), f.HTML...)
		shell = shell[i+len(Marker):]
	}
	return append(dst, shell...), true
}

// Fingerprint returns what identifies a page spliced from shell and frags,
// cheaper than the page itself: the shell and the fragments' sums.
func Fingerprint(shell []byte, frags []*Fragment) []byte {
	out := make([]byte, 0, len(shell)+len(frags)*sha256.Size)
	out = append(out, shell...)
	for _, f := range frags {
		out = append(out, f.Sum[:]...)
	}
	return out
}

// SpliceOrder returns pages in the order to render them in that keeps the
// fewest fragments alive: each part of a region's dossier right after the
// part of the city's that holds its last story, where all its fragments
// have been rendered. Other pages keep their places.
func (r *Renderer) SpliceOrder(pages []*Page) []*Page {
	pos := make(map[*site.Story]int, len(r.site.Stories))
	for i, st := range r.site.Stories {
		pos[st] = i
	}
	var at []int
	for i, p := range pages {
		if dossier(p) {
			at = append(at, i)
		}
	}
	parts := make([]*Page, len(at))
	for j, i := range at {
		parts[j] = pages[i]
	}
	last := func(p *Page) int {
		if len(p.List) == 0 {
			return -1
		}
		return pos[p.List[len(p.List)-1]]
	}
	slices.SortStableFunc(parts, func(a, b *Page) int {
		if la, lb := last(a), last(b); la != lb {
			return la - lb
		}
		return cmpBool(a.Region != nil, b.Region != nil)
	})
	out := slices.Clone(pages)
	for j, i := range at {
		out[i] = parts[j]
	}
	return out
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
