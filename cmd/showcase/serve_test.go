package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer safe for concurrent use.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

var servingAt = regexp.MustCompile(`http://127\.0\.0\.1:\d+/\S*`)

// serveCLI runs `showcase serve` with args on a copy of the fixture site
// and returns the URL it prints and a function that stops it (Ctrl+C)
// and returns run's error.
func serveCLI(t *testing.T, args ...string) (string, func() error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../generator/testdata/site")); err != nil {
		t.Fatal(err)
	}
	return serveDir(t, dir, args...)
}

// serveDir is serveCLI on the source tree dir itself.
func serveDir(t *testing.T, dir string, args ...string) (string, func() error) {
	t.Helper()
	t.Setenv("LANG", "C")
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "-s", dir, "--port", "0"}, args...), &stdout, &stderr)
	}()
	stop := func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop after Ctrl+C")
		}
		return nil
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if url := servingAt.FindString(stdout.String()); url != "" {
			return url, stop
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			stop()
			t.Fatalf("serve printed no URL:\n%s\n%s", stdout.String(), stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func TestServe(t *testing.T) {
	url, stop := serveCLI(t, "--quiet")
	if !strings.HasSuffix(url, "/") {
		t.Errorf("URL %q has no trailing slash", url)
	}
	code, body := fetch(t, url+"stories/xizhou/")
	if code != 200 || !strings.Contains(body, "西周镇商会互助基金会") || !strings.Contains(body, "/__showcase/livereload.js") {
		t.Errorf("story page: %d, want 200 with the title and the live-reload script", code)
	}
	if code, body := fetch(t, url+"stories/draft/"); code != 200 || !strings.Contains(body, "草稿") {
		t.Errorf("draft page: %d, want 200 with the 草稿 badge", code)
	}
	if code, _ := fetch(t, url+"no/such/page/"); code != 404 {
		t.Errorf("missing page: %d, want 404", code)
	}
	if err := stop(); err != nil {
		t.Errorf("serve after Ctrl+C: %v", err)
	}
}

func TestServeNoDrafts(t *testing.T) {
	url, stop := serveCLI(t, "--quiet", "--no-drafts")
	defer stop()
	if code, _ := fetch(t, url+"stories/draft/"); code != 404 {
		t.Errorf("draft with --no-drafts: %d, want 404", code)
	}
	if code, _ := fetch(t, url+"stories/xizhou/"); code != 200 {
		t.Errorf("story: %d, want 200", code)
	}
}

func TestServeBaseURLPath(t *testing.T) {
	url, stop := serveCLI(t, "-q", "--baseURL", "https://example.org/showcase/")
	defer stop()
	if !strings.HasSuffix(url, "/showcase/") {
		t.Fatalf("URL %q, want the site under /showcase/", url)
	}
	code, body := fetch(t, url+"stories/xizhou/")
	if code != 200 || !strings.Contains(body, `href="/showcase/`) && !strings.Contains(body, `href=/showcase/`) {
		t.Errorf("story page under /showcase/: %d", code)
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--port", "x"},
		{"serve", "extra"},
		{"serve", "--baseURL", "http://[::1"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, _, err := runCLI(t, map[string]string{"LANG": "C"}, append(args, "--port", "0")...)
			if exitCode(err) != 2 {
				t.Errorf("error %v, want a usage error (exit status 2)", err)
			}
		})
	}
}
