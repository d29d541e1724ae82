package statichost

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/hostfiles"
)

// TestHostFilesWritten checks that a build writes Netlify's and Cloudflare
// Pages' _headers and _redirects at the site root: the headers for the
// site's root path and a 301 for each alias of the stories.
func TestHostFilesWritten(t *testing.T) {
	const root = "/showcase/"
	site := build(t, aliasTree(t), "", generator.Options{BaseURL: "https://example.org" + root})
	target := "stories/" + strings.TrimSuffix(filepath.Base(aliasStory), ".md") + "/"
	var aliases []hostfiles.Alias
	for _, a := range aliasPaths {
		aliases = append(aliases, hostfiles.Alias{From: a, To: target})
	}
	for name, want := range map[string][]byte{
		"_headers":   hostfiles.Headers(root),
		"_redirects": hostfiles.Redirects(root, aliases),
	} {
		got, err := os.ReadFile(filepath.Join(site, name))
		if err != nil {
			t.Errorf("the build has no %s: %v", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s:\n%s\nwant\n%s", name, got, want)
		}
	}
}
