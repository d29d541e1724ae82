package quantity

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Limits on what ParseDecimal accepts. They keep every Decimal printable in
// a few kilobytes: an editor's figure never comes near them, and
// strconv.FormatFloat(f, 'f', -1, 64) stays inside them for every finite
// float64.
const (
	// MaxInputLen is the longest literal ParseDecimal reads, in bytes.
	MaxInputLen = 2000
	// MaxExponent bounds the power of ten of the most and least
	// significant digits of a parsed Decimal: its magnitude is below
	// 10^(MaxExponent+1) and it has at most MaxExponent decimals.
	MaxExponent = 1000
)

// Errors a *ParseError wraps; test for them with errors.Is.
var (
	// ErrSyntax reports a literal that is not a plain decimal number.
	ErrSyntax = errors.New("not a plain decimal number (want digits such as 35, 0.5, 1.7 or 1e8)")
	// ErrNegative reports a negative number: metrics are counts and amounts.
	ErrNegative = errors.New("negative numbers are not allowed: metrics are counts and amounts")
	// ErrNotFinite reports NaN or an infinity.
	ErrNotFinite = errors.New("not a finite number: metrics are counts and amounts")
	// ErrRange reports a literal beyond MaxInputLen or MaxExponent.
	ErrRange = errors.New("number too long, too large or too precise")
)

// A ParseError records a literal that ParseDecimal, FromInt64 or
// FromFloat64 rejected, and why.
type ParseError struct {
	Input string // the rejected literal
	Err   error  // ErrSyntax, ErrNegative, ErrNotFinite or ErrRange
}

// Error returns "quantity: invalid number "…": reason", with a long input
// shortened.
func (e *ParseError) Error() string {
	in := e.Input
	if len(in) > 64 {
		in = in[:64] + "…"
	}
	return "quantity: invalid number " + strconv.Quote(in) + ": " + e.Err.Error()
}

// Unwrap returns the reason, one of the package's Err values.
func (e *ParseError) Unwrap() error { return e.Err }

// A Decimal is an exact decimal number: an integer of any size times a power
// of ten. The zero value is 0. A Decimal is immutable: every method returns
// a new value, so Decimals may be copied freely and used from several
// goroutines at once.
//
// Values made by this package are normalized, so equal numbers have equal
// String forms. Compare Decimals with Cmp, not ==.
type Decimal struct {
	mant *big.Int // nil means 0; never shared with a caller that mutates it
	exp  int
}

var (
	bigOne = big.NewInt(1)
	bigTen = big.NewInt(10)
)

// pow10 returns 10^n for n ≥ 0 as a new big.Int.
func pow10(n int) *big.Int {
	return new(big.Int).Exp(bigTen, big.NewInt(int64(n)), nil)
}

// newDecimal returns mant × 10^exp normalized; it takes ownership of mant.
func newDecimal(mant *big.Int, exp int) Decimal {
	if mant == nil || mant.Sign() == 0 {
		return Decimal{}
	}
	s := mant.Text(10)
	z := len(s) - len(strings.TrimRight(s, "0"))
	if z > 0 {
		mant.Quo(mant, pow10(z))
		exp += z
	}
	return Decimal{mant: mant, exp: exp}
}

// ParseDecimal parses a plain non-negative decimal literal as YAML, TOML and
// JSON encoders and strconv.FormatFloat(f, 'f', -1, 64) write it: digits
// with an optional decimal point and an optional exponent ("35", "0.5",
// "1.7", "7000", "1e8", "1.5E+3"). A leading "+" is allowed, as are ".5" and
// "5.". It rejects the empty string, words, spaces, underscores,
// hexadecimal, NaN and infinities, and negative numbers — metrics are counts
// and amounts — except a signed zero such as "-0", which is 0. The error is
// a *ParseError.
func ParseDecimal(s string) (Decimal, error) {
	fail := func(err error) (Decimal, error) {
		return Decimal{}, &ParseError{Input: s, Err: err}
	}
	if len(s) > MaxInputLen {
		return fail(ErrRange)
	}
	t := s
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	switch strings.ToLower(strings.TrimPrefix(t, ".")) {
	case "nan", "inf", "infinity":
		return fail(ErrNotFinite)
	}
	mantissa, exponent, hasExp := t, "", false
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		mantissa, exponent, hasExp = t[:i], t[i+1:], true
	}
	intPart, fracPart, _ := strings.Cut(mantissa, ".")
	if intPart == "" && fracPart == "" || !allDigits(intPart) || !allDigits(fracPart) {
		return fail(ErrSyntax)
	}
	exp, expOK := 0, true
	if hasExp {
		e := exponent
		if e != "" && (e[0] == '+' || e[0] == '-') {
			e = e[1:]
		}
		if e == "" || !allDigits(e) {
			return fail(ErrSyntax)
		}
		n, err := strconv.Atoi(exponent)
		expOK = err == nil && n <= 10*MaxExponent && n >= -10*MaxExponent
		exp = n
	}
	digits := strings.TrimLeft(intPart+fracPart, "0")
	if digits == "" {
		return Decimal{}, nil // zero, whatever its sign or exponent
	}
	if neg {
		return fail(ErrNegative)
	}
	if !expOK {
		return fail(ErrRange)
	}
	exp -= len(fracPart)
	trimmed := strings.TrimRight(digits, "0")
	exp += len(digits) - len(trimmed)
	// The most significant digit stands at 10^(exp+len(trimmed)-1).
	if exp < -MaxExponent || exp+len(trimmed)-1 > MaxExponent {
		return fail(ErrRange)
	}
	mant, ok := new(big.Int).SetString(trimmed, 10)
	if !ok {
		return fail(ErrSyntax)
	}
	return Decimal{mant: mant, exp: exp}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// FromInt64 returns n as a Decimal; a negative n is an ErrNegative
