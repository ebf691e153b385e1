package rouge

import (
	"go/build"
	"strings"
	"testing"
)

// TestImports keeps the package to the standard library and the snowball
// stemmer, as golang/go's go/build/deps_test.go keeps its rules.
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range pkg.Imports {
		std := !strings.Contains(strings.Split(path, "/")[0], ".")
		if !std && path != "github.com/kljensen/snowball/english" {
			t.Errorf("rouge imports %s; only the standard library and snowball/english are allowed", path)
		}
	}
}
