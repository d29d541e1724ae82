package quantity_test

import (
	"fmt"

	"github.com/ningbo-showcase/showcase/generator/quantity"
)

func Example() {
	// Figures as editors write them in front matter: value, unit, qualifier.
	figure := func(value, unit, qualifier string) quantity.Figure {
		v, err := quantity.ParseDecimal(value)
		if err != nil {
			fmt.Println(err)
		}
		return quantity.Figure{Value: v, Unit: unit, Qualifier: qualifier}
	}
	items := []quantity.Named{
		{Name: "融资额", Figure: figure("7000", "万元", "")},
		{Name: "服务企业", Figure: figure("35", "家", "")},
		{Name: "融资额", Figure: figure("0.5", "亿元", "余")},
		{Name: "服务企业", Figure: figure("12", "家", "")},
		{Name: "受益群众", Figure: figure("2", "万户次", "近")},
		{Name: "受益群众", Figure: figure("3000", "户次", "近")},
		{Name: "增长率", Figure: figure("15", "%", "")},
	}
	for _, it := range items[:3] {
		fmt.Println(it.Name, it.Figure)
	}
	fmt.Println("--")
	for _, g := range quantity.Totals(items) {
		if g.Err != nil {
			fmt.Println(g.Name, g.Figures, "not summed:", g.Err)
			continue
		}
		fmt.Printf("%s %s (sum of %d stories)\n", g.Name, g.Total, g.Total.Count)
	}
	// Output:
	// 融资额 7000万元
	// 服务企业 35家
	// 融资额 逾0.5亿元
	// --
	// 融资额 逾1.2亿元 (sum of 2 stories)
	// 服务企业 47家 (sum of 2 stories)
	// 受益群众 近2.3万户次 (sum of 2 stories)
	// 增长率 [15%] not summed: quantity: figures in "%": percentages and ratios do not add up across stories
}

func ExampleSum() {
	a, _ := quantity.ParseDecimal("0.1")
	b, _ := quantity.ParseDecimal("0.2")
	t, err := quantity.Sum([]quantity.Figure{{Value: a, Unit: "元"}, {Value: b, Unit: "元"}})
	fmt.Println(t, err)
	// Output: 0.3元 <nil>
}

func ExampleSplit() {
	for _, u := range []string{"万元", "亿元", "万户次", "家", "万"} {
		scale, base := quantity.Split(u)
		fmt.Printf("%s → 10^%d %q\n", u, scale, base)
	}
	// Output:
	// 万元 → 10^4 "元"
	// 亿元 → 10^8 "元"
	// 万户次 → 10^4 "户次"
	// 家 → 10^0 "家"
	// 万 → 10^4 ""
}
