package publish

import (
	"slices"
	"sync"
)

// A Memory is a Sink that keeps the site in memory, for the development
// server. It is safe for concurrent use by multiple goroutines.
//
// Besides files written whole, a Memory holds lazy files (PutLazy): made
// on their first Get, for large files that a build rarely needs to serve,
// such as the open data.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
	lazy  map[string]*lazyFile // files made on their first Get; none in files
}

// lazyFile is a file made by its maker on first use, once.
type lazyFile struct {
	once sync.Once
	make func() []byte
	data []byte
}

// bytes returns the file's bytes, making them on the first call.
func (f *lazyFile) bytes() []byte {
	f.once.Do(func() {
		f.data = f.make()
		if f.data == nil {
			f.data = []byte{}
		}
		f.make = nil
	})
	return f.data
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

// Len returns the number of files, lazy ones included.
func (m *Memory) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.files) + len(m.lazy)
}

// WriteFile stores a copy of data as the file name, replacing an earlier
// one. It rejects invalid names as [Sink] says.
func (m *Memory) WriteFile(name string, data []byte) error {
	if err := checkPath("write", name); err != nil {
		return err
	}
	m.put(name, slices.Clone(data))
	return nil
}

// put stores data as name; the caller holds no lock.
func (m *Memory) put(name string, data []byte) {
	m.mu.Lock()
	m.store(name, data)
	m.mu.Unlock()
}

// store keeps data as the file name, an empty file for nil; the caller
// holds the lock.
func (m *Memory) store(name string, data []byte) {
	if data == nil {
		data = []byte{}
	}
	m.files[name] = data
	delete(m.lazy, name)
}

// Get returns the file name and whether it exists. The caller must not
// modify the returned slice: a later WriteFile replaces it rather than
// changing it, so it stays valid.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	data, ok := m.files[name]
	f := m.lazy[name]
	m.mu.RUnlock()
	if ok {
		return data, true
	}
	if f != nil {
		return f.bytes(), true
	}
	return nil, false
}

// Paths returns the names of all files, sorted.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	names := make([]string, 0, len(m.files)+len(m.lazy))
	for name := range m.files {
		names = append(names, name)
	}
	for name := range m.lazy {
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
	delete(m.lazy, name)
	m.mu.Unlock()
}
