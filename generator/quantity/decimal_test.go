package quantity

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// dec parses s or fails the test.
func dec(t testing.TB, s string) Decimal {
	t.Helper()
	d, err := ParseDecimal(s)
	if err != nil {
		t.Fatalf("ParseDecimal(%q): %v", s, err)
	}
	return d
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"35", "35"},
		{"0.5", "0.5"},
		{"1.7", "1.7"},
		{"7000", "7000"},
		{"300", "300"},
		{"1e8", "100000000"},
		{"1E8", "100000000"},
		{"1e+08", "100000000"},
		{"1.5e3", "1500"},
		{"2.5e-3", "0.0025"},
		{"1.20", "1.2"},
		{"70000000", "70000000"},
		{"7e7", "70000000"},
		{"0", "0"},
		{"0.0", "0"},
		{"000", "0"},
		{"-0", "0"},
		{"-0.0e5", "0"},
		{"0e999999999999", "0"},
		{"007", "7"},
		{"0.050", "0.05"},
		{".5", "0.5"},
		{"5.", "5"},
		{"+35", "35"},
		{"123456789012345678901234567890", "123456789012345678901234567890"},
		{"0.1000000000000000055511151231257827", "0.1000000000000000055511151231257827"},
		{"1e1000", "1" + strings.Repeat("0", 1000)},
		{"1e-1000", "0." + strings.Repeat("0", 999) + "1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDecimal(tt.in)
			if err != nil {
				t.Fatalf("ParseDecimal(%q): %v", tt.in, err)
			}
			if got := d.String(); got != tt.want {
				t.Errorf("ParseDecimal(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDecimalErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrSyntax},
		{"abc", ErrSyntax},
		{"NaN", ErrNotFinite},
		{"nan", ErrNotFinite},
		{".nan", ErrNotFinite},
		{"Inf", ErrNotFinite},
		{"+Inf", ErrNotFinite},
		{"-Inf", ErrNotFinite},
		{".inf", ErrNotFinite},
		{"Infinity", ErrNotFinite},
		{"-1", ErrNegative},
		{"-0.5", ErrNegative},
		{"-1e8", ErrNegative},
		{".", ErrSyntax},
		{"+", ErrSyntax},
		{"-", ErrSyntax},
		{"e8", ErrSyntax},
		{"1e", ErrSyntax},
		{"1e+", ErrSyntax},
		{"1e8.5", ErrSyntax},
		{"1.2.3", ErrSyntax},
		{" 35", ErrSyntax},
		{"35 ", ErrSyntax},
		{"1_000", ErrSyntax},
		{"1,000", ErrSyntax},
		{"0x10", ErrSyntax},
		{"３５", ErrSyntax},
		{"三十五", ErrSyntax},
		{"300余", ErrSyntax},
		{"35家", ErrSyntax},
		{"++1", ErrSyntax},
		{"1e1001", ErrRange},
		{"1e-1001", ErrRange},
		{"1e99999999999999999999", ErrRange},
		{strings.Repeat("9", MaxInputLen+1), ErrRange},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDecimal(tt.in)
			if err == nil {
				t.Fatalf("ParseDecimal(%q) = %v, want error %v", tt.in, d, tt.want)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("ParseDecimal(%q) error = %v, want %v", tt.in, err, tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseDecimal(%q) error %T is not a *ParseError", tt.in, err)
			}
			if !strings.HasPrefix(err.Error(), "quantity: invalid number ") || len(err.Error()) > 300 {
				t.Errorf("ParseDecimal(%q) error message %q", tt.in, err)
			}
		})
	}
}

func TestParseDecimalNegativeMessage(t *testing.T) {
	_, err := ParseDecimal("-35")
	want := `quantity: invalid number "-35": negative numbers are not allowed: metrics are counts and amounts`
	if err == nil || err.Error() != want {
		t.Errorf("ParseDecimal(-35) error = %v, want %s", err, want)
	}
}

func TestFromInt64(t *testing.T) {
	tests := []struct {
		in      int64
		want    string
		wantErr error
	}{
		{0, "0", nil},
		{35, "35", nil},
		{7000, "7000", nil},
		{math.MaxInt64, "9223372036854775807", nil},
		{-1, "", ErrNegative},
		{math.MinInt64, "", ErrNegative},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			d, err := FromInt64(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("FromInt64(%d) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if err == nil && d.String() != tt.want {
				t.Errorf("FromInt64(%d) = %s, want %s", tt.in, d, tt.want)
			}
		})
	}
}

func TestFromFloat64(t *testing.T) {
	tests := []struct {
		in      float64
		want    string
		wantErr error
	}{
		{0, "0", nil},
		{math.Copysign(0, -1), "0", nil},
		{0.5, "0.5", nil},
		{1.7, "1.7", nil},
		{0.1, "0.1", nil},
		{35, "35", nil},
		{1e8, "100000000", nil},
		{7e7, "70000000", nil},
		{1e21, "1000000000000000000000", nil},
		{math.MaxFloat64, "179769313486231570" + strings.Repeat("0", 291), nil},
		{5e-324, "0." + strings.Repeat("0", 323) + "5", nil},
		{-0.5, "", ErrNegative},
		{math.NaN(), "", ErrNotFinite},
		{math.Inf(1), "", ErrNotFinite},
		{math.Inf(-1), "", ErrNotFinite},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			d, err := FromFloat64(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("FromFloat64(%v) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if err == nil && d.String() != tt.want {
				t.Errorf("FromFloat64(%v) = %s, want %s", tt.in, d, tt.want)
			}
		})
	}
}

