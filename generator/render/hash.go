package render

import (
	"encoding/binary"
	"math"
	"math/bits"
	"reflect"
	"slices"
	"sync"
	"time"
	"unsafe"

	"github.com/ningbo-showcase/showcase/generator/content"
	"github.com/ningbo-showcase/showcase/generator/images"
	"github.com/ningbo-showcase/showcase/generator/site"
)

// hasher mixes the values a Version covers into 64 bits with MurmurHash3's
// 64-bit block step: a fixed function of the values alone, the same in
// every process and on every machine (byte strings are read as
// little-endian words), so that versions can be stored.
type hasher uint64

func (h *hasher) init() { *h = 0x9e3779b97f4a7c15 }

func (h *hasher) mix(x uint64) {
	x *= 0x87c37b91114253d5
	x = bits.RotateLeft64(x, 31)
	x *= 0x4cf5ad432745937f
	v := uint64(*h) ^ x
	*h = hasher(bits.RotateLeft64(v, 27)*5 + 0x52dce729)
}

// sum returns the hash, finalized (MurmurHash3's fmix64).
func (h hasher) sum() uint64 {
	x := uint64(h)
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

func (h *hasher) sep() { h.mix(0xff) }

// str mixes a string: its length, then its bytes eight at a time.
func (h *hasher) str(s string) {
	h.mix(uint64(len(s)))
	for len(s) >= 8 {
		h.mix(binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), 8)))
		s = s[8:]
	}
	if len(s) > 0 {
		var tail [8]byte
		copy(tail[:], s)
		h.mix(binary.LittleEndian.Uint64(tail[:]))
	}
}

func (h *hasher) bytes(b []byte) { h.str(unsafe.String(unsafe.SliceData(b), len(b))) }

func (h *hasher) int(n int) { h.mix(uint64(n) + 0x9e3779b97f4a7c15) }

func (h *hasher) bool(b bool) {
	if b {
		h.int(1)
	} else {
		h.int(0)
	}
}

func (h *hasher) story(st *site.Story) {
	if st == nil {
		h.sep()
		return
	}
	h.str(st.Slug)
}

func (h *hasher) years(list []*site.Year) {
	h.int(len(list))
	for _, y := range list {
		h.int(y.Year)
	}
}

// award hashes an award reference by its story and every field.
func (h *hasher) award(a site.AwardRef) {
	h.story(a.Story)
	h.str(a.Level)
	h.str(a.Name)
	h.int(a.Year)
	h.str(a.By)
	h.str(a.Rank)
	h.int(a.Line)
}

func (h *hasher) totals(list []site.Total) {
	h.int(len(list))
	for _, t := range list {
		h.str(t.Name)
		h.str(t.Display)
		h.int(t.Count)
		h.str(t.Total.String())
		h.str(t.Total.Exact.String())
		h.str(t.Total.Base)
		h.int(len(t.Total.Hedges))
		for _, n := range t.Total.Hedges {
			h.int(n)
		}
	}
}

// image hashes a photo's plan: its source's hash and every rung's names.
func (h *hasher) image(im *images.Image) {
	if im == nil {
		h.sep()
		return
	}
	h.value(reflect.ValueOf(im).Elem())
}

// tagPage hashes a tag page's content.
func (h *hasher) tagPage(t *content.Tag) {
	if t == nil {
		h.sep()
		return
	}
	h.value(reflect.ValueOf(t).Elem())
}

var (
	timeType     = reflect.TypeFor[time.Time]()
	regionType   = reflect.TypeFor[*content.Region]()
	categoryType = reflect.TypeFor[*content.Category]()
)

