package site

import "slices"

// Related lists again after a few stories changed. A story's list is the
// best RelatedMax others by score and then slug (see relate), and a score
// depends on the two stories alone, so when the stories X change (their
// tags, category, region or year; or they are new, or gone), the list of
// another story S can change only when it held one of them, or when a
// changed X now beats the last of S's list. Every other list stays as it
// is. The lists are those relate gives.

// maxIncremental is how many changed stories relateFrom works around;
// beyond, it relates every story afresh.
const maxIncremental = 32

// full returns candidate o's score for st, tags included, as related
// counts it.
func (ix *relatedIndex) full(st, o *Story) scored {
	shared := 0
	for _, t := range st.Tags {
		for _, u := range o.Tags {
			if t == u {
				shared++
			}
		}
	}
	i, j := ix.rank[st], ix.rank[o]
	return scored{j, min(shared, 255)*RelatedTagWeight + ix.score(i, j)}
}

// mayTake reports whether st, whose list is list (as it was, of stories
// whose scores with st are unchanged), may take x.
func (ix *relatedIndex) mayTake(st *Story, list []*Story, x *Story) bool {
	if len(list) < RelatedMax {
		return true // st took every story sharing anything, or fills up by slug
	}
	c := ix.full(st, x)
	return c.score > 0 && c.better(ix.full(st, list[len(list)-1]))
}

// relateAround brings the related lists up to date after the stories xs
// changed in place (their objects kept, see Patch and Move) and returns
// the stories whose list changed, in the site's order.
func (s *Site) relateAround(xs ...*Story) []*Story {
	ix := s.relatedIndexFor(xs)
	var changed []*Story
	for _, st := range s.Stories {
		redo := false
		for _, x := range xs {
			if st == x || slices.Contains(st.Related, x) || ix.mayTake(st, st.Related, x) {
				redo = true
				break
			}
		}
		if !redo {
			continue
		}
		if r := ix.related(st); !slices.Equal(r, st.Related) {
			st.Related = r
			changed = append(changed, st)
		}
	}
	return changed
}

// relateFrom fills in every story's Related list, taking the lists of
// prev, an earlier model of the same site, for the stories they cannot
// have changed in (see the comment above).
func (s *Site) relateFrom(prev *Site) {
	if prev == nil {
		s.relate()
		return
	}
	old := make(map[string]*Story, len(prev.Stories))
	for _, p := range prev.Stories {
		old[p.Slug] = p
	}
	cur := make(map[string]*Story, len(s.Stories))
	var xs []*Story
	gone := map[*Story]bool{} // of prev
	for _, st := range s.Stories {
		cur[st.Slug] = st
		if p := old[st.Slug]; p == nil || !sameRelation(p, st) {
			xs = append(xs, st)
			if p != nil {
				gone[p] = true
			}
		}
	}
	for _, p := range prev.Stories {
		if cur[p.Slug] == nil {
			gone[p] = true
		}
	}
	if len(old) != len(prev.Stories) || len(cur) != len(s.Stories) || len(xs)+len(gone) > maxIncremental {
		s.relate()
		return
	}
	ix := s.relatedIndexFor(nil)
	list := make([]*Story, 0, RelatedMax)
	for _, st := range s.Stories {
		p := old[st.Slug]
		redo := p == nil || gone[p]
		list = list[:0]
		for _, o := range p.relatedOrNil() {
			if gone[o] {
				redo = true
				break
			}
			list = append(list, cur[o.Slug])
		}
		for _, x := range xs {
			if redo {
				break
			}
			redo = ix.mayTake(st, list, x)
		}
		if redo {
			st.Related = ix.related(st)
		} else {
			st.Related = slices.Clone(list)
		}
	}
}

func (st *Story) relatedOrNil() []*Story {
	if st == nil {
		return nil
	}
	return st.Related
}

// sameRelation reports whether a and b, the same story in two models,
// have the same inputs to related lists: region, category, year and tags.
func sameRelation(a, b *Story) bool {
	return a.Region.Slug == b.Region.Slug && a.Category.Slug == b.Category.Slug && a.Year == b.Year &&
		slices.EqualFunc(a.Tags, b.Tags, func(x, y *Tag) bool { return x.Name == y.Name })
}
