package content

import (
	"bytes"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
)

// adrgCut splits src as split did through adrg/frontmatter: the opening
// delimiter found, the bytes handed to the decoder and the body's offset.
func adrgCut(src []byte) (start string, data []byte, body int, found bool) {
	var formats []*frontmatter.Format
	for _, d := range [][2]string{{"---", "---"}, {"---yaml", "---"}, {"+++", "+++"}, {"---toml", "---"}, {";;;", ";;;"}, {"---json", "---"}} {
		formats = append(formats, frontmatter.NewFormat(d[0], d[1], func(b []byte, _ any) error {
			start, data, found = d[0], append([]byte{}, b...), true
			return nil
		}))
	}
	var sink struct{}
	rest, err := frontmatter.Parse(bytes.NewReader(src), &sink, formats...)
	if err != nil {
		panic(err) // a bytes.Reader never fails and the formats never do
	}
	return start, data, len(src) - len(rest), found
}

// ownCut splits src as split does: at its first non-blank line, if that is
// an opening delimiter, through cutDelimited.
func ownCut(src []byte) (start string, data []byte, body int, found bool) {
	off := 0
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		if start = strings.TrimSpace(string(src[off : off+end])); start != "" {
			break
		}
		off += end + 1
	}
	closer := map[string]string{"---": "---", "---yaml": "---", "+++": "+++", "---toml": "---", ";;;": ";;;", "---json": "---"}[start]
	if closer == "" {
		return "", nil, 0, false
	}
	data, body, found = cutDelimited(src, off, closer)
	return start, data, body, found
}

func checkCut(t *testing.T, src []byte) {
	t.Helper()
	as, ad, ab, af := adrgCut(src)
	s, d, b, found := ownCut(src)
	if af != found {
		t.Fatalf("%q: found %v, adrg/frontmatter %v", src, found, af)
	}
	if af && (as != s || !bytes.Equal(ad, d) || ab != b) {
		t.Fatalf("%q: split as %q %q body at %d, adrg/frontmatter as %q %q body at %d", src, s, d, b, as, ad, ab)
	}
}

// TestCutDelimited compares cutDelimited with adrg/frontmatter on the ways
// a delimiter can stand.
func TestCutDelimited(t *testing.T) {
	for _, s := range []string{
		"", "---", "---\n", "---\n---", "---\n---\n", "---\na: 1\n---\nbody\n", "\n\n  ---  \na\n ---\t\nbody",
		"---\na\n---x\n--- \n", "---yaml\na\n---\n", "+++\na = 1\n+++\nb", "+++\na\n---\n", ";;;\n{}\n;;;\n",
		"---json\n{}\n---\n", "---toml\na = 1\n---\n", "---\na\n", "---\na", "x\n---\n---\n", "\u3000---\u3000\n\u00a0---\n",
		"---\n\n---\n\n", "----\n---\n", "--- #\n---\n", "---\r\na\r\n---\r\nb",
	} {
		checkCut(t, []byte(s))
	}
}

// FuzzCutDelimited checks that split finds the same front matter and body
// as adrg/frontmatter did for every input.
func FuzzCutDelimited(f *testing.F) {
	for _, s := range storySeeds(f) {
		f.Add(s)
	}
	for _, s := range []string{"---\na\n---\n", " \n+++\n\n +++ \nx", ";;;\n;;;", "---toml\n---", "---\n---yaml\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkCut(t, src)
	})
}
