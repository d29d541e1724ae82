package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/content"
)

func cmdNew(args []string, stdout, stderr io.Writer) error {
	if len(args) < 2 || args[0] != "story" {
		return errUsage{"usage: showcase new story <slug> --region R --category C [--title T] [--year Y]"}
	}
	slug := args[1]
	fs := newFlags("new story", stderr)
	source := fs.String("s", ".", "source directory")
	fs.StringVar(source, "source", ".", "source directory")
	region := fs.String("region", "", "region name, slug or other name (required)")
	category := fs.String("category", "", "category name or slug (required)")
	title := fs.String("title", "", "story title (default: the slug)")
	year := fs.Int("year", time.Now().In(content.Shanghai).Year(), "showcase year")
	if err := parse(fs, args[2:]); err != nil {
		return err
	}
	if !content.ValidSlug(slug) {
		return errUsage{fmt.Sprintf(msg("slug %q must be lower-case ASCII letters, digits and hyphens", "slug %q 只能包含小写英文字母、数字和连字符"), slug)}
	}
	if *region == "" || *category == "" {
		return errUsage{msg("--region and --category are required", "必须提供 --region 和 --category")}
	}
	src, closeSrc, err := generator.OpenSource(*source)
	if err != nil {
		return err
	}
	defer closeSrc()
	site, _ := content.Load(src, content.Options{Drafts: true})
	if site.RegionByName(*region) == nil {
		return fmt.Errorf(msg("unknown region %q", "未知的区域 %q"), *region)
	}
	found := false
	for _, c := range site.Categories {
		found = found || c.Slug == *category || c.Title == *category
	}
	if !found {
		return fmt.Errorf(msg("unknown category %q", "未知的类别 %q"), *category)
	}
	if *title == "" {
		*title = slug
	}
	dir := filepath.Join(*source, "content", "stories")
	file := filepath.Join(dir, slug+".md")
	for _, p := range []string{file, filepath.Join(dir, slug, "index.md")} {
		if _, err := os.Stat(p); err == nil {
			return fmt.Errorf(msg("%s already exists", "%s 已存在"), p)
		}
	}
	body := "---\ntitle: " + strconv.Quote(*title) + "\nregion: " + strconv.Quote(*region) + "\nyear: " + strconv.Itoa(*year) +
		"\ncategory: " + strconv.Quote(*category) + "\ntags: []\nsummary: \"\"\nmetrics: []\ndraft: true\n---\n\n## 背景\n\n## 做法\n\n## 成效\n"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, strings.TrimSpace(msg("Created "+file+" (a draft: set draft: false to publish)", "已创建 "+file+"（草稿：发布时改为 draft: false）")))
	return nil
}
