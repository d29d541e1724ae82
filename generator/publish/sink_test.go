package publish

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCheckPath checks that every name a sink accepts stays inside the
// site root, is clean and is not the marker.
func FuzzCheckPath(f *testing.F) {
	for _, s := range []string{
		"index.html", "stories/a/index.html", "../x", "/etc/passwd", "a/../b", "a//b", "./a", "a/", `a\b`,
		".", "..", "", Marker, "a/" + Marker, ".well-known/x", "...", "a/.../b", "\x00", "商会/index.html",
	} {
		f.Add(s)
	}
	root := filepath.FromSlash("/site/root")
	f.Fuzz(func(t *testing.T, name string) {
		if checkPath("write", name) != nil {
			return
		}
		if path.Clean(name) != name || path.IsAbs(name) || name == Marker {
			t.Fatalf("accepted %q", name)
		}
		p := filepath.Join(root, filepath.FromSlash(name))
		if !strings.HasPrefix(p, root+string(filepath.Separator)) {
			t.Fatalf("accepted %q, which escapes to %s", name, p)
		}
		for _, elem := range strings.Split(name, "/") {
			if elem == ".." || elem == "." || elem == "" {
				t.Fatalf("accepted %q with element %q", name, elem)
			}
		}
	})
}
