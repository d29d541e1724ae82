package deploy

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// DefaultMaxDeletes is Hugo's default limit on deletions per deploy.
const DefaultMaxDeletes = 256

// DefaultWorkers is the default number of concurrent requests.
const DefaultWorkers = 10

// Config is the [deployment] table of hugo.toml.
type Config struct {
	Targets    []*Target
	Matchers   []*Matcher
	Order      []*regexp.Regexp // upload order within a wave: later patterns last
	MaxDeletes int              // DefaultMaxDeletes unless set; -1: no limit
	Workers    int              // DefaultWorkers unless set
	Keep       []string         // [params.showcase] keep: never uploaded
	Root       string           // the path of baseURL, "/" or "/showcase/": where _redirects paths begin
}

// Target is one [[deployment.targets]] entry.
type Target struct {
	Name    string
	URL     string
	Include string // glob; "" selects every file
	Exclude string // glob; "" excludes none
	Pos     string // "hugo.toml:LINE" of its table

	include, exclude *regexp.Regexp
}

// Matcher is one [[deployment.matchers]] entry: the headers of the files
// whose site-relative path matches Pattern.
type Matcher struct {
	Pattern         string
	CacheControl    string
	ContentEncoding string
	ContentType     string
	Gzip            bool
	Force           bool
	Pos             string

	re *regexp.Regexp
}

// Selects reports whether the target uploads the site-relative path p.
func (t *Target) Selects(p string) bool {
	if t.include != nil && !t.include.MatchString(p) {
		return false
	}
	return t.exclude == nil || !t.exclude.MatchString(p)
}

// Target returns the target named name, or the first target if name is
// empty. An unknown name gets an error that lists the known ones.
func (c *Config) Target(name string) (*Target, error) {
	if len(c.Targets) == 0 {
		return nil, newError(`no deployment targets: add a [[deployment.targets]] table with name and URL to `+content.ConfigFile,
			`没有部署目标：请在 `+content.ConfigFile+` 中添加带 name 和 URL 的 [[deployment.targets]] 表`, nil)
	}
	if name == "" {
		return c.Targets[0], nil
	}
	var known []string
	for _, t := range c.Targets {
		if t.Name == name {
			return t, nil
		}
		known = append(known, strconv.Quote(t.Name))
	}
	return nil, newError(fmt.Sprintf("deployment target %q not found; known targets: %s", name, strings.Join(known, ", ")),
		fmt.Sprintf("找不到部署目标 %q；已配置的目标：%s", name, strings.Join(known, "、")), nil)
}

// rawConfig is hugo.toml as far as deploy reads it. The TOML decoder
// matches keys to field names without regard to case, as Hugo does.
type rawConfig struct {
	Deployment struct {
		Targets []struct {
			Name                     string
			URL                      string
			Include                  string
			Exclude                  string
			CloudFrontDistributionID string
			GoogleCloudCDNOrigin     string
			StripIndexHTML           bool
		}
		Matchers []struct {
			Pattern         string
			CacheControl    string
			ContentEncoding string
			ContentType     string
			Gzip            bool
			Force           bool
		}
		Order      []string
		MaxDeletes *int
		Workers    *int
	}
}

