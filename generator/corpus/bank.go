package corpus

// This file holds the banks the generator draws from: the regions and
// categories every helper of the project uses identically, and phrases written
// for this generator about United Front, chamber-of-commerce and community
// work. Templates may name slots in braces, filled per story:
//
//	{P} the place: the story's town, or its region's name
//	{R} the region's name at the story's year (江东区, 奉化市 before 2016)
//	{O} an organisation of the region, e.g. 象山县委统战部
//	{X} the story's topic, e.g. 商会互助基金
//	{Y} the story's year

// region is one county, district or city of the shared region table.
type region struct {
	slug      string
	title     string
	division  string
	other     []string
	tile      [2]int // x to the east, y to the south; meaningful when hasTile
	hasTile   bool
	successor string
	until     int
	towns     []string
	intro     string
}

// regions is the shared region table, in its order (which is also the
// regions' weight).
var regions = []region{
	{slug: "ningbo", title: "宁波市", division: "市", other: []string{"宁波"},
		intro: "全市层面的统战工作创新项目，由市委统战部及市级有关单位牵头实施，成效覆盖各区县（市）。"},
	{slug: "haishu", title: "海曙区", division: "区", other: []string{"海曙"}, tile: [2]int{1, 2}, hasTile: true,
		towns: []string{"鼓楼街道", "南门街道", "集士港镇", "高桥镇", "章水镇"},
		intro: "海曙区是宁波的老城区，商贸繁荣、社会组织活跃，统战工作重在社区和商圈。"},
	{slug: "jiangbei", title: "江北区", division: "区", other: []string{"江北"}, tile: [2]int{1, 1}, hasTile: true,
		towns: []string{"慈城镇", "庄桥街道", "洪塘街道", "甬江街道"},
		intro: "江北区兼有古镇与新城，民营企业和新的社会阶层人士集聚，统战工作注重服务与引导并重。"},
	{slug: "zhenhai", title: "镇海区", division: "区", other: []string{"镇海"}, tile: [2]int{2, 1}, hasTile: true,
		towns: []string{"骆驼街道", "庄市街道", "九龙湖镇", "澥浦镇"},
		intro: "镇海区临港工业发达，统战工作围绕企业服务和园区治理展开。"},
	{slug: "beilun", title: "北仑区", division: "区", other: []string{"北仑"}, tile: [2]int{3, 1}, hasTile: true,
		towns: []string{"新碶街道", "大碶街道", "小港街道", "春晓街道", "梅山街道"},
		intro: "北仑区是开放前沿，外来务工人员和外资企业众多，统战工作在服务新居民方面探索较早。"},
	{slug: "yinzhou", title: "鄞州区", division: "区", other: []string{"鄞州", "鄞县"}, tile: [2]int{2, 2}, hasTile: true,
		towns: []string{"钟公庙街道", "下应街道", "姜山镇", "咸祥镇", "五乡镇"},
		intro: "鄞州区城乡兼备、民营经济活跃，基层统战工作网络较为健全。"},
	{slug: "jiangdong", title: "江东区", division: "区", other: []string{"江东"}, successor: "yinzhou", until: 2016,
		towns: []string{"百丈街道", "东胜街道", "明楼街道", "福明街道"},
		intro: "江东区于2016年撤销，其行政区域划归鄞州区；这里保留该区此前的创新项目。"},
	{slug: "fenghua", title: "奉化区", division: "区", other: []string{"奉化市", "奉化"}, tile: [2]int{1, 3}, hasTile: true,
		towns: []string{"溪口镇", "锦屏街道", "岳林街道", "莼湖镇", "尚田镇"},
		intro: "奉化区原为县级奉化市，2016年撤市设区；侨务资源丰富，统战工作特色鲜明。"},
	{slug: "yuyao", title: "余姚市", division: "县级市", other: []string{"余姚"}, tile: [2]int{0, 1}, hasTile: true,
		towns: []string{"梨洲街道", "泗门镇", "马渚镇", "陆埠镇", "梁弄镇"},
		intro: "余姚市制造业基础雄厚，商会组织健全，统战工作注重发挥商会作用。"},
	{slug: "cixi", title: "慈溪市", division: "县级市", other: []string{"慈溪"}, tile: [2]int{1, 0}, hasTile: true,
		towns: []string{"浒山街道", "观海卫镇", "周巷镇", "龙山镇", "掌起镇"},
		intro: "慈溪市民营经济体量大，民营企业代际传承等课题在这里较早提出。"},
	{slug: "ninghai", title: "宁海县", division: "县", other: []string{"宁海"}, tile: [2]int{1, 4}, hasTile: true,
		towns: []string{"跃龙街道", "西店镇", "长街镇", "桃源街道", "前童镇"},
		intro: "宁海县山海兼备，统战工作在乡村治理和民族宗教领域形成了自己的做法。"},
	{slug: "xiangshan", title: "象山县", division: "县", other: []string{"象山"}, tile: [2]int{2, 4}, hasTile: true,
		towns: []string{"西周镇", "石浦镇", "丹东街道", "爵溪街道", "贤庠镇"},
		intro: "象山县以海洋经济见长，小微企业众多，商会互助等做法在这里起步。"},
}

