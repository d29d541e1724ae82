package quantity

import (
	"errors"
	"fmt"
	"math/big"
)

// Errors Sum returns, alone or wrapped; test for them with errors.Is.
var (
	// ErrEmpty reports a Sum of no figures.
	ErrEmpty = errors.New("quantity: no figures to add")
	// ErrNotAdditive reports figures in a unit that does not add up
	// across stories (see Additive).
	ErrNotAdditive = errors.New("percentages and ratios do not add up across stories")
	// ErrQualifier reports a qualifier other than "", 余, 多, 近 and 约.
	ErrQualifier = errors.New("unknown qualifier (want 余, 多, 近 or 约, or none)")
)

// A DimensionError reports two figures given to Sum whose units measure
// different things (家 and 万元), which cannot be added.
type DimensionError struct {
	Index int    // position of the offending figure in Sum's input, from 0
	Unit  string // its unit
	Want  string // the unit of the first figure, which it must match
}

// Error names both units and their dimensions.
func (e *DimensionError) Error() string {
	return fmt.Sprintf("quantity: cannot add figure %d in %q to figures in %q: dimensions %q and %q differ",
		e.Index+1, e.Unit, e.Want, Dimension(e.Unit), Dimension(e.Want))
}

// A Total is the sum of figures of one dimension, ready to display.
type Total struct {
	// Value is the number shown, in Unit: rounded half-up to at most two
	// decimals (truncated instead when Qualifier is 余, so that "more
	// than" stays true), trailing zeros trimmed.
	Value Decimal
	// Unit is the display unit: Base with the largest prefix among 亿, 万
	// and none that keeps Value ≥ 1 (16000万元 → 1.6亿元, 9999元 stays
	// 9999元). A value that rounding carries to 10000 moves up a prefix
	// (99999999元 → 约1亿元).
	Unit string
	// Qualifier is the total's hedge: "" when no input is hedged; 余 when
	// every hedge among the inputs is 余 or 多; 近 when every one is 近;
	// 约 otherwise, and also when the total would be unhedged but Value
	// lost precision in rounding.
	Qualifier string
	// Count is the number of figures added.
	Count int
	// Exact is the exact sum in Base, for charts and comparisons.
	Exact Decimal
	// Base is the dimension: the unit without its 万/亿 prefix.
	Base string
	// Hedges counts the figures by qualifier, so that totals can be
	// combined (Combine, Remove).
	Hedges Hedges
}

// String returns the total as shown: 1.2亿元, 47家, 2.3万户次, 300余亿元,
// 逾1.2亿元 (余 before a number with decimals is written 逾), 近2.3万户次,
// 约1.23万人.
func (t Total) String() string { return format(t.Value, t.Unit, t.Qualifier) }

// Figure returns the total as a Figure, as displayed.
func (t Total) Figure() Figure {
	return Figure{Value: t.Value, Unit: t.Unit, Qualifier: t.Qualifier}
}

// displayScales are the prefixes a total may be shown in, largest first.
var displayScales = []int{8, 4, 0}

// Sum adds figures of one dimension in exact decimal arithmetic
// (0.1 + 0.2 = 0.3) and returns their Total. Units differing only by a 万/亿
// prefix are the same dimension (7000万元 + 0.5亿元 = 1.2亿元). It fails
// with ErrEmpty for no figures, a *DimensionError naming both units when
// the dimensions differ, an error wrapping ErrNotAdditive for percentages
// and ratios — which are never summed, even alone — and one wrapping
// ErrQualifier for an unknown qualifier.
func Sum(figs []Figure) (Total, error) {
	if len(figs) == 0 {
		return Total{}, ErrEmpty
	}
	base := figs[0].Dimension()
	for i, f := range figs {
		if f.Dimension() != base {
			return Total{}, &DimensionError{Index: i, Unit: f.Unit, Want: figs[0].Unit}
		}
	}
	if !Additive(base) {
		return Total{}, fmt.Errorf("quantity: figures in %q: %w", figs[0].Unit, ErrNotAdditive)
	}
	var exact Decimal
	var hedges Hedges
	for i, f := range figs {
		if !ValidQualifier(f.Qualifier) {
			return Total{}, fmt.Errorf("quantity: figure %d, qualifier %q: %w", i+1, f.Qualifier, ErrQualifier)
		}
		if k := hedgeIndex(f.Qualifier); k >= 0 {
			hedges[k]++
		}
		exact = exact.Add(f.Base())
	}
	return finish(exact, hedges, len(figs), base), nil
}