// LoadConfig reads the [deployment] table and [params.showcase] keep of
// hugo.toml in fsys. Every problem found is returned, joined, each naming
// hugo.toml and its line.
func LoadConfig(fsys fs.FS) (*Config, error) {
	cc, list := content.LoadConfig(fsys)
	if errs := list.Errors(); len(errs) > 0 {
		var all []error
		for _, e := range errs {
			all = append(all, &Error{Msg: e.Localized(false), Zh: e.Localized(true)})
		}
		return nil, errors.Join(all...)
	}
	cfg := &Config{MaxDeletes: DefaultMaxDeletes, Workers: DefaultWorkers, Keep: cc.Keep, Root: "/"}
	if u, err := url.Parse(cc.BaseURL); err == nil && strings.Trim(u.Path, "/") != "" {
		cfg.Root = "/" + strings.Trim(u.Path, "/") + "/"
	}
	if cc.Path == "" {
		return cfg, nil
	}
	src, err := fs.ReadFile(fsys, content.ConfigFile)
	if err != nil {
		return nil, newError("cannot read "+content.ConfigFile, "无法读取 "+content.ConfigFile, err)
	}
	src = []byte(strings.TrimPrefix(strings.ReplaceAll(string(src), "\r\n", "\n"), "\uFEFF"))
	var raw rawConfig
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		pos := content.ConfigFile
		if errors.As(err, &pe) {
			pos += ":" + strconv.Itoa(pe.Position.Line)
		}
		return nil, &Error{Pos: pos, Msg: "invalid [deployment] table", Zh: "[deployment] 表有误", Err: err}
	}
	lines := content.TOMLKeyLines(bytes.ToLower(src)) // Hugo's keys are case-insensitive
	at := func(key string) string {
		if l, ok := lines[key]; ok {
			return content.ConfigFile + ":" + strconv.Itoa(l)
		}
		return content.ConfigFile
	}
	var errs []error
	bad := func(pos, en, zh string, cause error) {
		errs = append(errs, &Error{Pos: pos, Msg: en, Zh: zh, Err: cause})
	}
	d := &raw.Deployment
	if d.MaxDeletes != nil {
		if *d.MaxDeletes < -1 {
			bad(at("deployment.maxdeletes"), "maxDeletes must be -1 (no limit) or more", "maxDeletes 必须不小于 -1（-1 表示不限）", nil)
		}
		cfg.MaxDeletes = *d.MaxDeletes
	}
	if d.Workers != nil {
		if *d.Workers < 1 || *d.Workers > 1000 {
			bad(at("deployment.workers"), "workers must be between 1 and 1000", "workers 必须在 1 到 1000 之间", nil)
		}
		cfg.Workers = *d.Workers
	}
	for i, o := range d.Order {
		re, err := regexp.Compile(o)
		if err != nil {
			bad(at("deployment.order"), fmt.Sprintf("order pattern %d is not a valid regular expression", i+1), fmt.Sprintf("order 的第 %d 个模式不是有效的正则表达式", i+1), err)
			continue
		}
		cfg.Order = append(cfg.Order, re)
	}
	names := map[string]bool{}
	for i, rt := range d.Targets {
		key := "deployment.targets." + strconv.Itoa(i)
		t := &Target{Name: rt.Name, URL: rt.URL, Include: rt.Include, Exclude: rt.Exclude, Pos: at(key)}
		switch {
		case t.Name == "":
			bad(t.Pos, "deployment target has no name", "部署目标缺少 name", nil)
		case names[t.Name]:
			bad(at(key+".name"), fmt.Sprintf("deployment target %q is defined twice", t.Name), fmt.Sprintf("部署目标 %q 重复定义", t.Name), nil)
		}
		names[t.Name] = true
		if rt.StripIndexHTML {
			bad(at(key+".stripindexhtml"), fmt.Sprintf("target %q: stripIndexHTML is not supported: showcase deploy uploads DIR/index.html under its own name, for the bucket's index document", t.Name),
				fmt.Sprintf("部署目标 %q：不支持 stripIndexHTML：showcase deploy 按原名上传 DIR/index.html，由存储桶的索引文档提供", t.Name), nil)
		}
		if t.URL == "" {
			bad(t.Pos, fmt.Sprintf("deployment target %q has no URL", t.Name), fmt.Sprintf("部署目标 %q 缺少 URL", t.Name), nil)
		} else if _, err := ParseURL(t.URL); err != nil {
			var e *Error
			if errors.As(err, &e) && e.Pos == "" {
				e.Pos = at(key + ".url")
			}
			errs = append(errs, err)
		}
		for _, g := range []struct {
			src string
			dst **regexp.Regexp
			key string
		}{{t.Include, &t.include, "include"}, {t.Exclude, &t.exclude, "exclude"}} {
			if g.src == "" {
				continue
			}
			re, err := compileGlob(g.src)
			if err != nil {
				bad(at(key+"."+g.key), fmt.Sprintf("%s of target %q is not a valid glob", g.key, t.Name), fmt.Sprintf("部署目标 %q 的 %s 不是有效的通配模式", t.Name, g.key), err)
				continue
			}
			*g.dst = re
		}
		cfg.Targets = append(cfg.Targets, t)
	}
	for i, rm := range d.Matchers {
		key := "deployment.matchers." + strconv.Itoa(i)
		m := &Matcher{Pattern: rm.Pattern, CacheControl: rm.CacheControl, ContentEncoding: rm.ContentEncoding, ContentType: rm.ContentType, Gzip: rm.Gzip, Force: rm.Force, Pos: at(key)}
		re, err := regexp.Compile(m.Pattern)
		switch {
		case m.Pattern == "":
			bad(m.Pos, "deployment matcher has no pattern", "部署匹配规则缺少 pattern", nil)
		case err != nil:
			bad(at(key+".pattern"), "matcher pattern is not a valid regular expression", "匹配规则的 pattern 不是有效的正则表达式", err)
		default:
			m.re = re
		}
		if m.Gzip && m.ContentEncoding != "" && !strings.EqualFold(m.ContentEncoding, "gzip") {
			bad(at(key+".contentencoding"), "a matcher with gzip = true cannot set another contentEncoding", "gzip = true 的匹配规则不能设置其他 contentEncoding", nil)
		}
		cfg.Matchers = append(cfg.Matchers, m)
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
		return nil, errors.Join(errs...)
	}
	return cfg, nil
}
