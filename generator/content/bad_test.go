package content_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/content"
)

var update = flag.Bool("update", false, "rewrite the expected errors of the bad-input suite")

// badDir holds the bad-input suite: <case>.txtar trees laid over
// _base.txtar, and <case>.errors, the exact lines Load must report.
const badDir = "testdata/bad"

// archive is a txtar-style file: a comment, then files each introduced by a
// line "-- name --".
type archive struct {
	comment string
	files   []archiveFile
}

type archiveFile struct {
	name string
	data []byte
}

// parseArchive parses the txtar format of golang.org/x/tools/txtar: every
// line of the form "-- NAME --" starts a file, which runs to the next such
// line or the end.
func parseArchive(data []byte) archive {
	var a archive
	var cur *archiveFile
	for len(data) > 0 {
		line := data
		rest := []byte(nil)
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, rest = data[:i+1], data[i+1:]
		}
		data = rest
		t := strings.TrimRight(string(line), "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			a.files = append(a.files, archiveFile{name: strings.TrimSpace(t[3 : len(t)-3])})
			cur = &a.files[len(a.files)-1]
			continue
		}
		if cur == nil {
			a.comment += string(line)
		} else {
			cur.data = append(cur.data, line...)
		}
	}
	return a
}

func TestParseArchive(t *testing.T) {
	a := parseArchive([]byte("comment\n-- a.md --\nx\n\n-- dir/b b.md --\n-- c --\ny"))
	want := []archiveFile{{"a.md", []byte("x\n\n")}, {"dir/b b.md", nil}, {"c", []byte("y")}}
	if a.comment != "comment\n" || len(a.files) != len(want) {
		t.Fatalf("parseArchive = %+v", a)
	}
	for i, f := range want {
		if a.files[i].name != f.name || !bytes.Equal(a.files[i].data, f.data) {
			t.Errorf("file %d = %q %q, want %q %q", i, a.files[i].name, a.files[i].data, f.name, f.data)
		}
	}
}

// badCase is one malformed tree: the base tree, the case's archive laid
// over it, then setup run on the written directory (for what an archive
// cannot hold: symbolic links, huge files, raw bytes).
type badCase struct {
	name  string
	files map[string][]byte
	setup func(t *testing.T, dir string)
	// maxRead, if set, bounds the bytes Load may read from the tree.
	maxRead int64
}

