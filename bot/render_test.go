package bot

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"newsdesk/retrieval"
)

func TestClip(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"cut at a word boundary please", 20, "cut at a word…"},
		{"Unbrokenwordthatgoesonandon", 10, "Unbrokenw…"},
		{"ünïcödé wörds everywhere", 12, "ünïcödé…"},
		{"anything", 1, "…"},
		{"anything", 0, ""},
	}
	for _, tt := range tests {
		got := clip(tt.in, tt.n)
		if got != tt.want || runes(got) > tt.n {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestJoinBlocks(t *testing.T) {
	note := func(n int) string {
		return fmt.Sprintf("\n\n*(%d more %s left out to fit Discord's limits)*", n, plural(n, "quote"))
	}
	a, b, c := strings.Repeat("a", 80), strings.Repeat("b", 80), strings.Repeat("c", 80)
	tests := []struct {
		name   string
		blocks []string
		limit  int
		want   string
	}{
		{"all fit", []string{a, b, c}, 244, a + "\n\n" + b + "\n\n" + c},
		{"last left out", []string{a, b, c}, 162 + runes(note(1)), a + "\n\n" + b + note(1)},
		{"no room for the note", []string{a, b, c}, 161 + runes(note(1)), a + note(2)},
		// The first block fits alone but not with the note: clipped so
		// that the note still fits.
		{"first clipped", []string{a, b}, 100, strings.Repeat("a", 100-runes(note(1))-1) + "…" + note(1)},
		{"one block clipped", []string{a}, 20, strings.Repeat("a", 19) + "…"},
		{"none", nil, 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := joinBlocks(tt.blocks, tt.limit, "quote")
			if got != tt.want {
				t.Errorf("joinBlocks = %q, want %q", got, tt.want)
			}
			if runes(got) > tt.limit {
				t.Errorf("joinBlocks gave %d characters, limit %d", runes(got), tt.limit)
			}
		})
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"**bold** _it_ ~~del~~ `code` ||spoiler||", `\*\*bold\*\* \_it\_ \~\~del\~\~ \` + "`code\\`" + ` \|\|spoiler\|\|`},
		{"> quote [link](http://x)", `\> quote \[link\](http://x)`},
		{"@everyone <@123> <#456>", "@\u200beveryone \\<@\u200b123\\> \\<#456\\>"},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := Unescape(Escape(tt.in)); back != tt.in {
			t.Errorf("Unescape(Escape(%q)) = %q", tt.in, back)
		}
	}
}

func TestSearchText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"why were schools closed?", "why were schools closed?"},
		{"<@123> why <@!45> <@&67> in <#89>?", "why in ?"},
		{"@everyone @here rates <:storm:1234> <t:1700000000:R>", "rates"},
		{"email me@example.com", "email me@example.com"},
	}
	for _, tt := range tests {
		if got := searchText(tt.in); got != tt.want {
			t.Errorf("searchText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStripMention(t *testing.T) {
	const me = "42"
	tests := []struct{ in, want string }{
		{"<@42> why?", "why?"},
		{"<@!42> why?", "why?"},
		{"why, <@42>?", "why,  ?"},
		{"<@42> ask <@7> why", "ask <@7> why"},
		{"<@42>", ""},
	}
	for _, tt := range tests {
		if got := stripMention(tt.in, me); got != tt.want {
			t.Errorf("stripMention(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestArticleChoices checks autocomplete: words of titles matched as they
// are typed, newest first, at most 25 choices of at most 100 characters.
func TestArticleChoices(t *testing.T) {
	ix := mustTestIndex(t)
	tests := []struct {
		typed string
		want  []string
	}{
		{"", []string{"rates.txt", "storm-wire.txt", "storm-gazette.txt", "council-budget.txt", "inquiry-long.txt"}},
		{"sto", []string{"storm-wire.txt", "storm-gazette.txt"}},
		{"storm sch", []string{"storm-wire.txt", "storm-gazette.txt"}},
		{"SCHOOLS NORTH", []string{"storm-wire.txt", "storm-gazette.txt"}}, // north…ern
		{"closes schools", []string{"storm-gazette.txt"}},
		{"ida:", []string{"storm-wire.txt"}},
		{"4.5", []string{"rates.txt"}},
		{"rates bank", []string{"rates.txt"}},
		{"ates", nil}, // words match from their start
		{"moon", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range articleChoices(ix, tt.typed) {
			got = append(got, c.Value.(string))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("articleChoices(%q) = %v, want %v", tt.typed, got, tt.want)
		}
	}

	// Forty articles with the same word and a long title: 25 choices,
	// names clipped to 100 characters.
	fsys := fstest.MapFS{}
	for n := range 40 {
		title := fmt.Sprintf("Harbour story number %d %s", n, strings.Repeat("with a very long headline ", 6))
		fsys[fmt.Sprintf("h%02d.txt", n)] = &fstest.MapFile{Data: []byte(title + "\n\nThe harbour reopened on Monday.\n")}
	}
	articles, err := retrieval.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	many, err := retrieval.NewIndex(articles)
	if err != nil {
		t.Fatal(err)
	}
	choices := articleChoices(many, "harb")
	if len(choices) != maxChoices {
		t.Errorf("%d choices, want %d", len(choices), maxChoices)
	}
	for _, c := range choices {
		if runes(c.Name) > maxChoiceName {
			t.Errorf("choice name %q has %d characters", c.Name, runes(c.Name))
		}
	}
}
