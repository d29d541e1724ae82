package quantity

import (
	"fmt"
	"strings"
)

// The hedges an editor may put on a figure, taken from the source's own
// wording, and 逾, the form of 余 before a number with decimals.
const (
	qMore   = "余" // more than: 300余亿元
	qDuo    = "多" // more than, colloquial: 6000多名
	qNearly = "近" // nearly, a little under: 近2万户次
	qAbout  = "约" // about: 约3亿元
	qOver   = "逾" // more than, before a number with decimals: 逾1.2亿元
)

// ValidQualifier reports whether q is a qualifier an editor may write: ""
// (none), 余, 多, 近 or 约. 逾 is this package's display form of 余, not an
// input.
func ValidQualifier(q string) bool {
	switch q {
	case "", qMore, qDuo, qNearly, qAbout:
		return true
	}
	return false
}

// A Figure is one measured result as an editor wrote it: 300 亿元 余.
type Figure struct {
	Value     Decimal // the number as written, in Unit
	Unit      string  // free text, possibly with a 万/亿 prefix: 家, 万元, 亿元, 户次
	Qualifier string  // "", 余, 多, 近 or 约
}

// String returns the figure in the editor's own form, with the hedge where
// Chinese puts it: 近 and 约 before the number (近2万户次, 约3亿元), 余 and
// 多 between number and unit (300余亿元, 6000多名), nothing for an unhedged
// figure (35家, 7000万元). 余 on a number with decimals is written 逾
// before it (逾1.2亿元), since "1.2余亿元" is not Chinese. Any other
// qualifier, which Validate rejects, is written before the number.
func (f Figure) String() string {
	return format(f.Value, f.Unit, f.Qualifier)
}

func format(v Decimal, unit, q string) string {
	num := v.String()
	switch q {
	case "":
		return num + unit
	case qMore:
		if !v.IsInt() {
			return qOver + num + unit
		}
		return num + q + unit
	case qDuo:
		return num + q + unit
	default:
		return q + num + unit
	}
}

// Validate reports a figure an editor must correct: an unknown qualifier,
// or a unit with surrounding white space or line breaks.
func (f Figure) Validate() error {
	if !ValidQualifier(f.Qualifier) {
		return fmt.Errorf("quantity: unknown qualifier %q (want 余, 多, 近 or 约, or none)", f.Qualifier)
	}
	if strings.TrimSpace(f.Unit) != f.Unit || strings.ContainsAny(f.Unit, "\r\n") {
		return fmt.Errorf("quantity: unit %q has white space around it or a line break", f.Unit)
	}
	return nil
}

// Dimension returns the base unit of f, the key under which figures add up:
// 元 for 万元 and 亿元.
func (f Figure) Dimension() string { return Dimension(f.Unit) }

// Base returns f's value in its base unit, exactly: 7000万元 → 70000000
// (元).
func (f Figure) Base() Decimal {
	scale, _ := Split(f.Unit)
	return f.Value.Shift(scale)
}