// category is one of the showcase's three categories.
type category struct {
	slug, title, description string
	weight                   int
}

var categories = []category{
	{slug: "development", title: "创新助推发展", weight: 1,
		description: "统一战线服务经济发展的创新：融资服务、民营企业传承、招才引智。"},
	{slug: "stability", title: "创新助力维稳", weight: 2,
		description: "统一战线促进社会和谐的创新：矛盾调解、民族宗教、新居民服务。"},
	{slug: "self-development", title: "创新推动统战工作自身发展", weight: 3,
		description: "统战工作自身建设的创新：阵地、队伍、信息化和理论研究。"},
}

// topic is what a story is about: its Chinese name, the ASCII words of its
// slug, its category (an index into categories) and tags it suggests.
type topic struct {
	zh, slug string
	cat      int
	tags     []string
}

var topics = []topic{
	{"商会互助基金", "chamber-mutual-fund", 0, []string{"商会", "融资"}},
	{"民企二代传承培训", "second-generation-training", 0, []string{"民企二代", "代际传承"}},
	{"工商联融资服务平台", "fcic-financing-platform", 0, []string{"工商联", "融资"}},
	{"异地商会招商引资", "hometown-chamber-investment", 0, []string{"异地商会", "招商引资"}},
	{"新生代企业家成长营", "young-entrepreneur-camp", 0, []string{"民企二代", "人才"}},
	{"非公企业人才驿站", "private-firm-talent-station", 0, []string{"非公经济", "人才"}},
	{"民营企业法律服务团", "private-firm-legal-service", 0, []string{"法律服务", "非公经济"}},
	{"侨商创业基地", "overseas-chinese-startup-base", 0, []string{"侨务", "创业"}},
	{"党外专家服务团", "non-party-expert-team", 0, []string{"党外人士", "智库"}},
	{"光彩事业结对帮扶", "guangcai-pairing-aid", 0, []string{"光彩事业", "结对帮扶"}},
	{"行业协会信用互助", "trade-association-credit", 0, []string{"行业协会", "融资"}},
	{"商会人民调解委员会", "chamber-mediation-committee", 1, []string{"商会", "人民调解"}},
	{"民族团结进社区", "ethnic-unity-community", 1, []string{"民族团结", "社区统战"}},
	{"宗教场所平安创建", "safe-religious-venues", 1, []string{"宗教工作", "平安建设"}},
	{"新居民服务联盟", "new-resident-alliance", 1, []string{"新居民", "社区统战"}},
	{"劳资纠纷同心调解", "labor-dispute-mediation", 1, []string{"劳资关系", "人民调解"}},
	{"少数民族流动人口服务站", "ethnic-migrant-service-station", 1, []string{"少数民族", "流动人口"}},
	{"涉侨纠纷调处中心", "overseas-chinese-dispute-center", 1, []string{"侨务", "矛盾调处"}},
	{"网络舆情联络员", "online-opinion-liaison", 1, []string{"网络统战", "维稳"}},
	{"同心志愿服务队", "tongxin-volunteers", 1, []string{"同心工程", "志愿服务"}},
	{"党外人士服务中心", "non-party-service-center", 2, []string{"党外人士", "阵地建设"}},
	{"统战工作信息平台", "united-front-info-platform", 2, []string{"信息化", "网络统战"}},
	{"党外干部实践锻炼", "non-party-cadre-training", 2, []string{"党外干部", "队伍建设"}},
	{"统战理论研究基地", "theory-research-base", 2, []string{"理论研究", "智库"}},
	{"同心工作室", "tongxin-studio", 2, []string{"同心工程", "阵地建设"}},
	{"社区统战工作站", "community-uf-station", 2, []string{"社区统战", "阵地建设"}},
	{"新的社会阶层人士联谊会", "new-social-strata-association", 2, []string{"新阶层", "联谊交友"}},
	{"知联会建言献策平台", "intellectuals-advice-platform", 2, []string{"知联会", "参政议政"}},
	{"统战成员履职档案", "member-duty-records", 2, []string{"队伍建设", "履职"}},
	{"网上统战之家", "online-uf-home", 2, []string{"网络统战", "信息化"}},
}