func TestZeroValue(t *testing.T) {
	var z Decimal
	if z.String() != "0" || !z.IsZero() || !z.IsInt() || z.Places() != 0 || z.Float64() != 0 {
		t.Errorf("zero Decimal: String %q IsZero %v IsInt %v Places %d Float64 %v",
			z, z.IsZero(), z.IsInt(), z.Places(), z.Float64())
	}
	if got := z.Add(dec(t, "1.5")).String(); got != "1.5" {
		t.Errorf("0 + 1.5 = %s", got)
	}
	if z.Cmp(dec(t, "0")) != 0 || z.Cmp(dec(t, "0.01")) != -1 {
		t.Error("zero Decimal compares wrongly")
	}
	if got := z.Shift(8).String(); got != "0" {
		t.Errorf("0 shifted = %s", got)
	}
	if r, lost := z.Round(2); !r.IsZero() || lost {
		t.Errorf("Round(0) = %s, %v", r, lost)
	}
}

func TestAdd(t *testing.T) {
	tests := []struct{ a, b, want string }{
		{"0.1", "0.2", "0.3"},
		{"0.7", "0.5", "1.2"},
		{"1.5", "1.5", "3"},
		{"35", "12", "47"},
		{"70000000", "50000000", "120000000"},
		{"0.05", "0.95", "1"},
		{"1e8", "0.000001", "100000000.000001"},
		{"0", "7", "7"},
		{"99999999", "1", "100000000"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"+"+tt.b, func(t *testing.T) {
			a, b := dec(t, tt.a), dec(t, tt.b)
			if got := a.Add(b).String(); got != tt.want {
				t.Errorf("%s + %s = %s, want %s", tt.a, tt.b, got, tt.want)
			}
			if got := b.Add(a).String(); got != tt.want {
				t.Errorf("%s + %s = %s, want %s", tt.b, tt.a, got, tt.want)
			}
			// Operands are unchanged.
			if a.String() != dec(t, tt.a).String() || b.String() != dec(t, tt.b).String() {
				t.Errorf("Add changed its operands: %s, %s", a, b)
			}
		})
	}
}

func TestShift(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"7000", 4, "70000000"},
		{"0.5", 8, "50000000"},
		{"16000", -4, "1.6"},
		{"120000000", -8, "1.2"},
		{"3", -8, "0.00000003"},
		{"1.25", 0, "1.25"},
		{"1.25", 1, "12.5"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := dec(t, tt.in).Shift(tt.n).String(); got != tt.want {
				t.Errorf("%s.Shift(%d) = %s, want %s", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

func TestCmp(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1", "1.0", 0},
		{"0.3", "0.30", 0},
		{"1e8", "100000000", 0},
		{"99999999.99", "1e8", -1},
		{"100000000.01", "1e8", 1},
		{"0", "0.0001", -1},
		{"2", "10", -1},
		{"0.5", "0.05", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			a, b := dec(t, tt.a), dec(t, tt.b)
			if got := a.Cmp(b); got != tt.want {
				t.Errorf("Cmp(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := b.Cmp(a); got != -tt.want {
				t.Errorf("Cmp(%s, %s) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

func TestIsIntPlaces(t *testing.T) {
	tests := []struct {
		in     string
		isInt  bool
		places int
	}{
		{"35", true, 0},
		{"1e8", true, 0},
		{"1.0", true, 0},
		{"1.2", false, 1},
		{"0.05", false, 2},
		{"0", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := dec(t, tt.in)
			if d.IsInt() != tt.isInt || d.Places() != tt.places {
				t.Errorf("%s: IsInt %v Places %d, want %v %d", tt.in, d.IsInt(), d.Places(), tt.isInt, tt.places)
			}
		})
	}
}

func TestFloat64(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"0.3", 0.3},
		{"1.2", 1.2},
		{"70000000", 7e7},
		{"0.1", 0.1},
		{"1e400", math.Inf(1)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := dec(t, tt.in).Float64(); got != tt.want {
				t.Errorf("%s.Float64() = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestRound(t *testing.T) {
	tests := []struct {
		in       string
		n        int
		want     string
		wantLost bool
		trunc    string
	}{
		{"1.2", 2, "1.2", false, "1.2"},
		{"1.23", 2, "1.23", false, "1.23"},
		{"1.234", 2, "1.23", true, "1.23"},
		{"1.235", 2, "1.24", true, "1.23"},
		{"1.2350", 2, "1.24", true, "1.23"},
		{"1.2349999", 2, "1.23", true, "1.23"},
		{"1.005", 2, "1.01", true, "1"},
		{"0.995", 2, "1", true, "0.99"},
		{"9999.999", 2, "10000", true, "9999.99"},
		{"0.004", 2, "0", true, "0"},
		{"0.005", 2, "0.01", true, "0"},
		{"35", 2, "35", false, "35"},
		{"70000000", 0, "70000000", false, "70000000"},
		{"2.5", 0, "3", true, "2"},
		{"1250", -2, "1300", true, "1200"},
		{"1200", -2, "1200", false, "1200"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := dec(t, tt.in)
			got, lost := d.Round(tt.n)
			if got.String() != tt.want || lost != tt.wantLost {
				t.Errorf("%s.Round(%d) = %s, %v; want %s, %v", tt.in, tt.n, got, lost, tt.want, tt.wantLost)
			}
			got, lost = d.Truncate(tt.n)
			if got.String() != tt.trunc || lost != tt.wantLost {
				t.Errorf("%s.Truncate(%d) = %s, %v; want %s, %v", tt.in, tt.n, got, lost, tt.trunc, tt.wantLost)
			}
			if d.String() != dec(t, tt.in).String() {
				t.Errorf("Round changed its receiver: %s", d)
			}
		})
	}
}
