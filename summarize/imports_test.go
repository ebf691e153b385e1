package summarize

import (
	"go/build"
	"strings"
	"testing"
)

// TestImports keeps summarize below the bot: it builds on retrieval and
// knows nothing of Discord (see STYLE.md, "Which way the imports point").
func TestImports(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		if strings.HasSuffix(imp, "/bot") || strings.Contains(imp, "discordgo") || strings.HasPrefix(imp, "newsdesk/cmd") {
			t.Errorf("summarize imports %s", imp)
		}
	}
}
