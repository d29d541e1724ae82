package generator

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestUpToDate: a build whose sources, options and program are those of
// the destination's last build, into a destination nobody touched,
// renders nothing; any change to the sources, the options or the
// destination makes it build again, and the result equals a fresh build.
func TestUpToDate(t *testing.T) {
	src := copyTree(t, "testdata/site")
	dest := filepath.Join(src, "public") // inside the source, as by default
	rebuild := func(mod func(*Options)) Report {
		t.Helper()
		// Past the clock tick of the last build's files, which the
		// manifest cannot vouch for until written again later.
		time.Sleep(10 * time.Millisecond)
		rep, err := build(t, src, dest, mod)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	rebuild(nil)
	rebuild(nil) // writes the manifest after the racy tick
	if rep := rebuild(nil); !rep.UpToDate || rep.Files != 0 {
		t.Fatalf("a build with nothing changed: %+v, want up to date", rep)
	}
	check := func(what string, rep Report, mod func(*Options)) {
		t.Helper()
		if rep.UpToDate {
			t.Errorf("%s: the build was skipped", what)
		}
		fresh := filepath.Join(t.TempDir(), "public")
		if _, err := build(t, src, fresh, mod); err != nil {
			t.Fatal(err)
		}
		if treeHash(t, dest) != treeHash(t, fresh) {
			t.Errorf("%s: the destination differs from a fresh build", what)
		}
	}

	story := filepath.Join(src, "content/stories/forum.md")
	data, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(story, append(data, "\n新的一段。\n"...), 0o644)
	check("a story edited", rebuild(nil), nil)

	os.WriteFile(filepath.Join(dest, "stories/forum/index.html"), []byte("hand edit"), 0o644)
	check("a page edited by hand", rebuild(nil), nil)

	os.WriteFile(filepath.Join(dest, "stray.html"), []byte("stray"), 0o644)
	check("a file added by hand", rebuild(nil), nil)

	drafts := func(o *Options) { o.Drafts = true }
	check("an option changed", rebuild(drafts), drafts)

	rebuild(drafts)
	if rep := rebuild(drafts); !rep.UpToDate {
		t.Errorf("a build with nothing changed: %+v, want up to date", rep)
	}
}
