package content

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a source file. Line and Col count from 1; zero means
// unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String returns "file:line:col", "file:line" or "file", as go/token does.
func (p Pos) String() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Error is a problem with the content, at a position. Warnings are Errors with
// Warning set: they do not fail a build unless it is strict.
type Error struct {
	Pos     Pos
	Msg     string // English
	Zh      string // Chinese; empty means use Msg
	Warning bool
	Err     error // underlying decoder error, if any
}

// Error returns "file:line: message" in English.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Localized returns the message in Chinese when zh is set, in English
// otherwise, prefixed by the position and, for warnings, by a label.
func (e *Error) Localized(zh bool) string {
	msg, label := e.Msg, "warning: "
	if zh {
		label = "警告："
		if e.Zh != "" {
			msg = e.Zh
		}
	}
	if !e.Warning {
		label = ""
	}
	return e.Pos.String() + ": " + label + msg
}

func errAt(pos Pos, en, zh string) *Error { return &Error{Pos: pos, Msg: en, Zh: zh} }

func warnAt(pos Pos, en, zh string) *Error {
	return &Error{Pos: pos, Msg: en, Zh: zh, Warning: true}
}

// List is the content errors and warnings of one load, in file and line
// order.
type List []*Error

// Errors returns the entries that are not warnings.
func (l List) Errors() List {
	var out List
	for _, e := range l {
		if !e.Warning {
			out = append(out, e)
		}
	}
	return out
}

// Warnings returns the entries that are warnings.
func (l List) Warnings() List {
	var out List
	for _, e := range l {
		if e.Warning {
			out = append(out, e)
		}
	}
	return out
}

// Err returns nil when the list holds no errors, otherwise an error joining
// them all (errors.Join), so that errors.As finds each *Error.
func (l List) Err() error {
	var errs []error
	for _, e := range l.Errors() {
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

func (l List) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// suggest returns the candidate closest to name, or "" when none is close
// enough to be a likely misspelling.
func suggest(name string, candidates []string) string {
	best, bestD := "", 1<<30
	low := strings.ToLower(name)
	for _, c := range candidates {
		d := distance(low, strings.ToLower(c))
		if d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	n := len([]rune(name))
	limit := 2
	switch {
	case n <= 3:
		limit = 1 // 杭州市 is not a misspelling of 鄞州区
	case n > 6:
		limit = n / 3
	}
	if best == "" || bestD > limit || bestD >= n {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func didYouMean(s string) (en, zh string) {
	if s == "" {
		return "", ""
	}
	return fmt.Sprintf(" (did you mean %q?)", s), fmt.Sprintf("（是否想写 %q？）", s)
}
