package cms

import (
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzSplit: a path split accepts is clean, relative, inside one of the
// writable folders, and joined to any root stays below that folder.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"content/stories/a.md", "static/uploads/x.png", "../x", "content/../x", "/etc/passwd", "content//a", "content/./a", "content/.git/config", "static/uploadsx/a", "content\\a", "content/a\x00b", "C:/x", "content", ""} {
		f.Add(s)
	}
	s := &store{dirs: []string{"content", MediaFolder}}
	f.Fuzz(func(t *testing.T, p string) {
		dir, rel, err := s.split(p)
		if err != nil {
			return
		}
		if dir != "content" && dir != MediaFolder {
			t.Fatalf("%q: folder %q", p, dir)
		}
		if strings.Contains(p, "..") && strings.Contains("/"+p+"/", "/../") || strings.ContainsAny(p, "\\\x00:") || path.IsAbs(p) || path.Clean(p) != p {
			t.Fatalf("%q accepted", p)
		}
		joined := filepath.Join("/root", filepath.FromSlash(dir), filepath.FromSlash(rel))
		if !strings.HasPrefix(joined+"/", "/root/"+dir+"/") {
			t.Fatalf("%q leads to %s", p, joined)
		}
		for seg := range strings.SplitSeq(rel, "/") {
			if rel != "" && (seg == "" || strings.HasPrefix(seg, ".")) {
				t.Fatalf("%q: segment %q", p, seg)
			}
		}
	})
}
