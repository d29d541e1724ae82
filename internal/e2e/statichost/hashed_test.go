package statichost

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"testing"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/hostfiles"
)

// hashName matches a file name that carries a content hash: publish.HashLen
// (12) hex digits for theme assets, 10 for the search index's files, which
// list their hashes in the meta file every cold query loads.
var hashName = regexp.MustCompile(`(^|[.-])([0-9a-f]{12}|[0-9a-f]{10})([.-]|$)`)

// TestLongCacheIsSafe builds the real showcase and checks the premise of
// the long cache lifetimes that _headers and the nginx configuration
// give: every file they cover is named by a content hash, and the search
// index's only other files are its meta file and the search page.
func TestLongCacheIsSafe(t *testing.T) {
	site := build(t, repoRoot, "", generator.Options{})
	covered := 0
	err := fs.WalkDir(os.DirFS(site), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if hashed("/showcase/" + p) {
			covered++
			if !hashName.MatchString(path.Base(p)) {
				t.Errorf("%s is cached for a year but its name has no content hash", p)
			}
			return nil
		}
		if dir, _ := path.Split(p); dir == "assets/" || len(p) > len("search/") && p[:len("search/")] == "search/" {
			switch p {
			case "search/meta.bin", "search/index.html":
			default:
				t.Errorf("%s is in %s but not covered by hostfiles.Hashed %q", p, dir, hostfiles.Hashed)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if covered == 0 {
		t.Fatal("no file of the build is covered by hostfiles.Hashed")
	}
	t.Logf("%d content-hashed files", covered)
}
