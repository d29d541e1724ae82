package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/corpus"
	"github.com/ningbo-showcase/showcase/generator/render"
)

// TestSpliceMatchesWhole checks that every page but the story pages (and
// forty of those) written from its minified shell and minified story
// fragments, cards, cached partials (the site header and footer) and
// parts (a timeline's years, a story's related stories) is
// byte-identical to the page rendered whole and then minified
// (relativized first, with RelativeURLs), on the test site with a story
// whose title and names need escaping, and on a 250-story corpus; and
// that the fragments were spliced, not rendered into the page.
func TestSpliceMatchesWhole(t *testing.T) {
	site := copyTree(t, "testdata/site")
	story := "---\ntitle: \"<script>alert(1)</script> & \\\"引号\\\", 逗号 <pre> x  y\"\nregion: 象山县\nyear: 2016\ncategory: development\nmetrics:\n  - {name: \"名称, \\\"带引号\\\"\\n换行\", value: 35, unit: 家}\nunits: [\"<b>单位</b>\", \"a  b\"]\nsources:\n  - {title: \"来源 <i>x</i>\", url: \"https://example.org/?a=1&b=2\"}\n---\n正文 <em>原样</em>。\n\n```\ncode  <section>  kept\n```\n\n    <section data-showcase-fragment></section>\n\n尾  段。\n"
	if err := os.WriteFile(filepath.Join(site, "content/stories/bad-names.md"), []byte(story), 0o644); err != nil {
		t.Fatal(err)
	}
	big := t.TempDir()
	if err := corpus.Generate(big, corpus.Options{N: 250, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{site, big} {
		for _, opts := range []Options{{Year: 2026}, {Year: 2026, NoMinify: true}, {Year: 2026, RelativeURLs: true}} {
			fsys, done, err := OpenSource(src)
			if err != nil {
				t.Fatal(err)
			}
			s, _, err := Load(fsys, opts)
			if err != nil {
				done()
				t.Fatal(err)
			}
			theme, err := Theme(fsys, s)
			if err != nil {
				done()
				t.Fatal(err)
			}
			done()
			th, err := newTheme(theme, s, opts)
			if err != nil {
				t.Fatal(err)
			}
			text, err := convertText(context.Background(), s, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			r := render.New(th, render.Input{Site: s, Text: text})
			w := newWriter(&discard{}, opts, th.Root(), nil)
			pages := r.PrintPages()
			if len(pages) < 2 {
				t.Fatalf("%d dossier parts", len(pages))
			}
			pages = r.SpliceOrder(pages)
			lists := 0
			for _, p := range r.OtherPages() {
				if p.Kind != "print" {
					pages = append(pages, p)
					if p.Kind == "list" {
						lists++
					}
				}
			}
			if lists < 10 {
				t.Fatalf("%d list pages show cards", lists)
			}
			stories := r.StoryPages()
			pages = append(pages, stories[:min(len(stories), 40)]...)
			for _, p := range pages {
				var shell bytes.Buffer
				frags, err := r.RenderSpliced(&shell, p)
				if err != nil {
					t.Fatal(err)
				}
				wantMin := !opts.NoMinify && !opts.RelativeURLs
				wantStories := 0
				switch {
				case p.Kind == "print":
					wantStories = len(p.List) // a dossier's stories
				case wantMin && (p.Kind == "list" || p.Kind == "home"):
					wantStories = len(p.List) // a list's cards, spliced only minified
				}
				stories, blocks, parts := 0, 0, 0
				for _, f := range frags {
					switch {
					case f.Story != nil:
						stories++
					case bytes.HasPrefix([]byte(f.HTML), []byte("<header")) || bytes.HasPrefix([]byte(f.HTML), []byte("<footer")):
						blocks++ // the site header and footer (partialCached)
					default:
						parts++ // a year of a timeline, a related story (parts)
					}
				}
				if stories != wantStories && p.Kind != "home" {
					t.Errorf("%s: %d stories spliced, want %d", p.Path, stories, wantStories)
				}
				wantBlocks := 2 // the site header and footer
				if !wantMin || p.Kind == "alias" {
					wantBlocks = 0
				}
				if blocks != wantBlocks || !wantMin && parts != 0 {
					t.Errorf("%s: %d cached partials and %d parts spliced, want %d partials", p.Path, blocks, parts, wantBlocks)
				}
				if wantMin && p.Kind == "timeline" && parts == 0 {
					t.Errorf("%s: no year of the timeline spliced", p.Path)
				}
				if wantMin && p.Story != nil && parts != len(p.Story.Related) {
					t.Errorf("%s: %d parts spliced, want its %d related stories", p.Path, parts, len(p.Story.Related))
				}
				for _, f := range frags {
					if f.Minified != wantMin {
						t.Fatalf("%s: fragment %.40q minified %v with %+v", p.Path, f.HTML, f.Minified, opts)
					}
				}
				got, err := w.render(r, p)
				if err != nil {
					t.Fatal(err)
				}
				var whole bytes.Buffer
				if err := r.Render(&whole, p); err != nil {
					t.Fatal(err)
				}
				raw := whole.Bytes()
				if opts.RelativeURLs {
					raw = relativize(raw, th.Root(), p.Path)
				}
				want := raw
				if w.min != nil {
					if want, err = w.min.Minify(p.Path, raw); err != nil {
						t.Fatal(err)
					}
				}
				if !bytes.Equal(got, want) {
					i := 0
					for i < len(got) && i < len(want) && got[i] == want[i] {
						i++
					}
					t.Errorf("%s %+v: spliced differs from whole at byte %d:\n got %q\nwant %q", p.Path, opts, i, got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
				}
			}
		}
	}
}
