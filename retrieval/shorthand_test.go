package retrieval

import (
	"maps"
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
	maps.Copy(files, talks)
	ix := newTestIndex(t, files)
	p := &DefaultParams
	for _, c := range []struct{ typed, meant string }{
		{"how many ppl died in the strike?", "how many people died in the strike?"},
		{"what do u know abt the talks with Ukraine?", "what do you know about the talks with Ukraine?"},
		{"pls tell me who r leading the talks", "please tell me who are leading the talks"},
		{"y did the missile strike hit the port b4 Friday?", "why did the missile strike hit the port before Friday?"}, // asks why
		{"who r the envoys leading the talks", "who are the envoys leading the talks"},
	} {
		checkAskedAs(t, ix, c.typed, c.meant)
	}
	// The index knows "ur": the city is searched for, not "your".
	if a := ix.Answer("Who excavated Ur?", AnswerOptions{}); !a.Found || a.Quotes[0].Hit.Article.ID != "ur.txt" {
		t.Errorf("Who excavated Ur? found %v", a.Found)
	}
	if terms := termsOf(ix.parseQuery("Who excavated Ur?", p)); !slices.Contains(terms, "ur") {
		t.Errorf("Who excavated Ur? searched for %v", terms)
	}
}
