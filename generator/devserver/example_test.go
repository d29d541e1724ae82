package devserver_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"

	"github.com/ningbo-showcase/showcase/generator"
	"github.com/ningbo-showcase/showcase/generator/devserver"
)

// Example serves the site in the current directory at
// http://127.0.0.1:1313/ until Ctrl+C, rebuilding it as files change.
func Example() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opts := devserver.Options{Source: ".", Log: os.Stderr}
	ln, err := net.Listen("tcp", opts.Addr())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	b := &devserver.FullBuilder{Options: generator.Options{
		Source:  ".",
		BaseURL: "http://" + ln.Addr().String() + "/",
		Drafts:  true,
	}}
	if err := devserver.New(b, opts).Run(ctx, ln); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
}
