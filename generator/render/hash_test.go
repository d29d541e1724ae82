package render

import (
	"reflect"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ningbo-showcase/showcase/generator/content"
)

// TestHasherFixed pins the hash of a few values: versions are stored on
// disk, so the function must not change between processes or releases
// without the page cache's format version changing with it.
func TestHasherFixed(t *testing.T) {
	for _, c := range []struct {
		s    string
		want uint64
	}{
		{"", 0xf955b5881a882d0d},
		{"宁波", 0x32dc143273746f43},
		{"xizhou-fund-2016", 0xeefe190ed9ec624e},
	} {
		var h hasher
		h.init()
		h.str(c.s)
		if got := h.sum(); got != c.want {
			t.Errorf("hash(%q) = %#x, want %#x", c.s, got, c.want)
		}
	}
}

// TestFrontMatterSumCoversEveryField changes each field of a story in
// turn: every change but the body's must change the front matter's hash.
func TestFrontMatterSumCoversEveryField(t *testing.T) {
	base := func() *content.Story {
		return &content.Story{
			Path: "content/stories/a.md", Slug: "a", Title: "甲", Resources: []string{"p.jpg"},
			RegionRef: content.Ref{Name: "北仑区", Line: 3}, Region: &content.Region{Slug: "beilun"},
			CategoryRef: content.Ref{Name: "商会", Line: 4}, Category: &content.Category{Slug: "chamber"},
			Town: "大碶", Year: 2016, Tags: []string{"x"}, Summary: "s",
			Date:    time.Date(2016, 5, 1, 0, 0, 0, 0, content.Shanghai),
			Metrics: []content.Metric{{Name: "企业", Value: "35", Unit: "家", Line: 9}},
			Awards:  []content.Award{{Level: content.County, Name: "奖", Year: 2016, Line: 12}},
			Units:   []string{"u"}, Sources: []content.Source{{Title: "t"}},
			Cover: "p.jpg", CoverAlt: "alt", Weight: 1, Aliases: []string{"/old/"},
			Body: []byte("正文"), BodyLine: 20, Line: map[string]int{"title": 2},
		}
	}
	want := frontMatterSum(base())
	typ := reflect.TypeFor[content.Story]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue // not front matter: what ReleaseBody keeps, checked below
		}
		st := base()
		v := reflect.ValueOf(st).Elem().Field(i)
		if !change(v) {
			t.Fatalf("field %s: test cannot change a %s", f.Name, f.Type)
		}
		got := frontMatterSum(st)
		if body := f.Name == "Body" || f.Name == "BodyLine"; body != (got == want) {
			t.Errorf("changing %s: hash changed %v", f.Name, got != want)
		}
	}
	st := base()
	st.ReleaseBody(fstest.MapFS{})
	if frontMatterSum(st) != want {
		t.Error("releasing the body changed the front matter's hash")
	}
}

// change changes v in place, whatever its type, and reports whether it
// could.
func change(v reflect.Value) bool {
	switch v.Type() {
	case reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(v.Interface().(time.Time).AddDate(0, 0, 1)))
		return true
	case reflect.TypeFor[*content.Region]():
		v.Set(reflect.ValueOf(&content.Region{Slug: "other"}))
		return true
	case reflect.TypeFor[*content.Category]():
		v.Set(reflect.ValueOf(&content.Category{Slug: "other"}))
		return true
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "！")
	case reflect.Int:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Slice:
		if v.Len() == 0 {
			return false
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			v.SetBytes(append(v.Bytes(), '!'))
			return true
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(c, v)
		v.Set(c)
		return change(v.Index(0))
	case reflect.Struct:
		return change(v.Field(0))
	case reflect.Map:
		v.SetMapIndex(reflect.ValueOf("other"), reflect.ValueOf(1))
	default:
		return false
	}
	return true
}
