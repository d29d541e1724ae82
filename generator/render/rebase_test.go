package render

import (
	"html/template"
	"testing"
)

func TestRebase(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<p><img src="cover.png" alt="a"></p>`, `<p><img src="/s/stories/x/cover.png" alt="a"></p>`},
		{`<a href="https://example.org/a?b=1&amp;c=2">x</a>`, `<a href="https://example.org/a?b=1&amp;c=2">x</a>`},
		{`<a href="/regions/y/">x</a><a href="#h">y</a>`, `<a href="/regions/y/">x</a><a href="#h">y</a>`},
		{`<a href="../other/">x</a>`, `<a href="/s/stories/other/">x</a>`},
		{`<img srcset="a-480.jpg 480w, a-960.jpg 960w" src="a.jpg">`, `<img srcset="/s/stories/x/a-480.jpg 480w, /s/stories/x/a-960.jpg 960w" src="/s/stories/x/a.jpg">`},
		{`<p>1 = 1, no tags</p>`, `<p>1 = 1, no tags</p>`},
		{`<p title="src=&quot;x&quot;">t</p>`, `<p title="src=&quot;x&quot;">t</p>`},
		{`<a href="mailto:a@b.c">m</a>`, `<a href="mailto:a@b.c">m</a>`},
	} {
		if got := rebase(template.HTML(c.in), "/s/stories/x/"); string(got) != c.want {
			t.Errorf("rebase(%s)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}
