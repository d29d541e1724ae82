package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenDocs returns the Markdown files under testdata/golden.
func goldenDocs(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden documents in testdata/golden")
	}
	return files
}

// summary prints the plain-text parts of doc for a golden file.
func summary(doc *Doc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Text\n%s\n# FirstParagraph\n%s\n# Headings\n", doc.Text, doc.FirstParagraph)
	for _, h := range doc.Headings {
		fmt.Fprintf(&b, "%d %s %s\n", h.Level, h.ID, h.Text)
	}
	fmt.Fprintf(&b, "# Summarize 60\n%s\n", Summarize(doc.FirstParagraph, 60))
	return b.String()
}

// TestGolden converts each testdata/golden/NAME.md safely and unsafely and
// compares with NAME.html, NAME.unsafe.html and NAME.txt.
func TestGolden(t *testing.T) {
	safe, open := New(Options{}), New(Options{Unsafe: true})
	for _, path := range goldenDocs(t) {
		base := strings.TrimSuffix(path, ".md")
		t.Run(filepath.Base(base), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := safe.Convert(src)
			if err != nil {
				t.Fatal(err)
			}
			openDoc, err := open.Convert(src)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range []struct{ file, got string }{
				{base + ".html", string(doc.HTML)},
				{base + ".unsafe.html", string(openDoc.HTML)},
				{base + ".txt", summary(doc)},
			} {
				if *update {
					if err := os.WriteFile(g.file, []byte(g.got), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(g.file)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if g.got != string(want) {
					t.Errorf("%s differs from the output; got:\n%s", g.file, g.got)
				}
			}
			if strings.Contains(string(doc.HTML), "style=") || strings.Contains(string(openDoc.HTML), "style=") {
				t.Errorf("%s: output has a style attribute", path)
			}
		})
	}
}

// TestConcurrentConvert converts the golden documents from many goroutines
// through one Renderer and checks every result against a sequential run;
// with -race it also checks that sharing a Renderer is race-free.
func TestConcurrentConvert(t *testing.T) {
	r := New(Options{})
	var srcs [][]byte
	var want []*Doc
	for _, path := range goldenDocs(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := New(Options{}).Convert(src)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
		want = append(want, doc)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(srcs))
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 10 {
				i := (g + k) % len(srcs)
				doc, err := r.Convert(srcs[i])
				if err != nil {
					errs <- err
					return
				}
				if doc.HTML != want[i].HTML || doc.Text != want[i].Text || fmt.Sprint(doc.Headings) != fmt.Sprint(want[i].Headings) {
					errs <- fmt.Errorf("goroutine %d: document %d differs from the sequential result", g, i)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
