package render

import (
	"encoding/base64"
	"html"
	"html/template"
	"strings"
	"testing"
)

func TestAssetDataURI(t *testing.T) {
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>`)
	tests := []struct {
		path string
		data []byte
		want template.URL
	}{
		{"assets/img/favicon.1a2b3c4d5e6f.svg", svg, template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg))},
		{"assets/img/icon.1a2b3c4d5e6f.png", []byte{0x89, 'P', 'N', 'G'}, "data:image/png;base64,iVBORw=="},
		{"assets/x.bin", nil, "data:application/octet-stream;base64,"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			a := &Asset{Path: tt.path, Data: tt.data}
			if got := a.DataURI(); got != tt.want {
				t.Errorf("DataURI() = %q, want %q", got, tt.want)
			}
		})
	}
	// In a template the URI survives html/template's URL filter (which
	// may write "+" as a character reference).
	a := &Asset{Path: "a.svg", Data: svg}
	tpl := template.Must(template.New("x").Parse(`<link rel="icon" href="{{.DataURI}}">`))
	var b strings.Builder
	if err := tpl.Execute(&b, a); err != nil {
		t.Fatal(err)
	}
	if got := html.UnescapeString(b.String()); got != `<link rel="icon" href="`+string(a.DataURI())+`">` {
		t.Errorf("template output %s", got)
	}
}
