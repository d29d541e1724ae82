package publish

// Put stores data as the file name without copying or minifying it: the
// caller hands the slice over and must never modify it afterwards. The dev
// server's incremental builds use it so that snapshots share the bytes of
// unchanged files instead of copying the whole site on every edit.
func (m *Memory) Put(name string, data []byte) error {
	if err := checkPath("put", name); err != nil {
		return err
	}
	m.put(name, data)
	return nil
}

// PutAll is Put for many files under one lock: names[i] gets data[i].
// It stores none when a name is invalid.
func (m *Memory) PutAll(names []string, data [][]byte) error {
	for _, name := range names {
		if err := checkPath("put", name); err != nil {
			return err
		}
	}
	m.mu.Lock()
	for i, name := range names {
		m.store(name, data[i])
	}
	m.mu.Unlock()
	return nil
}

// PutLazy stores the file name as the bytes make returns, called on the
// file's first Get and never again: make must read nothing that changes
// after PutLazy, and the caller must never modify the bytes it returns.
// The dev server's builds use it for large files that a reader rarely
// asks for while editing (the open data), so that an edit does not copy
// megabytes it will not serve. Len and Paths count a lazy file as any.
func (m *Memory) PutLazy(name string, make func() []byte) error {
	if err := checkPath("put", name); err != nil {
		return err
	}
	m.mu.Lock()
	delete(m.files, name)
	if m.lazy == nil {
		m.lazy = map[string]*lazyFile{}
	}
	m.lazy[name] = &lazyFile{make: make}
	m.mu.Unlock()
	return nil
}
