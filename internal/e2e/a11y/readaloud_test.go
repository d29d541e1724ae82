package a11y

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ningbo-showcase/showcase/internal/testenv"
)

// fakeSpeech replaces the browser's speech synthesis (headless Chromium
// has no voices, and a real utterance takes only real voices) with one
// that records what it is asked to say, offering the voices in
// window.__voices.
const fakeSpeech = `
window.__said = []; window.__cancels = 0;
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } addEventListener() {} };
const voices = window.__voices || [];
Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
  getVoices: () => voices,
  speak: (u) => { window.__said.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name}); },
  cancel: () => { window.__cancels++; },
  addEventListener() {},
}});
`

// TestReadAloud drives the 朗读 button from the keyboard with a device
// voice, with an online voice only, and where speech synthesis is absent.
func TestReadAloud(t *testing.T) {
	needChromium(t)
	s := realSite(t)
	const story = "/stories/xizhou-chamber-mutual-fund/"
	for _, c := range []struct {
		name, voices string // JavaScript for window.__voices; "none" removes speech synthesis
		voice, note  string
	}{
		{"device voice", `[{name: 'Online zh', lang: 'zh-CN', localService: false}, {name: 'Local zh', lang: 'zh-CN', localService: true}, {name: 'Local en', lang: 'en-US', localService: true}]`, "Local zh", ""},
		{"online voice only", `[{name: 'Online zh', lang: 'zh-CN', localService: false}]`, "Online zh", "在线语音"},
		{"unsupported", "none", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t)
			script := "window.__voices = " + c.voices + ";" + fakeSpeech
			if c.voices == "none" {
				script = `delete window.speechSynthesis; delete window.SpeechSynthesisUtterance; window.__said = [];`
			}
			if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script}); err != nil {
				t.Fatal(err)
			}
			tb.do("load", chromedp.Navigate(s.url(story)), testenv.WaitJS(`document.readyState === 'complete'`, 20*time.Second))
			if c.voices == "none" {
				if !eval[bool](tb, `document.querySelector('.read-aloud').hidden && getComputedStyle(document.querySelector('.read-aloud')).display === 'none'`) {
					t.Error("the 朗读 button shows where speech synthesis is unsupported")
				}
				return
			}
			tb.do("button shown", testenv.WaitJS(`!document.querySelector('.read-aloud').hidden`, 10*time.Second))
			// From the keyboard: focus the button and press Enter.
			tb.do("focus", chromedp.Evaluate[chromedp.Void](`document.getElementById('read-aloud').focus()`), chromedp.KeyEvent(kb.Enter))
			tb.do("reading", testenv.WaitJS(`window.__said.length > 0`, 10*time.Second))
			said := eval[[]map[string]string](tb, `window.__said`)
			all := ""
			for _, u := range said {
				if u["lang"] != "zh-CN" || u["voice"] != c.voice {
					t.Errorf("utterance %q in %s with voice %q, want zh-CN with %q", u["text"], u["lang"], u["voice"], c.voice)
				}
				all += u["text"]
			}
			if !strings.Contains(all, eval[string](tb, `document.querySelector('h1').innerText`)) || len(said) < 2 {
				t.Errorf("read %d utterances: %q", len(said), all)
			}
			if got := eval[string](tb, `document.getElementById('read-aloud').getAttribute('aria-pressed') + ' ' + document.getElementById('read-aloud').textContent`); got != "true 停止朗读" {
				t.Errorf("while reading the button is %q", got)
			}
			if note := eval[string](tb, `document.getElementById('read-aloud-note').textContent`); c.note == "" && note != "" || !strings.Contains(note, c.note) {
				t.Errorf("note %q, want one saying %q", note, c.note)
			}
			// Space stops it.
			tb.do("stop", chromedp.KeyEvent(" "))
			if got := eval[string](tb, `document.getElementById('read-aloud').getAttribute('aria-pressed')`); got != "false" {
				t.Errorf("Space did not stop the reading (aria-pressed %s)", got)
			}
			// Leaving the page stops it.
			tb.do("again", chromedp.KeyEvent(kb.Enter))
			before := eval[int](tb, `window.__cancels`)
			tb.do("leave", chromedp.Evaluate[chromedp.Void](`dispatchEvent(new PageTransitionEvent('pagehide'))`))
			if eval[int](tb, `window.__cancels`) <= before {
				t.Error("leaving the page did not stop the reading")
			}
			if p := tb.problems(); len(p) > 0 {
				t.Errorf("console messages or CSP violations:\n%s", strings.Join(p, "\n"))
			}
		})
	}
}
