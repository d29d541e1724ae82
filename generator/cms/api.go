package cms

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// api answers Decap CMS's local-backend protocol (decap-server's
// file-system mode): POST {"action": …, "params": {…}} with a JSON answer.
// Errors are {"error": message} with status 422 for a request it refuses
// (a bad parameter, a path outside the writable folders) and 500 for a
// failure of the file system; a missing file is 404.
type api struct {
	store *store
	repo  string // the name "info" reports: the source directory's
}

type request struct {
	Action string          `json:"action"`
	Params json.RawMessage `json:"params"`
}

// dataFile is an entry's file as Decap sends it.
type dataFile struct {
	Slug    string  `json:"slug"`
	Path    string  `json:"path"`
	Raw     *string `json:"raw"`
	NewPath string  `json:"newPath"`
}

// asset is an uploaded file, base64-encoded.
type asset struct {
	Path     string `json:"path"`
	Content  string `json:"content"`
	Encoding string `json:"encoding"`
}

type params struct {
	Branch    *string `json:"branch"`
	Folder    string  `json:"folder"`
	Extension string  `json:"extension"`
	Depth     *int    `json:"depth"`
	Files     *[]struct {
		Path  string `json:"path"`
		Label string `json:"label,omitempty"`
	} `json:"files"`
	Path        string     `json:"path"`
	Paths       []string   `json:"paths"`
	MediaFolder string     `json:"mediaFolder"`
	Entry       *dataFile  `json:"entry"`
	DataFiles   []dataFile `json:"dataFiles"`
	Assets      *[]asset   `json:"assets"`
	Asset       *asset     `json:"asset"`
	Options     *struct {
		HasSubfolders *bool `json:"hasSubfolders"`
	} `json:"options"`
}

// entry is an entry as Decap reads it: the file's text (null when it
// cannot be read) and the file's path, label and id (its SHA-256).
type entry struct {
	Data *string   `json:"data"`
	File entryFile `json:"file"`
}

type entryFile struct {
	Path  string  `json:"path"`
	Label string  `json:"label,omitempty"`
	ID    *string `json:"id"`
}

// mediaFile is a media file as Decap reads it.
type mediaFile struct {
	ID       string `json:"id"`
	Content  string `json:"content"`
	Encoding string `json:"encoding"`
	Path     string `json:"path"`
	Name     string `json:"name"`
}

// httpError is an answer other than 200.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func bad(format string, args ...any) error {
	return &httpError{http.StatusUnprocessableEntity, fmt.Sprintf(format, args...)}
}

// do runs one request and returns the value to answer with.
func (a *api) do(req request) (any, error) {
	var p params
	if req.Action != "info" {
		if len(req.Params) == 0 || string(req.Params) == "null" {
			return nil, bad("%s: params are required", req.Action)
		}
		if err := json.Unmarshal(req.Params, &p); err != nil {
			return nil, bad("%s: params: %v", req.Action, err)
		}
		if p.Branch == nil {
			return nil, bad(`%s: params.branch is required`, req.Action)
		}
	}
	switch req.Action {
	case "info":
		return map[string]any{"repo": a.repo, "publish_modes": []string{"simple"}, "type": "local_fs"}, nil
	case "entriesByFolder":
		if p.Folder == "" || p.Extension == "" || p.Depth == nil {
			return nil, bad("entriesByFolder: folder, extension and depth are required")
		}
		files, err := a.store.list(p.Folder, p.Extension, min(*p.Depth, 20))
		if err != nil {
			return nil, err
		}
		out := make([]entry, len(files))
		for i, f := range files {
			out[i] = a.entry(f, "")
		}
		return out, nil
	case "entriesByFiles":
		if p.Files == nil {
			return nil, bad("entriesByFiles: files are required")
		}
		out := make([]entry, 0, len(*p.Files))
		for _, f := range *p.Files {
			if err := a.store.check(f.Path); err != nil {
				return nil, err
			}
			out = append(out, a.entry(f.Path, f.Label))
		}
		return out, nil
	case "getEntry":
		if err := a.store.check(p.Path); err != nil {
			return nil, err
		}
		return a.entry(p.Path, ""), nil
	case "persistEntry":
		return a.persistEntry(p)
	case "getMedia":
		files, err := a.store.list(p.MediaFolder, "", 1)
		if err != nil {
			return nil, err
		}
		out := []mediaFile{}
		for _, f := range files {
			if strings.HasSuffix(f, ".md") {
				continue // a bundle's page, not its media
			}
			m, err := a.media(f)
			if err != nil {
				return nil, err
			}
			out = append(out, m)
		}
		return out, nil
	case "getMediaFile":
		return a.media(p.Path)
	case "persistMedia":
		if p.Asset == nil {
			return nil, bad("persistMedia: asset is required")
		}
		if err := a.writeAssets([]asset{*p.Asset}); err != nil {
			return nil, err
		}
		return a.media(p.Asset.Path)
	case "deleteFile":
		if err := a.store.remove(p.Path); err != nil {
			return nil, err
		}
		return map[string]string{"message": "deleted file " + p.Path}, nil
	case "deleteFiles":
		if len(p.Paths) == 0 {
			return nil, bad("deleteFiles: paths are required")
		}
		for _, f := range p.Paths {
			if err := a.store.check(f); err != nil {
				return nil, err
			}
		}
		for _, f := range p.Paths {
			if err := a.store.remove(f); err != nil {
				return nil, err
			}
		}
		return map[string]string{"message": "deleted files " + strings.Join(p.Paths, ", ")}, nil
	case "getDeployPreview":
		return nil, nil
	}
	return nil, bad("Unknown action %q", req.Action)
}

