package devserver

import (
	"context"
	"io"
	"net/http/httptest"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/publish"
)

// lateBuilder builds a one-page site whose photo comes late.
type lateBuilder struct{ asked []string }

func (b *lateBuilder) Build(context.Context, []string) (*publish.Memory, error) {
	m := publish.NewMemory()
	m.WriteFile("index.html", []byte("<img src=a-800.webp>"))
	m.WriteFile("404.html", []byte("not found"))
	return m, nil
}

func (b *lateBuilder) LateFile(_ context.Context, name string) ([]byte, bool) {
	b.asked = append(b.asked, name)
	if name == "a-800.webp" {
		return []byte("RIFF"), true
	}
	return nil, false
}

// TestLateFile serves a file the site lacks from a LateFiler builder, and
// a 404 for one it does not make.
func TestLateFile(t *testing.T) {
	b := &lateBuilder{}
	s := New(b, Options{Quiet: true})
	if err := s.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"/a-800.webp": 200, "/b-800.webp": 404, "/": 200} {
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != want {
			t.Errorf("%s: %d, want %d", path, w.Code, want)
		}
		if body, _ := io.ReadAll(w.Body); path == "/a-800.webp" && string(body) != "RIFF" {
			t.Errorf("late file body %q", body)
		}
	}
	if len(b.asked) != 2 {
		t.Errorf("LateFile asked for %v, want the two missing files only", b.asked)
	}
}
