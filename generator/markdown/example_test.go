package markdown_test

import (
	"fmt"

	"github.com/ningbo-showcase/showcase/generator/markdown"
)

func ExampleRenderer_Convert() {
	r := markdown.New(markdown.Options{}) // build once, share across goroutines
	doc, err := r.Convert([]byte("## 背景\n\n西周镇成立商会互助基金会，\n当年度帮助**35家**企业。\n\n<script>alert(1)</script>\n"))
	if err != nil {
		panic(err)
	}
	fmt.Print(doc.HTML)
	fmt.Println(doc.FirstParagraph)
	for _, h := range doc.Headings {
		fmt.Println(h.Level, h.ID, h.Text)
	}
	// Output:
	// <h2 id="bei-jing">背景</h2>
	// <p>西周镇成立商会互助基金会，当年度帮助<strong>35家</strong>企业。</p>
	// <!-- raw HTML omitted -->
	// 西周镇成立商会互助基金会，当年度帮助35家企业。
	// 2 bei-jing 背景
}

func ExampleSummarize() {
	fmt.Println(markdown.Summarize("西周镇商会互助基金会当年度帮助35家企业走出融资困境", 12))
	fmt.Println(markdown.Summarize("The fund helped 35 firms in its first year", 20))
	// Output:
	// 西周镇商会互助基金会当…
	// The fund helped 35…
}
