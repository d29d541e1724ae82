package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"slices"
	"strconv"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/devserver"
	"github.com/ningbo-showcase/showcase/generator/publish"
)

// cmdServe runs the live preview: the site rendered into memory, rebuilt
// as the source changes, until ctx is done (Ctrl+C).
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	var c common
	c.register(fs)
	port := fs.Int("port", 1313, "port to listen on")
	fs.IntVar(port, "p", 1313, "port to listen on")
	bind := fs.String("bind", "127.0.0.1", "address to listen on")
	baseURL := fs.String("baseURL", "", "override the config's baseURL (default: the server's address)")
	noDrafts := fs.Bool("no-drafts", false, "hide drafts (shown by default when serving)")
	cmsToken := fs.String("cms-token", os.Getenv("SHOWCASE_CMS_TOKEN"), "token that opens the CMS's write API on a non-loopback --bind (default $SHOWCASE_CMS_TOKEN)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if st, err := os.Stat(c.source); err != nil {
		return err
	} else if !st.IsDir() {
		return fmt.Errorf("%s: not a directory", c.source)
	}
	dopts := devserver.Options{Source: c.source, Log: stderr, Quiet: c.quiet, CMSToken: *cmsToken}
	ln, err := net.Listen("tcp", listenAddr(*bind, *port))
	if err != nil {
		return err
	}
	base := *baseURL
	if base == "" {
		base = "http://" + ln.Addr().String() + "/"
	}
	u, err := url.Parse(base)
	if err != nil {
		ln.Close()
		return errUsage{fmt.Sprintf("invalid --baseURL %q: %v", base, err)}
	}
	dopts.Root = u.Path
	var last []string
	src, closeSrc, err := generator.OpenSource(c.source)
	if err != nil {
		ln.Close()
		return err
	}
	defer closeSrc()
	b := &sessionBuilder{
		sess: generator.NewSession(src, generator.Options{Source: c.source, BaseURL: base, Drafts: !*noDrafts, Strict: c.strict, LiveReload: devserver.ScriptPath, DeferImages: true}),
		warnings: func(list content.List) {
			if c.quiet {
				return
			}
			cn := zh()
			var lines []string
			for _, e := range list {
				lines = append(lines, e.Localized(cn))
			}
			if slices.Equal(lines, last) {
				return // already shown
			}
			last = lines
			for _, l := range lines {
				fmt.Fprintln(stderr, l)
			}
		},
	}
	srv := devserver.New(b, dopts)
	show := base
	if *baseURL != "" {
		show = "http://" + ln.Addr().String() + u.Path
	}
	fmt.Fprintln(stdout, msg("Serving at "+show+" (Ctrl+C to stop)", "预览地址 "+show+"（按 Ctrl+C 停止）"))
	return srv.Run(ctx, ln)
}

// sessionBuilder rebuilds incrementally through a generator.Session.
type sessionBuilder struct {
	sess     *generator.Session
	warnings func(content.List)
}

// Build implements devserver.Builder.
func (b *sessionBuilder) Build(ctx context.Context, changed []string) (*publish.Memory, error) {
	mem, err := b.sess.Build(ctx, changed)
	if err == nil {
		b.warnings(b.sess.Warnings())
	}
	return mem, err
}

// LateFile implements devserver.LateFiler: photos still being encoded.
func (b *sessionBuilder) LateFile(ctx context.Context, name string) ([]byte, bool) {
	return b.sess.LateFile(ctx, name)
}

// listenAddr returns the address to listen on; port 0 picks a free one.
func listenAddr(bind string, port int) string {
	return net.JoinHostPort(bind, strconv.Itoa(port))
}
