package site

// Relate recomputes every story's related list, for benchmarks outside the
// package.
func (s *Site) Relate() { s.relate() }

// RelateAround brings the related lists up to date around st, as Patch
// and Move do, for benchmarks outside the package.
func (s *Site) RelateAround(st *Story) []*Story { return s.relateAround(st) }
