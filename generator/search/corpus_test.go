package search

import (
	"fmt"
	"strings"
)

// testDocs is the small corpus of the unit tests, the committed fixture
// under testdata/fixture and the browser test.
func testDocs() []Doc {
	return []Doc{
		{URL: "stories/xizhou-chamber-mutual-fund/", Title: "西周镇商会互助基金", Summary: "商会会员出资设立互助基金，缓解中小企业融资难。",
			Body: "象山县西周镇商会牵头，35家企业共同出资7000万元设立互助基金。", Region: "象山县", RegionSlug: "xiangshan", Town: "西周镇",
			Category: "创新助推发展", CategorySlug: "development", Year: 2016, Levels: []string{"provincial"}, Tags: []string{"商会", "融资"}},
		{URL: "stories/cixi-second-generation/", Title: "慈溪创二代联谊会", Summary: "年轻一代企业家的交流平台。",
			Body: "慈溪市组织新生代企业家开展学习交流，传承创业精神。", Region: "慈溪市", RegionSlug: "cixi",
			Category: "创新推动统战工作自身发展", CategorySlug: "self-development", Year: 2015, Levels: []string{"municipal"}, Tags: []string{"创二代", "新生代"}},
		{URL: "stories/fastener-industry/", Title: "紧固件行业协会调解中心", Summary: "行业纠纷在协会内调解。",
			Body: "海曙区紧固件企业众多，协会设立调解中心，化解合同纠纷。", Region: "海曙区", RegionSlug: "haishu",
			Category: "创新助力维稳", CategorySlug: "stability", Year: 2016, Levels: []string{"national", "municipal"}, Tags: []string{"调解"}},
		{URL: "stories/firmware-parts/", Title: "紧固螺栓与设备固件", Summary: "",
			Body: "车间里的紧固螺栓统一更换，紧固工艺改进；设备固件升级，固件版本统一。", Region: "北仑区", RegionSlug: "beilun",
			Category: "创新助推发展", CategorySlug: "development", Year: 2014},
		{URL: "stories/xiangshan-fishery/", Title: "象山渔民协商议事会", Summary: "渔区矛盾协商解决。",
			Body: "象山县石浦镇渔民通过协商议事会商讨休渔期安排，融资互助同步推进。", Region: "象山县", RegionSlug: "xiangshan", Town: "石浦镇",
			Category: "创新助力维稳", CategorySlug: "stability", Year: 2016, Levels: []string{"county"}, Tags: []string{"协商民主"}},
		{URL: "stories/xiangshan-2015/", Title: "象山侨联服务站", Summary: "服务归侨侨眷。",
			Body: "象山县侨联在各乡镇设立服务站。", Region: "象山县", RegionSlug: "xiangshan",
			Category: "创新助推发展", CategorySlug: "development", Year: 2015},
		{URL: "stories/markup-title/", Title: "<img src=x onerror=alert(1)>标题测试", Summary: "<script>alert(2)</script>摘要里的标记",
			Body: "正文提到<b>标记</b>。", Region: "宁波市", RegionSlug: "ningbo",
			Category: "创新助推发展", CategorySlug: "development", Year: 2016},
		{URL: "stories/finance-body/", Title: "民营企业服务中心", Summary: "为民营企业提供服务。",
			Body: "中心帮助企业对接银行，解决融资问题，融资规模达3亿元。融资服务覆盖全区。", Region: "鄞州区", RegionSlug: "yinzhou",
			Category: "创新助推发展", CategorySlug: "development", Year: 2014, Levels: []string{"provincial"}},
		{URL: "stories/finance-title/", Title: "融资服务平台", Summary: "一个平台。",
			Body: "平台上线后运行良好。", Region: "江北区", RegionSlug: "jiangbei",
			Category: "创新助推发展", CategorySlug: "development", Year: 2013},
		{URL: "stories/full-width/", Title: "ＡＰＰ平台上线", Summary: "手机APP方便群众。",
			Body: "2016年上线的App覆盖全市。", Region: "余姚市", RegionSlug: "yuyao",
			Category: "创新助力维稳", CategorySlug: "stability", Year: 2016},
	}
}

