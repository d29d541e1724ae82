package content

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// realTree returns the showcase's own hugo.toml, regions, categories and tag
// pages (not its stories) as a MapFS, so that fuzzed stories resolve their
// names against the real site.
func realTree(tb testing.TB) fstest.MapFS {
	tb.Helper()
	root := filepath.Join("..", "..")
	fsys := fstest.MapFS{}
	add := func(rel string) {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			tb.Fatal(err)
		}
		fsys[rel] = &fstest.MapFile{Data: data}
	}
	add("hugo.toml")
	for _, dir := range []string{"content/regions", "content/categories", "content/tags"} {
		err := fs.WalkDir(os.DirFS(root), dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && path.Base(p) == "_index.md" {
				add(p)
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	return fsys
}

// storySeeds returns the bytes of every story of the real showcase.
func storySeeds(tb testing.TB) [][]byte {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "content", "stories", "*.md"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no seed stories found: %v", err)
	}
	var out [][]byte
	for _, p := range paths {
		if filepath.Base(p) == "_index.md" {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// fuzzStoryPath is where FuzzLoad puts the fuzzed story.
const fuzzStoryPath = "content/stories/fuzzed.md"

// FuzzLoad puts a whole story file's bytes into the real site's tree and
// checks that Load never panics, that every problem names a file, that every
// problem in the story names a line of it, and that a story Load accepts has
// the required fields set.
func FuzzLoad(f *testing.F) {
	for _, s := range storySeeds(f) {
		f.Add(s)
		// The same story in TOML and JSON dress, and with CRLF, BOM and
		// a cut-off end, so the fuzzer starts from every format.
		f.Add(bytes.ReplaceAll(s, []byte("\n"), []byte("\r\n")))
		f.Add(append([]byte("\ufeff"), s[:len(s)/2]...))
	}
	f.Add([]byte("+++\ntitle = \"t\"\nregion = \"xiangshan\"\nyear = 2016\ncategory = \"development\"\n[[metrics]]\nname = \"n\"\nvalue = 0.5\nunit = \"亿元\"\nqualifier = \"余\"\n[[awards]]\nlevel = \"省级\"\nname = \"奖\"\nyear = 2016\n+++\n正文\n"))
	f.Add([]byte("{\n\"title\": \"t\",\n\"region\": \"象山\",\n\"year\": 2016,\n\"category\": \"创新助推发展\",\n\"tags\": [\"商会\"],\n\"metrics\": [{\"name\": \"n\", \"value\": 35, \"unit\": \"家\"}],\n\"sources\": [{\"title\": \"s\", \"url\": \"https://example.org/\"}]\n}\n正文\n"))
	// JSON as Hugo reads it: one object, then the body, even on its line.
	f.Add([]byte("{\"title\": \"t\", \"region\": \"xiangshan\", \"year\": 2016, \"category\": \"development\"}\n正文\n"))
	f.Add([]byte("{\"title\": \"}{\\\"\", \"region\": \"象山县\", \"year\": 2016, \"category\": \"development\"} 正文 {}\n"))
	f.Add([]byte("\n  {\"title\": \"t\",\n\"units\": [{\"a\": {}}]}\n}\n"))
	f.Add([]byte("{\"title\": \"t\"\n正文\n"))
	f.Add([]byte("{}"))
	f.Add([]byte("---\na: &a [1,2]\nb: *a\nc: {<<: *a}\n---\n"))
	f.Add([]byte("---\ntitle: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n---\n"))
	base := realTree(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[fuzzStoryPath] = &fstest.MapFile{Data: src}
		site, list := Load(fsys, Options{Year: 2026})
		if site == nil {
			t.Fatal("Load returned a nil site")
		}
		lines := 1 + bytes.Count(src, []byte("\n"))
		for _, e := range list {
			if e.Pos.File == "" {
				t.Errorf("error without a file: %v", e)
			}
			if e.Msg == "" {
				t.Errorf("error without a message at %v", e.Pos)
			}
			if e.Pos.File == fuzzStoryPath && (e.Pos.Line < 1 || e.Pos.Line > lines) {
				t.Errorf("error in the story outside its lines 1–%d: %v", lines, e)
			}
			if e.Pos.File != fuzzStoryPath && !e.Warning {
				t.Errorf("the story caused an error in another file: %v", e)
			}
		}
		if list.Err() != nil {
			return
		}
		for _, st := range site.Stories {
			if st.Path != fuzzStoryPath {
				continue
			}
			if strings.TrimSpace(st.Title) == "" || st.Region == nil || st.Category == nil || st.Year < MinYear || st.Year > 2026 || !ValidSlug(st.Slug) {
				t.Errorf("accepted story is incomplete: title %q region %v category %v year %d slug %q", st.Title, st.Region, st.Category, st.Year, st.Slug)
			}
			for _, m := range st.Metrics {
				if m.Name == "" || m.Value == "" || !qualifiers[m.Qualifier] {
					t.Errorf("accepted metric is invalid: %+v", m)
				}
			}
			for _, s := range st.Sources {
				if s.URL != "" && !safeURL(s.URL) {
					t.Errorf("accepted source URL %q", s.URL)
				}
			}
		}
	})
}
