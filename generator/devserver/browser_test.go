package devserver

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/ningbo-showcase/showcase/internal/testenv"
)

func browser(t *testing.T) context.Context { return testenv.Browser(t, 2*time.Minute) }

func waitJS(expr string) chromedp.Action[chromedp.Void] { return testenv.WaitJS(expr, 20*time.Second) }

// TestBrowserOverlay drives the live preview in Chromium, under the
// site's strict Content-Security-Policy: an edit reloads the tab; a
// mistake shows the Chinese overlay with the position and the message as
// text; the fix reloads the tab and the overlay is gone.
func TestBrowserOverlay(t *testing.T) {
	ctx := browser(t)
	var streams streamCounter
	l, _ := startWatching(t, fixture(t), nil, streams.wrap)

	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			mu.Lock()
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("evaluating %s: %v", expr, err)
		}
		return v
	}
	// mark tags the document; a reload loses the mark.
	const mark = `(window.__kept = true)`
	const reloaded = `window.__kept !== true`
	const overlay = `document.getElementById('showcase-error-overlay')`
	const story = "content/stories/xizhou.md"

	do("open a story and wait for the event stream",
		chromedp.Navigate(l.url+"/stories/xizhou/"),
		waitJS(`document.querySelector('h1') !== null`),
		waitJS(mark),
	)
	// Edit once the page's event stream is open: from then on it is told.
	streams.waitFor(t, 1)

	l.edit(t, story, "title: 西周镇商会互助基金会", "title: 西周镇商会互助基金会（新）")
	do("the edit reloads the tab",
		waitJS(reloaded),
		waitJS(`document.querySelector('h1').textContent.includes('（新）')`),
		waitJS(mark),
	)
	streams.waitFor(t, 2) // the reloaded page's stream

	l.edit(t, story, "region: 象山县", `region: "<b>假区</b>"`)
	do("the mistake shows the overlay", waitJS(overlay+` !== null`))
	text := eval(overlay + `.textContent`)
	for _, want := range []string{Heading, story + ":", "<b>假区</b>", "关闭"} {
		if !strings.Contains(text, want) {
			t.Errorf("overlay text lacks %q:\n%s", want, text)
		}
	}
	if n := eval(`String(` + overlay + `.querySelectorAll('b').length)`); n != "0" {
		t.Errorf("error text became markup: %s <b> elements in the overlay", n)
	}
	if pos := eval(`getComputedStyle(` + overlay + `).position`); pos != "fixed" {
		t.Errorf("overlay position %q, want fixed (styles blocked by the CSP?)", pos)
	}
	if eval(`String(window.__kept)`) != "true" {
		t.Errorf("the failed build reloaded the tab")
	}
	if h1 := eval(`document.querySelector('h1').textContent`); !strings.Contains(h1, "（新）") {
		t.Errorf("page under the overlay %q, want the last good one", h1)
	}

	l.edit(t, story, `region: "<b>假区</b>"`, "region: 象山县")
	do("the fix reloads the tab without the overlay",
		waitJS(reloaded),
		waitJS(`document.querySelector('h1') !== null`),
		waitJS(overlay+` === null`),
	)

	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Error(p)
	}
}
