package deploy_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/deploy"
)

// BenchmarkDeployNoChange measures a deploy that finds nothing to do: a
// site of n files (pages of 10 KB in story directories, as a build of
// n/2 stories has about n files) already in the bucket. One op is one
// whole deploy: scan and hash every file, list the bucket, compare.
//
//	go test -run '^$' -bench DeployNoChange ./generator/deploy
func BenchmarkDeployNoChange(b *testing.B) {
	for _, n := range []int{400, 20000} {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			g := startGateway(b)
			g.bucket(b, "site")
			useCredentials(b, gwAccess, gwSecret)
			src := b.TempDir()
			dir := filepath.Join(src, "public")
			page := strings.Repeat("<p>宁波统一战线创新成果展</p>\n", 300)
			var size int64
			for i := 0; i < n; i++ {
				p := filepath.Join(dir, "stories", fmt.Sprintf("s%05d", i/2), fmt.Sprintf("%d.html", i%2))
				os.MkdirAll(filepath.Dir(p), 0o755)
				body := fmt.Sprintf("%d%s", i, page)
				os.WriteFile(p, []byte(body), 0o644)
				size += int64(len(body))
			}
			os.WriteFile(filepath.Join(src, "hugo.toml"), []byte("[[deployment.targets]]\nname = \"t\"\nURL = \""+g.url("site")+"\"\n"), 0o644)
			cfg, err := deploy.LoadConfig(os.DirFS(src))
			if err != nil {
				b.Fatal(err)
			}
			o := deploy.Options{Dir: dir, Config: cfg, Target: cfg.Targets[0], MaxDeletes: cfg.MaxDeletes, Workers: 16}
			if sum, err := deploy.Deploy(context.Background(), o); err != nil || sum.Uploaded != n {
				b.Fatalf("first deploy: %v, %+v", err, sum)
			}
			b.SetBytes(size)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				sum, err := deploy.Deploy(context.Background(), o)
				if err != nil || sum.Uploaded != 0 || sum.Plan.Unchanged != n {
					b.Fatalf("no-change deploy: %v, %+v", err, sum)
				}
			}
		})
	}
}
