package hugocompat

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/adrg/frontmatter"
)

// frontMatter holds the front-matter keys the comparison needs. The tags
// serve the YAML, TOML and JSON decoders that adrg/frontmatter picks from.
type frontMatter struct {
	Title   string `yaml:"title" toml:"title" json:"title"`
	Slug    string `yaml:"slug" toml:"slug" json:"slug"`
	Draft   bool   `yaml:"draft" toml:"draft" json:"draft"`
	Metrics []struct {
		Name      string `yaml:"name" toml:"name" json:"name"`
		Value     any    `yaml:"value" toml:"value" json:"value"`
		Unit      string `yaml:"unit" toml:"unit" json:"unit"`
		Qualifier string `yaml:"qualifier" toml:"qualifier" json:"qualifier"`
	} `yaml:"metrics" toml:"metrics" json:"metrics"`
	Awards []struct {
		Level string `yaml:"level" toml:"level" json:"level"`
		Name  string `yaml:"name" toml:"name" json:"name"`
		Year  int    `yaml:"year" toml:"year" json:"year"`
	} `yaml:"awards" toml:"awards" json:"awards"`
}

// expected is what a content tree promises about one built page.
type expected struct {
	Source  string
	Story   bool
	Title   string
	Metrics []metric
	// Awards holds, per award, the pieces its list item must contain:
	// the year, the level in Chinese and the name.
	Awards [][]string
}

// awardLevels maps the contract's award levels to their Chinese names.
var awardLevels = map[string]string{
	"national": "国家级", "provincial": "省级", "municipal": "市级", "county": "县级",
}

// formatValue writes a metric value as the editor wrote it: integers as
// digits and decimals in the shortest form, never with an exponent.
func formatValue(v any) (string, error) {
	switch v := v.(type) {
	case int:
		return strconv.Itoa(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case uint64:
		return strconv.FormatUint(v, 10), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	}
	return "", fmt.Errorf("metric value %v is a %T, not a number", v, v)
}

// figure returns a metric's figure in the editor's form: 近 and 约 before
// the number, 余 and 多 between the number and the unit.
func figure(value any, unit, qualifier string) (string, error) {
	n, err := formatValue(value)
	if err != nil {
		return "", err
	}
	if qualifier == "近" || qualifier == "约" {
		return qualifier + n + unit, nil
	}
	return n + qualifier + unit, nil
}

// readContent reads the content tree under src and returns, by URL path,
// what every story, region, category and standalone page must show. Drafts
// are left out: neither builder publishes them by default.
func readContent(src string) (map[string]expected, error) {
	want := map[string]expected{}
	content := filepath.Join(src, "content")
	add := func(path, url string, story bool) error {
		fm, err := readFrontMatter(path)
		if err != nil {
			return err
		}
		if fm.Draft {
			return nil
		}
		if fm.Slug != "" && url != "" {
			url = url[:strings.LastIndex(strings.TrimSuffix(url, "/"), "/")+1] + fm.Slug + "/"
		}
		e := expected{Source: path, Story: story, Title: fm.Title}
		if story {
			for _, m := range fm.Metrics {
				f, err := figure(m.Value, m.Unit, m.Qualifier)
				if err != nil {
					return fmt.Errorf("%s: metric %q: %w", path, m.Name, err)
				}
				e.Metrics = append(e.Metrics, metric{Name: m.Name, Figure: f})
			}
			for _, a := range fm.Awards {
				level := a.Level
				if zh, ok := awardLevels[level]; ok {
					level = zh
				}
				e.Awards = append(e.Awards, []string{strconv.Itoa(a.Year), level, a.Name})
			}
		}
		if _, dup := want[url]; dup {
			return fmt.Errorf("%s: a second page for %s", path, url)
		}
		want[url] = e
		return nil
	}

	entries, err := os.ReadDir(filepath.Join(content, "stories"))
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		path := filepath.Join(content, "stories", e.Name())
		slug := strings.TrimSuffix(e.Name(), ".md")
		switch {
		case e.IsDir():
			path = filepath.Join(path, "index.md")
			if _, err := os.Stat(path); err != nil {
				continue // a directory without index.md is no bundle
			}
		case e.Name() == "_index.md" || !strings.HasSuffix(e.Name(), ".md"):
			continue
		}
		if err := add(path, "/stories/"+slug+"/", true); err != nil {
			return nil, err
		}
	}
	for _, section := range []string{"regions", "categories"} {
		entries, err := os.ReadDir(filepath.Join(content, section))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			path := filepath.Join(content, section, e.Name(), "_index.md")
			if !e.IsDir() {
				continue
			}
			if err := add(path, "/"+section+"/"+e.Name()+"/", false); err != nil {
				return nil, err
			}
		}
	}
	entries, err = os.ReadDir(content)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() || e.Name() == "_index.md" || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		if err := add(filepath.Join(content, e.Name()), "/"+strings.TrimSuffix(e.Name(), ".md")+"/", false); err != nil {
			return nil, err
		}
	}
	return want, nil
}

// readFrontMatter decodes the front matter of one content file.
func readFrontMatter(path string) (frontMatter, error) {
	var fm frontMatter
	data, err := os.ReadFile(path)
	if err != nil {
		return fm, err
	}
	if _, err := frontmatter.Parse(bytes.NewReader(data), &fm); err != nil {
		return fm, fmt.Errorf("%s: front matter: %w", path, err)
	}
	return fm, nil
}

// standaloneURLs returns the URL paths of the standalone pages in want,
// the one-segment ones (/about/).
func standaloneURLs(want map[string]expected) map[string]bool {
	urls := map[string]bool{}
	for url := range want {
		if strings.Count(url, "/") == 2 {
			urls[url] = true
		}
	}
	return urls
}
