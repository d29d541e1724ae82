package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ningbo-showcase/showcase/generator/deploy"
)

// cmdDeploy uploads the built site to object storage by difference:
// showcase deploy [-s SRC] [-d DEST] [--target NAME] [--dryRun] [--force]
// [--maxDeletes N] [--workers N] [--confirm] [--quiet].
func cmdDeploy(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("deploy", stderr)
	var (
		source, dest, target   string
		dryRun, force, confirm bool
		quiet                  bool
		maxDeletes, workers    int
	)
	fs.StringVar(&source, "s", ".", "source directory (with hugo.toml)")
	fs.StringVar(&source, "source", ".", "source directory (with hugo.toml)")
	fs.StringVar(&dest, "d", "", "the built site to upload (default SRC/public)")
	fs.StringVar(&dest, "destination", "", "the built site to upload (default SRC/public)")
	fs.StringVar(&target, "target", "", "name of the [[deployment.targets]] entry (default the first)")
	fs.BoolVar(&dryRun, "dryRun", false, "show what would change, change nothing")
	fs.BoolVar(&force, "force", false, "upload every file, changed or not")
	fs.BoolVar(&confirm, "confirm", false, "ask before changing anything")
	fs.IntVar(&maxDeletes, "maxDeletes", deploy.DefaultMaxDeletes, "delete nothing if more objects than this would go (-1: no limit)")
	fs.IntVar(&workers, "workers", deploy.DefaultWorkers, "concurrent requests")
	fs.BoolVar(&quiet, "quiet", false, "print only errors")
	fs.BoolVar(&quiet, "q", false, "print only errors")
	if err := parse(fs, args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["maxDeletes"] && maxDeletes < -1 {
		return errUsage{msg("--maxDeletes must be -1 or more", "--maxDeletes 必须不小于 -1")}
	}
	if set["workers"] && (workers < 1 || workers > 1000) {
		return errUsage{msg("--workers must be between 1 and 1000", "--workers 必须在 1 到 1000 之间")}
	}
	cn := zh()
	fail := func(err error) error {
		for _, e := range unjoin(err) {
			fmt.Fprintln(stderr, msg("Error: ", "错误：")+deploy.Localize(e, cn))
		}
		return errReported
	}
	cfg, err := deploy.LoadConfig(os.DirFS(source))
	if err != nil {
		return fail(err)
	}
	t, err := cfg.Target(target)
	if err != nil {
		return fail(err)
	}
	if dest == "" {
		dest = filepath.Join(source, "public")
	}
	o := deploy.Options{Dir: dest, Config: cfg, Target: t, DryRun: dryRun, Force: force, MaxDeletes: cfg.MaxDeletes}
	if set["maxDeletes"] {
		o.MaxDeletes = maxDeletes
	}
	if set["workers"] {
		o.Workers = workers
	}
	if confirm {
		in := bufio.NewReader(stdin)
		o.Confirm = func(p *deploy.Plan) bool {
			printPlan(stdout, p, cn)
			fmt.Fprint(stdout, msg("Continue? [y/N] ", "是否继续？[y/N] "))
			line, _ := in.ReadString('\n')
			a := strings.ToLower(strings.TrimSpace(line))
			return a == "y" || a == "yes" || a == "是"
		}
	}
	start := time.Now()
	progress := !quiet && isTerminal(stderr)
	if progress {
		// Called from the upload workers at once: one line at a time,
		// never a count going back.
		var mu sync.Mutex
		shown := 0
		o.Progress = func(done, total int) {
			mu.Lock()
			defer mu.Unlock()
			if done > shown && time.Since(start) > 500*time.Millisecond {
				shown = done
				fmt.Fprintf(stderr, "\r%s %d/%d", msg("Deploying", "正在部署"), done, total)
			}
		}
	}
	if !quiet {
		fmt.Fprintf(stdout, msg("Deploying %s to target %q (%s)\n", "正在将 %s 部署到目标 %q（%s）\n"), dest, t.Name, redact(t.URL))
	}
	sum, err := deploy.Deploy(ctx, o)
	if progress {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil {
		return fail(err)
	}
	if quiet {
		return nil
	}
	if dryRun {
		printPlan(stdout, &sum.Plan, cn)
		fmt.Fprintln(stdout, msg("Dry run: nothing was changed.", "试运行：未做任何更改。"))
		return nil
	}
	if sum.Declined {
		fmt.Fprintln(stdout, msg("Cancelled: nothing was changed.", "已取消：未做任何更改。"))
		return nil
	}
	p := &sum.Plan
	if p.SkippedDeletes {
		fmt.Fprintln(stderr, msg(
			fmt.Sprintf("Warning: %d objects no longer exist locally, more than --maxDeletes %d: none was deleted. Check the target, then run again with --maxDeletes %d (or -1).", len(p.Deletes), max(p.MaxDeletes, 0), len(p.Deletes)),
			fmt.Sprintf("警告：有 %d 个对象在本地已不存在，超过 --maxDeletes %d：一个也未删除。请核对目标，再以 --maxDeletes %d（或 -1）重新运行。", len(p.Deletes), max(p.MaxDeletes, 0), len(p.Deletes))))
	}
	fmt.Fprintln(stdout, msg(
		fmt.Sprintf("Uploaded %d files (%s), deleted %d objects, %d unchanged, in %s.", sum.Uploaded, size(sum.Bytes), sum.Deleted, p.Unchanged, sum.Duration.Round(time.Millisecond)),
		fmt.Sprintf("上传 %d 个文件（%s），删除 %d 个对象，%d 个未变，用时 %s。", sum.Uploaded, size(sum.Bytes), sum.Deleted, p.Unchanged, sum.Duration.Round(time.Millisecond))))
	return nil
}

// printPlan lists the uploads and deletions of p.
func printPlan(w io.Writer, p *deploy.Plan, cn bool) {
	reasons := map[string]string{"new": "新增", "changed": "已改", "forced": "强制"}
	for _, u := range p.Uploads {
		r := u.Reason
		if cn {
			r = reasons[r]
		}
		fmt.Fprintf(w, "%s %s (%s)\n", msg("upload", "上传"), u.Path, r)
	}
	for _, d := range p.Deletes {
		if p.SkippedDeletes {
			fmt.Fprintf(w, "%s %s\n", msg("not deleting (over --maxDeletes)", "不删除（超过 --maxDeletes）"), d)
			continue
		}
		fmt.Fprintf(w, "%s %s\n", msg("delete", "删除"), d)
	}
	fmt.Fprintln(w, msg(
		fmt.Sprintf("%d to upload, %d to delete, %d unchanged.", len(p.Uploads), len(p.Deletes), p.Unchanged),
		fmt.Sprintf("待上传 %d 个，待删除 %d 个，%d 个未变。", len(p.Uploads), len(p.Deletes), p.Unchanged)))
}

// redact drops the query of a target URL for display: it holds no secrets,
// but is long.
func redact(u string) string {
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[:i]
	}
	return u
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// unjoin splits an errors.Join result into its errors.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
