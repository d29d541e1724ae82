package cms_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ningbo-showcase/showcase/generator"
)

// A story as the CMS writes it (every field, empties as "" and [], a date
// with a time, the slug repeated) publishes byte for byte the same site
// as the hand-written story without them.
func TestSameSite(t *testing.T) {
	const form = `---
title: 测试：商会融资服务平台
slug: cms-test-story
region: 北仑区
town: ""
year: 2016
category: 创新助推发展
tags:
  - 商会
  - 融资
summary: ""
date: 2016-05-01T00:00:00.000Z
metrics:
  - name: 融资金额
    value: 300
    unit: 万元
    qualifier: 余
  - name: 帮助企业
    value: 35
    unit: 家
    qualifier: ""
awards:
  - level: provincial
    name: 全省统战工作创新奖
    year: 2015
    by: 浙江省委统战部
    rank: ""
units: []
sources: []
cover: cover.png
cover_alt: 商会工作人员为企业办理融资
draft: false
weight: ""
---
商会搭建融资服务平台，为会员企业提供融资服务。
`
	const hand = `---
title: 测试：商会融资服务平台
region: 北仑区
year: 2016
category: 创新助推发展
tags: [商会, 融资]
date: 2016-05-01
metrics:
  - {name: 融资金额, value: 300, unit: 万元, qualifier: 余}
  - {name: 帮助企业, value: 35, unit: 家}
awards:
  - {level: 省级, name: 全省统战工作创新奖, year: 2015, by: 浙江省委统战部}
cover: cover.png
cover_alt: 商会工作人员为企业办理融资
---
商会搭建融资服务平台，为会员企业提供融资服务。
`
	build := func(story string) string {
		dir := copyTree(t)
		bundle := filepath.Join(dir, "content", "stories", "cms-test-story")
		os.MkdirAll(bundle, 0o755)
		os.WriteFile(filepath.Join(bundle, "index.md"), []byte(story), 0o644)
		writePNG(t, filepath.Join(bundle, "cover.png"))
		dst := t.TempDir()
		if _, err := generator.Build(context.Background(), generator.Options{Source: dir, Dest: dst, Strict: true}); err != nil {
			t.Fatal(err)
		}
		return dst
	}
	a, b := build(form), build(hand)
	n := 0
	filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs", rel)
		}
		n++
		return nil
	})
	if n < 50 {
		t.Fatalf("only %d files compared", n)
	}
}
