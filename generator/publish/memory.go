package publish

import (
	"slices"
	"sync"
)

// A Memory is a Sink that keeps the site in memory, for the development
// server. It is safe for concurrent use by multiple goroutines.
//
// A Memory made by Clone holds only what changed since: its files lie over
// a frozen layer shared with the Memory it was cloned from (see Clone).
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
	// base is the frozen layer under files, nil for a flat Memory; gone
	// names the files of base deleted in this layer.
	base *layer
	gone map[string]bool
}

// layer is a frozen Memory layer: never modified once made.
type layer struct {
	files map[string][]byte
	gone  map[string]bool
	base  *layer
	depth int
}

// get looks name up in the layer and those under it.
func (l *layer) get(name string) ([]byte, bool) {
	for ; l != nil; l = l.base {
		if data, ok := l.files[name]; ok {
			return data, true
		}
		if l.gone[name] {
			return nil, false
		}
	}
	return nil, false
}

// flat returns the files of the layer and those under it in one map.
func (l *layer) flat() map[string][]byte {
	if l == nil {
		return map[string][]byte{}
	}
	out := l.base.flat()
	for name := range l.gone {
		delete(out, name)
	}
	for name, data := range l.files {
		out[name] = data
	}
	return out
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{files: make(map[string][]byte)}
}

// NewMemorySize returns an empty Memory with room for n files, for a
// caller that knows how many it will write (the dev server's next build
// writes about as many as its last).
func NewMemorySize(n int) *Memory {
	return &Memory{files: make(map[string][]byte, n)}
}

// Len returns the number of files of a flat Memory's own layer (every
// file, for a Memory not made by Clone).
func (m *Memory) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.files)
}

// WriteFile stores a copy of data as the file name, replacing an earlier
// one. It rejects invalid names as [Sink] says.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := checkPath("write", name); err != nil {
		return err
	}
	stored := slices.Clone(data)
	if stored == nil {
		stored = []byte{}
	}
	m.put(name, stored)
	return nil
}

// put stores data as name; the caller holds no lock.
func (m *Memory) put(name string, data []byte) {
	m.mu.Lock()
	m.files[name] = data
	delete(m.gone, name)
	m.mu.Unlock()
}

// Get returns the file name and whether it exists. The caller must not
// modify the returned slice: a later WriteFile replaces it rather than
// changing it, so it stays valid.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if data, ok := m.files[name]; ok {
		return data, true
	}
	if m.gone[name] {
		return nil, false
	}
	return m.base.get(name)
}

// Paths returns the names of all files, sorted.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	files := m.files
	if m.base != nil {
		files = (&layer{files: m.files, gone: m.gone, base: m.base}).flat()
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	m.mu.RUnlock()
	slices.Sort(names)
	return names
}

// Delete removes the file name; deleting a missing file does nothing.
func (m *Memory) Delete(name string) {
	m.mu.Lock()
	delete(m.files, name)
	if _, ok := m.base.get(name); ok {
		if m.gone == nil {
			m.gone = map[string]bool{}
		}
		m.gone[name] = true
	}
	m.mu.Unlock()
}
