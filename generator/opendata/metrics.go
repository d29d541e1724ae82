package opendata

import (
	"bytes"
	"encoding/csv"
	"strconv"

	"github.com/ningbo-showcase/showcase/generator/site"
)

// bom is the UTF-8 byte order mark that tells Excel the file is UTF-8.
const bom = "\ufeff"

// MetricsHeader is the header row of data/metrics.csv.
var MetricsHeader = []string{"url", "title", "region", "year", "category", "metric", "value", "unit", "qualifier", "display"}

// Metrics returns data/metrics.csv: a header row, then a row per figure in
// the site's story order and each story's metric order.
func Metrics(s *site.Site, o Options) []byte {
	j, _ := metricsCSV(s, Options{AbsURL: o.AbsURL, Summary: o.Summary})
	return j.bytes()
}

// metricsCSV is Metrics, as a file joined on demand, taking each story's
// rows from o.Cache when it has them (encoding a story's record cannot
// fail without a cache).
func metricsCSV(s *site.Site, o Options) (*joined, error) {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(MetricsHeader)
	w.Flush() // writing to a bytes.Buffer cannot fail
	if o.Cache == nil {
		for _, st := range s.Stories {
			writeRows(w, st, o)
		}
		w.Flush()
		return o.Cache.join(MetricsPath, b.Bytes(), nil, "", ""), nil
	}
	rows := make([][]byte, len(s.Stories))
	for i, st := range s.Stories {
		e, err := o.record(i, st)
		if err != nil {
			return nil, err
		}
		rows[i] = e.csv
	}
	return o.Cache.join(MetricsPath, b.Bytes(), rows, "", ""), nil
}

// writeRows writes a story's rows of metrics.csv, a row per figure.
func writeRows(w *csv.Writer, st *site.Story, o Options) {
	for _, m := range st.Metrics {
		w.Write([]string{
			o.url(st.URL()), cell(st.Title), cell(st.Region.Title), strconv.Itoa(st.Year), cell(st.Category.Title),
			cell(m.Name), m.Value, cell(m.Unit), m.Qualifier, cell(Display(m)),
		})
	}
}

// cell defuses a text field a spreadsheet would run as a formula.
func cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
