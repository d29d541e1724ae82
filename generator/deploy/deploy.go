package deploy

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Options are the settings of one deploy. Dir, Config and Target are
// required; the zero value of the other fields is the safe default.
type Options struct {
	Dir    string  // the built site, e.g. "public"
	Config *Config // from LoadConfig
	Target *Target // from Config.Target

	DryRun     bool // plan only: upload and delete nothing
	Force      bool // upload every file, changed or not
	MaxDeletes int  // the most objects deleted (0: none; -1: no limit); usually Config.MaxDeletes
	Workers    int  // 0: Config.Workers
	NoCache    bool // hash every file, remembering nothing (see the package doc)

	// Confirm, if set, is shown the plan before anything changes; the
	// deploy stops (with no error) unless it returns true.
	Confirm func(*Plan) bool
	// Progress, if set, is called after each upload or deletion, from
	// the worker goroutines, possibly at the same time.
	Progress func(done, total int)

	HTTPClient  aws.HTTPClient // nil: the SDK's
	MaxAttempts int            // tries per request; 0: 5
	MaxBackoff  time.Duration  // longest wait between tries; 0: the SDK's 20 s
}

// Upload is a file to upload and why.
type Upload struct {
	*File
	Reason string // "new", "changed", "forced"
}

// Plan is what a deploy changes.
type Plan struct {
	Uploads   []Upload
	Deletes   []string // keys relative to the prefix, sorted
	Unchanged int
	// SkippedDeletes is set when more than MaxDeletes objects would be
	// deleted: then none is.
	SkippedDeletes bool
	MaxDeletes     int
}

// Summary is what a deploy did.
type Summary struct {
	Plan     Plan
	Uploaded int
	Deleted  int
	Bytes    int64 // bytes uploaded
	DryRun   bool
	Declined bool // Confirm returned false
	Duration time.Duration
}

// Deploy uploads o.Dir to o.Target by difference, as the package
// documentation describes. On error it returns a Summary of what was done
// before the error; an error before the deletions (in checking, listing,
// comparing or uploading) deletes nothing.
func Deploy(ctx context.Context, o Options) (*Summary, error) {
	start := time.Now()
	sum := &Summary{DryRun: o.DryRun}
	defer func() { sum.Duration = time.Since(start) }()
	if o.Config == nil || o.Target == nil {
		return sum, newError("deploy: no configuration or target", "部署：缺少配置或目标", nil)
	}
	if st, err := os.Stat(o.Dir); err != nil || !st.IsDir() {
		return sum, newError(fmt.Sprintf("site directory %s not found: run showcase build first", o.Dir), fmt.Sprintf("找不到站点目录 %s：请先运行 showcase build", o.Dir), err)
	}
	loc, err := ParseURL(o.Target.URL)
	if err != nil {
		return sum, err
	}
	workers := o.Workers
	if workers <= 0 {
		workers = o.Config.Workers
	}
	if workers <= 0 {
		workers = DefaultWorkers
	}
	maxDeletes := o.MaxDeletes
	root := o.Config.Root
	if root == "" {
		root = "/"
	}
	redirects, err := readRedirects(o.Dir, root)
	if err != nil {
		return sum, err
	}
	b, err := open(ctx, loc, &o)
	if err != nil {
		return sum, err
	}
	files, err := collect(o.Dir, o.Config, o.Target, redirects)
	if err != nil {
		return sum, err
	}
	// The listing waits on the network, the hashing on the disk and the
	// CPU: run them side by side.
	var (
		remote  map[string]object
		listErr error
		listed  = make(chan struct{})
	)
	go func() {
		defer close(listed)
		paths := make([]string, len(files))
		for i, f := range files {
			paths[i] = f.Path
		}
		remote, listErr = b.list(ctx, paths, workers)
	}()
	cache := &hashCache{old: map[string]string{}, new: map[string]string{}}
	if !o.NoCache {
		cache = openCache(o.Dir)
	}
	err = hash(ctx, files, cache, workers)
	if err == nil {
		cache.save()
	}
	<-listed
	if err != nil {
		return sum, err
	}
	if listErr != nil {
		return sum, listErr
	}
	plan, err := diff(ctx, b, files, remote, o.Target, o.Force, maxDeletes, workers)
	if err != nil {
		return sum, err
	}
	sum.Plan = *plan
	if o.DryRun {
		return sum, nil
	}
	if o.Confirm != nil && (len(plan.Uploads) > 0 || len(plan.Deletes) > 0) && !o.Confirm(plan) {
		sum.Declined = true
		return sum, nil
	}
	total := len(plan.Uploads) + len(plan.Deletes)
	if plan.SkippedDeletes {
		total = len(plan.Uploads)
	}
	var done, bytes atomic.Int64
	step := func() {
		n := done.Add(1)
		if o.Progress != nil {
			o.Progress(int(n), total)
		}
	}
	// Two waves: what pages point at, then the pages.
	for wave := 0; wave < 2; wave++ {
		var ups []Upload
		for _, u := range plan.Uploads {
			if u.wave == wave {
				ups = append(ups, u)
			}
		}
		err := parallel(ctx, workers, len(ups), func(i int) error {
			if err := b.put(ctx, ups[i].File); err != nil {
				return err
			}
			bytes.Add(ups[i].Size)
			step()
			return nil
		})
		sum.Uploaded, sum.Bytes = int(done.Load()), bytes.Load()
		if err != nil {
			return sum, stopped(err, sum.Uploaded, len(plan.Uploads))
		}
	}
	if plan.SkippedDeletes {
		return sum, nil
	}
	var deleted atomic.Int64
	err = parallel(ctx, workers, len(plan.Deletes), func(i int) error {
		if err := b.remove(ctx, plan.Deletes[i]); err != nil {
			return err
		}
		deleted.Add(1)
		step()
		return nil
	})
	sum.Deleted = int(deleted.Load())
	if err != nil {
		return sum, newError(fmt.Sprintf("deploy stopped after %d of %d deletions; run it again to finish", sum.Deleted, len(plan.Deletes)),
			fmt.Sprintf("部署在删除 %d/%d 个对象后中止；请再次运行以完成", sum.Deleted, len(plan.Deletes)), err)
	}
	return sum, nil
}

