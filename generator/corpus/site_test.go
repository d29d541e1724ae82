package corpus

import (
	"bufio"
	"bytes"
	"fmt"
	"github.com/ningbo-showcase/showcase/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// exampleSite is the theme's demo site, committed, and the options that
// generate it.
const exampleSite = "../../themes/showcase/exampleSite"

var exampleOptions = Options{N: 48, Seed: 2016, Demo: true, Photos: 4, PhotoWidth: 2400}

// TestExampleSite checks that the committed demo site is exactly what
// corpusgen writes today, so that it never drifts from the generator.
func TestExampleSite(t *testing.T) {
	want := readTree(t, generate(t, exampleOptions))
	got := map[string][]byte{}
	for p, b := range readTree(t, exampleSite) {
		// Only what the generator owns: Hugo's and others' files may sit beside it.
		if p == "hugo.toml" || strings.HasPrefix(p, "content/") {
			got[p] = b
		}
	}
	diffTrees(t, want, got)
	if t.Failed() {
		t.Log("regenerate with: go run ./cmd/corpusgen -n 48 -seed 2016 -demo -photos 4 -photo-width 2400 -f -o themes/showcase/exampleSite")
	}

	st := checkCorpus(t, want)
	if len(st.regions) != len(regions) || len(st.years) != lastYear-firstYear+1 || len(st.levels) != 4 {
		t.Errorf("demo site misses a region, year or award level:\nregions %v\nyears %v\nlevels %v", st.regions, st.years, st.levels)
	}
	size, photos := 0, 0
	for p, b := range want {
		if strings.HasSuffix(p, ".jpg") {
			photos += len(b)
		} else {
			size += len(b)
		}
	}
	if size > 400<<10 {
		t.Errorf("demo site of %d KiB, want at most 400", size>>10)
	}
	if photos > 2560<<10 {
		t.Errorf("demo photos of %d KiB, want at most 2,560", photos>>10)
	}
}

// TestHugoBuild builds a synthetic corpus with the external hugo binary and
// the project's Hugo theme, and expects no ERROR or WARN and every published
// story at its URL.
func TestHugoBuild(t *testing.T) {
	themes, err := filepath.Abs("../../themes")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(themes, DefaultTheme)); err != nil {
		t.Fatalf("the repository's Hugo theme themes/%s is missing: %v", DefaultTheme, err)
	}
	hugo := testenv.Require(t, "hugo", "", "install Debian's package hugo (make deps)")

	dir := generate(t, Options{N: 200, Seed: 11})
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(hugo, "--source", dir, "--destination", out, "--themesDir", themes, "--noBuildLock")
	cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+t.TempDir())
	log, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("hugo: %v\n%s", err, log)
	}
	sc := bufio.NewScanner(bytes.NewReader(log))
	for sc.Scan() {
		if line := sc.Text(); strings.Contains(line, "ERROR") || strings.Contains(line, "WARN") {
			t.Errorf("hugo: %s", line)
		}
	}

	n := 0
	for p, src := range readTree(t, dir) {
		if !strings.HasPrefix(p, "content/stories/") || !strings.HasSuffix(p, ".md") {
			continue
		}
		format, front, _, err := splitFM(src)
		var m fm
		if err == nil {
			err = decode(format, front, &m)
		}
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if m.Draft {
			continue
		}
		slug := m.Slug
		if slug == "" {
			slug = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(p, "content/stories/"), ".md"), "/index")
		}
		page, err := os.ReadFile(filepath.Join(out, "stories", slug, "index.html"))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if !bytes.Contains(page, []byte(m.Title)) {
			t.Errorf("%s: /stories/%s/ lacks the title %q", p, slug, m.Title)
		}
		n++
	}
	if n < 150 {
		t.Errorf("only %d published stories checked", n)
	}
}

func ExampleGenerate() {
	dir, err := os.MkdirTemp("", "corpus")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	if err := Generate(dir, Options{N: 3, Seed: 1}); err != nil {
		fmt.Println(err)
		return
	}
	stories, _ := filepath.Glob(filepath.Join(dir, "content", "stories", "*"))
	for _, s := range stories {
		fmt.Println(filepath.Base(s))
	}
	// Output:
	// haishu-united-front-info-platform-2.md
	// jiangbei-online-opinion-liaison-3.md
	// ningbo-labor-dispute-mediation-1.md
}
