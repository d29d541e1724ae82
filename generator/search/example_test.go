package search_test

import (
	"fmt"
	"testing/fstest"

	"github.com/ningbo-showcase/showcase/generator/search"
)

func Example() {
	docs := []search.Doc{
		{URL: "stories/a/", Title: "慈溪创二代联谊会", Body: "新生代企业家交流。", Region: "慈溪市", RegionSlug: "cixi", Year: 2015},
		{URL: "stories/b/", Title: "紧固件行业协会", Body: "协会调解纠纷。", Region: "海曙区", RegionSlug: "haishu", Year: 2016},
	}
	files, err := search.Build(docs, search.Options{})
	if err != nil {
		panic(err)
	}
	site := fstest.MapFS{}
	for _, f := range files {
		site[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	ix, err := search.Open(site)
	if err != nil {
		panic(err)
	}
	for _, q := range []string{"固件", "chuangerdai", "cx"} {
		res, err := ix.Search(search.Query{Text: q}, 0, 10)
		if err != nil {
			panic(err)
		}
		fmt.Println(q, res.Total, res.Hits[0].URL)
	}
	// Output:
	// 固件 1 stories/b/
	// chuangerdai 1 stories/a/
	// cx 1 stories/a/
}

func ExampleTokenize() {
	for _, t := range search.Tokenize("ＡＰＰ平台，2016年") {
		fmt.Print(t.Term, "@", t.Pos, " ")
	}
	fmt.Println()
	// Output: app@0 平@1 平台@1 台@2 2016@3 年@4
}

func ExampleIndexer() {
	docs := []search.Doc{
		{URL: "stories/a/", Title: "慈溪创二代联谊会", Body: "新生代企业家交流。", Region: "慈溪市", RegionSlug: "cixi", Year: 2015},
		{URL: "stories/b/", Title: "紧固件行业协会", Body: "协会调解纠纷。", Region: "海曙区", RegionSlug: "haishu", Year: 2016},
	}
	ix := search.NewIndexer(search.Options{})
	if _, err := ix.Build(docs); err != nil {
		panic(err)
	}
	// An editor saves story b: only what changed is encoded again.
	docs[1].Body = "协会调解合同纠纷。"
	second, err := ix.Build(docs)
	if err != nil {
		panic(err)
	}
	full, err := search.Build(docs, search.Options{})
	if err != nil {
		panic(err)
	}
	same := len(second) == len(full)
	for i := range second {
		same = same && second[i].Path == full[i].Path && string(second[i].Data) == string(full[i].Data)
	}
	fmt.Println("same as Build:", same)
	// Output: same as Build: true
}
