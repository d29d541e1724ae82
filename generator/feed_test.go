package generator

import (
	"testing"
	"time"
)

// TestAppendDate checks the sitemap's <lastmod> dates against
// time.Time.Format.
func TestAppendDate(t *testing.T) {
	for _, d := range []time.Time{
		time.Date(2016, 5, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2004, 12, 31, 23, 59, 0, 0, time.UTC),
		time.Date(999, 1, 9, 0, 0, 0, 0, time.UTC),
		time.Date(7, 10, 10, 0, 0, 0, 0, time.UTC),
		time.Date(12345, 2, 28, 0, 0, 0, 0, time.UTC),
	} {
		y, m, day := d.Date()
		got := string(appendDate(nil, y*10000+int(m)*100+day))
		if want := d.Format("2006-01-02"); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
