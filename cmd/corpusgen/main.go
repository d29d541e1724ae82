// Command corpusgen writes a synthetic showcase site: hugo.toml and a content
// tree of N stories following the content contract, for benchmarks and the
// theme's demo site.
//
// Usage:
//
//	corpusgen -n 1000 -seed 1 [-demo] [-theme hugo-showcase] [-photos N [-photo-width W]] [-f] -o DIR
//
// The same flags always write the same files. corpusgen refuses a DIR that
// already has content/ or hugo.toml unless -f is given, which removes those
// two (and nothing else) first.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/ningbo-showcase/showcase/generator/corpus"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "corpusgen:", err)
		}
		os.Exit(2)
	}
}

// run parses args, writes the corpus and reports what it wrote on stdout.
func run(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("corpusgen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var (
		opts  corpus.Options
		out   string
		force bool
	)
	fl.IntVar(&opts.N, "n", 1000, "number of stories")
	fl.Int64Var(&opts.Seed, "seed", 1, "random seed: the same seed gives the same tree")
	fl.BoolVar(&opts.Demo, "demo", false, "mark the site as demo data (示例数据)")
	fl.StringVar(&opts.Theme, "theme", corpus.DefaultTheme, "Hugo theme named in hugo.toml")
	fl.IntVar(&opts.Photos, "photos", 0, "number of stories that get a 12-megapixel synthetic photo as cover")
	fl.IntVar(&opts.PhotoWidth, "photo-width", corpus.DefaultPhotoWidth, "width of the photos in pixels (height ¾ of it)")
	fl.StringVar(&out, "o", "", "output directory (required)")
	fl.BoolVar(&force, "f", false, "remove DIR/content and DIR/hugo.toml first")
	fl.Usage = func() {
		fmt.Fprintln(fl.Output(), "usage: corpusgen -n N -seed S [-demo] [-theme NAME] [-photos N [-photo-width W]] [-f] -o DIR")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		fl.Usage()
		return fmt.Errorf("unexpected argument %q", fl.Arg(0))
	}
	if out == "" {
		fl.Usage()
		return errors.New("-o DIR is required")
	}
	if force {
		for _, name := range []string{"content", "hugo.toml"} {
			if err := os.RemoveAll(filepath.Join(out, name)); err != nil {
				return err
			}
		}
	}
	start := time.Now()
	if err := corpus.Generate(out, opts); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "corpusgen: %d stories (seed %d) in %s, %.2fs\n", opts.N, opts.Seed, out, time.Since(start).Seconds())
	return nil
}
