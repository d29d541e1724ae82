package generator

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// TestRecordedDeps renders pages of the test site with RenderDeps and
// checks what they read: a story page its own front matter, its
// neighbours and its tags; the timeline the length of each year's list
// and only the items it shows; the home page the length of the list of
// all stories, never its items.
func TestRecordedDeps(t *testing.T) {
	s, th, text := testModel(t)
	r := render.New(th, render.Input{Site: s, Text: text})
	ps, err := pageList(r)
	if err != nil {
		t.Fatal(err)
	}
	deps := func(path string) []string {
		t.Helper()
		i := slices.IndexFunc(ps.all, func(p *render.Page) bool { return p.Path == path })
		if i < 0 {
			t.Fatalf("no page %s", path)
		}
		var b bytes.Buffer
		d, err := r.RenderDeps(&b, ps.all[i])
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, k := range d {
			out = append(out, k.String())
		}
		return out
	}
	story := deps("stories/xizhou/index.html")
	for _, want := range []string{"story:xizhou", "story-neighbours:xizhou", "story-tags:xizhou"} {
		if !slices.Contains(story, want) {
			t.Errorf("story page: no %s in %v", want, story)
		}
	}
	timeline := deps("timeline/index.html")
	for _, k := range timeline {
		if strings.HasPrefix(k, "year-stories:") && !strings.HasSuffix(k, "#len") {
			n := k[strings.LastIndexByte(k, '#')+1:]
			if len(n) > 1 { // 0–9: the first render.TimelineShown
				t.Errorf("timeline reads %s, past the stories it shows", k)
			}
		}
	}
	if !slices.ContainsFunc(timeline, func(k string) bool { return strings.HasPrefix(k, "year-stories:") && strings.HasSuffix(k, "#len") }) {
		t.Errorf("timeline reads no year's length: %v", timeline)
	}
	home := deps("index.html")
	if !slices.Contains(home, "site-stories#len") || slices.ContainsFunc(home, func(k string) bool { return strings.HasPrefix(k, "site-stories#") && k != "site-stories#len" }) {
		t.Errorf("home page: want the length of all stories and no item: %v", home)
	}
	// Every key read names something the model has.
	vers := render.NewVersions(render.Input{Site: s, Text: text}, nil)
	for _, p := range ps.all {
		var b bytes.Buffer
		d, err := r.RenderDeps(&b, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range d {
			if vers.Of(k) == (render.Version{}) && k.Kind != render.KeyStatic && k.Kind != render.KeySiteTags && k.Kind != render.KeyCountyTotals {
				t.Errorf("%s reads %s, which the model does not have", p.Path, k)
			}
		}
	}
}

// testModel loads testdata/site (drafts included) and returns its model,
// its theme and its Markdown stage's text, as a build makes them.
func testModel(t *testing.T) (*site.Site, *render.Theme, *render.Text) {
	t.Helper()
	src, done, err := OpenSource("testdata/site")
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	s, _, err := Load(src, Options{Year: 2026, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	theme, err := Theme(src, s)
	if err != nil {
		t.Fatal(err)
	}
	th, err := newTheme(theme, s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text, err := convertText(context.Background(), s, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, th, text
}
