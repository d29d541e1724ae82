package generator

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/publish"
	"github.com/ningbo-showcase/showcase/generator/render"
	"github.com/ningbo-showcase/showcase/internal/testenv"
)

// fullBuild renders the tree at dir from scratch into memory.
func fullBuild(t *testing.T, dir string, opts Options) *publish.Memory {
	t.Helper()
	src, done, err := OpenSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	s, _, err := Load(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	theme, err := Theme(src, s)
	if err != nil {
		t.Fatal(err)
	}
	mem := publish.NewMemory()
	if err := Generate(context.Background(), src, theme, s, mem, opts, nil); err != nil {
		t.Fatal(err)
	}
	return mem
}

func sameSite(t *testing.T, step string, got, want *publish.Memory) {
	t.Helper()
	gp, wp := got.Paths(), want.Paths()
	if strings.Join(gp, "\n") != strings.Join(wp, "\n") {
		var only []string
		for _, p := range gp {
			if !slices.Contains(wp, p) {
				only = append(only, "+"+p)
			}
		}
		for _, p := range wp {
			if !slices.Contains(gp, p) {
				only = append(only, "-"+p)
			}
		}
		t.Fatalf("%s: file sets differ: %d vs %d files: %v", step, len(gp), len(wp), only)
	}
	for _, p := range wp {
		a, _ := got.Get(p)
		b, _ := want.Get(p)
		if !bytes.Equal(a, b) {
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			t.Fatalf("%s: %s differs from a fresh build at byte %d:\n got: %s\nwant: %s", step, p, i, a[max(0, i-80):min(len(a), i+120)], b[max(0, i-80):min(len(b), i+120)])
		}
	}
}

// TestSessionMatchesFullBuild applies random edit sequences — add, change,
// rename, move to another region, delete — and checks after each that the
// incremental build equals a fresh full build byte for byte.
func TestSessionMatchesFullBuild(t *testing.T) {
	// SHOWCASE_SESSION_SEEDS=N runs seeds 1 to N (by hand, for a longer search).
	seeds := uint64(3)
	if v := os.Getenv("SHOWCASE_SESSION_SEEDS"); v != "" {
		fmt.Sscan(v, &seeds)
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) { sessionEdits(t, seed) })
	}
}

// patchCount counts the builds of a Session that patch made, and those of
// them that moved a story, through the Session's onPatch hook.
type patchCount struct{ patches, moves int }

func countPatches(sess *Session) *patchCount {
	n := &patchCount{}
	sess.onPatch = func(moved bool) {
		n.patches++
		if moved {
			n.moves++
		}
	}
	return n
}

// startSession opens the tree dir and returns a Session over it after its
// first build; the tree is closed when the test ends.
func startSession(t *testing.T, dir string, opts Options) *Session {
	t.Helper()
	src, done, err := OpenSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(done)
	sess := NewSession(src, opts)
	sess.checkKeys = true
	if _, err := sess.Build(context.Background(), nil); err != nil {
		t.Fatalf("first build: %v", err)
	}
	return sess
}

