package generator

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/render"
)

// BenchmarkDossiers renders and minifies the printable dossiers alone
// (every part of the city's and the regions'), as a fresh build does, into
// a sink that keeps nothing; each run has a new Renderer. The corpus size
// is SHOWCASE_BENCH_N stories (default 1,000). SetBytes is the size of the
// dossiers.
func BenchmarkDossiers(b *testing.B) {
	n := 1000
	if v := os.Getenv("SHOWCASE_BENCH_N"); v != "" {
		fmt.Sscan(v, &n)
	}
	bs := loadBenchSite(b, n)
	th, s, text, opts := bs.th, bs.s, bs.text, bs.opts
	run := func() int64 {
		r := render.New(th, render.Input{Site: s, Text: text})
		var sink discard
		w := newWriter(&sink, opts, th.Root(), nil)
		if err := w.pages(context.Background(), r, r.PrintPages(), nil); err != nil {
			b.Fatal(err)
		}
		return sink.n.Load()
	}
	b.SetBytes(run())
	var cpu cpuMeter
	for b.Loop() {
		cpu.start()
		run()
		cpu.stop()
	}
	cpu.report(b)
}
