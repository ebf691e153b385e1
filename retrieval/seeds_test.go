package retrieval

import (
	"bytes"
	"io/fs"
	"testing"

	"newsdesk/seeds"
)

// TestSeedsGolden records how the cleaning rules read each seed article:
// the kind of every line and the sentences it yields.
func TestSeedsGolden(t *testing.T) {
	articles, err := Load(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(seeds.FS, "*.txt")
	if len(articles) != len(names) {
		t.Fatalf("loaded %d articles of %d files", len(articles), len(names))
	}
	var b bytes.Buffer
	for _, a := range articles {
		b.WriteString("== " + a.ID + "\n")
		b.Write(dumpArticle(a))
	}
	checkGolden(t, "testdata/seeds.golden", b.Bytes())
}

func TestLoadReportsBadFiles(t *testing.T) {
	fsys := fstestMap(map[string]string{
		"good.txt":        "Title\n\nA sentence here.\n",
		"nested/also.md":  "Other title\n\nAnother sentence.\n",
		"binary.txt":      "PK\x03\x04\x00\x00",
		"latin1.txt":      "Caf\xe9 prices rise\n\nPrices rose.\n",
		"empty.txt":       "  \n\n",
		"notes.json":      "{}",
		".hidden.txt":     "Hidden\n\nSkipped.\n",
		"bad-front.md":    "---\ntitle: x\n",
		"bad-date.md":     "---\npublished: yesterday\n---\nT\n\nBody.\n",
		"only-furniture":  "x",
		"furniture.txt":   "Title\n\nlike0\n\nSubscribe to our newsletter.\n",
		"dated/front.txt": "---\ntitle: Dated\npublished: 2025-03-01\n---\nBody text here.\n",
	})
	articles, err := Load(fsys)
	var ids []string
	for _, a := range articles {
		ids = append(ids, a.ID)
	}
	want := []string{"dated/front.txt", "furniture.txt", "good.txt", "nested/also.md"}
	if !equalStrings(ids, want) {
		t.Errorf("Load ids = %q, want %q", ids, want)
	}
	errs := err.(interface{ Unwrap() []error }).Unwrap()
	if len(errs) != 5 {
		t.Errorf("Load reported %d problems, want 5 (binary, latin1, empty, bad-front, bad-date): %v", len(errs), err)
	}
	for _, e := range []string{"binary.txt: not UTF-8 text", "latin1.txt: not UTF-8 text", "empty.txt: empty file", "bad-front.md:1: front matter: no closing ---", "bad-date.md:2: front matter: published"} {
		if !bytes.Contains([]byte(err.Error()), []byte(e)) {
			t.Errorf("Load error %q does not mention %q", err, e)
		}
	}
}