func sessionEdits(t *testing.T, seed uint64) {
	dir := copyTree(t, "testdata/site")
	opts := Options{Year: 2026, Drafts: true, LiveReload: "/__showcase/livereload.js"}
	sess := startSession(t, dir, opts)
	count := countPatches(sess)
	regions := []string{"象山县", "cixi", "宁波", "江东区", "yinzhou"}
	rng := rand.New(rand.NewPCG(seed, 2))
	stories := []string{"xizhou", "platforms", "forum", "draft"}
	// A story's shape (region, year, tags, weight, awards) comes from shape,
	// its text from the versions in text: title, town, summary, metrics and
	// body. An edit of the text alone keeps the shape and is patched,
	// anything else is rebuilt.
	shapes := map[string][2]int{}
	texts := map[string][7]int{}
	writeText := func(slug, region string, shape int, v [7]int) string {
		p := "content/stories/" + slug + ".md"
		awards := ""
		if shape%2 == 0 {
			awards = fmt.Sprintf("awards:\n  - {level: provincial, name: 创新奖%d, year: %d}\n", shape, 2010+shape%5)
		}
		summary := ""
		if v[2]%3 != 0 {
			summary = fmt.Sprintf("summary: 摘要第%d版\n", v[2])
		}
		// Tags come from the shape and v[5]: some edits move a story
		// between tags, create a tag or drop the last story of one.
		tags := fmt.Sprintf("商会, 标签%d", (shape+v[5])%3)
		switch v[5] % 5 {
		case 3:
			tags = fmt.Sprintf("新签%d", v[5]%7)
		case 4:
			tags = fmt.Sprintf("商会, 新签%d, 标签%d", v[5]%7, shape%3)
		}
		// The date moves a story within its lists (same year).
		date := ""
		if v[6] > 0 {
			date = fmt.Sprintf("date: %d-%02d-%02d\n", 2010+shape%7, 1+v[6]%12, 1+v[6]%28)
		}
		category := []string{"development", "stability"}[shape/2%2]
		body := fmt.Sprintf("---\ntitle: 项目%s第%d版\nregion: %s\ntown: 镇%d\nyear: %d\n%scategory: %s\ntags: [%s]\nweight: %d\n%smetrics:\n  - {name: 企业, value: %d, unit: 家, qualifier: 余}\n%s---\n正文第%d版，\n继续。\n",
			slug, v[0], region, v[1]%4, 2010+shape%7, date, category, tags, shape%2, summary, v[3], awards, v[4])
		if err := os.WriteFile(filepath.Join(dir, p), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		shapes[slug] = [2]int{shape, slices.Index(regions, region)}
		texts[slug] = v
		return p
	}
	write := func(slug, region string, shape, n int) string {
		return writeText(slug, region, shape, [7]int{n, n, n, n, n, 0, n % 3})
	}
	// More stories and awards in one year than a timeline shows, so that
	// edits land both in and beyond the shown part.
	for i := range render.TimelineShown + 3 {
		slug := fmt.Sprintf("bulk-%d", i)
		write(slug, "象山县", 4, i)
		stories = append(stories, slug)
	}
	if _, err := sess.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	patched, moved := 0, 0
	for step := 0; step < 40; step++ {
		var changed []string
		var what string
		switch op := rng.IntN(7); {
		case op == 0 || len(stories) < 3: // add
			slug := fmt.Sprintf("new-%d", step)
			changed = append(changed, write(slug, regions[rng.IntN(len(regions))], step, step))
			stories = append(stories, slug)
			what = "add " + slug
		case op == 1: // change in place (same region)
			slug := stories[rng.IntN(len(stories))]
			if _, err := os.Stat(filepath.Join(dir, "content/stories", slug+".md")); err != nil {
				continue
			}
			changed = append(changed, write(slug, "象山县", step, step))
			what = "change " + slug
		case op == 2: // move to another region
			slug := stories[rng.IntN(len(stories))]
			if _, err := os.Stat(filepath.Join(dir, "content/stories", slug+".md")); err != nil {
				continue
			}
			changed = append(changed, write(slug, regions[rng.IntN(len(regions))], step, step))
			what = "move " + slug
		case op == 3: // rename
			i := rng.IntN(len(stories))
			old := stories[i]
			from := filepath.Join(dir, "content/stories", old+".md")
			if _, err := os.Stat(from); err != nil {
				continue
			}
			slug := fmt.Sprintf("renamed-%d", step)
			if err := os.Rename(from, filepath.Join(dir, "content/stories", slug+".md")); err != nil {
				t.Fatal(err)
			}
			changed = append(changed, "content/stories/"+old+".md", "content/stories/"+slug+".md")
			stories[i] = slug
			shapes[slug] = shapes[old]
			what = "rename " + old + " → " + slug
		case op == 4: // delete
			i := rng.IntN(len(stories))
			p := "content/stories/" + stories[i] + ".md"
			if err := os.Remove(filepath.Join(dir, p)); err != nil {
				continue
			}
			changed = append(changed, p)
			what = "delete " + stories[i]
			stories = append(stories[:i], stories[i+1:]...)
		default: // edit the text of one or two stories, keeping their shape
			for range 1 + rng.IntN(2) {
				slug := stories[rng.IntN(len(stories))]
				sh, ok := shapes[slug]
				if !ok {
					continue // a story of the fixture: its first write sets its shape
				}
				v := texts[slug]
				var fields []string
				for f, name := range []string{"title", "town", "summary", "metrics", "body", "tags", "date"} {
					if rng.IntN(3) == 0 {
						v[f] = 100 + step
						fields = append(fields, name)
					}
				}
				p := writeText(slug, regions[sh[1]], sh[0], v)
				if rng.IntN(2) == 0 {
					// As sed -i and many editors save: a temporary file
					// renamed over the story, both reported.
					tmp := fmt.Sprintf("content/stories/sed%d", step)
					full := filepath.Join(dir, p)
					data, _ := os.ReadFile(full)
					if err := os.WriteFile(filepath.Join(dir, tmp), data, 0o644); err != nil {
						t.Fatal(err)
					}
					if err := os.Rename(filepath.Join(dir, tmp), full); err != nil {
						t.Fatal(err)
					}
					changed = append(changed, tmp)
				}
				changed = append(changed, p)
				what += fmt.Sprintf("edit %s %v ", slug, fields)
			}
			if changed == nil {
				continue
			}
		}
		before, moves := count.patches, count.moves
		got, err := sess.Build(context.Background(), changed)
		if err != nil {
			t.Fatalf("step %d (%s): %v", step, what, err)
		}
		switch {
		case count.moves > moves:
			moved++
			what += " (moved)"
		case count.patches > before:
			patched++
			what += " (patched)"
		}
		sameSite(t, fmt.Sprintf("step %d (%s)", step, what), got, fullBuild(t, dir, opts))
		for p := range sess.cache.pages {
			if _, ok := got.Get(p); !ok {
				t.Fatalf("step %d (%s): the page cache still holds %s, which the site no longer has", step, what, p)
			}
		}
	}
	if patched == 0 {
		t.Fatal("no edit took the patch path")
	}
	if moved == 0 {
		t.Fatal("no edit took the move path")
	}
	t.Logf("of 40 builds %d patched, %d moved", patched, moved)
}

// TestSessionSurvivesErrors checks a content error leaves the session able
// to rebuild incrementally once fixed.
func TestSessionSurvivesErrors(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	opts := Options{Year: 2026}
	src, done, _ := OpenSource(dir)
	defer done()
	sess := NewSession(src, opts)
	if _, err := sess.Build(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "content/stories/xizhou.md")
	good, _ := os.ReadFile(p)
	os.WriteFile(p, []byte("---\ntitle: [broken\n---\n"), 0o644)
	if _, err := sess.Build(context.Background(), []string{"content/stories/xizhou.md"}); err == nil || !strings.Contains(err.Error(), "content/stories/xizhou.md:2") {
		t.Fatalf("err = %v", err)
	}
	os.WriteFile(p, good, 0o644)
	got, err := sess.Build(context.Background(), []string{"content/stories/xizhou.md"})
	if err != nil {
		t.Fatal(err)
	}
	sameSite(t, "after fix", got, fullBuild(t, dir, opts))
}

// TestSessionMemoryFlat makes 1,000 edits through a Session — text and tag
// edits, which it patches, date edits, which move the story, and a draft
// flag, which takes the full incremental path — and checks that the heap in
// use after a collection does not grow with the number of edits. Under the
// race detector it makes 150.
func TestSessionMemoryFlat(t *testing.T) {
	warm, edits := 50, 1000
	if raceEnabled {
		warm, edits = 30, 150
	}
	dir := copyTree(t, "testdata/site")
	sess := startSession(t, dir, Options{Year: 2026, Drafts: true, LiveReload: "/__showcase/livereload.js"})
	count := countPatches(sess)
	const p = "content/stories/xizhou.md"
	orig, err := os.ReadFile(filepath.Join(dir, p))
	if err != nil {
		t.Fatal(err)
	}
	var mem *publish.Memory
	edit := func(i int) {
		data := bytes.Replace(orig, []byte("西周镇商会互助基金会"), fmt.Appendf(nil, "西周镇商会互助基金会%d", i), 1)
		switch i % 4 {
		case 1: // patched
			data = bytes.Replace(data, []byte("tags: [商会, 融资]"), fmt.Appendf(nil, "tags: [商会, 融资, 标签%d]", i%7), 1)
		case 2: // moved
			data = bytes.Replace(data, []byte("date: 2016-05-01"), fmt.Appendf(nil, "date: 2016-05-%02d", 1+i%28), 1)
		case 3: // the full incremental path
			data = bytes.Replace(data, []byte("date: 2016-05-01"), []byte("date: 2016-05-01\ndraft: true"), 1)
		}
		if err := os.WriteFile(filepath.Join(dir, p), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if mem, err = sess.Build(context.Background(), []string{p}); err != nil {
			t.Fatal(err)
		}
	}
	heap := testenv.HeapInuse
	for i := range warm {
		edit(i)
	}
	before, patches := heap(), count.patches
	for i := warm; i < edits; i++ {
		edit(i)
	}
	after := heap()
	if page, _ := mem.Get("stories/xizhou/index.html"); !bytes.Contains(page, fmt.Appendf(nil, "西周镇商会互助基金会%d", edits-1)) {
		t.Fatal("last edit not in the site")
	}
	if n := count.patches - patches; n == 0 || n == edits-warm {
		t.Fatalf("%d of %d edits patched: both paths must run", n, edits-warm)
	}
	t.Logf("HeapInuse after %d edits %d KiB, after %d %d KiB", warm, before>>10, edits, after>>10)
	if after > before+2<<20 {
		t.Errorf("heap grew from %d KiB to %d KiB over %d edits", before>>10, after>>10, edits-warm)
	}
}

// TestSessionOtherTheme checks that a theme of the site's own, whose pages
// may show anything, gets incremental builds equal to fresh ones: here its
// story pages list every story's title, which its layouts read and so
// record.
func TestSessionOtherTheme(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	useOwnTheme(t, dir, "story.html", `{{define "main"}}`, `{{define "main"}}<ul class="all">{{range .Site.Stories}}<li>{{.Title}}</li>{{end}}</ul>`)
	opts := Options{Year: 2026}
	sess := startSession(t, dir, opts)
	count := countPatches(sess)
	const p = "content/stories/xizhou.md"
	orig, _ := os.ReadFile(filepath.Join(dir, p))
	for i := range 3 {
		edited := bytes.Replace(orig, []byte("title: 西周镇商会互助基金会"), fmt.Appendf(nil, "title: 西周镇商会互助基金会%d", i), 1)
		if err := os.WriteFile(filepath.Join(dir, p), edited, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := sess.Build(context.Background(), []string{p})
		if err != nil {
			t.Fatal(err)
		}
		want := fullBuild(t, dir, opts)
		sameSite(t, fmt.Sprintf("edit %d", i), got, want)
		page, _ := got.Get("stories/forum/index.html")
		if !bytes.Contains(page, fmt.Appendf(nil, "西周镇商会互助基金会%d", i)) {
			t.Fatalf("edit %d: another story's page does not list the new title", i)
		}
	}
	if count.patches != 3 || len(sess.cache.pages) == 0 {
		t.Fatalf("with another theme: %d patches, %d cached pages", count.patches, len(sess.cache.pages))
	}
}

// TestSessionMoveOntoAlias moves a story into a region so that the region
// gains a list page an alias already takes: the Session reports the
// collision as a fresh build does, and builds again once it is gone.
func TestSessionMoveOntoAlias(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	opts := Options{Year: 2026, Drafts: true}
	story := filepath.Join(dir, "content/stories/bundle-story/index.md")
	orig, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	aliased := bytes.Replace(orig, []byte("\ntags: "), []byte("\naliases: [/regions/xiangshan/page/2/]\ntags: "), 1)
	if err := os.WriteFile(story, aliased, 0o644); err != nil {
		t.Fatal(err)
	}
	sess := startSession(t, dir, opts)
	// Two stories of 象山县 already (xizhou and the draft): a third needs
	// page 2, at 2 a page.
	p := "content/stories/platforms.md"
	data, err := os.ReadFile(filepath.Join(dir, p))
	if err != nil {
		t.Fatal(err)
	}
	moved := bytes.Replace(data, []byte("region = \"宁波\""), []byte("region = \"象山县\""), 1)
	if bytes.Equal(moved, data) {
		t.Fatal("fixture changed: no region line in platforms.md")
	}
	if err := os.WriteFile(filepath.Join(dir, p), moved, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = sess.Build(context.Background(), []string{p})
	if err == nil || !strings.Contains(err.Error(), "alias /regions/xiangshan/page/2/") {
		t.Fatalf("moving onto an alias: got %v, want the collision", err)
	}
	if err := os.WriteFile(story, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := sess.Build(context.Background(), []string{"content/stories/bundle-story/index.md"})
	if err != nil {
		t.Fatal(err)
	}
	sameSite(t, "after the alias is gone", got, fullBuild(t, dir, opts))
}

// TestSessionRegionRenamed checks that after a region's title changes in
// its own file, the dev server publishes what a fresh build does: every
// page that names the region, and the front-matter schema, whose enum of
// regions lists its title.
func TestSessionRegionRenamed(t *testing.T) {
	dir := copyTree(t, "testdata/site")
	opts := Options{Year: 2026}
	sess := startSession(t, dir, opts)
	const p = "content/regions/cixi/_index.md"
	data := mustRead(t, filepath.Join(dir, p))
	renamed := bytes.Replace(data, []byte("title: 慈溪市\n"), []byte("title: 慈溪市（新）\n"), 1)
	if bytes.Equal(renamed, data) {
		t.Fatalf("%s has no title line to change", p)
	}
	if err := os.WriteFile(filepath.Join(dir, p), renamed, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := sess.Build(context.Background(), []string{p})
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := got.Get("data/story.schema.json")
	if !bytes.Contains(sc, []byte("慈溪市（新）")) {
		t.Errorf("the schema does not list the new title: %.300s", sc)
	}
	sameSite(t, "region renamed", got, fullBuild(t, dir, opts))
}
