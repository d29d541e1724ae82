package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// TestSortStories checks the keyed sort against Less on random stories
// with colliding weights and dates.
func TestSortStories(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		var stories []*content.Story
		for i := range n {
			stories = append(stories, &content.Story{
				Slug:   fmt.Sprintf("s%03d", r.IntN(1000)*1000+i),
				Weight: []int{0, 0, 0, 1, 2, -1}[r.IntN(6)],
				Date:   time.Date(2004+r.IntN(5), time.Month(1+r.IntN(2)), 1, 0, 0, 0, 0, content.Shanghai),
			})
		}
		want := slices.Clone(stories)
		sort.SliceStable(want, func(i, j int) bool { return Less(want[i], want[j]) })
		sortStories(stories)
		if !slices.Equal(stories, want) {
			t.Fatalf("n=%d: sortStories differs from Less", n)
		}
	}
}

// TestSortAwards checks the counting sort against a stable sort by year
// and level.
func TestSortAwards(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	levels := append(slices.Clone(content.Levels), "other")
	for n := range 200 {
		var a []AwardRef
		for i := range n {
			a = append(a, AwardRef{Award: content.Award{Year: 2000 + r.IntN(8), Level: levels[r.IntN(len(levels))], Name: fmt.Sprint(i)}})
		}
		if n%50 == 49 {
			a[0].Year = -100000 // a span too wide to count
		}
		want := slices.Clone(a)
		sort.SliceStable(want, func(i, j int) bool {
			if want[i].Year != want[j].Year {
				return want[i].Year < want[j].Year
			}
			return levelRank(want[i].Level) < levelRank(want[j].Level)
		})
		sortAwards(a)
		if !slices.Equal(a, want) {
			t.Fatalf("n=%d: sortAwards differs from a stable sort", n)
		}
	}
}
