package generator

import (
	"context"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sync"

	"github.com/ningbo-showcase/showcase/generator/images"
)

// lateImages are the photos of a Session's last build that the image
// cache did not hold: with Options.DeferImages the build publishes its
// pages without them, encodes them in the background, and LateFile
// serves each when it is ready, so the first preview of a site full of
// new photos does not wait for them.
type lateImages struct {
	mu     sync.Mutex
	files  map[string]*lateJob // output path → its job
	cancel context.CancelFunc
}

// lateJob is one photo to encode; run encodes it once.
type lateJob struct {
	job   photoJob
	src   fs.FS
	cache *images.Cache
	once  sync.Once
	out   map[string][]byte // output path → bytes, once run
}

func (j *lateJob) run() {
	j.once.Do(func() {
		j.out = map[string][]byte{}
		data, err := fs.ReadFile(j.src, j.job.path)
		if err != nil {
			return
		}
		files, _, err := images.Encode(j.job.img, data, j.cache)
		if err != nil {
			return // the next build reports it, as Plan's checks pass
		}
		for _, f := range files {
			j.out[j.job.dir+f.Name] = f.Data
		}
	})
}

// encodeLater writes the photos the cache holds into w and hands the rest
// to late, which encodes them in the background.
func (ph *photos) encodeLater(w *writer, late *lateImages) error {
	var pending []*lateJob
	written := map[string]bool{}
	ph.plans.startEncode()
	defer ph.plans.endEncode()
	defer ph.plans.keepStories(ph.planned)
	for _, k := range slices.Sorted(maps.Keys(ph.jobs)) {
		j := ph.jobs[k]
		ek := encodedKey{j.dir, j.path, j.thumb}
		files, ok := ph.plans.encoded(ek, j.img)
		if !ok {
			if files, ok = images.Cached(j.img, ph.cache); ok {
				ph.plans.setEncoded(ek, j.img, files)
			}
		}
		if !ok {
			pending = append(pending, &lateJob{job: j, src: ph.src, cache: ph.cache})
			continue
		}
		for _, f := range files {
			if p := j.dir + f.Name; !written[p] {
				written[p] = true
				if err := w.raw(p, f.Data); err != nil {
					return err
				}
			}
		}
	}
	late.start(pending)
	return nil
}

// start replaces the pending photos with jobs and encodes them in the
// background, on all cores but one.
func (l *lateImages) start(jobs []*lateJob) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cancel != nil {
		l.cancel()
	}
	l.files = map[string]*lateJob{}
	for _, j := range jobs {
		for _, n := range j.job.img.Files() {
			l.files[j.job.dir+n] = j
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	next := make(chan *lateJob)
	go func() {
		defer close(next)
		for _, j := range jobs {
			select {
			case next <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range max(1, runtime.GOMAXPROCS(0)-1) {
		go func() {
			for j := range next {
				j.run()
			}
		}()
	}
}

// stop ends the background encoding (a job under way finishes).
func (l *lateImages) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cancel != nil {
		l.cancel()
	}
}

// file returns a pending photo's output file, encoding it now unless the
// background has.
func (l *lateImages) file(ctx context.Context, name string) ([]byte, bool) {
	l.mu.Lock()
	j := l.files[name]
	l.mu.Unlock()
	if j == nil {
		return nil, false
	}
	done := make(chan struct{})
	go func() {
		j.run()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		return nil, false
	}
	data, ok := j.out[name]
	return data, ok
}

// LateFile returns a photo of the last build that was published without
// it (Options.DeferImages) once it is encoded, waiting for it at most
// until ctx ends; ok is false for any other name.
func (s *Session) LateFile(ctx context.Context, name string) ([]byte, bool) {
	return s.late.file(ctx, name)
}
