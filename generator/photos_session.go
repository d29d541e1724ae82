package generator

import (
	"io/fs"
	"strings"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/images"
)

// A Session's photo stage reads no photo its edit did not touch: the
// planCache keeps what each bundle file's stat said, the files each
// planned photo encoded to and what each story's photos planned to (a
// story read again is a new content object, planned again), and the
// Session forgets a path's entries when a build reports the path changed
// (photoChanged; the loader then reads the photo's story again). The
// output is the same as reading and encoding again: a photo's files
// depend on its plan and its bytes alone, and a plan is kept for one size
// and time of its file (planKey).

// photoStat is what a stat of a bundle file said.
type photoStat struct {
	size int64
	mod  time.Time
	dir  bool
}

// encodedPhoto is a photo job's output files, for the plan they were
// encoded from.
type encodedPhoto struct {
	img   *images.Image
	files []images.File
}

// stat returns what fs.Stat says of p, from the cache while p is unchanged.
func (ph *photos) stat(p string) (photoStat, error) {
	pc := ph.plans
	if pc != nil {
		pc.mu.Lock()
		st, ok := pc.stats[p]
		pc.mu.Unlock()
		if ok {
			return st, nil
		}
	}
	info, err := fs.Stat(ph.src, p)
	if err != nil {
		return photoStat{}, err
	}
	st := photoStat{size: info.Size(), mod: info.ModTime(), dir: info.IsDir()}
	if pc != nil {
		pc.mu.Lock()
		if pc.stats == nil {
			pc.stats = map[string]photoStat{}
		}
		pc.stats[p] = st
		pc.mu.Unlock()
	}
	return st, nil
}

// photoChanged forgets what the cache knows of the source path p and the
// files below it.
func (pc *planCache) photoChanged(p string) {
	if pc == nil {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	for k := range pc.stats {
		if k == p || strings.HasPrefix(k, p+"/") {
			delete(pc.stats, k)
		}
	}
}

// encodedKey names a photo job's output: its story directory, source
// path and whether it is a cover.
type encodedKey struct {
	dir, path string
	thumb     bool
}

// encoded returns the files j encoded to in an earlier build, when its
// plan is the same.
func (pc *planCache) encoded(k encodedKey, img *images.Image) ([]images.File, bool) {
	if pc == nil {
		return nil, false
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	e, ok := pc.out[k]
	if !ok || e.img != img {
		return nil, false
	}
	pc.next[k] = e
	return e.files, true
}

// setEncoded keeps the files j encoded to.
func (pc *planCache) setEncoded(k encodedKey, img *images.Image, files []images.File) {
	if pc == nil {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	pc.next[k] = encodedPhoto{img: img, files: files}
}

// startEncode begins a build's encoding: what it encodes or reuses is
// kept for the next (endEncode), and nothing else.
func (pc *planCache) startEncode() {
	if pc == nil {
		return
	}
	pc.mu.Lock()
	pc.next = map[encodedKey]encodedPhoto{}
	pc.mu.Unlock()
}

func (pc *planCache) endEncode() {
	if pc == nil {
		return
	}
	pc.mu.Lock()
	pc.out, pc.next = pc.next, nil
	pc.mu.Unlock()
}

// keepStories keeps what the photos of each story of a build that
// encoded them planned to, for the next build's planCovers.
func (pc *planCache) keepStories(planned map[*content.Story]*storyPhotos) {
	if pc == nil {
		return
	}
	pc.mu.Lock()
	pc.stories = planned
	pc.mu.Unlock()
}
