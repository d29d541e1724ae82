package devserver

import (
	"net/http"

	"github.com/ningbo-showcase/showcase/generator/cms"
)

// mountCMS starts serving Decap CMS at /admin/ and its local-backend API
// at cms.APIPath for a server listening on addr (see package cms for who
// may use the API).
func (s *Server) mountCMS(addr string) (func(), error) {
	h, err := cms.New(cms.Options{Source: s.opts.Source, Root: s.root, Addr: addr, Token: s.opts.CMSToken})
	if err != nil {
		return nil, err
	}
	s.cms.Store(h)
	return func() { h.Close() }, nil
}

// serveCMS answers a request for the CMS, if it is one.
func (s *Server) serveCMS(w http.ResponseWriter, r *http.Request) bool {
	h := s.cms.Load()
	if h == nil || !h.Handles(r.URL.Path) {
		return false
	}
	h.ServeHTTP(w, r)
	return true
}