// tagBank is the pool of free keywords stories draw from besides their
// topic's own; 行业协会 is the polyphonic one a tag page fixes (hangye-xiehui).
var tagBank = []string{
	"商会", "融资", "民企二代", "代际传承", "工商联", "异地商会", "招商引资", "人才",
	"非公经济", "法律服务", "侨务", "创业", "党外人士", "智库", "光彩事业", "结对帮扶",
	"行业协会", "人民调解", "民族团结", "社区统战", "宗教工作", "平安建设", "新居民",
	"劳资关系", "少数民族", "流动人口", "矛盾调处", "网络统战", "维稳", "同心工程",
	"志愿服务", "阵地建设", "信息化", "党外干部", "队伍建设", "理论研究", "新阶层",
	"联谊交友", "知联会", "参政议政", "履职", "海外联谊", "新乡贤", "基层治理",
}

// titleSuffixes complete a title after its place and topic, per category.
var titleSuffixes = [3][]string{
	{"破解小微企业融资难", "助力民营经济转型升级", "架起政企沟通连心桥", "激发非公经济发展活力",
		"汇聚创新创业新动能", "为实体经济输血续航", "让企业家成长有了“加油站”"},
	{"化解矛盾纠纷于基层", "守护一方和谐稳定", "织密基层平安网络", "让新居民融入新家园",
		"促进民族团结进步", "把矛盾化解在萌芽状态", "搭起群众心连心的桥梁"},
	{"提升统战工作科学化水平", "打造党外人士之家", "夯实基层统战工作基础", "拓展统战工作新阵地",
		"推动统战工作规范化", "让统战工作活起来", "建强党外代表人士队伍"},
}

// Headings for the sections of a body.
var (
	headPractice = []string{"主要做法", "具体做法", "创新举措", "工作做法"}
	headResults  = []string{"工作成效", "取得成效", "实践成效", "主要成效"}
	headLessons  = []string{"经验启示", "几点体会", "经验与思考"}
	headNext     = []string{"下一步打算", "今后方向", "努力方向"}
	headCase     = []string{"典型案例", "基层实践", "工作片段", "群众反响"}
)

// introSentences open a story.
var introSentences = []string{
	"{Y}年以来，{O}立足{P}实际，围绕“{X}”开展了一系列探索。",
	"{P}是{R}民营经济较为活跃的地区之一，统战成员多、联系面广，基层统战工作任务繁重。",
	"为回应基层群众和统战成员的共同期盼，{O}把{X}列为年度重点创新项目，由主要负责同志牵头推进。",
	"近年来，{R}非公有制经济快速发展，新情况新问题不断涌现，传统工作方式已难以适应。",
	"{X}的想法最早来自一次基层走访，企业负责人反映的困难让大家意识到统战工作大有可为。",
	"在前期广泛调研的基础上，{O}会同有关部门反复论证，形成了切实可行的实施方案。",
	"{Y}年，{R}把{X}作为统战工作创新的突破口，在{P}先行试点。",
}