// persistEntry writes an entry's files (Decap 3 sends dataFiles, older
// versions one entry) and its new assets, then moves the files that have
// a newPath.
func (a *api) persistEntry(p params) (any, error) {
	files := p.DataFiles
	switch {
	case p.Entry != nil && files != nil:
		return nil, bad("persistEntry: give entry or dataFiles, not both")
	case p.Entry != nil:
		files = []dataFile{*p.Entry}
	case len(files) == 0:
		return nil, bad("persistEntry: dataFiles are required")
	}
	if p.Assets == nil {
		return nil, bad("persistEntry: assets are required")
	}
	// Check everything before writing anything.
	for _, f := range files {
		if f.Raw == nil {
			return nil, bad("persistEntry: %s: raw is required", f.Path)
		}
		if err := a.store.check(f.Path); err != nil {
			return nil, err
		}
		if f.NewPath != "" {
			if err := a.store.check(f.NewPath); err != nil {
				return nil, err
			}
		}
	}
	if err := a.checkAssets(*p.Assets); err != nil {
		return nil, err
	}
	for _, f := range files {
		if err := a.store.write(f.Path, []byte(*f.Raw)); err != nil {
			return nil, err
		}
	}
	if err := a.writeAssets(*p.Assets); err != nil {
		return nil, err
	}
	moves := true
	for _, f := range files {
		moves = moves && f.NewPath != ""
	}
	if moves {
		for _, f := range files {
			if err := a.store.move(f.Path, f.NewPath); err != nil {
				return nil, err
			}
		}
	}
	return map[string]string{"message": "entry persisted"}, nil
}

func (a *api) checkAssets(as []asset) error {
	for _, x := range as {
		if x.Encoding != "base64" {
			return bad("asset %s: encoding must be base64", x.Path)
		}
		if err := a.store.check(x.Path); err != nil {
			return err
		}
		if n := int64(base64.StdEncoding.DecodedLen(len(x.Content))); n > a.store.max {
			return &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("asset %s: %d bytes, over the limit of %d", x.Path, n, a.store.max)}
		}
	}
	return nil
}

func (a *api) writeAssets(as []asset) error {
	if err := a.checkAssets(as); err != nil {
		return err
	}
	for _, x := range as {
		data, err := base64.StdEncoding.DecodeString(x.Content)
		if err != nil {
			return bad("asset %s: %v", x.Path, err)
		}
		if err := a.store.write(x.Path, data); err != nil {
			return err
		}
	}
	return nil
}

// entry reads one entry; a file that cannot be read has null data, as
// decap-server answers.
func (a *api) entry(p, label string) entry {
	e := entry{File: entryFile{Path: p, Label: label}}
	data, err := a.store.read(p)
	if err != nil {
		return e
	}
	s, id := string(data), sha(data)
	e.Data, e.File.ID = &s, &id
	return e
}

func (a *api) media(p string) (mediaFile, error) {
	data, err := a.store.read(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return mediaFile{}, &httpError{http.StatusNotFound, p + ": no such file"}
		}
		return mediaFile{}, err
	}
	return mediaFile{ID: sha(data), Content: base64.StdEncoding.EncodeToString(data), Encoding: "base64", Path: p, Name: path.Base(p)}, nil
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
