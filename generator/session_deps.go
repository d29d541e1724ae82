package generator

import (
	"context"
	"fmt"
	"iter"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/render"
)

// keyTable numbers the keys of the model that the cached pages read
// (render.Key) and holds the version each had in the last build, so that
// a build computes each key's version once and checks a page by looking
// up its keys' numbers.
type keyTable struct {
	mu   sync.RWMutex // for intern, from the goroutines that render pages
	ids  map[render.Key]int32
	keys []render.Key
	vers []render.Version
	// The keys' numbers by kind, and by kind and ID (a list's keys share
	// both), so that a build finds the keys a change can have touched
	// without looking at the others (dirtyIDs).
	byKind [numKinds][]int32
	byID   map[kindID][]int32
	other  []int32 // keys of kinds from numKinds on
	// checked is how many keys the table had when compact last looked.
	checked int
}

// kindID is a key without its place in a list.
type kindID struct {
	kind render.KeyKind
	id   string
}

func newKeyTable() *keyTable {
	return &keyTable{ids: map[render.Key]int32{}, byID: map[kindID][]int32{}}
}

// add numbers the key k, with version v.
func (t *keyTable) add(k render.Key, v render.Version) int32 {
	id := int32(len(t.keys))
	t.ids[k] = id
	t.keys = append(t.keys, k)
	t.vers = append(t.vers, v)
	if int(k.Kind) >= numKinds {
		t.other = append(t.other, id)
	} else {
		t.byKind[k.Kind] = append(t.byKind[k.Kind], id)
	}
	ki := kindID{k.Kind, k.ID}
	t.byID[ki] = append(t.byID[ki], id)
	return id
}

// dirtyIDs returns the numbers of the keys d holds (dirtyKeys.has), each
// once, in no particular order: looked up by kind and ID, not by a walk
// over every key.
func (t *keyTable) dirtyIDs(d *dirtyKeys) []int32 {
	seen := make([]bool, len(t.keys))
	var out []int32
	add := func(ids []int32) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	add(t.other)
	for k, all := range d.all {
		if all {
			add(t.byKind[k])
		}
	}
	for slug := range d.stories {
		for _, k := range storyKinds {
			add(t.byID[kindID{k, slug}])
		}
	}
	for k, ids := range d.ids {
		for id := range ids {
			add(t.byID[kindID{render.KeyKind(k), id}])
		}
	}
	if len(d.years) > 0 {
		for _, k := range yearKinds {
			for _, id := range t.byKind[k] {
				if reg, ok := yearRegion(t.keys[id].ID); ok && d.years[reg] && !seen[id] {
					seen[id] = true
					out = append(out, id)
				}
			}
		}
	}
	return out
}

// update computes the version of every key in the model of vers that
// dirty holds (nil: every key; the others keep their version), returns
// which changed since the last build, and keeps the new versions. With
// check, it computes the others too and fails if one changed, or if
// dirtyIDs left out a key dirty holds.
func (t *keyTable) update(ctx context.Context, vers *render.Versions, dirty *dirtyKeys, check bool) ([]bool, error) {
	changed := make([]bool, len(t.keys))
	const chunk = 256
	if dirty == nil {
		err := parallel(ctx, (len(t.keys)+chunk-1)/chunk, func(c int) error {
			for i := c * chunk; i < min((c+1)*chunk, len(t.keys)); i++ {
				v := vers.Of(t.keys[i])
				changed[i] = t.vers[i] != v
				t.vers[i] = v
			}
			return nil
		})
		return changed, err
	}
	ids := t.dirtyIDs(dirty)
	var done []bool
	if check {
		done = make([]bool, len(t.keys))
		for _, id := range ids {
			done[id] = true
		}
	}
	err := parallel(ctx, (len(ids)+chunk-1)/chunk, func(c int) error {
		for _, i := range ids[c*chunk : min((c+1)*chunk, len(ids))] {
			v := vers.Of(t.keys[i])
			changed[i] = t.vers[i] != v
			t.vers[i] = v
		}
		return nil
	})
	if err != nil || !check {
		return changed, err
	}
	for i, k := range t.keys {
		switch {
		case done[i]:
		case dirty.has(k):
			return nil, fmt.Errorf("key %s may have changed, but dirtyIDs left it out", k)
		case t.vers[i] != vers.Of(k):
			return nil, fmt.Errorf("key %s changed, but the model change was not to touch it", k)
		}
	}
	return changed, nil
}

// intern returns the numbers of the keys d, numbering new keys with their
// version in the model of vers. Most keys have numbers already: they are
// looked up under a read lock, so that pages rendering side by side do
// not wait for each other.
func (t *keyTable) intern(d render.Deps, vers *render.Versions) []int32 {
	out := make([]int32, len(d))
	missing := false
	t.mu.RLock()
	for i, k := range d {
		id, ok := t.ids[k]
		if !ok {
			id, missing = -1, true
		}
		out[i] = id
	}
	t.mu.RUnlock()
	if !missing {
		return out
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, k := range d {
		if out[i] >= 0 {
			continue
		}
		id, ok := t.ids[k] // numbered by another page meanwhile
		if !ok {
			id = t.add(k, vers.Of(k))
		}
		out[i] = id
	}
	return out
}

// compact drops the keys no page or card reads when they are most of the
// table, renumbering the pages' and cards' keys, and in place those of
// more. It looks only when the table has doubled since it last looked, so
// that it costs nothing on most builds and the table stays within a few
// times the keys in use.
func (t *keyTable) compact(pages map[string]*cachedPage, cards map[string]*cachedCard, more iter.Seq[[]int32]) {
	if len(t.keys) < 4096 || len(t.keys) < 2*t.checked {
		return
	}
	t.checked = len(t.keys)
	used := make([]bool, len(t.keys))
	n := 0
	mark := func(ids []int32) {
		for _, id := range ids {
			if !used[id] {
				used[id] = true
				n++
			}
		}
	}
	for _, e := range pages {
		mark(e.deps)
		if e.shell != nil {
			mark(e.shell.ids)
		}
	}
	for _, e := range cards {
		mark(e.ids)
	}
	for ids := range more {
		mark(ids)
	}
	if n > len(t.keys)/2 {
		return
	}
	renum := make([]int32, len(t.keys))
	nt := newKeyTable()
	for id, u := range used {
		if u {
			renum[id] = nt.add(t.keys[id], t.vers[id])
		}
	}
	for _, e := range pages {
		for i, id := range e.deps {
			e.deps[i] = renum[id]
		}
		if e.shell != nil {
			for i, id := range e.shell.ids {
				e.shell.ids[i] = renum[id]
			}
		}
	}
	for _, e := range cards {
		for i, id := range e.ids {
			e.ids[i] = renum[id]
		}
	}
	for ids := range more {
		for i, id := range ids {
			ids[i] = renum[id]
		}
	}
	nt.checked = len(nt.keys)
	t.ids, t.keys, t.vers, t.byKind, t.byID, t.other, t.checked = nt.ids, nt.keys, nt.vers, nt.byKind, nt.byID, nt.other, nt.checked
}