// practiceItems are list items of a story's practice section.
var practiceItems = []string{
	"建立联席会议制度，每季度召开一次专题会议，及时研究解决推进中遇到的问题",
	"依托商会组织网络，把服务触角延伸到每一个行业和园区",
	"制定工作规程和考核办法，明确各方职责，做到有章可循",
	"组建由党外专家、律师和金融从业人员组成的志愿服务团队",
	"开设线上咨询通道，统战成员足不出户即可提出需求",
	"坚持自愿参与、互利共赢、市场运作的原则，充分调动成员积极性",
	"定期开展走访调研，建立问题清单、任务清单和责任清单",
	"选树一批示范点，以点带面推动整体工作提升",
	"把培训课堂搬到企业车间和社区活动室，增强活动的针对性",
	"建立结对联系制度，每名统战干部联系若干名党外代表人士",
	"引入第三方评估，每年对项目成效进行量化评价",
	"整合部门资源，形成统战部门牵头、多方参与的工作格局",
	"设立专项资金，对成效明显的基层组织给予奖励",
	"编印工作手册和案例汇编，方便基层学习借鉴",
	"搭建交流平台，定期举办座谈会、恳谈会和现场观摩活动",
	"建立信息报送和动态监测机制，做到情况早掌握、问题早处置",
	"**健全组织**：成立工作领导小组，由{O}主要负责同志任组长",
	"**强化保障**：落实办公场所和工作经费，配备专职联络员",
	"**注重宣传**：通过报刊、网站和微信公众号宣传典型经验",
}

// resultSentences speak of a story's results.
var resultSentences = []string{
	"项目实施以来，参与单位和群众的满意度持续提升，社会反响良好。",
	"从实际运行情况看，这一做法既减轻了政府负担，又调动了社会力量的积极性。",
	"不少企业负责人表示，统战部门的服务让他们在困难时期看到了希望。",
	"相关做法多次被上级部门转发推广，成为{R}统战工作的一张名片。",
	"经过几年的运行，工作机制日趋成熟，覆盖范围不断扩大。",
	"据不完全统计，项目累计惠及群众数以万计，经济效益和社会效益同步显现。",
}

// tableLeads introduce a story's table.
var tableLeads = []string{
	"主要数据如下表所示。",
	"下表汇总了项目推进过程中的几项主要数据。",
	"项目推进的几个阶段见下表。",
}

// lessonSentences draw lessons and look ahead.
var lessonSentences = []string{
	"实践表明，统战工作只有紧贴中心大局，才能找准创新的着力点。",
	"创新不是另起炉灶，而是把统战工作的传统优势与新的需求结合起来。",
	"基层的首创精神是实践创新的不竭源泉，要善于发现、总结和推广。",
	"制度化、常态化是创新成果持续发挥作用的关键。",
	"统战成员既是服务对象，也是工作力量，要充分发挥他们的主体作用。",
	"下一步，{O}将在总结经验的基础上进一步扩大覆盖面，推动项目提质增效。",
	"今后将继续探索数字化手段，让统战工作更加精准高效。",
}

// nextItems are list items of a story's look ahead.
var nextItems = []string{
	"总结试点经验，在{R}其他乡镇（街道）逐步推广",
	"完善考核评价办法，把项目成效纳入年度工作考评",
	"加强与有关部门的协同，形成常态长效的工作机制",
	"加大对统战干部的培训力度，提升服务能力",
	"运用信息化手段，提高工作的精准度和时效性",
}

