package markdown

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// TestEmphasisMatchesCommonMark checks that the CJK-friendly emphasis
// parser changes nothing for the CommonMark spec examples shipped with
// goldmark (all of them, not only the emphasis section): goldmark with and
// without it must render each example identically.
func TestEmphasisMatchesCommonMark(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil {
		t.Fatalf("locating goldmark's module directory: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_test", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []struct {
		Markdown string
		Example  int
		Section  string
	}
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	if len(examples) < 600 {
		t.Fatalf("spec.json holds %d examples, want the whole spec", len(examples))
	}
	plain := goldmark.New(goldmark.WithRendererOptions(html.WithUnsafe()))
	cjk := goldmark.New(goldmark.WithRendererOptions(html.WithUnsafe()),
		goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(emphasisParser{}, 490))))
	for _, ex := range examples {
		var want, got bytes.Buffer
		if err := plain.Convert([]byte(ex.Markdown), &want); err != nil {
			t.Fatal(err)
		}
		if err := cjk.Convert([]byte(ex.Markdown), &got); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("spec example %d (%s) %q:\ngot  %q\nwant %q", ex.Example, ex.Section, ex.Markdown, got.String(), want.String())
		}
	}
}
