package quantity

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// fig parses a figure written as "value unit qualifier", fields separated
// by single spaces, for example "300 亿元 余", "35 家", "2 万 近", "3000".
func fig(t testing.TB, s string) Figure {
	t.Helper()
	parts := strings.Split(s, " ")
	f := Figure{Value: dec(t, parts[0])}
	if len(parts) > 1 {
		f.Unit = parts[1]
	}
	if len(parts) > 2 {
		f.Qualifier = parts[2]
	}
	return f
}

func figs(t testing.TB, ss ...string) []Figure {
	t.Helper()
	out := make([]Figure, len(ss))
	for i, s := range ss {
		out[i] = fig(t, s)
	}
	return out
}

func TestSum(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want string // Total.String()
		unit string
		q    string
	}{
		// Units normalised over 万 and 亿, largest prefix keeping ≥ 1.
		{"16000万元 is 1.6亿元", []string{"16000 万元"}, "1.6亿元", "亿元", ""},
		{"万户次", []string{"2 万户次", "3000 户次"}, "2.3万户次", "万户次", ""},
		{"万元 and 亿元", []string{"7000 万元", "0.5 亿元"}, "1.2亿元", "亿元", ""},
		{"家", []string{"35 家", "12 家"}, "47家", "家", ""},
		{"9999元 stays", []string{"9999 元"}, "9999元", "元", ""},
		{"10000元 is 1万元", []string{"10000 元"}, "1万元", "万元", ""},
		{"7000万元 stays", []string{"7000 万元"}, "7000万元", "万元", ""},
		{"0.7亿元 is 7000万元", []string{"0.7 亿元"}, "7000万元", "万元", ""},
		{"70000000元", []string{"70000000 元"}, "7000万元", "万元", ""},
		{"万亿 shown in 亿", []string{"3 万亿元"}, "30000亿元", "亿元", ""},
		{"千万元", []string{"1 千万元", "500 万元"}, "1500万元", "万元", ""},
		{"bare 万 with plain number", []string{"2 万", "3000"}, "2.3万", "万", ""},
		{"plain numbers", []string{"3", "4"}, "7", "", ""},
		{"under one", []string{"0.5 元"}, "0.5元", "元", ""},
		{"zero", []string{"0 家", "0 家"}, "0家", "家", ""},
		{"one figure", []string{"300 亿元 余"}, "300余亿元", "亿元", "余"},

		// Exact decimal arithmetic.
		{"0.1+0.2", []string{"0.1 元", "0.2 元"}, "0.3元", "元", ""},
		{"0.1+0.2 万", []string{"0.1 万元", "0.2 万元"}, "3000元", "元", ""},
		{"many tenths", []string{"0.1 亿元", "0.1 亿元", "0.1 亿元", "0.1 亿元", "0.1 亿元", "0.1 亿元", "0.1 亿元", "0.1 亿元", "0.1 亿元", "0.1 亿元"}, "1亿元", "亿元", ""},

		// The 1e8 boundary.
		{"exactly 1亿", []string{"100000000 元"}, "1亿元", "亿元", ""},
		{"just under 1亿", []string{"99990000 元"}, "9999万元", "万元", ""},
		{"9999.99万 exact", []string{"99999900 元"}, "9999.99万元", "万元", ""},
		{"rounds up to 1亿", []string{"99999999 元"}, "约1亿元", "亿元", "约"},
		{"1亿 half-up", []string{"99999950 元"}, "约1亿元", "亿元", "约"},
		{"just under the carry", []string{"99999949 元"}, "约9999.99万元", "万元", "约"},
		{"余 never rounds up", []string{"99999999 元 余"}, "逾9999.99万元", "万元", "余"},
		{"0.995亿 stays in 万", []string{"0.995 亿元"}, "9950万元", "万元", ""},
		{"rounds up to 1万", []string{"9999.999 元"}, "约1万元", "万元", "约"},
		{"just over 1亿", []string{"1 亿元", "1 元"}, "约1亿元", "亿元", "约"},

		// Rounding at two decimals.
		{"two decimals exact", []string{"12300 人"}, "1.23万人", "万人", ""},
		{"rounding loses precision", []string{"12345 人"}, "约1.23万人", "万人", "约"},
		{"half-up", []string{"12355 人"}, "约1.24万人", "万人", "约"},
		{"trailing zeros trimmed", []string{"12000 人", "0 人"}, "1.2万人", "万人", ""},
		{"near stays near", []string{"12345 人 近"}, "近1.23万人", "万人", "近"},
		{"more truncates", []string{"12399 人 余"}, "逾1.23万人", "万人", "余"},
		{"tiny", []string{"0.001 元", "0.001 元"}, "约0元", "元", "约"},
		{"three decimals under 1", []string{"0.125 元"}, "约0.13元", "元", "约"},

		// Hedges.
		{"余 and 余", []string{"300 亿元 余", "20 亿元 余"}, "320余亿元", "亿元", "余"},
		{"余 and unhedged", []string{"300 亿元 余", "20 亿元"}, "320余亿元", "亿元", "余"},
		{"余 and 多", []string{"6000 名 多", "120 名 余"}, "6120余名", "名", "余"},
		{"多 alone is 余", []string{"6000 名 多"}, "6000余名", "名", "余"},
		{"逾 before decimals", []string{"7000 万元 余", "0.5 亿元"}, "逾1.2亿元", "亿元", "余"},
		{"逾 from 多", []string{"7000 万元 多", "5000 万元 多"}, "逾1.2亿元", "亿元", "余"},
		{"近 and 近", []string{"2 万户次 近", "3000 户次 近"}, "近2.3万户次", "万户次", "近"},
		{"近 and unhedged", []string{"2 万户次 近", "3000 户次"}, "近2.3万户次", "万户次", "近"},
		{"约 alone", []string{"3 亿元 约", "1 亿元"}, "约4亿元", "亿元", "约"},
		{"余 and 近 mix", []string{"300 亿元 余", "20 亿元 近"}, "约320亿元", "亿元", "约"},
		{"多 and 近 mix", []string{"6000 名 多", "20 名 近"}, "约6020名", "名", "约"},
		{"余 and 约 mix", []string{"300 亿元 余", "20 亿元 约"}, "约320亿元", "亿元", "约"},
		{"近 and 约 mix", []string{"2 万户次 近", "1 万户次 约"}, "约3万户次", "万户次", "约"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := figs(t, tt.in...)
			got, err := Sum(in)
			if err != nil {
				t.Fatalf("Sum(%v): %v", tt.in, err)
			}
			if got.String() != tt.want || got.Unit != tt.unit || got.Qualifier != tt.q {
				t.Errorf("Sum(%v) = %q (unit %q, qualifier %q); want %q (unit %q, qualifier %q)",
					tt.in, got, got.Unit, got.Qualifier, tt.want, tt.unit, tt.q)
			}
			if got.Count != len(in) {
				t.Errorf("Count = %d, want %d", got.Count, len(in))
			}
			var exact Decimal
			for _, f := range in {
				exact = exact.Add(f.Base())
			}
			if got.Exact.Cmp(exact) != 0 || got.Base != in[0].Dimension() {
				t.Errorf("Exact, Base = %s, %q; want %s, %q", got.Exact, got.Base, exact, in[0].Dimension())
			}
			if got.Value.Places() > 2 {
				t.Errorf("Value %s has more than two decimals", got.Value)
			}
			if f := got.Figure(); f.String() != got.String() {
				t.Errorf("Figure().String() = %q, want %q", f, got)
			}
		})
	}
}

