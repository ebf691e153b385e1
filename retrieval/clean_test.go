package retrieval

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden files")

// TestCleanGolden parses each article of testdata/clean and compares the
// role of every line and the sentences it yields with NAME.golden.
func TestCleanGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/clean/*.[tm][xd]*")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if strings.HasSuffix(file, ".golden") {
			continue
		}
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Parse(filepath.Base(file), data)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, strings.TrimSuffix(file, filepath.Ext(file))+".golden", dumpArticle(a))
		})
	}
}

// dumpArticle lists an article's title, each line's kind and its sentences.
func dumpArticle(a *Article) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "title: %s\n", a.Title)
	if a.Dated() {
		fmt.Fprintf(&b, "published: %s\n", a.Published.UTC().Format("2006-01-02T15:04:05Z"))
	}
	if a.Source != "" || a.URL != "" {
		fmt.Fprintf(&b, "source: %s %s\n", a.Source, a.URL)
	}
	si := 0
	for i, l := range a.Lines {
		n := int32(i + 1)
		fmt.Fprintf(&b, "%3d %-11s|%s\n", n, l.Kind, a.Body[l.Start:l.End])
		for ; si < len(a.Sentences) && a.Sentences[si].Line == n; si++ {
			s := a.Sentences[si]
			fmt.Fprintf(&b, "    [%d:%d] %s\n", s.Start-l.Start, s.End-l.Start, a.Text(s))
		}
	}
	return b.Bytes()
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs from the output (run go test -update and review the diff):\n%s", path, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines that differ between want and got.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n   got %q\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}
