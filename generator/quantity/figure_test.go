package quantity

import (
	"strings"
	"testing"
)

func TestValidQualifier(t *testing.T) {
	for _, q := range []string{"", "余", "多", "近", "约"} {
		if !ValidQualifier(q) {
			t.Errorf("ValidQualifier(%q) = false, want true", q)
		}
	}
	for _, q := range []string{"逾", "超", "约为", " 余", "余 ", "about", "余多"} {
		if ValidQualifier(q) {
			t.Errorf("ValidQualifier(%q) = true, want false", q)
		}
	}
}

func TestFigureString(t *testing.T) {
	tests := []struct {
		value, unit, q string
		want           string
	}{
		{"35", "家", "", "35家"},
		{"7000", "万元", "", "7000万元"},
		{"300", "亿元", "余", "300余亿元"},
		{"6000", "名", "多", "6000多名"},
		{"120", "名", "余", "120余名"},
		{"2", "万户次", "近", "近2万户次"},
		{"3", "亿元", "约", "约3亿元"},
		{"1.2", "亿元", "余", "逾1.2亿元"},
		{"1.5", "亿元", "多", "1.5多亿元"},
		{"0.5", "亿元", "约", "约0.5亿元"},
		{"300", "", "余", "300余"},
		{"2", "万", "近", "近2万"},
		{"15", "%", "", "15%"},
		{"1.20", "亿元", "", "1.2亿元"},
		{"1e8", "元", "", "100000000元"},
		{"3", "亿元", "超", "超3亿元"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			f := Figure{Value: dec(t, tt.value), Unit: tt.unit, Qualifier: tt.q}
			if got := f.String(); got != tt.want {
				t.Errorf("%+v.String() = %q, want %q", tt, got, tt.want)
			}
		})
	}
}

func TestFigureValidate(t *testing.T) {
	tests := []struct {
		f       Figure
		wantErr string
	}{
		{Figure{Unit: "家"}, ""},
		{Figure{Unit: "亿元", Qualifier: "余"}, ""},
		{Figure{Unit: ""}, ""},
		{Figure{Unit: "家", Qualifier: "逾"}, `unknown qualifier "逾"`},
		{Figure{Unit: " 家"}, "white space"},
		{Figure{Unit: "万\n元"}, "line break"},
	}
	for _, tt := range tests {
		t.Run(tt.f.Unit+tt.f.Qualifier, func(t *testing.T) {
			err := tt.f.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Validate() = %v, want error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestFigureBase(t *testing.T) {
	tests := []struct {
		value, unit string
		want, dim   string
	}{
		{"7000", "万元", "70000000", "元"},
		{"0.5", "亿元", "50000000", "元"},
		{"0.7", "亿元", "70000000", "元"},
		{"70000000", "元", "70000000", "元"},
		{"2", "万户次", "20000", "户次"},
		{"35", "家", "35", "家"},
	}
	for _, tt := range tests {
		t.Run(tt.value+tt.unit, func(t *testing.T) {
			f := Figure{Value: dec(t, tt.value), Unit: tt.unit}
			if got := f.Base().String(); got != tt.want {
				t.Errorf("Base() = %s, want %s", got, tt.want)
			}
			if got := f.Dimension(); got != tt.dim {
				t.Errorf("Dimension() = %q, want %q", got, tt.dim)
			}
		})
	}
}
