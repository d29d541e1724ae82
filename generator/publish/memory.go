package publish

import (
	"slices"
	"sync"
)

// A Memory is a Sink that keeps the site in memory, for the development
// server. It is safe for concurrent use by multiple goroutines.
type Memory struct {
	min   *Minifier
	mu    sync.RWMutex
	files map[string][]byte
}

// A MemoryOption configures a Memory.
type MemoryOption func(*Memory)

// WithMinifier makes WriteFile minify files by their extension with m.
func WithMinifier(m *Minifier) MemoryOption {
	return func(mem *Memory) { mem.min = m }
}

// NewMemory returns an empty Memory. By default it stores files as given.
func NewMemory(opts ...MemoryOption) *Memory {
	m := &Memory{files: make(map[string][]byte)}
	for _, o := range opts {
		o(m)
	}
	return m
}

// WriteFile stores a copy of data (minified, with WithMinifier) as the
// file name, replacing an earlier one. It rejects invalid names as
// [Sink] says.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := checkPath("write", name); err != nil {
		return err
	}
	var stored []byte
	if m.min != nil && m.min.Handles(name) {
		out, err := m.min.Minify(name, data)
		if err != nil {
			return err
		}
		stored = out // a fresh slice
	} else {
		stored = slices.Clone(data)
		if stored == nil {
			stored = []byte{}
		}
	}
	m.mu.Lock()
	m.files[name] = stored
	m.mu.Unlock()
	return nil
}

// Get returns the file name and whether it exists. The caller must not
// modify the returned slice: a later WriteFile replaces it rather than
// changing it, so it stays valid.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	data, ok := m.files[name]
	return data, ok
}

// Paths returns the names of all files, sorted.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	names := make([]string, 0, len(m.files))
	for name := range m.files {
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
	m.mu.Unlock()
}
