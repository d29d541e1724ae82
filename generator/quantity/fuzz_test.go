package quantity

import (
	"math/big"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParseDecimal checks that ParseDecimal never panics, that the String
// of a parsed value parses back to an equal value with the same String, and
// that Float64 agrees with strconv.ParseFloat on the same literal.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{
		"35", "0.5", "1.7", "7000", "300", "1e8", "1E+08", "2.5e-3", "1.20",
		"70000000", "0", "-0", ".5", "5.", "+35", "007", "", "abc", "NaN",
		"Inf", "-1", "1e", "1_000", "0x10", "1e1000", "1e-1000", "1e1001",
		"0.30000000000000004", "99999999.995", "三十五", "３５",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDecimal(s)
		if err != nil {
			if d.String() != "0" {
				t.Errorf("ParseDecimal(%q) failed but returned %s", s, d)
			}
			return
		}
		str := d.String()
		if strings.ContainsAny(str, "eE+-") || strings.HasSuffix(str, ".") ||
			strings.Contains(str, ".") && strings.HasSuffix(str, "0") {
			t.Errorf("ParseDecimal(%q).String() = %q is not canonical", s, str)
		}
		back, err := ParseDecimal(str)
		if err != nil {
			t.Fatalf("ParseDecimal(%q).String() = %q does not parse: %v", s, str, err)
		}
		if back.Cmp(d) != 0 || back.String() != str {
			t.Errorf("round trip of %q: %q became %q", s, str, back)
		}
		if want, _ := strconv.ParseFloat(s, 64); d.Float64() != want {
			t.Errorf("ParseDecimal(%q).Float64() = %v, strconv.ParseFloat says %v", s, d.Float64(), want)
		}
		if r, lost := d.Round(2); r.Places() > 2 || lost != (d.Places() > 2) {
			t.Errorf("%s.Round(2) = %s, %v", str, r, lost)
		}
		if sum := d.Add(d); sum.Cmp(d) < 0 || sum.Cmp(d.Shift(1)) > 0 {
			t.Errorf("%s + %s = %s is out of order", str, str, sum)
		}
	})
}

// FuzzSplit checks that Split never panics, returns a known scale and a base
// without white space, keeps valid UTF-8 valid, and that Join undoes it:
// Join(Split(u)) is u without white space, which splits the same way.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"万元", "亿元", "万户次", "家", "万", "亿", "", "万亿元", "千万元", "百万元",
		"万万元", " 万 元 ", "%", "个百分点", "千克", "\xe4\xb8", "万\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, unit string) {
		scale, base := Split(unit)
		switch scale {
		case 0, 4, 6, 7, 8, 12:
		default:
			t.Fatalf("Split(%q) scale = %d", unit, scale)
		}
		if strings.IndexFunc(base, unicode.IsSpace) >= 0 {
			t.Errorf("Split(%q) base %q has white space", unit, base)
		}
		if utf8.ValidString(unit) && !utf8.ValidString(base) {
			t.Errorf("Split(%q) base %q is not valid UTF-8", unit, base)
		}
		compact := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, unit)
		joined := Join(scale, base)
		if joined != compact {
			t.Errorf("Join(Split(%q)) = %q, want the unit without white space %q", unit, joined, compact)
		}
		if s2, b2 := Split(joined); s2 != scale || b2 != base {
			t.Errorf("Split(Join(Split(%q))) = %d %q, want %d %q", unit, s2, b2, scale, base)
		}
		if Dimension(unit) != base || Dimension(joined) != base {
			t.Errorf("Dimension(%q) = %q, Dimension(%q) = %q, want %q", unit, Dimension(unit), joined, Dimension(joined), base)
		}
	})
}

// FuzzSum checks that Sum never panics on two figures and that a total it
// returns is the exact sum, shown within rounding of it, with a valid hedge.
func FuzzSum(f *testing.F) {
	f.Add("7000", "万元", "", "0.5", "亿元", "余")
	f.Add("2", "万户次", "近", "3000", "户次", "近")
	f.Add("35", "家", "", "12", "家", "多")
	f.Add("99999999", "元", "", "0", "元", "")
	f.Add("15", "%", "", "20", "%", "")
	f.Add("0.1", "元", "约", "0.2", "元", "逾")
	f.Fuzz(func(t *testing.T, va, ua, qa, vb, ub, qb string) {
		a, errA := ParseDecimal(va)
		b, errB := ParseDecimal(vb)
		if errA != nil || errB != nil {
			return
		}
		in := []Figure{{a, ua, qa}, {b, ub, qb}}
		total, err := Sum(in)
		if err != nil {
			if total.Count != 0 || total.String() != "0" {
				t.Errorf("Sum(%v) failed with %v but returned %+v", in, err, total)
			}
			return
		}
		exact := in[0].Base().Add(in[1].Base())
		if total.Exact.Cmp(exact) != 0 || total.Count != 2 {
			t.Fatalf("Sum(%v).Exact = %s, want %s", in, total.Exact, exact)
		}
		if total.Value.Places() > 2 || !ValidQualifier(total.Qualifier) || total.Qualifier == "多" {
			t.Errorf("Sum(%v) = %+v", in, total)
		}
		scale, base := Split(total.Unit)
		if base != total.Base || scale != 0 && scale != 4 && scale != 8 {
			t.Errorf("Sum(%v).Unit = %q for base %q", in, total.Unit, total.Base)
		}
		// |Value×10^scale − Exact| ≤ 0.01×10^scale, and exact only when unhedged.
		shown := total.Value.Shift(scale)
		diff := shown.Add(neg(exact))
		if diff.mant != nil && diff.mant.Sign() < 0 {
			diff = neg(diff)
		}
		if diff.Cmp(one.Shift(scale-2)) > 0 {
			t.Errorf("Sum(%v) = %s is too far from %s", in, total, exact)
		}
		if total.Qualifier == "" && shown.Cmp(exact) != 0 {
			t.Errorf("Sum(%v) = %s is unhedged but not exact (%s)", in, total, exact)
		}
		if total.Qualifier == "余" && shown.Cmp(exact) > 0 {
			t.Errorf("Sum(%v) = %s says more than %s but the sum is %s", in, total, shown, exact)
		}
		if !total.Value.IsZero() && total.Value.Cmp(one) < 0 && scale != 0 {
			t.Errorf("Sum(%v) = %s is under 1 in a prefixed unit", in, total)
		}
	})
}

// neg returns −d; the package itself never makes negative Decimals.
func neg(d Decimal) Decimal {
	if d.IsZero() {
		return d
	}
	return Decimal{mant: new(big.Int).Neg(d.mant), exp: d.exp}
}
