package content

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ningbo-showcase/showcase/generator/corpus"
)

// dumpNode renders a node tree, lines included, for test failures.
func dumpNode(n *node) string {
	var b strings.Builder
	var walk func(n *node, indent string)
	walk = func(n *node, indent string) {
		if n == nil {
			b.WriteString(indent + "<nil>\n")
			return
		}
		fmt.Fprintf(&b, "%s%s@%d %q\n", indent, n.kind, n.line, n.text)
		for _, f := range n.fields {
			fmt.Fprintf(&b, "%s  %q@%d:\n", indent, f.key, f.line)
			walk(f.val, indent+"    ")
		}
		for _, it := range n.items {
			walk(it, indent+"  - ")
		}
	}
	walk(n, "")
	return b.String()
}

// checkFastYAML decodes data both ways and fails t when the fast path
// handles data but disagrees with yaml.v3. It reports whether the fast
// path handled data.
func checkFastYAML(t *testing.T, data []byte) bool {
	t.Helper()
	const line = 3
	fast, ok := fastYAML(data, line)
	if !ok {
		return false
	}
	slow, err := slowYAML("f.md", data, line)
	if err != nil {
		t.Fatalf("fast path accepted what yaml.v3 rejects (%v):\n%s", err, data)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("fast path and yaml.v3 disagree on\n%s\nfast:\n%s\nyaml.v3:\n%s", data, dumpNode(fast), dumpNode(slow))
	}
	return true
}

// yamlData returns the YAML front matter of a file opened with "---", the
// bytes split hands to decodeYAML.
func yamlData(src []byte) ([]byte, bool) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, false
	}
	data, _, ok := cutDelimited(src, 0, "---")
	return data, ok
}

