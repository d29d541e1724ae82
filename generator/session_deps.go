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
	mu   sync.Mutex
	ids  map[render.Key]int32
	keys []render.Key
	vers []render.Version
	// checked is how many keys the table had when compact last looked.
	checked int
}

func newKeyTable() *keyTable { return &keyTable{ids: map[render.Key]int32{}} }

// update computes the version of every key in the model of vers that
// dirty holds (nil: every key; the others keep their version), returns
// which changed since the last build, and keeps the new versions. With
// check, it computes the others too and fails if one changed.
func (t *keyTable) update(ctx context.Context, vers *render.Versions, dirty *dirtyKeys, check bool) ([]bool, error) {
	changed := make([]bool, len(t.keys))
	const chunk = 256
	err := parallel(ctx, (len(t.keys)+chunk-1)/chunk, func(c int) error {
		for i := c * chunk; i < min((c+1)*chunk, len(t.keys)); i++ {
			k := t.keys[i]
			if !dirty.has(k) {
				if check && t.vers[i] != vers.Of(k) {
					return fmt.Errorf("key %s changed, but the model change was not to touch it", k)
				}
				continue
			}
			v := vers.Of(k)
			changed[i] = t.vers[i] != v
			t.vers[i] = v
		}
		return nil
	})
	return changed, err
}

// intern returns the numbers of the keys d, numbering new keys with their
// version in the model of vers.
func (t *keyTable) intern(d render.Deps, vers *render.Versions) []int32 {
	out := make([]int32, len(d))
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, k := range d {
		id, ok := t.ids[k]
		if !ok {
			id = int32(len(t.keys))
			t.ids[k] = id
			t.keys = append(t.keys, k)
			t.vers = append(t.vers, vers.Of(k))
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
			renum[id] = int32(len(nt.keys))
			nt.ids[t.keys[id]] = renum[id]
			nt.keys = append(nt.keys, t.keys[id])
			nt.vers = append(nt.vers, t.vers[id])
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
	t.ids, t.keys, t.vers, t.checked = nt.ids, nt.keys, nt.vers, len(nt.keys)
}