// fillerSentences lengthen any paragraph of any story.
var fillerSentences = []string{
	"工作中，{O}注重听取各方意见，不断完善具体措施。",
	"各级统战干部深入一线，与统战成员面对面交流，掌握第一手情况。",
	"在推进过程中，也曾遇到认识不统一、资源不充足等困难，通过反复沟通逐步得到解决。",
	"{P}的做法得到了当地党委政府的充分肯定和大力支持。",
	"参与者普遍认为，这种方式接地气、见实效，值得长期坚持。",
	"为保证工作质量，项目组每月对进展情况进行梳理通报。",
	"{Y}年下半年，项目进入全面推广阶段，参与单位明显增加。",
	"围绕群众最关心、最直接、最现实的问题，工作重心不断下移。",
	"统战部门还注意把思想引导寓于服务之中，增进了统战成员的政治认同。",
	"通过典型引路，越来越多的党外人士主动参与到基层治理中来。",
	"活动形式从单一的座谈交流发展为调研、培训、服务、联谊相结合。",
	"各成员单位各司其职、密切配合，形成了推进工作的强大合力。",
	"有关经验做法在全市统战工作会议上作了交流发言。",
	"项目组还建立了工作台账，做到每项任务有人管、有回音。",
	"这一探索为同类地区开展相关工作提供了有益借鉴。",
	"统战成员的归属感和参与热情明显增强，队伍凝聚力不断提升。",
	"在资金使用上，坚持公开透明，接受成员和社会监督。",
	"结合{R}产业特点，项目在不同乡镇（街道）采取了各有侧重的推进方式。",
	"{O}还邀请人大代表、政协委员对项目进行视察，听取改进意见。",
	"一位参与其中的党外人士说：“这件事办到了大家的心坎上。”",
	"起步阶段，项目只在少数几个村（社区）试行，摸索出经验后再逐步铺开。",
	"为了让更多人了解这项工作，{O}组织了多场现场推介会。",
	"每逢重要节点，统战干部都会上门听取意见，把问题带回去研究。",
	"项目的日常运转主要依靠志愿者，专职人员只负责统筹协调。",
	"有关部门在场地、经费等方面给予了支持，解除了项目的后顾之忧。",
	"{P}的一些企业家主动承担了牵头联络的角色。",
	"工作台账按月更新，做到底数清、情况明。",
	"项目还注意与群团组织、社会组织合作，扩大了服务的覆盖面。",
	"针对不同群体的需求，服务内容也在不断调整和充实。",
	"不少党外人士把参与项目看作履行社会责任的一种方式。",
}

// connectors open a filler sentence now and then.
var connectors = []string{
	"与此同时，", "值得一提的是，", "从具体情况看，", "在此基础上，", "此外，", "据介绍，", "实践中，",
}

// categorySentences are sentences proper to one category.
var categorySentences = [3][]string{
	{
		"中小企业融资难、融资贵的问题一度制约着当地经济发展。",
		"通过搭建银企对接平台，金融机构与企业之间的信息壁垒逐步打破。",
		"面对代际传承的新课题，年轻一代企业家的培养被摆上重要位置。",
		"项目引导民营企业家履行社会责任，在转型升级中实现自身发展。",
		"不少企业借助平台渡过了资金周转的难关，稳住了订单和就业。",
	},
	{
		"随着外来务工人员不断增多，劳资纠纷和邻里矛盾时有发生。",
		"调解员大多来自商会和行业协会，熟悉行业情况，说话有分量。",
		"通过及时介入、依法调处，一批潜在的矛盾纠纷被化解在萌芽状态。",
		"民族宗教领域总体保持和谐稳定，少数民族群众的获得感不断增强。",
		"新居民在就业、子女入学等方面的实际困难得到及时回应。",
	},
	{
		"统战工作对象分散、联系难，是长期困扰基层的一个问题。",
		"借助信息化手段，统战成员的基本情况实现了动态管理。",
		"党外干部通过实践锻炼，提高了履职能力，拓宽了工作视野。",
		"服务中心为党外人士提供了学习交流、建言献策的固定场所。",
		"基层统战工作从“有人管事”向“有能力管好事”转变。",
	},
}

// stageRows are the rows of a story's table when it has no metrics.
var stageRows = [][2]string{
	{"调研启动", "走访统战成员，摸清需求，形成方案"},
	{"试点推进", "在{P}先行先试，边实践边完善"},
	{"全面推广", "总结试点经验，在{R}范围推开"},
	{"总结提升", "评估成效，健全长效机制"},
}

// summaryTemplates give a story's teaser.
var summaryTemplates = []string{
	"{P}探索{X}，把统战工作的优势转化为服务基层的实效。",
	"{O}以{X}为抓手，推动基层统战工作创新。",
	"从一次走访开始，{P}的{X}逐步成为{R}统战工作的亮点。",
}

// metricKind is a measured result a story may report, with the units it is
// reported in.
type metricKind struct {
	name  string
	units []unitRange
}

