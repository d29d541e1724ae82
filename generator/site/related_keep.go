package site

import (
	"slices"
	"strings"
)

// The related index kept between edits. Patch and Move change a story's
// tags, category, region or year in place and then relate around it
// (relateAround); building the index again for that costs as much as the
// index holds (the ranks of every story, the tags' lists, the fill-up
// lists: a few milliseconds at 10,000 stories), while the edit moves one
// story between a few lists. So the Site keeps the index its last relate
// pass made (relIx) and moves the changed stories within it (update),
// which leaves it equal, but for the numbering of categories and regions,
// to an index made afresh. Add and Remove change the ranks of the stories
// after the one they add or take: they drop the index (dropRelated), and
// the next pass makes a new one.

// relatedIndexFor returns the index of the site's stories by slug, with
// the stories xs, changed in place since the index was made, moved to
// their new places in it.
func (s *Site) relatedIndexFor(xs []*Story) *relatedIndex {
	order := s.slugOrder()
	ix := s.relIx
	if ix != nil && !sameOrder(ix.bySlug, order) {
		ix = nil
	}
	if ix != nil {
		for _, x := range xs {
			if !ix.update(x) {
				ix = nil
				break
			}
		}
	}
	if ix == nil {
		ix = newRelatedIndex(order)
	}
	s.relIx = ix
	return ix
}

// dropRelated forgets the kept index, after the ranks changed.
func (s *Site) dropRelated() { s.relIx = nil }

// sameOrder reports whether a and b are the same slice.
func sameOrder(a, b []*Story) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// update moves story x to the lists of its present tags, category,
// region and year, and reports whether it could: false when x is not in
// the index or its category or region has no number (it had no stories
// when the index was made), and the caller makes a new index.
func (ix *relatedIndex) update(x *Story) bool {
	i, ok := ix.rank[x]
	if !ok {
		return false
	}
	c, okc := ix.catNo[x.Category]
	r, okr := ix.regNo[x.Region]
	if !okc || !okr {
		return false
	}
	y := int32(x.Year)
	oc, or, oy, oldTags := ix.cat[i], ix.reg[i], ix.year[i], ix.tagsOf[i]
	if c == oc && r == or && y == oy && slices.Equal(oldTags, x.Tags) {
		return true
	}
	for _, t := range oldTags {
		if !slices.Contains(x.Tags, t) {
			if list := removeRank(ix.tags[t], i); len(list) > 0 {
				ix.tags[t] = list
			} else {
				delete(ix.tags, t)
			}
			delete(ix.bits, t)
		}
	}
	for _, t := range x.Tags {
		if !slices.Contains(oldTags, t) {
			ix.tags[t] = insertRank(ix.tags[t], i)
			delete(ix.bits, t)
		}
	}
	ix.tagsOf[i] = x.Tags
	if ix.catBits != nil {
		ix.catBits[oc][i/64] &^= 1 << (i % 64)
		ix.regBits[or][i/64] &^= 1 << (i % 64)
		ix.catBits[c][i/64] |= 1 << (i % 64)
		ix.regBits[r][i/64] |= 1 << (i % 64)
	}
	if ix.byCat != nil {
		moveIn(ix.catReg, [2]int32{oc, or}, [2]int32{c, r}, x)
		moveIn(ix.catYear, idYear{oc, oy}, idYear{c, y}, x)
		moveIn(ix.regYear, idYear{or, oy}, idYear{r, y}, x)
		moveIn(ix.byYear, oy, y, x)
		ix.byCat[oc] = removeStory(ix.byCat[oc], x)
		ix.byCat[c] = insertStory(ix.byCat[c], x)
		ix.byReg[or] = removeStory(ix.byReg[or], x)
		ix.byReg[r] = insertStory(ix.byReg[r], x)
	}
	ix.cat[i], ix.reg[i], ix.year[i] = c, r, y
	return true
}

// moveIn moves x from list from of m to list to, dropping a list that
// becomes empty, as fill leaves no empty list.
func moveIn[K comparable](m map[K][]*Story, from, to K, x *Story) {
	if from == to {
		return
	}
	if list := removeStory(m[from], x); len(list) > 0 {
		m[from] = list
	} else {
		delete(m, from)
	}
	m[to] = insertStory(m[to], x)
}

// insertRank and removeRank keep a tag's list of ranks sorted.
func insertRank(list []int32, i int32) []int32 {
	at, found := slices.BinarySearch(list, i)
	if found {
		return list
	}
	return slices.Insert(list, at, i)
}

func removeRank(list []int32, i int32) []int32 {
	if at, found := slices.BinarySearch(list, i); found {
		return slices.Delete(list, at, at+1)
	}
	return list
}

// insertStory and removeStory keep a fill-up list in slug order.
func insertStory(list []*Story, x *Story) []*Story {
	at, found := slices.BinarySearchFunc(list, x.Slug, bySlug)
	if found {
		return list
	}
	return slices.Insert(list, at, x)
}

func removeStory(list []*Story, x *Story) []*Story {
	if at, found := slices.BinarySearchFunc(list, x.Slug, bySlug); found {
		return slices.Delete(list, at, at+1)
	}
	return list
}

func bySlug(o *Story, slug string) int { return strings.Compare(o.Slug, slug) }
