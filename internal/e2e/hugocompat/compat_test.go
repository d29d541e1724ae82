package hugocompat

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"github.com/ningbo-showcase/showcase/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

var update = flag.Bool("update", false, "rewrite testdata/hugo-fixture.golden.json from a fresh hugo build")

// sites are the content trees every test builds: the small fixture made for
// these tests and the repository's real showcase.
var sites = []struct {
	name, src string
}{
	{"fixture", "testdata/site"},
	{"repo", filepath.Join("..", "..", "..")},
}

// showcasePkg is the command the comparison runs with `go run`.
const showcasePkg = "github.com/ningbo-showcase/showcase/cmd/showcase"

// requireHugo returns the path of the hugo binary. Without one it skips the
// test loudly, or fails it when CI=true.
func requireHugo(t *testing.T) string {
	t.Helper()
	return testenv.Require(t, "hugo", "", "install Debian's package hugo (make deps)")
}

// buildHugo builds the site at src with hugo into a fresh directory and
// returns it. Hugo's lock file and resource cache are kept out of src, and
// any ERROR or WARN line Hugo prints fails the test.
func buildHugo(t *testing.T, src string) string {
	t.Helper()
	hugo := requireHugo(t)
	abs, err := filepath.Abs(src)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	cmd := exec.Command(hugo, "--source", abs, "--destination", dest,
		"--noBuildLock", "--cacheDir", filepath.Join(tmp, "cache"))
	cmd.Env = append(os.Environ(), "HUGO_RESOURCEDIR="+filepath.Join(tmp, "resources"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("hugo --source %s: %v\n%s", abs, err, out)
	}
	if bad := problemLines(out); len(bad) > 0 {
		t.Errorf("hugo --source %s printed %d ERROR/WARN lines:\n%s", abs, len(bad), strings.Join(bad, "\n"))
	}
	return dest
}

// problemLines returns the lines of a build log that report an error or a
// warning.
func problemLines(log []byte) []string {
	var bad []string
	sc := bufio.NewScanner(bytes.NewReader(log))
	for sc.Scan() {
		if line := sc.Text(); strings.Contains(line, "ERROR") || strings.Contains(line, "WARN") {
			bad = append(bad, line)
		}
	}
	return bad
}

// buildShowcase builds the site at src with the showcase generator
// (`go run …/cmd/showcase build -s SRC -d DEST`) and returns DEST.
func buildShowcase(t *testing.T, src string) string {
	t.Helper()
	abs, err := filepath.Abs(src)
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command("go", "run", showcasePkg, "build", "-s", abs, "-d", dest)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run %s build -s %s -d %s: %v\n%s", showcasePkg, abs, dest, err, out)
	}
	return dest
}

// readPages extracts every compared page of the site built into dir.
func readPages(t *testing.T, dir string, standalone map[string]bool) map[string]page {
	t.Helper()
	files, err := pagesUnder(dir, standalone)
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]page{}
	for url, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		pages[url] = extract(string(data))
	}
	return pages
}

// compareURLs reports URLs present in one set and missing from the other.
func compareURLs[A, B any](t *testing.T, wantName string, want map[string]A, gotName string, got map[string]B) {
	t.Helper()
	for _, url := range sortedKeys(want) {
		if _, ok := got[url]; !ok {
			t.Errorf("%s has %s, %s does not", wantName, url, gotName)
		}
	}
	for _, url := range sortedKeys(got) {
		if _, ok := want[url]; !ok {
			t.Errorf("%s has %s, %s does not", gotName, url, wantName)
		}
	}
}

// TestHugoBuildsContent builds each site with hugo and checks that every
// page the content promises is there, no other story, region or category
// page is, and each story shows its title, its metrics in the editor's form
// and its awards.
func TestHugoBuildsContent(t *testing.T) {
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			requireHugo(t)
			want, err := readContent(s.src)
			if err != nil {
				t.Fatal(err)
			}
			got := readPages(t, buildHugo(t, s.src), standaloneURLs(want))
			compareURLs(t, "content", want, "hugo", got)
			for _, url := range sortedKeys(want) {
				w, g := want[url], got[url]
				if _, ok := got[url]; !ok {
					continue
				}
				if g.Title != w.Title {
					t.Errorf("%s (%s): <h1> %q, want %q", url, w.Source, g.Title, w.Title)
				}
				if !w.Story {
					continue
				}
				if !reflect.DeepEqual(g.Metrics, w.Metrics) {
					t.Errorf("%s (%s): metrics\n got %q\nwant %q", url, w.Source, g.Metrics, w.Metrics)
				}
				if len(g.Awards) != len(w.Awards) {
					t.Errorf("%s (%s): %d awards %q, want %d", url, w.Source, len(g.Awards), g.Awards, len(w.Awards))
					continue
				}
				// Hugo lists awards by year; match each award to any item.
				for _, parts := range w.Awards {
					if !anyItemHas(g.Awards, parts) {
						t.Errorf("%s (%s): no award item shows all of %q in %q", url, w.Source, parts, g.Awards)
					}
				}
			}
		})
	}
}

// anyItemHas reports whether one of items contains every one of parts.
func anyItemHas(items, parts []string) bool {
	for _, item := range items {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(item, p)
		}
		if all {
			return true
		}
	}
	return false
}

// TestHugoFixtureGolden compares what the fixture's hugo build shows with
// testdata/hugo-fixture.golden.json; -update rewrites the file.
func TestHugoFixtureGolden(t *testing.T) {
	requireHugo(t)
	want, err := readContent("testdata/site")
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(readPages(t, buildHugo(t, "testdata/site"), standaloneURLs(want)), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "hugo-fixture.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wantJSON, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, wantJSON) {
		t.Errorf("hugo build of testdata/site differs from %s (run go test -update to accept):\n%s", golden, got)
	}
}

// TestShowcaseMatchesHugo builds each site with hugo and with the showcase
// generator and compares the two: the same story, region, category and
// standalone pages with the same <h1>, and on every story page the same
// metrics and awards.
func TestShowcaseMatchesHugo(t *testing.T) {
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			requireHugo(t)
			want, err := readContent(s.src)
			if err != nil {
				t.Fatal(err)
			}
			standalone := standaloneURLs(want)
			hugo := readPages(t, buildHugo(t, s.src), standalone)
			ours := readPages(t, buildShowcase(t, s.src), standalone)
			compareURLs(t, "content", want, "showcase", ours)
			compareURLs(t, "hugo", hugo, "showcase", ours)
			stories := 0
			for _, url := range sortedKeys(hugo) {
				h, o := hugo[url], ours[url]
				if _, ok := ours[url]; !ok {
					continue
				}
				if o.Title != h.Title {
					t.Errorf("%s: <h1> showcase %q, hugo %q", url, o.Title, h.Title)
				}
				if !want[url].Story {
					continue
				}
				stories++
				if !reflect.DeepEqual(o.Metrics, h.Metrics) {
					t.Errorf("%s: metrics\nshowcase %q\n    hugo %q", url, o.Metrics, h.Metrics)
				}
				if oa, ha := squeezeAll(o.Awards), squeezeAll(h.Awards); !reflect.DeepEqual(oa, ha) {
					t.Errorf("%s: awards (white space removed)\nshowcase %q\n    hugo %q", url, oa, ha)
				}
			}
			t.Logf("%s: %d pages at the same URLs with the same <h1>, metrics and awards compared on %d story pages", s.src, len(hugo), stories)
		})
	}
}

// squeezeAll removes all white space from each string: the two builders
// may space the parts of an award differently.
func squeezeAll(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	return out
}