// *ParseError. It suits the integers a TOML or JSON decoder returns.
func FromInt64(n int64) (Decimal, error) {
	if n < 0 {
		return Decimal{}, &ParseError{Input: strconv.FormatInt(n, 10), Err: ErrNegative}
	}
	return newDecimal(big.NewInt(n), 0), nil
}

// FromFloat64 returns the shortest decimal that reads back as f, the number
// an editor wrote as 0.5 or 1.7 (strconv.FormatFloat(f, 'f', -1, 64)), not
// the binary expansion of f. NaN, infinities and negative numbers are
// rejected with a *ParseError.
func FromFloat64(f float64) (Decimal, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Decimal{}, &ParseError{Input: strconv.FormatFloat(f, 'g', -1, 64), Err: ErrNotFinite}
	}
	return ParseDecimal(strconv.FormatFloat(f, 'f', -1, 64))
}

// String returns d in canonical form: plain digits with a decimal point only
// when d has decimals, no exponent, no leading or trailing zeros beyond the
// one before the point ("1.2", "70000000", "0.05", "0").
func (d Decimal) String() string {
	if d.mant == nil || d.mant.Sign() == 0 {
		return "0"
	}
	digits := new(big.Int).Abs(d.mant).Text(10)
	var b strings.Builder
	if d.mant.Sign() < 0 {
		b.WriteByte('-')
	}
	switch {
	case d.exp >= 0:
		b.Grow(len(digits) + d.exp)
		b.WriteString(digits)
		for range d.exp {
			b.WriteByte('0')
		}
	case -d.exp >= len(digits):
		b.WriteString("0.")
		for range -d.exp - len(digits) {
			b.WriteByte('0')
		}
		b.WriteString(digits)
	default:
		point := len(digits) + d.exp
		b.WriteString(digits[:point])
		b.WriteByte('.')
		b.WriteString(digits[point:])
	}
	return b.String()
}

// align returns the mantissas of d and e scaled to their common (smaller)
// exponent, as new big.Ints, and that exponent.
func align(d, e Decimal) (dm, em *big.Int, exp int) {
	dm, em = new(big.Int), new(big.Int)
	if d.mant != nil {
		dm.Set(d.mant)
	}
	if e.mant != nil {
		em.Set(e.mant)
	}
	switch {
	case d.mant == nil:
		return dm, em, e.exp
	case e.mant == nil:
		return dm, em, d.exp
	case d.exp > e.exp:
		dm.Mul(dm, pow10(d.exp-e.exp))
		return dm, em, e.exp
	default:
		em.Mul(em, pow10(e.exp-d.exp))
		return dm, em, d.exp
	}
}

// Add returns d + e, exactly.
func (d Decimal) Add(e Decimal) Decimal {
	dm, em, exp := align(d, e)
	return newDecimal(dm.Add(dm, em), exp)
}

// Sub returns d − e, exactly; e must not be greater than d.
func (d Decimal) Sub(e Decimal) Decimal {
	dm, em, exp := align(d, e)
	return newDecimal(dm.Sub(dm, em), exp)
}

// Shift returns d × 10^n, exactly; n may be negative (Shift(4) turns 万 into
// units, Shift(-8) turns units into 亿).
func (d Decimal) Shift(n int) Decimal {
	if d.IsZero() {
		return Decimal{}
	}
	return Decimal{mant: d.mant, exp: d.exp + n}
}

// Cmp compares d and e and returns -1 if d < e, 0 if d == e and +1 if d > e.
func (d Decimal) Cmp(e Decimal) int {
	dm, em, _ := align(d, e)
	return dm.Cmp(em)
}

// IsZero reports whether d is 0.
func (d Decimal) IsZero() bool { return d.mant == nil || d.mant.Sign() == 0 }

// IsInt reports whether d is a whole number.
func (d Decimal) IsInt() bool { return d.Places() == 0 }

// Places returns the number of decimals in d's canonical form: 0 for "35",
// 1 for "1.2", 2 for "0.05".
func (d Decimal) Places() int {
	if d.IsZero() || d.exp >= 0 {
		return 0
	}
	return -d.exp
}

// Float64 returns the float64 nearest to d, for scaling charts; it is ±Inf
// when d is beyond the float64 range. Never use it for arithmetic on
// figures.
func (d Decimal) Float64() float64 {
	f, _ := strconv.ParseFloat(d.String(), 64)
	return f
}

// Round returns d rounded half away from zero to n decimals (n may be
// negative: Round(-2) rounds to hundreds) and reports whether rounding lost
// precision, that is whether the result differs from d.
func (d Decimal) Round(n int) (rounded Decimal, lost bool) {
	return d.cut(n, true)
}

// Truncate returns d cut toward zero to n decimals and reports whether
// digits were dropped. A total hedged 余 ("more than") is truncated so that
// the claim stays true.
func (d Decimal) Truncate(n int) (truncated Decimal, lost bool) {
	return d.cut(n, false)
}

func (d Decimal) cut(n int, halfUp bool) (Decimal, bool) {
	if d.IsZero() || d.exp >= -n {
		return d, false
	}
	k := -n - d.exp // digits to drop, ≥ 1
	unit := pow10(k)
	q, r := new(big.Int), new(big.Int)
	q.QuoRem(new(big.Int).Abs(d.mant), unit, r)
	lost := r.Sign() != 0
	if halfUp && r.Lsh(r, 1).Cmp(unit) >= 0 {
		q.Add(q, bigOne)
	}
	if d.mant.Sign() < 0 {
		q.Neg(q)
	}
	return newDecimal(q, -n), lost
}