// unitRange is a unit with the range of its values: integers in [min, max]
// scaled down by 10^scale (scale 1 gives tenths: 5 → 0.5).
type unitRange struct {
	unit     string
	min, max int
	scale    int
}

var metricKinds = []metricKind{
	{"帮助企业", []unitRange{{"家", 5, 300, 0}}},
	{"服务企业", []unitRange{{"家", 10, 2000, 0}, {"户次", 100, 9000, 0}}},
	{"融资服务", []unitRange{{"户次", 200, 9000, 0}, {"万户次", 5, 50, 1}}},
	{"融资金额", []unitRange{{"万元", 500, 9000, 0}, {"亿元", 3, 3000, 1}}},
	{"资金周转额", []unitRange{{"万元", 1000, 9000, 0}, {"亿元", 5, 200, 1}}},
	{"节约成本和增加效益", []unitRange{{"万元", 100, 9000, 0}, {"元", 50000, 900000, 0}}},
	{"捐赠款物", []unitRange{{"元", 10000, 990000, 0}, {"万元", 10, 5000, 0}, {"亿元", 50, 250, 2}}},
	{"融资服务平台", []unitRange{{"个", 1, 90, 0}}},
	{"服务站点", []unitRange{{"处", 1, 60, 0}}},
	{"组织活动", []unitRange{{"次", 5, 800, 0}}},
	{"采纳建议", []unitRange{{"条", 5, 500, 0}}},
	{"结对专家", []unitRange{{"位", 3, 120, 0}}},
	{"参与人数", []unitRange{{"人", 20, 5000, 0}}},
	{"调解纠纷", []unitRange{{"次", 10, 900, 0}}},
	{"培训学员", []unitRange{{"名", 20, 2000, 0}, {"人", 20, 2000, 0}}},
	{"志愿者", []unitRange{{"名", 10, 3000, 0}}},
	{"服务群众", []unitRange{{"户次", 100, 9000, 0}, {"万户次", 5, 90, 1}}},
	{"挽回经济损失", []unitRange{{"万元", 10, 5000, 0}, {"亿元", 11, 300, 2}}},
}

// hedges are the qualifiers a figure may carry; "" is none.
var hedges = []string{"", "", "", "", "", "余", "余", "多", "近", "约"}

// Award levels, in the order national, provincial, municipal, county.
var (
	levelEN = [4]string{"national", "provincial", "municipal", "county"}
	levelZH = [4]string{"国家级", "省级", "市级", "县级"}
)

// awardNames are award titles per level; {R} is the story's region.
var awardNames = [4][]string{
	{"全国统战工作实践创新成果", "全国工商联系统创新项目", "全国民族团结进步创建示范项目"},
	{"全省统战工作创新奖", "浙江省统战工作实践创新成果", "全省工商联工作创新奖"},
	{"全市统战工作创新奖", "宁波市统战工作创新成果", "全市基层统战工作优秀案例"},
	{"{R}统战工作创新奖", "{R}基层治理创新案例", "{R}优秀统战工作项目"},
}

// awardBodies are who gives an award, per level.
var awardBodies = [4][]string{
	{"中央统战部", "全国工商联", "国家民委"},
	{"浙江省委统战部", "浙江省工商联"},
	{"宁波市委统战部", "宁波市工商联"},
	{"{R}委统战部"},
}

var awardRanks = []string{"一等奖", "二等奖", "三等奖", "优秀奖", "提名奖"}

// unitTemplates are organisations involved in a story.
var unitTemplates = []string{
	"{R}委统战部", "{R}工商联", "{P}商会", "{R}民宗局", "{R}侨联", "{R}知联会",
	"{R}新联会", "宁波市委统战部", "{R}司法局", "{P}党委",
}

// sourceTemplates are titles of a story's sources; the publishers are
// fictitious and say so.
var (
	sourceTemplates = []string{
		"{P}{X}工作纪实", "{X}的{R}实践", "{R}统战工作创新项目申报材料", "{X}：从试点到推广",
	}
	sourcePublishers = []string{"甬城统战简报（示例）", "{R}统战信息（示例）", "示例晚报"}
)