func TestSumExactField(t *testing.T) {
	got, err := Sum(figs(t, "7000 万元", "0.5 亿元", "0.01 元"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Exact.String() != "120000000.01" || got.Base != "元" || got.Exact.Float64() != 120000000.01 {
		t.Errorf("Exact = %s %q", got.Exact, got.Base)
	}
	if got.String() != "约1.2亿元" {
		t.Errorf("String() = %q", got)
	}
}

func TestSumErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      []string
		wantErr error
		msg     []string // substrings of the message
	}{
		{"empty", nil, ErrEmpty, []string{"no figures"}},
		{"家 and 万元", []string{"35 家", "12 家", "7000 万元"}, nil,
			[]string{`figure 3 in "万元"`, `figures in "家"`, `"元"`, `"家"`}},
		{"户次 and 人次", []string{"2 万户次", "3 万人次"}, nil, []string{`"万人次"`, `"万户次"`}},
		{"人 and 名", []string{"3 人", "4 名"}, nil, []string{`"名"`, `"人"`}},
		{"percent", []string{"15 %", "20 %"}, ErrNotAdditive, []string{`figures in "%"`, "percentages"}},
		{"one percent alone", []string{"15 %"}, ErrNotAdditive, nil},
		{"percentage points", []string{"3 个百分点"}, ErrNotAdditive, nil},
		{"times", []string{"3 倍", "2 倍"}, ErrNotAdditive, nil},
		{"percent and 元", []string{"15 %", "3 元"}, nil, []string{`"%"`, `"元"`}},
		{"bad qualifier", []string{"3 元", "4 元 逾"}, ErrQualifier, []string{"figure 2", `"逾"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sum(figs(t, tt.in...))
			if err == nil {
				t.Fatalf("Sum(%v) = %v, want an error", tt.in, got)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("Sum(%v) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if tt.wantErr == nil {
				var de *DimensionError
				if !errors.As(err, &de) {
					t.Errorf("Sum(%v) error %T %v, want a *DimensionError", tt.in, err, err)
				}
			}
			for _, m := range tt.msg {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("Sum(%v) error %q does not contain %q", tt.in, err, m)
				}
			}
		})
	}
}

func TestDimensionErrorMessage(t *testing.T) {
	_, err := Sum(figs(t, "35 家", "7000 万元"))
	want := `quantity: cannot add figure 2 in "万元" to figures in "家": dimensions "元" and "家" differ`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
}

func TestTotals(t *testing.T) {
	named := func(name, f string) Named { return Named{Name: name, Figure: fig(t, f)} }
	items := []Named{
		named("服务企业", "35 家"),
		named("融资额", "7000 万元"),
		named("服务企业", "12 家"),
		named("融资额", "0.5 亿元 余"),
		named("受益群众", "2 万户次 近"),
		named("融资额", "3 家"), // same name, another dimension: its own group
		named("增长率", "15 %"),
		named("受益群众", "3000 户次 近"),
		named("增长率", "20 %"),
		named("融资额", "0.1 元"),
	}
	got := Totals(items)
	type row struct {
		name, dim string
		n         int
		total     string
		err       error
	}
	want := []row{
		{"服务企业", "家", 2, "47家", nil},
		{"融资额", "元", 3, "逾1.2亿元", nil},
		{"受益群众", "户次", 2, "近2.3万户次", nil},
		{"融资额", "家", 1, "3家", nil},
		{"增长率", "%", 2, "", ErrNotAdditive},
	}
	if len(got) != len(want) {
		t.Fatalf("Totals gave %d groups, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		t.Run(fmt.Sprint(i, w.name, w.dim), func(t *testing.T) {
			g := got[i]
			if g.Name != w.name || g.Dimension != w.dim || len(g.Figures) != w.n {
				t.Errorf("group %d = %q %q with %d figures, want %q %q with %d", i, g.Name, g.Dimension, len(g.Figures), w.name, w.dim, w.n)
			}
			if !errors.Is(g.Err, w.err) || w.err == nil && g.Err != nil {
				t.Errorf("group %d Err = %v, want %v", i, g.Err, w.err)
			}
			if w.err == nil && (g.Total.String() != w.total || g.Total.Count != w.n) {
				t.Errorf("group %d total = %q of %d, want %q of %d", i, g.Total, g.Total.Count, w.total, w.n)
			}
		})
	}
	if got[4].Figures[0].String() != "15%" || got[4].Figures[1].String() != "20%" {
		t.Errorf("non-additive figures not kept in order: %v", got[4].Figures)
	}
	if Totals(nil) != nil {
		t.Error("Totals(nil) is not empty")
	}
}

func TestTotalsDeterministic(t *testing.T) {
	var items []Named
	for i := range 50 {
		items = append(items, Named{Name: fmt.Sprint("m", i%7), Figure: fig(t, fmt.Sprint(i, " 万元"))})
		items = append(items, Named{Name: fmt.Sprint("m", i%5), Figure: fig(t, fmt.Sprint(i, " 家"))})
	}
	first := fmt.Sprint(Totals(items))
	for range 20 {
		if got := fmt.Sprint(Totals(items)); got != first {
			t.Fatalf("Totals is not deterministic:\n%s\n%s", first, got)
		}
	}
}
