package retrieval

import (
	"slices"
	"testing"
)

func TestShorthandWord(t *testing.T) {
	for _, c := range []struct{ typed, meant string }{
		{"u", "you"},
		{"U", "you"},
		{"ppl", "people"},
		{"Govt", "government"},
		{"b4", "before"},
		{"you", ""},    // a word, not shorthand
		{"people", ""}, // too long to be shorthand
		{"pplz", ""},
		{"", ""},
	} {
		meant, ok := shorthandWord(c.typed)
		if ok != (c.meant != "") || meant != c.meant {
			t.Errorf("shorthandWord(%q) = %q, %v; want %q", c.typed, meant, ok, c.meant)
		}
	}
}

// A question in chat shorthand is asked as the words it stands for, and
// gets their answer; shorthand the index knows is searched for as it is.
func TestShorthandAnswered(t *testing.T) {
	files := map[string]string{"ur.txt": "Ur excavated\n\nUr was a city of ancient Sumer, excavated by Leonard Woolley.\n"}
	for k, v := range talks {
		files[k] = v
	}
	ix := newTestIndex(t, files)
	p := &DefaultParams
	for _, c := range []struct{ typed, meant string }{
		{"how many ppl died in the strike?", "how many people died in the strike?"},
		{"what do u know abt the talks with Ukraine?", "what do you know about the talks with Ukraine?"},
		{"pls tell me who r leading the talks", "please tell me who are leading the talks"},
		{"y did the missile strike hit the port b4 Friday?", "why did the missile strike hit the port before Friday?"},
	} {
		got, want := ix.parseQuery(c.typed, p), ix.parseQuery(c.meant, p)
		if !slices.Equal(termsOf(got), termsOf(want)) || got.specific != want.specific {
			t.Errorf("%q: %v; want %v, as %q", c.typed, termsOf(got), termsOf(want), c.meant)
		}
		typed, meant := ix.Answer(c.typed, AnswerOptions{}), ix.Answer(c.meant, AnswerOptions{})
		if !meant.Found {
			t.Fatalf("%q finds nothing", c.meant)
		}
		if !typed.Found || len(typed.Quotes) != len(meant.Quotes) || where(typed.Quotes[0].Hit) != where(meant.Quotes[0].Hit) {
			t.Errorf("%q: found %v, %d quotes; %q: %d, first %s", c.typed, typed.Found, len(typed.Quotes), c.meant, len(meant.Quotes), where(meant.Quotes[0].Hit))
		}
	}
	// The index knows "ur": the city is searched for, not "your".
	if a := ix.Answer("Who excavated Ur?", AnswerOptions{}); !a.Found || a.Quotes[0].Hit.Article.ID != "ur.txt" {
		t.Errorf("Who excavated Ur? found %v", a.Found)
	}
	if terms := termsOf(ix.parseQuery("Who excavated Ur?", p)); !slices.Contains(terms, "ur") {
		t.Errorf("Who excavated Ur? searched for %v", terms)
	}
}
