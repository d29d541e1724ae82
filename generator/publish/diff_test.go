package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// entries returns every entry under dir by slash path: a file as its
// content, a directory as "<dir>", a symbolic link as "<link>".
func entries(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
		case d.IsDir():
			out[rel] = "<dir>"
		case d.Type()&fs.ModeSymlink != 0:
			out[rel] = "<link>"
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// identity is what must not change in a file the build leaves alone.
type identity struct {
	ino   uint64
	mtime time.Time
}

// identities returns the inode and modification time of every regular
// file under dir.
func identities(t testing.TB, dir string) map[string]identity {
	t.Helper()
	out := map[string]identity{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = identity{fi.Sys().(*syscall.Stat_t).Ino, fi.ModTime()}
		return nil
	})
	return out
}

// fresh returns what a build of files with opts makes in a new DEST.
func fresh(t testing.TB, files map[string]string, opts Options) map[string]string {
	t.Helper()
	dest := newDest(t)
	build(t, dest, opts, files)
	return entries(t, dest)
}

// TestUnchangedUntouched: a rebuild writes only the changed files; the
// others keep their inode and modification time, and a rebuild with
// nothing changed writes and removes nothing.
func TestUnchangedUntouched(t *testing.T) {
	for _, compress := range []bool{false, true} {
		t.Run(fmt.Sprint("compress=", compress), func(t *testing.T) {
			opts := Options{Compress: compress, Last: []string{"search/meta.bin"}}
			dest := newDest(t)
			files := map[string]string{
				"index.html": string(page(1, 3000)), "stories/a/index.html": string(page(2, 3000)),
				"stories/b/index.html": string(page(3, 3000)), "css/style.css": "a{color:red}",
				"search/meta.bin": "meta", "search/t/1.bin": "shard",
			}
			build(t, dest, opts, files)
			before := identities(t, dest)
			time.Sleep(20 * time.Millisecond) // let the clock tick past the first build's times

			tx, err := Begin(dest, opts)
			if err != nil {
				t.Fatal(err)
			}
			writeAll(t, tx, files)
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			if st := tx.Stats(); st.Written != 0 || st.Compressed != 0 || st.Removed != 0 {
				t.Errorf("a rebuild with nothing changed: %+v", st)
			}
			if d := diffIdentities(before, identities(t, dest)); d != "" {
				t.Error(d)
			}

			files["stories/b/index.html"] = string(page(4, 3000))
			delete(files, "stories/a/index.html")
			var order []string
			tx, err = Begin(dest, opts)
			if err != nil {
				t.Fatal(err)
			}
			tx.step = func(op string) { order = append(order, op) }
			writeAll(t, tx, files)
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			if d := diffTrees(entries(t, dest), fresh(t, files, opts)); d != "" {
				t.Error(d)
			}
			after := identities(t, dest)
			for name, id := range before {
				changed := strings.HasPrefix(name, "stories/")
				if now, ok := after[name]; ok && !changed && now != id {
					t.Errorf("%s was touched: %v, then %v", name, id, now)
				}
			}
			want := []string{"write stories/b/index.html", "remove stories/a/index.html", "rmdir stories/a", "manifest", "finish"}
			if compress {
				want = []string{"write stories/b/index.html", "write stories/b/index.html.br", "write stories/b/index.html.gz",
					"remove stories/a/index.html", "remove stories/a/index.html.br", "remove stories/a/index.html.gz",
					"rmdir stories/a", "manifest", "finish"}
			}
			if !slices.Equal(order, want) {
				t.Errorf("steps:\n%s\nwant:\n%s", strings.Join(order, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func diffIdentities(before, after map[string]identity) string {
	var b strings.Builder
	for name, id := range before {
		if after[name] != id {
			fmt.Fprintf(&b, "%s was touched: %v, then %v\n", name, id, after[name])
		}
	}
	return b.String()
}

// TestPublishOrder: assets and shards go first, then pages and the
// files of Options.Last, each group in name order.
func TestPublishOrder(t *testing.T) {
	dest := newDest(t)
	build(t, dest, Options{}, map[string]string{"old.txt": "x"})
	tx, err := Begin(dest, Options{Last: []string{"search/meta.bin"}})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	tx.step = func(op string) { order = append(order, op) }
	writeAll(t, tx, map[string]string{
		"index.html": "i", "search/meta.bin": "m", "search/t/a1.bin": "s", "css/a.css": "c",
		"feed.xml": "f", "img/x.png": "p", "stories/a/index.html": "a",
	})
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"write css/a.css", "write img/x.png", "write search/t/a1.bin",
		"write feed.xml", "write index.html", "write search/meta.bin", "write stories/a/index.html",
		"remove old.txt", "manifest", "finish",
	}
	if !slices.Equal(order, want) {
		t.Errorf("steps:\n%s\nwant:\n%s", strings.Join(order, "\n"), strings.Join(want, "\n"))
	}
}

// TestFailedBuildLeavesDest: a build that fails while staging (here a
// full disk) or before Commit leaves DEST byte-identical, manifest and
// all.
func TestFailedBuildLeavesDest(t *testing.T) {
	dest := newDest(t)
	parent := filepath.Dir(dest)
	files := map[string]string{"index.html": "v1", "a/index.html": "a1", "css/s.css": "s"}
	build(t, dest, Options{}, files)
	before, manBefore := treeHash(t, dest), treeHash(t, manifestPath(parent, "public"))
	tx, err := Begin(dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	full := &fs.PathError{Op: "write", Path: "a/index.html", Err: syscall.ENOSPC}
	tx.failWrite = func(name string) error {
		if name == "a/index.html" {
			return full
		}
		return nil
	}
	writeAll(t, tx, map[string]string{"index.html": "v2", "b/index.html": "new"})
	if err := tx.WriteFile("a/index.html", []byte("a2")); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("WriteFile on a full disk = %v", err)
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	if treeHash(t, dest) != before || treeHash(t, manifestPath(parent, "public")) != manBefore {
		t.Error("a failed build changed DEST or its manifest")
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("left beside DEST: %v", l)
	}
}

// The property test's universe of names: some nest, and "p" and "q/r"
// are files in some builds and directories in others.
var propNames = []string{
	"index.html", "style.css", "data.bin", "feed.xml", "a/index.html", "a/b/index.html",
	"a/b/c.css", "a/x.json", "c/index.html", "c/d/e/f.html", "p", "p/index.html", "q/r", "q/r/s.txt",
	"search/meta.bin", "search/t/1.bin", "search/t/2.bin",
}

// conflicts reports whether the names a and b cannot both be files.
func conflicts(a, b string) bool {
	return a != b && (strings.HasPrefix(a, b+"/") || strings.HasPrefix(b, a+"/"))
}

// propContent returns one of a few contents, so that files often keep
// theirs; long ones are worth compressing.
func propContent(rng *rand.Rand) string {
	switch v := rng.IntN(4); v {
	case 0, 1:
		return fmt.Sprintf("v%d", v)
	default:
		return strings.Repeat(fmt.Sprintf("<p>版本 %d</p>\n", v), 40)
	}
}

// handEdit changes DEST as a person might between builds.
func handEdit(t *testing.T, rng *rand.Rand, dest string, n int) string {
	t.Helper()
	var files []string
	for name, v := range entries(t, dest) {
		if v != "<dir>" && v != "<link>" && name != Marker && !strings.HasPrefix(name, "keep") {
			files = append(files, name)
		}
	}
	slices.Sort(files)
	pick := func() string {
		if len(files) == 0 {
			return ""
		}
		return files[rng.IntN(len(files))]
	}
	p := func(name string) string { return filepath.Join(dest, filepath.FromSlash(name)) }
	switch rng.IntN(9) {
	case 0: // rewritten, another size
		if f := pick(); f != "" {
			writeTree(t, dest, map[string]string{f: fmt.Sprintf("hand edit %d", n)})
			return "edit " + f
		}
	case 1: // rewritten in place, same size
		if f := pick(); f != "" {
			data, _ := os.ReadFile(p(f))
			w, err := os.OpenFile(p(f), os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(strings.Repeat("#", len(data))))
			w.Close()
			return "overwrite " + f
		}
	case 2:
		if f := pick(); f != "" {
			os.Remove(p(f))
			return "delete " + f
		}
	case 3:
		writeTree(t, dest, map[string]string{fmt.Sprintf("stray%d/x.html", n%3): "stray"})
		return "add stray file"
	case 4:
		os.MkdirAll(p(fmt.Sprintf("a/empty%d", n%2)), 0o755)
		return "add empty dir"
	case 5: // a file replaced by a directory
		if f := pick(); f != "" {
			os.Remove(p(f))
			writeTree(t, dest, map[string]string{f + "/inner.txt": "in"})
			return "dir over " + f
		}
	case 6:
		os.Symlink("index.html", p(fmt.Sprintf("link%d", n%2)))
		return "add link"
	case 7: // touched, bytes unchanged
		if f := pick(); f != "" {
			now := time.Now()
			os.Chtimes(p(f), now, now)
			return "touch " + f
		}
	case 8:
		writeTree(t, dest, map[string]string{"keep.txt": fmt.Sprint("kept ", n), "keepdir/x": "kept"})
		return "write kept names"
	}
	return "nothing"
}

// errKilled is what the property test's step hook panics with.
var errKilled = errors.New("killed")

// TestPublishProperty runs random sequences of site edits, builds, hand
// edits of DEST, builds killed while staging and builds killed while
// publishing. After each build that completes, DEST must equal a fresh
// build of the same files (plus the kept names), and every file whose
// bytes the build did not change keeps its inode and modification time.
func TestPublishProperty(t *testing.T) {
	seeds := 12
	if s := os.Getenv("PUBLISH_PROPERTY_SEEDS"); s != "" {
		fmt.Sscan(s, &seeds)
	}
	if testing.Short() {
		seeds = 3
	}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 7))
			dest := newDest(t)
			keep := []string{"keep.txt", "keepdir"}
			model := map[string]string{"index.html": "v0", "a/index.html": "v0"}
			build(t, dest, Options{Keep: keep}, model)
			var log []string
			fail := func(format string, args ...any) {
				t.Helper()
				t.Fatalf("after\n  %s\n%s", strings.Join(log, "\n  "), fmt.Sprintf(format, args...))
			}
			for step := range 40 {
				switch op := rng.IntN(10); {
				case op < 3: // edit the site
					for range 1 + rng.IntN(4) {
						name := propNames[rng.IntN(len(propNames))]
						if rng.IntN(4) == 0 {
							delete(model, name)
							log = append(log, "site: delete "+name)
							continue
						}
						for other := range model {
							if conflicts(name, other) {
								delete(model, other)
							}
						}
						model[name] = propContent(rng)
						log = append(log, "site: write "+name)
					}
				case op < 5:
					log = append(log, "hand: "+handEdit(t, rng, dest, step))
				case op < 6: // killed (or failing) while staging
					tx, err := Begin(dest, Options{Keep: keep, Compress: rng.IntN(2) == 0})
					if err != nil {
						fail("Begin: %v", err)
					}
					before := treeHash(t, dest)
					names := slices.Sorted(maps.Keys(model))
					for _, name := range names[:len(names)/2] {
						if err := tx.WriteFile(name, []byte(model[name])); err != nil {
							fail("WriteFile: %v", err)
						}
					}
					if rng.IntN(2) == 0 {
						tx.Abort()
						log = append(log, "build failed while staging")
					} else {
						tx.unlock() // dies: the kernel drops the lock
						log = append(log, "build killed while staging")
					}
					if treeHash(t, dest) != before {
						fail("a build that never committed changed DEST")
					}
				default: // build, maybe killed while publishing
					opts := Options{Keep: keep, Compress: rng.IntN(2) == 0, Last: []string{"search/meta.bin"}, Transform: fmt.Sprint("t", rng.IntN(2))}
					tx, err := Begin(dest, opts)
					if err != nil {
						fail("Begin: %v", err)
					}
					ids := identities(t, dest)
					old := entries(t, dest)
					killAt := -1
					if rng.IntN(3) == 0 {
						killAt = rng.IntN(12)
					}
					n := 0
					tx.step = func(string) {
						if n == killAt {
							panic(errKilled)
						}
						n++
					}
					killed := func() (killed bool) {
						defer func() {
							if r := recover(); r == errKilled {
								killed = true
							} else if r != nil {
								panic(r)
							}
						}()
						for _, name := range slices.Sorted(maps.Keys(model)) {
							// The file is made from an input: skipped
							// when DEST holds it as made from that input.
							if tx.Unchanged(name, []byte("input of "+model[name])) {
								continue
							}
							if err := tx.WriteFile(name, []byte(model[name])); err != nil {
								fail("WriteFile: %v", err)
							}
						}
						if err := tx.Commit(); err != nil {
							fail("Commit: %v", err)
						}
						return false
					}()
					if killed {
						log = append(log, fmt.Sprintf("build killed while publishing, at step %d (compress=%v)", killAt, opts.Compress))
						continue
					}
					log = append(log, fmt.Sprintf("build (compress=%v)", opts.Compress))
					want := fresh(t, model, opts)
					got := entries(t, dest)
					for name, v := range got {
						if name == "keep.txt" || name == "keepdir" || strings.HasPrefix(name, "keepdir/") {
							want[name] = v
						}
					}
					if d := diffTrees(got, want); d != "" {
						fail("DEST differs from a fresh build:\n%s", d)
					}
					now := identities(t, dest)
					for name, id := range ids {
						if got[name] == old[name] && now[name] != id {
							fail("%s keeps its bytes but was rewritten", name)
						}
					}
				}
			}
		})
	}
}

// TestRacyFile: a file edited in place in the clock tick the build wrote
// it keeps its size, inode and time stamp; since the manifest was written
// in that tick too, the file is read again rather than trusted (git's
// "racy" rule), and the build repairs it.
func TestRacyFile(t *testing.T) {
	dest := newDest(t)
	files := map[string]string{"index.html": "<p>published</p>", "a.css": "a{}"}
	build(t, dest, Options{}, files)
	p := filepath.Join(dest, "index.html")
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	// The manifest was written in the tick of index.html.
	if err := os.Chtimes(manifestPath(filepath.Dir(dest), "public"), fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	w, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("<p>HAND EDIT</p>"))
	w.Close()
	if err := os.Chtimes(p, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	build(t, dest, Options{}, files)
	if d := diffTrees(readTree(t, dest), withMarker(files)); d != "" {
		t.Error(d)
	}
}

// TestUpToDate: a DEST is up to date for a key only if the last build
// recorded that key and DEST holds exactly its files, untouched.
func TestUpToDate(t *testing.T) {
	files := map[string]string{"index.html": "i", "a/index.html": "a"}
	tests := []struct {
		name string
		key  string
		edit func(t *testing.T, dest string)
		want bool
	}{
		{"same key", "k1", func(*testing.T, string) {}, true},
		{"other key", "k2", func(*testing.T, string) {}, false},
		{"no key", "", func(*testing.T, string) {}, false},
		{"file edited", "k1", func(t *testing.T, dest string) { writeTree(t, dest, map[string]string{"a/index.html": "b"}) }, false},
		{"file touched", "k1", func(t *testing.T, dest string) {
			later := time.Now().Add(time.Hour)
			os.Chtimes(filepath.Join(dest, "index.html"), later, later)
		}, false},
		{"file added", "k1", func(t *testing.T, dest string) { writeTree(t, dest, map[string]string{"x.html": "x"}) }, false},
		{"file deleted", "k1", func(t *testing.T, dest string) { os.Remove(filepath.Join(dest, "index.html")) }, false},
		{"manifest gone", "k1", func(t *testing.T, dest string) { os.Remove(manifestPath(filepath.Dir(dest), "public")) }, false},
		{"kept name added", "k1", func(t *testing.T, dest string) { writeTree(t, dest, map[string]string{"CNAME": "x"}) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := newDest(t)
			build(t, dest, Options{Key: "k1", Keep: []string{"CNAME"}}, files)
			// The manifest was written in the clock tick of the files:
			// the next build cannot trust their time stamps, so it
			// reads them and writes the manifest again, later.
			time.Sleep(10 * time.Millisecond)
			build(t, dest, Options{Key: "k1", Keep: []string{"CNAME"}}, files)
			time.Sleep(10 * time.Millisecond)
			tt.edit(t, dest)
			tx, err := Begin(dest, Options{Key: tt.key, Keep: []string{"CNAME"}})
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Abort()
			if got := tx.UpToDate(); got != tt.want {
				t.Errorf("UpToDate = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestUnchangedInput: a file made from the same input by the same
// transform, which DEST holds untouched, is not made again.
func TestUnchangedInput(t *testing.T) {
	opts := Options{Transform: "minify v1", Compress: true}
	big := string(page(1, 3000))
	tests := []struct {
		name  string
		opts  Options
		input string
		edit  func(t *testing.T, dest string)
		want  bool
	}{
		{"same input", opts, "raw", func(*testing.T, string) {}, true},
		{"other input", opts, "raw 2", func(*testing.T, string) {}, false},
		{"other transform", Options{Transform: "minify v2", Compress: true}, "raw", func(*testing.T, string) {}, false},
		{"no transform", Options{Compress: true}, "raw", func(*testing.T, string) {}, false},
		{"file edited", opts, "raw", func(t *testing.T, dest string) { writeTree(t, dest, map[string]string{"a/index.html": "x"}) }, false},
		{"sibling deleted", opts, "raw", func(t *testing.T, dest string) { os.Remove(filepath.Join(dest, "a/index.html.br")) }, false},
		{"compress off", Options{Transform: "minify v1"}, "raw", func(*testing.T, string) {}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := newDest(t)
			tx, err := Begin(dest, opts)
			if err != nil {
				t.Fatal(err)
			}
			if tx.Unchanged("a/index.html", []byte("raw")) {
				t.Fatal("Unchanged into an empty DEST")
			}
			writeAll(t, tx, map[string]string{"a/index.html": big})
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(10 * time.Millisecond)
			tt.edit(t, dest)
			tx, err = Begin(dest, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := tx.Unchanged("a/index.html", []byte(tt.input))
			if got != tt.want {
				t.Errorf("Unchanged = %v, want %v", got, tt.want)
			}
			if !got {
				writeAll(t, tx, map[string]string{"a/index.html": big})
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			if d := diffTrees(entries(t, dest), fresh(t, map[string]string{"a/index.html": big}, tt.opts)); d != "" {
				t.Error(d)
			}
		})
	}
}