// Hedges counts the figures of a Total by qualifier: 余, 多, 近, 约.
type Hedges [4]int

var hedgeNames = [4]string{qMore, qDuo, qNearly, qAbout}

func hedgeIndex(q string) int {
	for k, h := range hedgeNames {
		if h == q {
			return k
		}
	}
	return -1
}

// finish returns the Total of count figures in the base unit whose exact
// sum is exact, with the given hedges, as it is displayed.
func finish(exact Decimal, hedges Hedges, count int, base string) Total {
	set := map[string]bool{}
	for k, n := range hedges {
		if n > 0 {
			set[hedgeNames[k]] = true
		}
	}
	q := combine(set)
	scale := 0
	for _, s := range displayScales {
		if exact.Cmp(one.Shift(s)) >= 0 {
			scale = s
			break
		}
	}
	value, lost := display(exact, scale, q)
	if scale < displayScales[0] && value.Cmp(one.Shift(4)) >= 0 {
		scale += 4
		value, lost = display(exact, scale, q)
	}
	if lost && q == "" {
		q = qAbout
	}
	return Total{
		Value:     value,
		Unit:      Join(scale, base),
		Qualifier: q,
		Count:     count,
		Exact:     exact,
		Base:      base,
		Hedges:    hedges,
	}
}

// Combine returns the Total of the figures of a and b together, as Sum of
// them all would; both must be of the same dimension (Base).
func Combine(a, b Total) Total {
	var h Hedges
	for k := range h {
		h[k] = a.Hedges[k] + b.Hedges[k]
	}
	return finish(a.Exact.Add(b.Exact), h, a.Count+b.Count, a.Base)
}

// Remove returns the Total of a's figures without b's, which must be among
// them, as Sum of the rest would; it reports false when no figure is left.
func Remove(a, b Total) (Total, bool) {
	if a.Count <= b.Count {
		return Total{}, false
	}
	var h Hedges
	for k := range h {
		h[k] = a.Hedges[k] - b.Hedges[k]
	}
	return finish(a.Exact.Sub(b.Exact), h, a.Count-b.Count, a.Base), true
}

var one = Decimal{mant: big.NewInt(1)}

// display returns exact in units of 10^scale with at most two decimals.
func display(exact Decimal, scale int, q string) (Decimal, bool) {
	v := exact.Shift(-scale)
	if q == qMore {
		return v.Truncate(2)
	}
	return v.Round(2)
}

// combine returns the hedge of a total whose inputs carry the given set of
// non-empty qualifiers.
func combine(hedges map[string]bool) string {
	switch {
	case len(hedges) == 0:
		return ""
	case len(hedges) == 1 && hedges[qNearly]:
		return qNearly
	}
	for h := range hedges {
		if h != qMore && h != qDuo {
			return qAbout
		}
	}
	return qMore
}

// A Named is one figure of a named metric, as a story lists it.
type Named struct {
	Name   string // the metric's name, compared exactly: 服务企业
	Figure Figure // its value
}

// A Group is the figures of one metric name and one dimension and, when
// they add up, their total.
type Group struct {
	Name      string   // the metric's name
	Dimension string   // the base unit shared by Figures
	Figures   []Figure // the inputs, in input order
	Total     Total    // their sum; the zero Total when Err is set
	Err       error    // why Figures were not summed (ErrNotAdditive, ErrQualifier), or nil
}

// Totals groups figures by metric name and dimension and sums each group,
// as a region page shows them. A name whose figures come in incompatible
// units (家 and 万元) gives one group per dimension. Groups are ordered by
// the first appearance of their name and dimension in items, so the result
// is deterministic. A group that cannot be summed — percentages, ratios,
// unknown qualifiers — keeps its Figures and reports why in Err, so a page
// can list them unsummed.
func Totals(items []Named) []Group {
	type key struct{ name, dim string }
	index := map[key]int{}
	var groups []Group
	for _, it := range items {
		k := key{it.Name, it.Figure.Dimension()}
		i, ok := index[k]
		if !ok {
			i = len(groups)
			index[k] = i
			groups = append(groups, Group{Name: k.name, Dimension: k.dim})
		}
		groups[i].Figures = append(groups[i].Figures, it.Figure)
	}
	for i := range groups {
		groups[i].Total, groups[i].Err = Sum(groups[i].Figures)
	}
	return groups
}
