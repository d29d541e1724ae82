package site

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// keptIndexMatches fails t when the index s kept (if any) differs from
// one made afresh over the same stories, the lazy parts it made (the
// fill-up lists, the group and tag bitsets) included. Categories and
// regions are compared by slug, since the two may number them apart.
func keptIndexMatches(t *testing.T, s *Site, step int) {
	t.Helper()
	ix := s.relIx
	if ix == nil {
		return
	}
	fresh := newRelatedIndex(s.slugOrder())
	if ix.byCat != nil {
		fresh.fill()
	}
	if ix.catBits != nil {
		fresh.groupBits()
	}
	for tag := range ix.bits {
		fresh.tagBits(tag)
	}
	if got, want := describeIndex(ix), describeIndex(fresh); got != want {
		t.Fatalf("step %d: the kept related index differs from a new one:\n%s", step, firstDiff(got, want))
	}
}

// describeIndex writes out what an index holds, by slug.
func describeIndex(ix *relatedIndex) string {
	var b strings.Builder
	cats := make(map[int32]string)
	for c, n := range ix.catNo {
		cats[n] = c.Slug
	}
	regs := make(map[int32]string)
	for r, n := range ix.regNo {
		regs[n] = r.Slug
	}
	bitsOf := func(words []uint64) string {
		var out []string
		for j := range ix.bySlug {
			if words[j/64]&(1<<(j%64)) != 0 {
				out = append(out, ix.bySlug[j].Slug)
			}
		}
		return strings.Join(out, ",")
	}
	for i, st := range ix.bySlug {
		if ix.rank[st] != int32(i) {
			fmt.Fprintf(&b, "rank of %s is %d, not %d\n", st.Slug, ix.rank[st], i)
		}
		var tags []string
		for _, tag := range ix.tagsOf[i] {
			tags = append(tags, tag.Slug)
		}
		fmt.Fprintf(&b, "%d %s cat %s reg %s year %d tags %s\n", i, st.Slug, cats[ix.cat[i]], regs[ix.reg[i]], ix.year[i], strings.Join(tags, ","))
	}
	byTag := slices.SortedFunc(maps.Keys(ix.tags), func(a, b *Tag) int { return strings.Compare(a.Slug, b.Slug) })
	for _, tag := range byTag {
		fmt.Fprintf(&b, "tag %s %v\n", tag.Slug, ix.tags[tag])
	}
	withBits := slices.SortedFunc(maps.Keys(ix.bits), func(a, b *Tag) int { return strings.Compare(a.Slug, b.Slug) })
	for _, tag := range withBits {
		fmt.Fprintf(&b, "tag bits %s %s\n", tag.Slug, bitsOf(ix.bits[tag]))
	}
	var lines []string
	for n, words := range ix.catBits {
		lines = append(lines, fmt.Sprintf("cat bits %s %s", cats[int32(n)], bitsOf(words)))
	}
	for n, words := range ix.regBits {
		lines = append(lines, fmt.Sprintf("reg bits %s %s", regs[int32(n)], bitsOf(words)))
	}
	if ix.byCat != nil {
		for k, list := range ix.catReg {
			lines = append(lines, fmt.Sprintf("cat+reg %s %s: %s", cats[k[0]], regs[k[1]], slugsOf(list)))
		}
		for k, list := range ix.catYear {
			lines = append(lines, fmt.Sprintf("cat+year %s %d: %s", cats[k.id], k.year, slugsOf(list)))
		}
		for k, list := range ix.regYear {
			lines = append(lines, fmt.Sprintf("reg+year %s %d: %s", regs[k.id], k.year, slugsOf(list)))
		}
		for y, list := range ix.byYear {
			lines = append(lines, fmt.Sprintf("year %d: %s", y, slugsOf(list)))
		}
		for n, list := range ix.byCat {
			if len(list) > 0 {
				lines = append(lines, fmt.Sprintf("cat %s: %s", cats[int32(n)], slugsOf(list)))
			}
		}
		for n, list := range ix.byReg {
			if len(list) > 0 {
				lines = append(lines, fmt.Sprintf("reg %s: %s", regs[int32(n)], slugsOf(list)))
			}
		}
	}
	slices.Sort(lines)
	b.WriteString(strings.Join(lines, "\n"))
	return b.String()
}