// writeFile writes data to dir/name, creating parents.
func writeFile(t *testing.T, dir, name string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// hugeFile creates a sparse file of size bytes at dir/name without writing
// its contents.
func hugeFile(t *testing.T, dir, name string, size int64) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("---\ntitle: 大文件\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// outsideStory is a valid story kept outside the source tree: if a
// symbolic link to it were followed, the tree would load it.
const outsideStory = "---\ntitle: 树外的文件\nregion: 象山县\nyear: 2016\ncategory: development\n---\n不应被读取。\n"

// symlinkOut makes dir/name a symbolic link to a file or directory outside
// dir holding outsideStory.
func symlinkOut(asDir bool) func(t *testing.T, dir, name string) {
	return func(t *testing.T, dir, name string) {
		t.Helper()
		outside := t.TempDir()
		target := filepath.Join(outside, "story.md")
		if asDir {
			target = outside
			writeFile(t, outside, "index.md", []byte(outsideStory))
		} else {
			writeFile(t, outside, "story.md", []byte(outsideStory))
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("cannot create symbolic links here: %v", err)
		}
	}
}

// goCases are the cases an archive cannot describe, by name; each has its
// own <name>.errors file.
var goCases = map[string]badCase{
	"non-utf8": {setup: func(t *testing.T, dir string) {
		writeFile(t, dir, "content/stories/bad.md", []byte("---\ntitle: GBK 编码\nregion: \xcf\xf3\xc9\xbd\xcf\xd8\nyear: 2016\ncategory: development\n---\n"))
	}},
	"non-utf8-config": {setup: func(t *testing.T, dir string) {
		writeFile(t, dir, "hugo.toml", []byte("baseURL = \"https://example.org/\"\n\ntitle = \"Caf\xe9\"\n"))
	}},
	"nul-byte": {setup: func(t *testing.T, dir string) {
		writeFile(t, dir, "content/stories/bad.md", []byte("---\ntitle: 空字节\nregion: 象山县\nyear: 2016\x00\ncategory: development\n---\n"))
		writeFile(t, dir, "content/regions/ninghai/_index.md", []byte("---\ntitle: 宁海县\n---\n\x00\x00"))
	}},
	"symlink-out": {setup: func(t *testing.T, dir string) {
		symlinkOut(false)(t, dir, "content/stories/evil.md")
	}},
	"symlink-dir-out": {setup: func(t *testing.T, dir string) {
		symlinkOut(true)(t, dir, "content/stories/evil")
	}},
	"symlink-static-out": {setup: func(t *testing.T, dir string) {
		symlinkOut(false)(t, dir, "static/passwd")
	}},
	"symlink-region-out": {setup: func(t *testing.T, dir string) {
		symlinkOut(false)(t, dir, "content/regions/ninghai/_index.md")
	}},
	"huge-story": {maxRead: 1 << 20, setup: func(t *testing.T, dir string) {
		hugeFile(t, dir, "content/stories/huge.md", 50<<20)
	}},
	"huge-config": {maxRead: 1 << 20, setup: func(t *testing.T, dir string) {
		hugeFile(t, dir, "hugo.toml", 50<<20)
	}},
}

// loadCases returns every case of the suite, sorted by name.
func loadCases(t *testing.T) (base map[string][]byte, cases []badCase) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(badDir, "_base.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	base = map[string][]byte{}
	for _, f := range parseArchive(data).files {
		base[f.name] = f.data
	}
	names, err := filepath.Glob(filepath.Join(badDir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range names {
		name := strings.TrimSuffix(filepath.Base(p), ".txtar")
		if name == "_base" {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := badCase{name: name, files: map[string][]byte{}}
		for _, f := range parseArchive(data).files {
			c.files[f.name] = f.data
		}
		if name == "crlf-positions" {
			for k, v := range c.files {
				c.files[k] = append([]byte("\ufeff"), bytes.ReplaceAll(v, []byte("\n"), []byte("\r\n"))...)
			}
		}
		cases = append(cases, c)
	}
	for name, c := range goCases {
		c.name = name
		cases = append(cases, c)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].name < cases[j].name })
	return base, cases
}

// countFS counts the bytes read through it.
type countFS struct {
	fsys fs.FS
	n    *atomic.Int64
}

func (c countFS) Open(name string) (fs.File, error) {
	f, err := c.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	return countFile{f, c.n}, nil
}

func (c countFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.fsys, name) }
func (c countFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(c.fsys, name) }

type countFile struct {
	fs.File
	n *atomic.Int64
}

func (f countFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.n.Add(int64(n))
	return n, err
}

// lines renders a List as the suite's expected-errors files do: one
// "file:line: message" per entry, warnings labelled.
func lines(l content.List) string {
	var b strings.Builder
	for _, e := range l {
		b.WriteString(e.Localized(false))
		b.WriteByte('\n')
	}
	return b.String()
}

// dirHash returns a digest of every path, mode and byte under dir.
func dirHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		h.Write([]byte(rel + "\x00" + info.Mode().String() + "\x00"))
		if d.Type().IsRegular() {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			if _, err := io.Copy(h, f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestBadInput loads every malformed tree of the suite and checks that
// Load reports exactly the expected file:line messages, that a build of the
// tree fails with the same errors (warnings made errors by --strict when a
// case has only warnings), and that the failed build leaves a previously
// published destination byte for byte as it was.
func TestBadInput(t *testing.T) {
	base, cases := loadCases(t)
	if len(cases) < 40 {
		t.Errorf("the suite has %d cases, want at least 40", len(cases))
	}

	// One published destination, built once from the valid base tree,
	// that every failed build below must leave alone.
	baseDir := t.TempDir()
	for name, data := range base {
		writeFile(t, baseDir, name, data)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := generator.Build(context.Background(), generator.Options{Source: baseDir, Dest: dest, Year: 2026}); err != nil {
		t.Fatalf("the base tree must build: %v", err)
	}
	published := dirHash(t, dest)

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range base {
				if _, ok := c.files[name]; !ok {
					writeFile(t, dir, name, data)
				}
			}
			for name, data := range c.files {
				writeFile(t, dir, name, data)
			}
			if c.setup != nil {
				c.setup(t, dir)
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()

			var read atomic.Int64
			start := time.Now()
			site, list := content.Load(countFS{root.FS(), &read}, content.Options{Year: 2026})
			elapsed := time.Since(start)
			if site == nil {
				t.Fatal("Load returned a nil site")
			}
			if c.maxRead > 0 && read.Load() > c.maxRead {
				t.Errorf("Load read %d bytes of the tree, want at most %d: a file over the limit must be refused by its size", read.Load(), c.maxRead)
			}
			if elapsed > 5*time.Second {
				t.Errorf("Load took %v", elapsed)
			}
			for _, st := range site.Stories {
				if st.Title == "树外的文件" {
					t.Errorf("%s: a story outside the tree was loaded through a symbolic link", st.Path)
				}
			}
			for _, e := range list {
				if e.Pos.File == "" || e.Msg == "" {
					t.Errorf("entry without a file or message: %#v", e)
				}
			}
			got := lines(list)
			golden := filepath.Join(badDir, c.name+".errors")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("Load reported:\n%s\nwant (%s):\n%s", got, golden, want)
			}
			if len(list) == 0 {
				t.Fatal("a malformed tree loaded without a single error or warning")
			}

			// A build must fail with the same entries, as errors, and
			// leave the published destination untouched.
			strict := list.Err() == nil
			if strict {
				// Warnings alone do not fail a normal build.
				if _, _, err := generator.Load(root.FS(), generator.Options{Year: 2026}); err != nil {
					t.Errorf("a tree with only warnings failed to load without --strict: %v", err)
				}
			}
			_, err = generator.Build(context.Background(), generator.Options{Source: dir, Dest: dest, Year: 2026, Strict: strict})
			var ce *generator.ContentError
			if !errors.As(err, &ce) {
				t.Fatalf("build (strict %v) returned %v, want a *generator.ContentError", strict, err)
			}
			wantBuild := strings.ReplaceAll(string(want), ": warning: ", ": ")
			if !strict {
				wantBuild = ""
				for _, l := range strings.SplitAfter(string(want), "\n") {
					if l != "" && !strings.Contains(l, ": warning: ") {
						wantBuild += l
					}
				}
			}
			if got := ce.Error() + "\n"; got != wantBuild {
				t.Errorf("build (strict %v) reported:\n%s\nwant:\n%s", strict, got, wantBuild)
			}
			if h := dirHash(t, dest); h != published {
				t.Fatalf("the failed build changed the published destination")
			}
		})
	}
}
