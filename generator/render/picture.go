package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/images"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// Picture is what the theme's "picture" template shows: an image's
// ladder of widths, linked from a page.
type Picture struct {
	Image *images.Image
	// Base is prepended to the file names: "" on the story's own page,
	// whose files sit beside it; the story's URL from other pages.
	Base string
	Alt  string
	// Kind is where the picture is shown: "cover" (a story page's cover,
	// not lazy), "body" (an image of the story's text) or "thumb" (a
	// story card's thumbnail). The theme picks sizes by it.
	Kind string
}

// SrcSet returns the srcset of the WebP files (format "webp") or of the
// fallbacks (any other format): "a-480.webp 480w, a-800.webp 800w". A
// thumbnail lists only rungs up to twice images.ThumbWidth.
func (p *Picture) SrcSet(format string) string {
	var b strings.Builder
	for _, r := range p.rungs() {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		name := r.Fallback
		if format == "webp" {
			name = r.WebP
		}
		b.WriteString(p.Base + name + " " + strconv.Itoa(r.Width) + "w")
	}
	return b.String()
}

func (p *Picture) rungs() []images.Rung {
	if p.Kind != "thumb" {
		return p.Image.Rungs
	}
	var out []images.Rung
	for _, r := range p.Image.Rungs {
		if r.Width <= 2*images.ThumbWidth || len(out) == 0 {
			out = append(out, r)
		}
	}
	return out
}

// Src returns the fallback file for browsers without srcset: the rung
// closest to 800 pixels (the smallest for a thumbnail).
func (p *Picture) Src() string {
	if p.Kind == "thumb" {
		return p.Base + p.Image.Smallest().Fallback
	}
	return p.Base + p.Image.Rung(800).Fallback
}

// Width returns the width attribute: the widest rung's width.
func (p *Picture) Width() int { return p.rungs()[len(p.rungs())-1].Width }

// Height returns the height attribute, matching Width.
func (p *Picture) Height() int { return p.rungs()[len(p.rungs())-1].Height }

// cover returns a story's cover as a Picture of kind ("cover" on the
// story's page, "thumb" in cards), or nil.
func (r *Renderer) cover(st *site.Story, kind string) *Picture {
	img := r.covers[st.Story]
	if img == nil {
		return nil
	}
	p := &Picture{Image: img, Alt: st.CoverAlt, Kind: kind}
	if kind != "cover" {
		p.Base = r.th.root + st.URL()
	}
	return p
}

// ogImage returns the absolute URL of a story's og:image (the fallback
// rung nearest images.OGWidth), or "".
func (r *Renderer) ogImage(st *site.Story) string {
	img := r.covers[st.Story]
	if img == nil {
		return ""
	}
	return r.th.AbsURL(st.URL() + img.Rung(images.OGWidth).Fallback)
}

// Picture renders p through the theme's "picture" template: the Markdown
// stage's HTML for an image of a story's text.
func (th *Theme) Picture(p *Picture) (template.HTML, error) {
	set, err := th.acquire(nil)
	if err != nil {
		return "", err
	}
	defer th.release(set)
	var b strings.Builder
	if err := set.pages["story"].ExecuteTemplate(&b, "picture", p); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// Covers returns the covers the Renderer shows (Input.Covers), for a
// Renderer of a patched model.
func (r *Renderer) Covers() map[*content.Story]*images.Image { return r.covers }
