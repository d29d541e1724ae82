// Command showcase builds, checks and serves the Ningbo innovation showcase.
//
//	showcase build [-s SRC] [-d DEST] [--baseURL URL] [--drafts] [--strict] [--quiet]
//	showcase check [-s SRC] [--strict] [--drafts]
//	showcase serve [-s SRC] [--port N] [--bind ADDR]
//	showcase new story <slug> --region R --category C [--title T] [--year Y]
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if err != errReported {
			fmt.Fprintln(os.Stderr, "showcase:", err)
		}
		os.Exit(exitCode(err))
	}
}
