package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/content"
)

// errReported is returned when the error has already been printed.
var errReported = errors.New("reported")

// errUsage marks a command-line mistake (exit status 2).
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func exitCode(err error) int {
	var u errUsage
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// zh reports whether messages should be in Chinese, from the locale.
func zh() bool {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return strings.HasPrefix(strings.ToLower(v), "zh")
		}
	}
	return false
}

func msg(en, cn string) string {
	if zh() {
		return cn
	}
	return en
}

const usage = `showcase builds the Ningbo United Front innovation showcase.

Usage:
  showcase build [-s SRC] [-d DEST] [--baseURL URL] [--drafts] [--strict] [--quiet]
                 [--relativeURLs] [--compress] [--cpuprofile F] [--memprofile F]
  showcase check [-s SRC] [--strict] [--drafts]
  showcase serve [-s SRC] [--port N|-p N] [--bind ADDR] [--baseURL URL] [--no-drafts] [--strict] [--quiet]
  showcase new story <slug> --region R --category C [--title T] [--year Y] [-s SRC]
  showcase deploy [-s SRC] [-d DEST] [--target NAME] [--dryRun] [--force] [--maxDeletes N]
                  [--workers N] [--confirm] [--quiet]
  showcase schema [-s SRC]
  showcase version
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage{"no command given"}
	}
	switch args[0] {
	case "build":
		return cmdBuild(ctx, args[1:], stdout, stderr)
	case "check":
		return cmdCheck(ctx, args[1:], stdout, stderr)
	case "serve", "server":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "deploy":
		return cmdDeploy(ctx, args[1:], os.Stdin, stdout, stderr)
	case "schema":
		return cmdSchema(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "showcase (Go "+runtime.Version()+")")
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return errUsage{fmt.Sprintf("unknown command %q", args[0])}
}

// common are the flags every command shares.
type common struct {
	source string
	drafts bool
	strict bool
	quiet  bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.source, "s", ".", "source directory")
	fs.StringVar(&c.source, "source", ".", "source directory")
	fs.BoolVar(&c.drafts, "drafts", false, "include drafts")
	fs.BoolVar(&c.drafts, "D", false, "include drafts (Hugo's spelling)")
	fs.BoolVar(&c.drafts, "buildDrafts", false, "include drafts (Hugo's spelling)")
	fs.BoolVar(&c.strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&c.quiet, "quiet", false, "print only errors")
	fs.BoolVar(&c.quiet, "q", false, "print only errors")
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("showcase "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errReported
		}
		return errUsage{err.Error()}
	}
	if fs.NArg() > 0 {
		return errUsage{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// report prints content errors and warnings, localized, all at once.
func report(w io.Writer, list content.List, quiet bool) {
	cn := zh()
	for _, e := range list {
		if e.Warning && quiet {
			continue
		}
		fmt.Fprintln(w, e.Localized(cn))
	}
}

func printContentError(stderr io.Writer, err error, quiet bool) error {
	var ce *generator.ContentError
	if errors.As(err, &ce) {
		report(stderr, ce.List, quiet)
		n := len(ce.List.Errors())
		fmt.Fprintln(stderr, msg(fmt.Sprintf("Error: %d content error(s); nothing was written.", n), fmt.Sprintf("错误：内容中有 %d 处错误，未写入任何文件。", n)))
		return errReported
	}
	return err
}

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	var c common
	c.register(fs)
	var o generator.Options
	var cpuprofile, memprofile string
	fs.StringVar(&o.Dest, "d", "", "destination directory (default SRC/public)")
	fs.StringVar(&o.Dest, "destination", "", "destination directory (default SRC/public)")
	fs.StringVar(&o.BaseURL, "baseURL", "", "override the config's baseURL")
	fs.StringVar(&o.BaseURL, "b", "", "override the config's baseURL")
	fs.BoolVar(&o.RelativeURLs, "relativeURLs", false, "relative links for browsing from disk (file://)")
	fs.BoolVar(&o.Compress, "compress", false, "also write .gz and .br files")
	fs.BoolVar(&o.GC, "gc", false, "remove image cache entries this build did not use")
	fs.BoolVar(&o.IgnoreCache, "ignoreCache", false, "render every page and convert every body again, even if the destination is up to date")
	fs.StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile to `file`")
	fs.StringVar(&memprofile, "memprofile", "", "write a heap profile to `file`")
	if err := parse(fs, args); err != nil {
		return err
	}
	o.Source, o.Drafts, o.Strict = c.source, c.drafts, c.strict
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	if !c.quiet && isTerminal(stderr) {
		o.Progress = func(done, total int) {
			if time.Since(start) > time.Second {
				fmt.Fprintf(stderr, "\r%s %d/%d", msg("Rendering", "正在生成"), done, total)
			}
		}
	}
	stopLimit := limitMemory()
	rep, err := generator.Build(ctx, o)
	stopLimit()
	if o.Progress != nil && time.Since(start) > time.Second {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if memprofile != "" {
		f, ferr := os.Create(memprofile)
		if ferr == nil {
			runtime.GC()
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	if err != nil {
		return printContentError(stderr, err, c.quiet)
	}
	if !c.quiet {
		report(stderr, rep.Warnings, false)
		printSummary(stdout, rep)
	}
	return nil
}

func printSummary(w io.Writer, rep generator.Report) {
	if rep.UpToDate {
		fmt.Fprintf(w, msg("Up to date: the destination already holds this build (%d ms)\n", "已是最新：目标目录已是本次构建的结果（%d 毫秒）\n"), rep.Duration.Milliseconds())
		return
	}
	names := map[string][2]string{
		"story": {"Stories", "故事页"}, "list": {"List pages", "列表页"}, "home": {"Home", "首页"},
		"terms": {"Term indexes", "索引页"}, "regions": {"Region overview", "区域总览"}, "timeline": {"Timeline", "时间线"},
		"search": {"Search", "搜索页"}, "page": {"Pages", "独立页面"}, "404": {"404", "404"}, "alias": {"Redirects", "重定向"},
	}
	kinds := make([]string, 0, len(rep.Pages))
	total := 0
	for k, n := range rep.Pages {
		kinds = append(kinds, k)
		total += n
	}
	sort.Strings(kinds)
	cn := zh()
	idx := 0
	if cn {
		idx = 1
	}
	fmt.Fprintf(w, "%s\n", msg("                   | ZH-CN", "                   | 中文"))
	fmt.Fprintln(w, "-------------------+--------")
	for _, k := range kinds {
		n := names[k][idx]
		if n == "" {
			n = k
		}
		fmt.Fprintf(w, "  %s| %d\n", pad(n, 17), rep.Pages[k])
	}
	fmt.Fprintf(w, "  %s| %d\n", pad(msg("Pages total", "页面合计"), 17), total)
	if rep.Rendered < total {
		fmt.Fprintf(w, "  %s| %d\n", pad(msg("Pages rendered", "重新渲染页面"), 17), rep.Rendered)
	}
	fmt.Fprintf(w, "  %s| %d\n", pad(msg("Files written", "写入文件"), 17), rep.Files)
	fmt.Fprintf(w, "  %s| %d\n", pad(msg("Files removed", "删除文件"), 17), rep.Removed)
	if im := rep.Images; im.Images > 0 || im.Pruned > 0 {
		fmt.Fprintf(w, "  %s| %d (%s %d, %s %d, %d ms)\n", pad(msg("Images", "图片"), 17), im.Images,
			msg("encoded", "新编码"), im.Encoded, msg("cached", "取自缓存"), im.Cached, im.Time.Milliseconds())
	}
	if im := rep.Images; im.Pruned > 0 {
		fmt.Fprintf(w, "  %s| %d (%d KB)\n", pad(msg("Cache pruned", "缓存清理"), 17), im.Pruned, im.Freed>>10)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, msg("Total in %d ms\n", "用时 %d 毫秒\n"), rep.Duration.Milliseconds())
}

// pad pads s with spaces to n terminal columns, counting CJK characters as
// two columns wide.
func pad(s string, n int) string {
	w := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) || (r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60)) {
			w += 2
		} else {
			w++
		}
	}
	if w >= n {
		return s
	}
	return s + strings.Repeat(" ", n-w)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
