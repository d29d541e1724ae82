package site

// Relate recomputes every story's related list, for benchmarks outside the
// package.
func (s *Site) Relate() { s.relate() }
