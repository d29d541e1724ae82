package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Body lengths in characters (runes), Markdown markup included.
const (
	minBody = 400
	maxBody = 2500
	// maxStep bounds what one filling step adds, so that filling up to a
	// target of at most maxBody-maxStep never overshoots maxBody.
	maxStep = 120
)

// Kinds of body blocks.
const (
	blockHeading = iota
	blockPara
	blockList
	blockOrdered
	blockTable
)

// block is one Markdown block of a body, or for paragraphs a run of them.
type block struct {
	kind  int
	text  string     // heading text or table
	parts []string   // list items
	paras [][]string // paragraphs, each a run of sentences
}

// runes is the rendered length of b in characters, without the blank line
// that separates blocks.
func (b *block) runes() int {
	switch b.kind {
	case blockHeading:
		return 3 + utf8.RuneCountInString(b.text)
	case blockTable:
		return utf8.RuneCountInString(b.text)
	case blockPara:
		n := 0
		for i, p := range b.paras {
			if i > 0 {
				n += 2 // blank line between paragraphs
			}
			for _, s := range p {
				n += utf8.RuneCountInString(s)
			}
		}
		return n
	}
	n := 0
	for i, p := range b.parts {
		n += utf8.RuneCountInString(p) + len(itemMark(b.kind, i))
		if i > 0 {
			n++ // newline between items
		}
	}
	return n
}

func itemMark(kind, i int) string {
	if kind == blockOrdered {
		return strconv.Itoa(i+1) + ". "
	}
	return "- "
}

// deck deals a bank's entries in a random order without repeats until the
// bank is exhausted, then starts over.
type deck struct {
	r    *rand.Rand
	bank []string
	perm []int
}

func (d *deck) next() string {
	if len(d.perm) == 0 {
		d.perm = d.r.Perm(len(d.bank))
	}
	s := d.bank[d.perm[0]]
	d.perm = d.perm[1:]
	return s
}

// newBody writes a story body of minBody–maxBody characters: an intro, a
// practice section with a list, a results section with a GFM table (of the
// story's metrics, or of its stages), a lessons section and sometimes a case
// section and a look ahead, then lengthened sentence by sentence (paragraphs
// of at most maxSentences) up to a length drawn per story.
func newBody(r *rand.Rand, c *ctx, cat int, ms []metric, year int) []byte {
	const maxSentences = 4
	target := minBody + r.IntN(maxBody-maxStep-minBody+1)
	deal := func(bank []string) *deck { return &deck{r: r, bank: bank} }
	intro, practice, results := deal(introSentences), deal(practiceItems), deal(resultSentences)
	lessons, nexts := deal(lessonSentences), deal(nextItems)
	fill, own := deal(fillerSentences), deal(categorySentences[cat])

	var bs []*block
	add := func(b *block) *block { bs = append(bs, b); return b }
	para := func(s ...string) *block {
		p := make([]string, len(s))
		for i, x := range s {
			p[i] = c.expand(x)
		}
		return add(&block{kind: blockPara, paras: [][]string{p}})
	}
	list := func(kind int, d *deck, n int) *block {
		b := &block{kind: kind}
		for range n {
			b.parts = append(b.parts, c.expand(d.next()))
		}
		return add(b)
	}
	heading := func(bank []string) { add(&block{kind: blockHeading, text: pick(r, bank)}) }

	var paras, lists []*block
	paras = append(paras, para(intro.next(), own.next()))
	heading(headPractice)
	paras = append(paras, para(intro.next()))
	lists = append(lists, list(blockList, practice, 2+r.IntN(2)))
	heading(headResults)
	paras = append(paras, para(results.next(), pick(r, tableLeads)))
	add(&block{kind: blockTable, text: table(r, c, ms, year)})
	if r.IntN(2) == 0 {
		heading(headCase)
		paras = append(paras, para(fill.next(), own.next()))
	}
	heading(headLessons)
	lessonPara := para(lessons.next())
	paras = append(paras, lessonPara)
	if r.IntN(2) == 0 {
		heading(headNext)
		lists = append(lists, list(blockOrdered, nexts, 2))
	}

	n := 1 // final newline
	for i, b := range bs {
		if i > 0 {
			n += 2
		}
		n += b.runes()
	}
	ownLeft := len(categorySentences[cat]) - 2 // category sentences not yet used
	lessonsLeft := len(lessonSentences) - 1
	for n < target {
		k := r.IntN(10)
		if k < 2 && len(lists) > 0 {
			l := lists[r.IntN(len(lists))]
			d := practice
			if l.kind == blockOrdered {
				d = nexts
			}
			if len(l.parts) < len(d.bank) {
				s := c.expand(d.next())
				n += 1 + len(itemMark(l.kind, len(l.parts))) + utf8.RuneCountInString(s)
				l.parts = append(l.parts, s)
				continue
			}
		}
		p := paras[r.IntN(len(paras))]
		var s string
		switch {
		case k < 4 && ownLeft > 0:
			ownLeft--
			s = c.expand(own.next())
		case k < 5 && lessonsLeft > 0:
			lessonsLeft--
			p = lessonPara
			s = c.expand(lessons.next())
		default:
			s = c.expand(fill.next())
			if comma := strings.Index(s, "，"); r.IntN(3) == 0 && (comma < 0 || comma > 18) {
				s = pick(r, connectors) + s
			}
		}
		last := &p.paras[len(p.paras)-1]
		if len(*last) < maxSentences {
			*last = append(*last, s)
		} else {
			p.paras = append(p.paras, []string{s})
			n += 2
		}
		n += utf8.RuneCountInString(s)
	}

	var b strings.Builder
	b.Grow(4 * maxBody)
	for i, bl := range bs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		switch bl.kind {
		case blockHeading:
			b.WriteString("## ")
			b.WriteString(bl.text)
		case blockTable:
			b.WriteString(bl.text)
		case blockPara:
			for j, p := range bl.paras {
				if j > 0 {
					b.WriteString("\n\n")
				}
				for _, x := range p {
					b.WriteString(x)
				}
			}
		default:
			for j, p := range bl.parts {
				if j > 0 {
					b.WriteByte('\n')
				}
				b.WriteString(itemMark(bl.kind, j))
				b.WriteString(p)
			}
		}
	}
	b.WriteByte('\n')
	return []byte(b.String())
}

// table writes a GFM table of the story's metrics, or of its stages when it
// has none.
func table(r *rand.Rand, c *ctx, ms []metric, year int) string {
	var b strings.Builder
	if len(ms) > 0 {
		b.WriteString("| 指标 | 数据 |\n| --- | ---: |")
		for i := range ms {
			b.WriteString("\n| ")
			b.WriteString(ms[i].name)
			b.WriteString(" | ")
			b.WriteString(ms[i].figure())
			b.WriteString(" |")
		}
		return b.String()
	}
	b.WriteString("| 阶段 | 时间 | 主要内容 |\n| --- | --- | --- |")
	n := 2 + r.IntN(len(stageRows)-1)
	month := 1 + r.IntN(3)
	for i := range n {
		b.WriteString("\n| ")
		b.WriteString(stageRows[i][0])
		b.WriteString(" | ")
		b.WriteString(strconv.Itoa(year))
		b.WriteString("年")
		b.WriteString(strconv.Itoa(month))
		b.WriteString("月 | ")
		b.WriteString(c.expand(stageRows[i][1]))
		b.WriteString(" |")
		month += 1 + r.IntN(3)
	}
	return b.String()
}
