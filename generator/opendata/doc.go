// Package opendata writes the showcase's open data: the published stories,
// their figures and the regions' totals, as files anyone may download and
// reuse.
//
// # Files
//
//   - data/stories.json: an object whose "stories" key lists every
//     published story in the site's order, with its URL, slug, title,
//     region (slug and name), town, year, date, category, tags, summary,
//     metrics, awards, units and sources. Beside it stand "title",
//     "source" (the site's address), "license" (the config's
//     [params] license line), "updated" (the newest story date, never the
//     clock) and "count".
//   - data/metrics.csv: one header row, then one row per figure of every
//     story: story URL, title, region, year, category, metric name, value
//     (a plain number), unit, qualifier and display (300余亿元). It is
//     UTF-8 with a byte order mark, so that Excel in a Chinese locale reads
//     it as UTF-8, with CRLF line ends and RFC 4180 quoting (a field with a
//     comma, a double quote or a line break is quoted, its quotes doubled).
//     A text field that a spreadsheet would take for a formula (starting
//     with =, +, -, @, a tab or a carriage return) is prefixed with an
//     apostrophe, as OWASP advises against CSV injection.
//   - data/regions.json: every region in the site's order with its slug,
//     name, division, URL, story count, award counts by level and metric
//     totals (name, value as a number, unit, qualifier, display, how many
//     figures were added), and the county sums that city-wide figures stand
//     beside.
//
// A value is the editor's exact decimal: JSON numbers are written from
// its canonical text (7000, 0.5), never through a float. JSON escapes <,
// > and & as \u003c, \u003e and \u0026, so a title with markup is inert
// wherever the file is pasted.
//
// Output is a pure function of the site model: the same content gives
// byte-identical files.
package opendata