// syntheticDocs returns n generated stories for benchmarks and budget
// measurements: bodies of about 500 characters made of sentences that
// combine a subject, an action and a result from pools in the showcase's
// vocabulary (about 12,000 distinct sentences), drawn deterministically.
func syntheticDocs(n int) []Doc {
	subjects := []string{"市委统战部", "区委统战部", "县工商联", "镇商会", "行业协会", "民主党派基层组织", "侨联", "新生代企业家联谊会",
		"党外知识分子联谊会", "民族宗教工作部门", "网络人士联谊会", "光彩事业促进会", "台胞台属联谊会", "社区统战工作站", "律师协会",
		"异地商会", "青年企业家协会", "留学人员联谊会", "宗教界人士", "非公有制经济人士"}
	actions := []string{"牵头设立互助基金", "组建人民调解委员会", "开展同心工程建设", "搭建协商议事平台", "推动产业集群发展",
		"组织专家服务团下乡", "建立矛盾纠纷排查机制", "举办创业创新大赛", "成立法律援助站", "设立人才驿站", "开展精准扶贫结对",
		"推进商会人民调解", "发起慈善公益项目", "探索统战工作网格化", "建设民族团结进步示范点", "搭建银企对接平台",
		"开展年轻一代传承培训", "组织界别协商活动", "建立党外代表人士数据库", "开设网上统战服务窗口"}
	results := []string{"帮助中小企业缓解融资难题", "化解劳资纠纷和合同纠纷", "受益群众达到数万人次", "累计捐款数百万元",
		"提出意见建议被采纳", "促进了社会和谐稳定", "带动就业岗位数千个", "被评为全省统战工作创新奖", "形成了可复制的经验",
		"降低了企业运营成本", "凝聚了侨心侨力", "传承了创业精神", "提升了基层治理水平", "推动企业转型升级",
		"增进了民族团结", "服务覆盖全市各区县", "得到中央统战部肯定", "引进项目资金上亿元", "调解成功率达到九成以上", "为群众办实事上千件"}
	linkers := []string{"", "近年来，", "在此基础上，", "同时，", "据统计，", "此外，"}
	regions := [][2]string{{"haishu", "海曙区"}, {"jiangbei", "江北区"}, {"zhenhai", "镇海区"}, {"beilun", "北仑区"}, {"yinzhou", "鄞州区"},
		{"fenghua", "奉化区"}, {"yuyao", "余姚市"}, {"cixi", "慈溪市"}, {"ninghai", "宁海县"}, {"xiangshan", "象山县"}, {"ningbo", "宁波市"}}
	cats := [][2]string{{"development", "创新助推发展"}, {"stability", "创新助力维稳"}, {"self-development", "创新推动统战工作自身发展"}}
	towns := []string{"西周镇", "石浦镇", "观海卫镇", "泗门镇", "大碶街道", "姜山镇", "溪口镇", "长街镇"}
	tags := []string{"商会", "融资", "调解", "创二代", "侨联", "协商民主", "同心工程", "光彩事业", "新生代", "网络人士"}
	heads := []string{"互助基金", "联谊会", "调解中心", "服务站", "议事会", "同心工程", "创业园", "服务联盟", "人才驿站", "法律援助站"}
	seed := uint64(1)
	rnd := func(k int) int {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(k))
	}
	docs := make([]Doc, n)
	var body strings.Builder
	for i := range docs {
		r := regions[rnd(len(regions))]
		c := cats[rnd(len(cats))]
		town := towns[rnd(len(towns))]
		body.Reset()
		for body.Len() < 1500 {
			fmt.Fprintf(&body, "%s%s%s，%s。", linkers[rnd(len(linkers))], subjects[rnd(len(subjects))],
				actions[rnd(len(actions))], results[rnd(len(results))])
		}
		fmt.Fprintf(&body, "项目编号%d。", i)
		var levels []string
		for k, l := range Levels {
			if rnd(4+k*2) == 0 {
				levels = append(levels, l)
			}
		}
		docs[i] = Doc{
			URL:     fmt.Sprintf("stories/story-%06d/", i),
			Title:   fmt.Sprintf("%s%s%s", strings.TrimSuffix(strings.TrimSuffix(r[1], "区"), "县"), town, heads[rnd(len(heads))]),
			Summary: subjects[rnd(len(subjects))] + actions[rnd(len(actions))] + "。",
			Body:    body.String(),
			Region:  r[1], RegionSlug: r[0], Town: town,
			Category: c[1], CategorySlug: c[0],
			Year:   2004 + rnd(13),
			Levels: levels,
			Tags:   []string{tags[rnd(len(tags))], tags[rnd(len(tags))]},
		}
	}
	return docs
}

// titledDocs returns syntheticDocs(n) with titles as varied as a real
// site's: a region or town, a clause of the corpus (one of 150), and for
// half of them a tagline. Their pinyin keys fill prefix shards of about
// the size a real 10,000-story site has (cmd/corpusgen -n 10000: 28,000
// keys, 1.5 million postings, 2 MB of pinyin shards, the largest 120 KB),
// which syntheticDocs' few titles do not.
func titledDocs(n int) []Doc {
	docs := syntheticDocs(n)
	taglines := []string{"激发非公经济发展活力", "架起政企沟通连心桥", "让企业家成长有了加油站", "为实体经济输血续航",
		"助力民营经济转型升级", "织密基层治理网络", "画好最大同心圆", "打通服务群众最后一公里", "凝聚海内外侨心侨力", "探索新路径"}
	var clauses []string
	seen := map[string]bool{}
	for i := 0; i < len(docs) && len(clauses) < 150; i++ {
		for _, c := range strings.FieldsFunc(docs[i].Body, func(r rune) bool { return !IsHan(r) }) {
			if !seen[c] && len(clauses) < 150 {
				seen[c] = true
				clauses = append(clauses, c)
			}
		}
	}
	seed := uint64(7)
	rnd := func(k int) int {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(k))
	}
	for i := range docs {
		d := &docs[i]
		d.Title = d.Region
		if rnd(2) == 0 {
			d.Title = d.Town
		}
		d.Title += clauses[rnd(len(clauses))]
		if rnd(2) == 0 {
			d.Title += taglines[rnd(len(taglines))]
		}
	}
	return docs
}

// inNumberOrder returns docs in document-number order (for the default
// options), so that a hit's Doc (its position in that order) indexes the
// result.
func inNumberOrder(docs []Doc) []Doc {
	sorted, _, _ := numberDocs(docs, Options{}.withDefaults().ChunkSize)
	return sorted
}
