// Package quantity handles the figures of the showcase's stories —
// 35家, 7000万元, 300余亿元, 近2万户次 — and their totals, as the content
// contract's section "Figures" describes them. It knows nothing of files or
// pages: the content stage parses front matter into Figures, the site stage
// adds them up per scope, the themes print them.
//
// # Numbers
//
// A [Decimal] is an exact decimal number. [ParseDecimal] reads the literals
// that YAML, TOML and JSON encoders write ("35", "0.5", "1e8");
// [FromInt64] and [FromFloat64] take what a decoder returns. Negative
// numbers, NaN and infinities are rejected: metrics are counts and amounts.
// Arithmetic is exact, so 0.1 + 0.2 is 0.3; [Decimal.Float64] is only for
// scaling charts.
//
// # Units
//
// A unit is free text. [Split] separates a magnitude prefix (万 = 10⁴,
// 亿 = 10⁸, and also 万亿, 千万, 百万) from the base unit, which is the
// dimension: 7000万元, 0.7亿元 and 70000000元 are the same amount. A prefix
// alone (万) is a scaled pure number, of the same dimension as a figure
// without a unit. Percentages and ratios (%, 倍 …) are their own
// dimensions and never add up ([Additive]).
//
// # Figures
//
// A [Figure] is a value, a unit and the editor's hedge: 余 or 多 (more
// than), 近 (nearly) or 约 (about). [Figure.String] writes it the way
// Chinese does: 近 and 约 before the number, 余 and 多 between number and
// unit (300余亿元), and 逾 before a number with decimals for 余 (逾1.2亿元).
//
// # Totals
//
// [Sum] adds figures of one dimension. The [Total] is shown in the largest
// prefix among 亿, 万 and none that keeps the number ≥ 1, with at most two
// decimals, trailing zeros trimmed (7000万元 + 0.5亿元 = 1.2亿元). Its
// hedge is none when no input is hedged, 余 when every hedge among the
// inputs is 余 or 多, 近 when every one is 近, and 约 otherwise — and 约 too
// when rounding to two decimals lost precision on an otherwise unhedged
// total. A 余 total is truncated rather than rounded, so that "more than"
// stays true. [Totals] groups a scope's metrics by name and dimension and
// sums each group, in order of first appearance.
//
// All functions are pure and safe for concurrent use.
package quantity
