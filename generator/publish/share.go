package publish

import "maps"

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
	m.mu.Lock()
	m.files[name] = data
	m.mu.Unlock()
	return nil
}

// Clone returns a new Memory with the same files, sharing their bytes
// (which no one modifies: a write replaces a file's slice). The dev server
// clones the site it serves and replaces what an edit changed.
func (m *Memory) Clone() *Memory {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return &Memory{min: m.min, files: maps.Clone(m.files)}
}