// corpusYAML returns the YAML front matter of the stories of a generated
// corpus of n stories.
func corpusYAML(tb testing.TB, n int) map[string][]byte {
	tb.Helper()
	dir := tb.TempDir()
	if err := corpus.Generate(dir, corpus.Options{N: n, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	return storiesYAML(tb, filepath.Join(dir, "content", "stories"))
}

// realYAML returns the YAML front matter of the showcase's own stories.
func realYAML(tb testing.TB) map[string][]byte {
	tb.Helper()
	return storiesYAML(tb, filepath.Join("..", "..", "content", "stories"))
}

// storiesYAML returns the YAML front matter of the stories in dir, by
// file name.
func storiesYAML(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		if filepath.Base(p) == "_index.md" {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		if data, ok := yamlData(src); ok {
			out[filepath.Base(p)] = data
		}
	}
	return out
}

// TestFastYAMLStories checks that the fast path handles the front matter
// of every YAML story of the showcase and of a generated corpus, and reads
// it as yaml.v3 does.
func TestFastYAMLStories(t *testing.T) {
	for name, m := range map[string]map[string][]byte{"content": realYAML(t), "corpus": corpusYAML(t, 400)} {
		if len(m) < 10 {
			t.Fatalf("%s: only %d YAML stories", name, len(m))
		}
		for file, data := range m {
			if !checkFastYAML(t, data) {
				t.Errorf("%s/%s: the fast path declines its front matter:\n%s", name, file, data)
			}
		}
	}
}

// TestFastYAMLScalars compares both paths on scalars whose reading is easy
// to get wrong, each as a mapping value, a list item and a flow list item,
// and checks which of them the fast path takes.
func TestFastYAMLScalars(t *testing.T) {
	tests := []struct {
		in      string
		handled bool
	}{
		{"abc", true},
		{"宁波市统战工作创新成果", true},
		{"鄞州区 网上 统战之家", true},
		{"https://example.org/a#b", true},
		{"/images/a.jpg", true},
		{"C#", true},
		{"a'b\"c", true},
		{"yes", true}, {"no", true}, {"on", true}, {"off", true}, {"y", true}, {"n", true},
		{"Yes", true}, {"NO", true},
		{"true", true}, {"True", true}, {"TRUE", true}, {"false", true}, {"FALSE", true},
		{"tRUE", true},
		{"~", true}, {"null", true}, {"Null", true}, {"NULL", true}, {"nULL", true},
		{"0", true}, {"7", true}, {"2016", true}, {"123456789012345678", true},
		{"1234567890123456789", false}, {"99999999999999999999", false},
		{"0.5", true}, {"12.25", true}, {"3.0", true},
		{"0x1F", false}, {"0o17", false}, {"0b101", false}, {"017", false}, {"00", false},
		{"1_000", false}, {".5", false}, {"1e3", false}, {"1.5e3", false}, {"1.", false},
		{"-5", false}, {"+5", false}, {"-0", false}, {".inf", false}, {"-.inf", false}, {".nan", false},
		{"2004-07-14", true}, {"2009-05-31", true}, {"2004-02-29", true},
		{"2005-02-29", false}, {"2004-13-01", false}, {"2004-7-14", false},
		{"2004-07-14T10:00:00Z", true}, {"2016-05-01T00:00:00.000Z", true}, {"2016-05-01T08:00:00+08:00", true},
		{"2016-05-01T08:00:00.123456789-05:30", true}, {"2016-05-01T25:00:00Z", false}, {"2016-05-01T08:00:00", false},
		{"2016-05-01T8:0:0Z", false}, {"2016-05-01t08:00:00Z", false}, {"2016-05-01T08:00:00 Z", false},
		{"2016-05-01T08:00:00+0800", false}, {"2016-05-01T08:00:00.Z", false}, {"2004-07-14 10:00:00", false},
		{"50家", false}, {"2016年", false}, {"430余位", false},
		{"a: b", false}, {"a:", false}, {"a #b", false}, {"a#b", true},
		{"<<", false}, {"&a x", false}, {"*a", false}, {"!!str x", false}, {"!x y", false},
		{"|", false}, {">", false}, {"%x", false}, {"@x", false}, {"`x", false},
		{"-", false}, {"- a", false}, {"?", false}, {"? a", false}, {":a", false},
		{"{a: 1}", false}, {"{}", false},
		{`"quoted"`, true}, {`"with \"escapes\" \\ \n \t \r"`, true},
		{`"\u00e9\u5b81\u0000"`, true}, {`"\ud800"`, false}, {`"\/"`, false}, {`"\x41"`, false},
		{`"\U0001F600"`, false}, {`"\e"`, false}, {`"unclosed`, false}, {`"a" b`, false},
		{`"a" #c`, false}, {`""`, true}, {`''`, true}, {`'it''s'`, true}, {`'a\n'`, true},
		{`'unclosed`, false}, {`"yes"`, true}, {`"2016"`, true}, {`'null'`, true},
		{`"a: b #c"`, true},
		{"[a, b]", true}, {"[]", true}, {"[ a ,b ]", true}, {`["a", 'b', 1, 0.5, true, ~]`, true},
		{"[a, b,]", false}, {"[a,,b]", false}, {"[a", false}, {"[a] b", false}, {"[[a]]", false},
		{"[a: b]", false}, {"[a?]", false}, {"[设?]", false}, {"[a?b]", false}, {"a?b", true}, {"[{a: 1}]", false}, {"[a #b]", false}, {"[党外知识分子, 新的社会阶层]", true},
		{"😀", true}, {"a\u00a0b", true}, {"\u3000", true},
	}
	for _, tt := range tests {
		for _, form := range []string{"k: %s\n", "k:\n  - %s\n", "k:\n- %s\nz: 1\n", "k: [%s]\n", "l:\n  - k: %s\n    z: 1\n"} {
			data := []byte(fmt.Sprintf(form, tt.in))
			got := checkFastYAML(t, data)
			if form == "k: %s\n" && got != tt.handled {
				t.Errorf("fast path handles %q: %v, want %v", data, got, tt.handled)
			}
		}
	}
}

// TestFastYAMLShapes compares both paths on whole front matters and checks
// which of them the fast path takes.
func TestFastYAMLShapes(t *testing.T) {
	tests := []struct {
		in      string
		handled bool
	}{
		{"", true},
		{"\n  \n", true},
		{"title: t\n", true},
		{"title: t", true},
		{"title: t\n\n\nyear: 2016\n", true},
		{"title:\nyear: 2016\n", true},
		{"title:   \nyear: 2016\n", true},
		{"title:", true},
		{"tags:\n- a\n- b\nyear: 1\n", true},
		{"tags:\n  - a\n\n  - b\nyear: 1\n", true},
		{"tags:\n    - a\n    - b\n", true},
		{"metrics:\n  - name: n\n    value: 50\n    unit: 家\n  - name: m\n    value: 0.5\n", true},
		{"metrics:\n  - name: n\n    sub:\n      - a\n    z: 1\n", true},
		{"metrics:\n  - name: n\n    sub:\n    - a\n    z: 1\n", true},
		{"metrics:\n  - name:\n    z: 1\n", true},
		{"tile:\n  x: 1\n  y: 2\nz: 3\n", true},
		{"a:\n  b:\n    c: 1\n", true},
		{"a-b_c: 1\n_x: 2\n", true},
		// As a form editor (Decap CMS) writes a story.
		{"title: 西周镇商会互助基金会\nslug: xizhou\ntown: \"\"\nyear: 2016\ntags: []\ndate: 2016-05-01T00:00:00.000Z\n" +
			"metrics:\n  - name: 融资金额\n    value: 300\n    qualifier: \"\"\nunits: []\ndraft: false\nweight: \"\"\n", true},
		{"title: t\ntitle: u\n", false},
		{"list:\n  - a: 1\n    a: 2\n", false},
		{"  title: t\n", false},
		{"title: t\n  more\n", false},
		{"title: t\n more\n", false},
		{"tags:\n  - a\n   - b\n", false},
		{"tags:\n  - a\n b: 1\n", false},
		{"tags:\n  - a\n  b: 1\n", false},
		{"tags:\n  -\n  - b\n", false},
		{"tags:\n  -  a\n", false},
		{"tags:\n  - - a\n", false},
		{"tags:\n  -a\n", false},
		{"a:\n  b: 1\n c: 2\n", false},
		{"a:\n  b: 1\n    c: 2\n", false},
		{"# comment\ntitle: t\n", false},
		{"title: t # comment\n", false},
		{"title: t\n# comment\n", false},
		{"title: t\n...\n", false},
		{"--- \ntitle: t\n", false},
		{"%YAML 1.2\n---\ntitle: t\n", false},
		{"title:\tt\n", false},
		{"title: t\r\n", false},
		{"\ufefftitle: t\n", false},
		{"title: a\u2028b\n", false},
		{"title: a\u0085b\n", false},
		{"title: a\x7fb\n", false},
		{"title: &a t\nx: *a\n", false},
		{"title: !!str t\n", false},
		{"<<: {a: 1}\n", false},
		{"? title\n: t\n", false},
		{"title: |\n  a\n", false},
		{"title: >\n  a\n", false},
		{"title: \"a\n  b\"\n", false},
		{"key with space: 1\n", false},
		{"\"title\": t\n", false},
		{"1: a\n", false},
		{"title : t\n", false},
		{"title:t\n", false},
		{"- a\n- b\n", false},
		{"just text\n", false},
		{"a:\n- b\n-\n", false},
	}
	for _, tt := range tests {
		if got := checkFastYAML(t, []byte(tt.in)); got != tt.handled {
			t.Errorf("fast path handles %q: %v, want %v", tt.in, got, tt.handled)
		}
	}
}

// FuzzYAMLFast checks that whenever the fast path takes front matter, it
// reads it exactly as yaml.v3 does: the same tree, kinds, text and lines,
// and never what yaml.v3 rejects.
func FuzzYAMLFast(f *testing.F) {
	for _, data := range realYAML(f) {
		f.Add(data)
	}
	n := 0
	for _, data := range corpusYAML(f, 200) {
		if n++; n > 60 {
			break
		}
		f.Add(data)
	}
	for _, s := range []string{
		"title: t\ntags: [a, 'b', \"c\"]\nyear: 2016\ndate: 2016-05-31\n",
		"metrics:\n  - name: n\n    value: 0.5\n    unit: 亿元\n    qualifier: 余\nawards:\n- level: 省级\n  year: 2016\n",
		"a:\n  b:\n    - c: 1\n      d: [1, 2]\n",
		"title: \"\\u00e9 \\\" \\\\\"\ntext: 'it''s'\n",
		"title: yes\nx: ~\ny: null\nz: 0x1F\nw: 1_000\n",
		"title: t\n  continued\n",
		"a:\n- b\n- c\nd: e\n",
		"title:\nx:\n",
		"date: 2016-05-01T00:00:00.000Z\nt: 2016-05-01T08:00:00+08:00\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFastYAML(t, data)
	})
}

// TestFastYAMLRandom compares both paths on front matters built at random
// from mappings, lists, indents and tricky values, mostly well formed and
// now and then off by a space or a character, which reaches shapes
// byte-level fuzzing seldom does.
func TestFastYAMLRandom(t *testing.T) {
	keys := []string{"a", "b", "title", "tags", "y", "no", "a-b", "_x", "a1"}
	oddKeys := []string{"a b", "<<", "1", `"q"`, "", "-a", "a:b", "? a"}
	values := []string{"v", "宁波 市", "50家", "0.5", "2016", "2016-05-31", "2016-5-31", "yes", "true", "~",
		"null", "[a, b]", "[]", "[1, 0.5, ~, \"x\"]", "['a', \"b\"]", "\"q\"", "'s'", "\"a\\u00e9\\n\"", "'it''s'",
		"http://x/#a", "C#", "a?b", "(x)", "/p", "2016-05-01T00:00:00.000Z", "2016-05-01T08:00:00+08:00"}
	oddValues := []string{"a #c", "a: b", "{a: 1}", "&x v", "*x", "!t v", "|", "0x1F", "1_0", ".5", "-1",
		"[a?]", "[a, [b]]", "\"unclosed", "- v", "? k", "v:", "'a'b", "[a,]", "[a", "@x", "%x"}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	odd := func() bool { return r.IntN(40) == 0 }
	jitter := func(n int) int {
		if odd() {
			return n + r.IntN(3) - 1
		}
		return n
	}
	key := func() string {
		if odd() {
			return pick(oddKeys)
		}
		return pick(keys)
	}
	value := func() string {
		if odd() {
			return pick(oddValues)
		}
		return pick(values)
	}
	var b strings.Builder
	var mapping func(col, depth int, first bool)
	var list func(col, depth int)
	line := func(col int, text string) {
		b.WriteString(strings.Repeat(" ", max(0, jitter(col))) + text + "\n")
		if r.IntN(10) == 0 {
			b.WriteString(strings.Repeat(" ", r.IntN(3)) + "\n")
		}
	}
	// entry writes "key: …" and what follows it; the key is written by
	// the caller when it stands after a list dash.
	entry := func(col, depth int, head string) {
		switch c := r.IntN(10); {
		case c < 6 || depth > 3:
			line(col, head+key()+": "+value())
		case c < 7:
			line(col, head+key()+":")
		case c < 9:
			line(col, head+key()+":")
			list(col+2*r.IntN(2), depth+1)
		default:
			line(col, head+key()+":")
			mapping(col+2, depth+1, false)
		}
	}
	mapping = func(col, depth int, first bool) {
		for i := range 1 + r.IntN(4) {
			head := ""
			if first && i == 0 {
				head = "- "
				col -= 2
			} else if first && i == 1 {
				col += 2
			}
			entry(col, depth, head)
		}
	}
	list = func(col, depth int) {
		for range 1 + r.IntN(3) {
			if r.IntN(2) == 0 && depth < 4 {
				mapping(col+2, depth+1, true)
				continue
			}
			line(col, "- "+value())
		}
	}
	handled := 0
	const n = 20000
	for range n {
		b.Reset()
		mapping(0, 0, false)
		if checkFastYAML(t, []byte(b.String())) {
			handled++
		}
	}
	if handled < n/4 {
		t.Errorf("the fast path handled only %d of %d random front matters", handled, n)
	}
	t.Logf("the fast path handled %d of %d random front matters", handled, n)
}
