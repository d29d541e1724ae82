package quantity

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestCombineRemove checks that combining and removing totals gives what
// Sum of the figures themselves gives, over random figures.
func TestCombineRemove(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	units := []string{"元", "万元", "亿元"}
	quals := []string{"", "", "", "余", "多", "近", "约"}
	values := []string{"0", "1", "35", "0.05", "7000", "1.2", "300", "9999.99", "12345678"}
	random := func(n int) []Figure {
		figs := make([]Figure, n)
		for i := range figs {
			v, err := ParseDecimal(values[rng.IntN(len(values))])
			if err != nil {
				t.Fatal(err)
			}
			figs[i] = Figure{Value: v, Unit: units[rng.IntN(len(units))], Qualifier: quals[rng.IntN(len(quals))]}
		}
		return figs
	}
	same := func(what string, got, want Total) {
		t.Helper()
		if got.String() != want.String() || got.Count != want.Count || got.Exact.Cmp(want.Exact) != 0 || got.Hedges != want.Hedges || got.Base != want.Base {
			t.Fatalf("%s: got %s (%d, %v, %v), want %s (%d, %v, %v)", what, got, got.Count, got.Exact, got.Hedges, want, want.Count, want.Exact, want.Hedges)
		}
	}
	sum := func(figs []Figure) Total {
		t.Helper()
		tot, err := Sum(figs)
		if err != nil {
			t.Fatal(err)
		}
		return tot
	}
	for i := range 500 {
		a, b := random(1+rng.IntN(6)), random(1+rng.IntN(6))
		all := append(append([]Figure{}, a...), b...)
		what := fmt.Sprintf("case %d: %v + %v", i, a, b)
		same(what+" combined", Combine(sum(a), sum(b)), sum(all))
		rest, ok := Remove(sum(all), sum(b))
		if !ok {
			t.Fatalf("%s: Remove left nothing", what)
		}
		same(what+" removed", rest, sum(a))
	}
	if _, ok := Remove(sum(random(2)), sum(random(2))); ok {
		t.Error("Remove of every figure reported a total")
	}
}
