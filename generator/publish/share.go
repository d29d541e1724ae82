package publish

// Put stores data as the file name without copying or minifying it: the
// caller hands the slice over and must never modify it afterwards. The dev
// server's incremental builds use it so that snapshots share the bytes of
// unchanged files instead of copying the whole site on every edit.
func (m *Memory) Put(name string, data []byte) error {
	if err := checkPath("put", name); err != nil {
		return err
	}
	if data == nil {
		data = []byte{}
	}
	m.put(name, data)
	return nil
}

// maxDepth bounds the layers under a Memory: Clone flattens them beyond.
const maxDepth = 8

// Clone returns a new Memory with the same files, sharing their bytes
// (which no one modifies: a write replaces a file's slice). The dev server
// clones the site it serves and replaces what an edit changed.
//
// Clone costs what changed since the last Clone, not the size of the
// site: it freezes m's files as a layer that m and the clone both lie
// over, each then recording only its own changes. Every maxDepth clones
// the layers are merged into one, which costs a copy of the site's index.
func (m *Memory) Clone() *Memory {
	m.mu.Lock()
	defer m.mu.Unlock()
	l := &layer{files: m.files, gone: m.gone, base: m.base}
	if m.base != nil {
		l.depth = m.base.depth + 1
	}
	if l.depth >= maxDepth {
		l = &layer{files: l.flat()}
	}
	m.files, m.gone, m.base = map[string][]byte{}, nil, l
	return &Memory{files: map[string][]byte{}, base: l}
}