func stopped(err error, done, total int) error {
	return newError(fmt.Sprintf("deploy stopped after %d of %d uploads; nothing was deleted; run it again to finish", done, total),
		fmt.Sprintf("部署在上传 %d/%d 个文件后中止，未删除任何对象；请再次运行以完成", done, total), err)
}

// isMD5 matches an ETag that is a plain MD5: 32 hex digits.
var isMD5 = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)

// diff compares the local files with the listing and plans the uploads
// and deletions.
func diff(ctx context.Context, b *bucket, files []*File, remote map[string]object, t *Target, force bool, maxDeletes, workers int) (*Plan, error) {
	plan := &Plan{MaxDeletes: maxDeletes}
	reasons := make([]string, len(files))
	// Objects whose ETag is not an MD5 need a HEAD for their metadata.
	var heads []int
	for i, f := range files {
		o, ok := remote[f.Path]
		switch {
		case !ok:
			reasons[i] = "new"
		case force || f.Force:
			reasons[i] = "forced"
		case o.Size != f.Size:
			reasons[i] = "changed"
		case isMD5.MatchString(o.ETag):
			if !strings.EqualFold(o.ETag, f.MD5) {
				reasons[i] = "changed"
			}
		default:
			heads = append(heads, i)
		}
	}
	err := parallel(ctx, workers, len(heads), func(k int) error {
		i := heads[k]
		m, err := b.storedMD5(ctx, files[i].Path)
		if err != nil {
			return err
		}
		if m != files[i].MD5 {
			reasons[i] = "changed"
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	local := make(map[string]bool, len(files))
	for i, f := range files {
		local[f.Path] = true
		if reasons[i] == "" {
			plan.Unchanged++
			continue
		}
		plan.Uploads = append(plan.Uploads, Upload{File: f, Reason: reasons[i]})
	}
	for key := range remote {
		// Objects the target does not select are not the deploy's, and
		// "directory" placeholders are not files.
		if local[key] || !t.Selects(key) || key == "" || strings.HasSuffix(key, "/") {
			continue
		}
		plan.Deletes = append(plan.Deletes, key)
	}
	sort.Strings(plan.Deletes)
	if maxDeletes >= 0 && len(plan.Deletes) > maxDeletes {
		plan.SkippedDeletes = true
	}
	return plan, nil
}

// String describes where loc points, for messages: the URL without its
// query.
func (l *Location) String() string {
	u := url.URL{Scheme: "s3", Host: l.Bucket, Path: "/" + l.Prefix}
	return u.String()
}
