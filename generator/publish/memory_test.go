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

// TestMemoryCloneLayers runs random writes, deletes and clones against a
// plain map per Memory and checks every Memory still holds exactly its
// own files, however many layers lie under it.
func TestMemoryCloneLayers(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	type pair struct {
		m    *Memory
		want map[string]string
	}
	mems := []pair{{NewMemory(), map[string]string{}}}
	names := []string{"a", "b/c", "d/index.html", "e.xml", "f"}
	for step := range 3000 {
		k := rng.IntN(len(mems))
		p := mems[k]
		name := names[rng.IntN(len(names))]
		switch rng.IntN(4) {
		case 0:
			data := fmt.Sprint(step)
			if err := p.m.Put(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
			p.want[name] = data
		case 1:
			p.m.Delete(name)
			delete(p.want, name)
		case 2:
			c := p.m.Clone()
			mems = append(mems, pair{c, maps.Clone(p.want)})
			if len(mems) > 6 {
				mems = mems[1:]
			}
		case 3:
			data := fmt.Sprint("w", step)
			if err := p.m.WriteFile(name, []byte(data)); err != nil {
				t.Fatal(err)
			}
			p.want[name] = data
		}
		for i, q := range mems {
			for _, n := range names {
				got, ok := q.m.Get(n)
				want, wok := q.want[n]
				if ok != wok || string(got) != want {
					t.Fatalf("step %d, memory %d, %s: got %q %v, want %q %v", step, i, n, got, ok, want, wok)
				}
			}
			if got, want := q.m.Paths(), slices.Sorted(maps.Keys(q.want)); !slices.Equal(got, want) {
				t.Fatalf("step %d, memory %d: paths %v, want %v", step, i, got, want)
			}
		}
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
