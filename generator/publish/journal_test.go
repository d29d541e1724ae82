package publish

import (
	"fmt"
	"reflect"
	"testing"
)

// TestJournalRoundTrip encodes a journal larger than any read buffer and
// decodes it again.
func TestJournalRoundTrip(t *testing.T) {
	m := &manifest{compress: true, files: map[string]entry{}}
	j := &journal{staging: ".public.tmp-1"}
	for i := range 2000 {
		name := fmt.Sprintf("stories/s%d/index.html", i)
		m.files[name] = entry{size: int64(i), mtime: int64(i) << 20, ino: uint64(i) + 7, sum: sumOf([]byte(name))}
		j.writes = append(j.writes, move{fmt.Sprint(i), name})
		j.removes = append(j.removes, fmt.Sprintf("old/%d \"quoted\"\n.html", i))
		j.rmdirs = append(j.rmdirs, fmt.Sprintf("old/%d", i))
	}
	j.manifest = m.encode()
	got, err := decodeJournal(j.encode())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, j) {
		t.Error("the decoded journal differs")
	}
	gm, err := decodeManifest(got.manifest)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gm, m) {
		t.Error("the decoded manifest differs")
	}
}

// FuzzDecodeJournal: any bytes decode to a journal whose names are clean
// paths inside DEST, or to an error; never a panic.
func FuzzDecodeJournal(f *testing.F) {
	j := &journal{staging: ".public.tmp-1", writes: []move{{"1", "a.html"}}, removes: []string{"b"}, rmdirs: []string{"c"},
		manifest: (&manifest{files: map[string]entry{"a.html": {size: 1}}}).encode()}
	f.Add(j.encode())
	f.Add([]byte(journalVersion + "\ns \"..\"\nm\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		j, err := decodeJournal(data)
		if err != nil {
			return
		}
		for _, m := range j.writes {
			if checkPath("fuzz", m.from) != nil || checkPath("fuzz", m.to) != nil {
				t.Errorf("decoded the unsafe move %q", m)
			}
		}
		for _, list := range [][]string{j.removes, j.rmdirs} {
			for _, n := range list {
				if checkPath("fuzz", n) != nil {
					t.Errorf("decoded the unsafe name %q", n)
				}
			}
		}
		if j.staging == "." || j.staging == ".." {
			t.Errorf("decoded the staging name %q", j.staging)
		}
	})
}