// value mixes any value of the content model by walking it: every field
// of a struct, exported or not, in order; a map's entries in the order of
// their keys; a time as its instant and zone. A region or category a story
// points to is mixed as its slug: what it holds is a site-wide input, and
// its slug is what the story's front matter names.
func (h *hasher) value(v reflect.Value) {
	switch v.Type() {
	case timeType:
		if v.CanInterface() {
			t := v.Interface().(time.Time)
			h.int(int(t.UnixNano()))
			h.str(t.Location().String())
			return
		}
	case regionType:
		if r := v.Interface().(*content.Region); r != nil {
			h.str(r.Slug)
		} else {
			h.sep()
		}
		return
	case categoryType:
		if c := v.Interface().(*content.Category); c != nil {
			h.str(c.Slug)
		} else {
			h.sep()
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		h.str(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.int(int(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.mix(v.Uint())
	case reflect.Bool:
		h.bool(v.Bool())
	case reflect.Float32, reflect.Float64:
		h.mix(math.Float64bits(v.Float()))
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			h.bytes(v.Bytes())
			return
		}
		fallthrough
	case reflect.Array:
		h.int(v.Len())
		for i := range v.Len() {
			h.value(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			h.value(v.Field(i))
		}
	case reflect.Pointer:
		if v.IsNil() {
			h.sep()
			return
		}
		h.int(1)
		h.value(v.Elem())
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return compareKeys(a, b) })
		h.int(len(keys))
		for _, k := range keys {
			h.value(k)
			h.value(v.MapIndex(k))
		}
	default:
		// Functions, channels, interfaces: the content model has none.
		panic("render: cannot hash a " + v.Type().String())
	}
}

// compareKeys orders map keys of the content model (strings or integers).
func compareKeys(a, b reflect.Value) int {
	switch a.Kind() {
	case reflect.String:
		switch x, y := a.String(), b.String(); {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		switch x, y := a.Int(), b.Int(); {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	panic("render: cannot order map keys of type " + a.Type().String())
}

// storyFields are the fields of content.Story its front matter hash
// covers: all exported ones but the body.
var storyFields = sync.OnceValue(func() []int {
	t := reflect.TypeFor[content.Story]()
	var out []int
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && f.Name != "Body" && f.Name != "BodyLine" {
			out = append(out, i)
		}
	}
	return out
})

// frontMatterSum hashes a story's front matter: every field of the
// content object but its body.
func frontMatterSum(st *content.Story) uint64 {
	var h hasher
	h.init()
	v := reflect.ValueOf(st).Elem()
	for _, i := range storyFields() {
		h.value(v.Field(i))
	}
	return h.sum()
}

// storyMemo keeps the hashes of content objects' front matter and of
// their bodies as converted, so that a model whose stories are mostly
// the objects of the last model's hashes only the new ones.
type storyMemo struct {
	mu    sync.Mutex
	front map[*content.Story]uint64
	body  map[*content.Story]bodySum
	// spilled are the body hashes of stories whose HTML Text.Spilled holds.
	spilled map[*content.Story]uint64
}

// bodySum is a body's hash, with the HTML it was made from (held, so that
// its address identifies it).
type bodySum struct {
	html string
	sum  uint64
}

func newStoryMemo() *storyMemo {
	return &storyMemo{front: map[*content.Story]uint64{}, body: map[*content.Story]bodySum{}, spilled: map[*content.Story]uint64{}}
}

// frontMatter returns the hash of st's front matter.
func (v *Versions) frontMatter(st *content.Story) uint64 {
	m := v.memo
	m.mu.Lock()
	sum, ok := m.front[st]
	m.mu.Unlock()
	if ok {
		return sum
	}
	if p := v.prev; p != nil {
		p.mu.Lock()
		sum, ok = p.front[st]
		p.mu.Unlock()
	}
	if !ok {
		sum = frontMatterSum(st)
	}
	m.mu.Lock()
	m.front[st] = sum
	m.mu.Unlock()
	return sum
}

// body returns the hash of st's body as the Markdown stage converted it
// (photos included): what a page that shows the body shows.
func (v *Versions) body(st *content.Story) uint64 {
	if sum, ok := v.spilledBody(st); ok {
		return sum
	}
	html := string(v.text.Stories[st].HTML)
	same := func(b bodySum) bool {
		return len(b.html) == len(html) && unsafe.StringData(b.html) == unsafe.StringData(html)
	}
	m := v.memo
	m.mu.Lock()
	b, ok := m.body[st]
	m.mu.Unlock()
	if ok && same(b) {
		return b.sum
	}
	ok = false
	if p := v.prev; p != nil {
		p.mu.Lock()
		b, ok = p.body[st]
		p.mu.Unlock()
		ok = ok && same(b)
	}
	if !ok {
		var h hasher
		h.init()
		h.str(html)
		b = bodySum{html: html, sum: h.sum()}
	}
	m.mu.Lock()
	m.body[st] = b
	m.mu.Unlock()
	return b.sum
}

// OwnSum returns a hash of the page's own data: what Own holds.
func (p *Page) OwnSum() uint64 {
	var h hasher
	h.init()
	for _, s := range [...]string{p.Kind, p.Path, p.URL, p.Title, p.Description, p.Section, p.Target, p.Source, string(p.Body), string(p.Intro)} {
		h.str(s)
	}
	h.int(p.Count)
	h.int(p.SourceLine)
	h.bool(p.NoIndex)
	if p.Pager != nil {
		h.int(1)
		h.int(p.Pager.Number)
		h.int(p.Pager.Total)
		h.str(p.Pager.Base)
		h.str(p.Pager.PrevURL)
		h.str(p.Pager.NextURL)
	} else {
		h.sep()
	}
	h.str(slugOf(p.Story))
	if p.Region != nil {
		h.str(p.Region.Slug)
	} else {
		h.sep()
	}
	if p.Category != nil {
		h.str(p.Category.Slug)
	} else {
		h.sep()
	}
	if p.Tag != nil {
		h.str(p.Tag.Slug)
	} else {
		h.sep()
	}
	if p.Year != nil {
		h.int(p.Year.Year)
	} else {
		h.sep()
	}
	h.int(len(p.List))
	for _, st := range p.List {
		h.str(st.Slug)
	}
	return h.sum()
}

// DepsFingerprint returns a hash of what page p shows when it reads the keys
// deps: its own data, and each key with its version, which version(i)
// gives for deps[i]. Two renders of a page with the same theme, site-wide
// inputs and fingerprint give the same bytes.
func DepsFingerprint(p *Page, deps Deps, version func(i int) Version) [16]byte {
	var a, b hasher
	a.init()
	b.init()
	b.int(0x5c)
	own := p.OwnSum()
	a.mix(own)
	b.mix(^own)
	for i, k := range deps {
		x := keySum(k) ^ bits.RotateLeft64(version(i).h, 17)
		a.mix(x)
		b.mix(bits.RotateLeft64(x, 32) + 1)
	}
	a.int(len(deps))
	b.int(len(deps))
	var out [16]byte
	binary.LittleEndian.PutUint64(out[:8], a.sum())
	binary.LittleEndian.PutUint64(out[8:], b.sum())
	return out
}

// keySum hashes a key.
func keySum(k Key) uint64 {
	var h hasher
	h.init()
	h.int(int(k.Kind))
	h.str(k.ID)
	h.int(k.N)
	return h.sum()
}
