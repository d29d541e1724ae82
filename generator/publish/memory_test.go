package publish

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

func TestMemory(t *testing.T) {
	m := NewMemory()
	data := []byte("<p>  hello  </p>")
	for _, name := range []string{"z.html", "a/index.html", "a.css", "empty.txt"} {
		d := data
		if name == "empty.txt" {
			d = nil
		}
		if err := m.WriteFile(name, d); err != nil {
			t.Fatal(err)
		}
	}
	data[0] = 'X' // the caller reuses its buffer
	if got, ok := m.Get("z.html"); !ok || string(got) != "<p>  hello  </p>" {
		t.Errorf("Get(z.html) = %q, %v; want the unminified copy", got, ok)
	}
	if got, ok := m.Get("empty.txt"); !ok || got == nil || len(got) != 0 {
		t.Errorf("Get(empty.txt) = %#v, %v; want an empty, non-nil file", got, ok)
	}
	if _, ok := m.Get("missing.html"); ok {
		t.Error("Get of a missing file reports it exists")
	}
	if got, want := m.Paths(), []string{"a.css", "a/index.html", "empty.txt", "z.html"}; !slices.Equal(got, want) {
		t.Errorf("Paths = %q, want %q", got, want)
	}
	old, _ := m.Get("z.html")
	if err := m.WriteFile("z.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := m.Get("z.html"); string(got) != "new" || string(old) != "<p>  hello  </p>" {
		t.Errorf("after rewrite Get = %q and the old slice = %q", got, old)
	}
	m.Delete("z.html")
	m.Delete("never.html")
	if _, ok := m.Get("z.html"); ok {
		t.Error("Delete did not remove z.html")
	}
	if got := len(m.Paths()); got != 3 {
		t.Errorf("%d files after Delete, want 3", got)
	}
}

func TestMemoryConcurrent(t *testing.T) {
	m := NewMemory()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				name := fmt.Sprintf("p%d/%d.html", g, i%10)
				if err := m.WriteFile(name, []byte("<p> x </p>")); err != nil {
					t.Error(err)
				}
				m.Get(name)
				if i%7 == 0 {
					m.Delete(name)
					m.Paths()
				}
			}
		})
	}
	wg.Wait()
	for _, p := range m.Paths() {
		if got, _ := m.Get(p); string(got) != "<p> x </p>" {
			t.Errorf("%s = %q", p, got)
		}
	}
}

// Memory and Tx are both Sinks.
var (
	_ Sink = (*Memory)(nil)
	_ Sink = (*Tx)(nil)
)

func TestMemoryPutShares(t *testing.T) {
	m := NewMemory()
	data := []byte("<p>x</p>")
	if err := m.Put("a/index.html", data); err != nil {
		t.Fatal(err)
	}
	got, ok := m.Get("a/index.html")
	if !ok || &got[0] != &data[0] {
		t.Fatal("Put copied the data or lost it")
	}
	if err := m.Put("../x", data); err == nil {
		t.Fatal("Put accepted a path outside the root")
	}
}

// TestMemoryLazy runs random writes, deletes and lazy puts against a plain
// map and checks that the Memory holds exactly its files, that a lazy
// file is made on its first Get alone, once, and never when it is
// replaced or deleted before it is read.
func TestMemoryLazy(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	m := NewMemory()
	want := map[string]string{}
	names := []string{"a", "b/c", "d/index.html", "e.xml", "f"}
	made := map[string]int{} // by data: how many times it was made
	for step := range 3000 {
		name := names[rng.IntN(len(names))]
		data := fmt.Sprint(step)
		switch rng.IntN(4) {
		case 0:
			if err := m.Put(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
		case 1:
			m.Delete(name)
			delete(want, name)
			continue
		case 2:
			if err := m.PutLazy(name, func() []byte { made[data]++; return []byte(data) }); err != nil {
				t.Fatal(err)
			}
		case 3:
			if err := m.WriteFile(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
		}
		want[name] = data
		if rng.IntN(3) > 0 {
			continue // leave lazy files unread for a while
		}
		for _, n := range names {
			got, ok := m.Get(n)
			w, wok := want[n]
			if ok != wok || string(got) != w {
				t.Fatalf("step %d, %s: got %q %v, want %q %v", step, n, got, ok, w, wok)
			}
		}
		if got, w := m.Paths(), slices.Sorted(maps.Keys(want)); !slices.Equal(got, w) {
			t.Fatalf("step %d: paths %v, want %v", step, got, w)
		}
		if m.Len() != len(want) {
			t.Fatalf("step %d: Len %d, want %d", step, m.Len(), len(want))
		}
	}
	lazy := 0
	for data, n := range made {
		if n != 1 {
			t.Errorf("lazy file %s was made %d times", data, n)
		}
		lazy++
	}
	if lazy == 0 {
		t.Error("no lazy file was read")
	}

	// Many readers at once make a lazy file once, and all get its bytes.
	var calls sync.WaitGroup
	n := 0
	m.PutLazy("big.json", func() []byte { n++; return []byte("[1,2,3]") })
	for range 8 {
		calls.Go(func() {
			if got, ok := m.Get("big.json"); !ok || string(got) != "[1,2,3]" {
				t.Errorf("Get(big.json) = %q, %v", got, ok)
			}
		})
	}
	calls.Wait()
	if n != 1 {
		t.Errorf("a lazy file read by 8 readers at once was made %d times", n)
	}
	m.PutLazy("nil.json", func() []byte { return nil })
	if got, ok := m.Get("nil.json"); !ok || got == nil {
		t.Errorf("Get of a lazy file made nil = %#v, %v; want an empty, non-nil file", got, ok)
	}
	if err := m.PutLazy("../x", func() []byte { return nil }); err == nil {
		t.Error("PutLazy accepts ../x")
	}
}

// TestMemorySizeLen: a Memory made with room for files holds none until
// written, and Len counts what was written, a replaced file once.
func TestMemorySizeLen(t *testing.T) {
	m := NewMemorySize(8)
	if n := m.Len(); n != 0 {
		t.Fatalf("Len of a new Memory = %d", n)
	}
	for _, name := range []string{"a.html", "b/c.html", "a.html"} {
		if err := m.WriteFile(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	if n := m.Len(); n != 2 {
		t.Errorf("Len = %d, want 2", n)
	}
}

// TestMemoryPutAll: PutAll stores every file, replacing a lazy one, and
// none when a name is invalid.
func TestMemoryPutAll(t *testing.T) {
	m := NewMemory()
	m.PutLazy("b.json", func() []byte { t.Error("a replaced lazy file was made"); return nil })
	if err := m.PutAll([]string{"a/index.html", "b.json"}, [][]byte{[]byte("a"), nil}); err != nil {
		t.Fatal(err)
	}
	if got, ok := m.Get("a/index.html"); !ok || string(got) != "a" {
		t.Errorf("Get(a/index.html) = %q, %v", got, ok)
	}
	if got, ok := m.Get("b.json"); !ok || got == nil || len(got) != 0 {
		t.Errorf("Get(b.json) = %#v, %v; want an empty, non-nil file", got, ok)
	}
	if err := m.PutAll([]string{"c", "../d"}, [][]byte{[]byte("c"), []byte("d")}); err == nil {
		t.Error("PutAll accepts ../d")
	}
	if _, ok := m.Get("c"); ok || m.Len() != 2 {
		t.Errorf("a PutAll with an invalid name stored files: %v", m.Paths())
	}
}
