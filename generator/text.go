package generator

import (
	"context"
	"fmt"
	"html/template"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/markdown"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// SummaryLen is the length in characters of a summary cut from a story's
// first paragraph.
const SummaryLen = 120

var mdOnce sync.Map // Unsafe bool → *markdown.Renderer

func markdownRenderer(unsafe bool) *markdown.Renderer {
	if r, ok := mdOnce.Load(unsafe); ok {
		return r.(*markdown.Renderer)
	}
	r, _ := mdOnce.LoadOrStore(unsafe, markdown.New(markdown.Options{Unsafe: unsafe}))
	return r.(*markdown.Renderer)
}

// convertText is the Markdown stage: it converts the body of every story
// (HTML, summary, plain text) and every other body of s. What prev — the
// Text of an earlier model of the same site, or nil — holds of a content
// object that s still has is taken from it. images, if set, gives the
// hook that renders the photos of a story's text (photos.go).
func convertText(ctx context.Context, s *site.Site, prev *render.Text, images func(*content.Story) markdown.ImageFunc) (*render.Text, error) {
	return convertTextReleasing(ctx, s, prev, images, nil)
}

// convertTextReleasing is convertText calling done, if set, with each
// story (by index in s.Stories) and its text once converted (or taken
// from prev), on the converting goroutine, so that a build need hold
// neither every story's Markdown nor its HTML until the last is
// converted (done may drop the HTML from x).
func convertTextReleasing(ctx context.Context, s *site.Site, prev *render.Text, images func(*content.Story) markdown.ImageFunc, done func(i int, st *content.Story, x *render.StoryText)) (*render.Text, error) {
	md := markdownRenderer(s.Config.Unsafe)
	t := &render.Text{
		Stories:    make(map[*content.Story]render.StoryText, len(s.Stories)),
		Pages:      map[*content.Page]template.HTML{},
		Regions:    map[*content.Region]template.HTML{},
		Categories: map[*content.Category]template.HTML{},
		Tags:       map[*content.Tag]template.HTML{},
	}
	if prev == nil {
		prev = &render.Text{}
	}
	docs := make([]render.StoryText, len(s.Stories))
	err := parallel(ctx, len(s.Stories), func(i int) (err error) {
		st := s.Stories[i].Story
		if d, ok := prev.Stories[st]; ok {
			docs[i] = d
		} else {
			var f markdown.ImageFunc
			if images != nil {
				f = images(st)
			}
			if docs[i], err = convertStory(md, st, f); err != nil {
				return err
			}
		}
		if done != nil {
			done(i, st, &docs[i])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, st := range s.Stories {
		t.Stories[st.Story] = docs[i]
	}
	page := func(p *content.Page) error {
		if p == nil {
			return nil
		}
		h, ok := prev.Pages[p]
		if !ok {
			var err error
			if h, err = convertBody(md, p.Path, p.Body); err != nil {
				return err
			}
		}
		t.Pages[p] = h
		return nil
	}
	if err := page(s.Home); err != nil {
		return nil, err
	}
	for _, p := range s.Sections {
		if err := page(p); err != nil {
			return nil, err
		}
	}
	for _, p := range s.Pages {
		if err := page(p); err != nil {
			return nil, err
		}
	}
	for _, r := range s.Regions {
		if t.Regions[r.Region], err = bodyOf(md, prev.Regions, r.Region, r.Path, r.Body); err != nil {
			return nil, err
		}
	}
	for _, c := range s.Categories {
		if t.Categories[c.Category], err = bodyOf(md, prev.Categories, c.Category, c.Path, c.Body); err != nil {
			return nil, err
		}
	}
	for _, tg := range s.Tags {
		if tg.Page != nil {
			if t.Tags[tg.Page], err = bodyOf(md, prev.Tags, tg.Page, tg.Page.Path, tg.Page.Body); err != nil {
				return nil, err
			}
		}
	}
	return t, nil
}

// bodyOf returns the HTML of a body: prev's for the object k, else
// converted.
func bodyOf[K comparable](md *markdown.Renderer, prev map[K]template.HTML, k K, path string, body []byte) (template.HTML, error) {
	if h, ok := prev[k]; ok {
		return h, nil
	}
	return convertBody(md, path, body)
}

// convertBody converts a body other than a story's; an empty body is no
// HTML.
func convertBody(md *markdown.Renderer, path string, body []byte) (template.HTML, error) {
	if len(body) == 0 {
		return "", nil
	}
	doc, err := md.Convert(body)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return doc.HTML, nil
}

// convertStory converts a story's body: its HTML, its summary (the
// front matter's, else the first paragraph cut to SummaryLen) and its
// plain text.
func convertStory(md *markdown.Renderer, st *content.Story, images markdown.ImageFunc) (render.StoryText, error) {
	doc, err := md.ConvertImages(st.Body, images)
	if err != nil {
		return render.StoryText{}, fmt.Errorf("%s: %w", st.Path, err)
	}
	sum := st.Summary
	if sum == "" {
		sum = markdown.Summarize(doc.FirstParagraph, SummaryLen)
	}
	return render.StoryText{HTML: doc.HTML, Summary: sum, Plain: doc.Text}, nil
}
