package deploy_test

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/ningbo-showcase/showcase/generator/deploy"
)

// TestWebsite deploys the site and reads it back through the gateway's S3
// website hosting, set up as docs/object-storage.md says (index document
// index.html, error document 404.html): a directory URL serves its
// index.html with the deployed headers, an alias page answers 301 to its
// story, and a missing page gets the 404 page.
func TestWebsite(t *testing.T) {
	g, web := startWebsiteGateway(t)
	g.bucket(t, "site")
	useCredentials(t, gwAccess, gwSecret)
	src, dir := fixture(t, g.url("site"))
	write(t, filepath.Join(dir, "404.html"), "<!doctype html><title>找不到页面</title>")
	o, _ := options(t, src, dir, "test")
	if _, err := deploy.Deploy(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	c := g.client()
	_, err := c.PutBucketWebsite(context.Background(), &s3.PutBucketWebsiteInput{
		Bucket: aws.String("site"),
		WebsiteConfiguration: &s3types.WebsiteConfiguration{
			IndexDocument: &s3types.IndexDocument{Suffix: aws.String("index.html")},
			ErrorDocument: &s3types.ErrorDocument{Key: aws.String("404.html")},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Public read, as website hosting needs.
	_, err = c.PutBucketPolicy(context.Background(), &s3.PutBucketPolicyInput{
		Bucket: aws.String("site"),
		Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", "http://"+web+path, nil)
		req.Host = "site"
		// Asked for explicitly, gzip is not undone by the transport.
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, string(body)
	}
	resp, body := get("/stories/a/")
	if resp.StatusCode != 200 || body != site["stories/a/index.html"] || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("/stories/a/: %d %q %v", resp.StatusCode, body, resp.Header)
	}
	resp, _ = get("/old/a/")
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/stories/a/" {
		t.Errorf("/old/a/: %d, Location %q; want 301 to /stories/a/", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = get("/no/such/page/")
	if resp.StatusCode != 404 || body != "<!doctype html><title>找不到页面</title>" {
		t.Errorf("/no/such/page/: %d %q", resp.StatusCode, body)
	}
	resp, body = get("/assets/app.0123456789ab.js")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" || !strings.HasPrefix(body, "\x1f\x8b") || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("/assets/app.0123456789ab.js: %d %v", resp.StatusCode, resp.Header)
	}
}
