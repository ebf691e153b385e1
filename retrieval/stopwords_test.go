package retrieval

import (
	"slices"
	"testing"
)

// Words that frame a question are not searched for: the question asks
// what its other words ask, and is answered, not refused.
func TestQuestionFiller(t *testing.T) {
	ix := newTestIndex(t, talks)
	p := &DefaultParams
	for _, c := range []struct{ framed, plain string }{
		{"What happened in the port of Odesa?", "the port of Odesa?"},
		{"Tell me the latest news on the talks with Ukraine", "the talks with Ukraine"},
		{"Give me a summary of the missile strike on the port", "the missile strike on the port"},
		{"Recap of the talks in Miami?", "the talks in Miami?"},
		{"Can you summarise the strike on Odesa?", "Can you the strike on Odesa?"},
		{"Overview of the talks with Ukraine", "the talks with Ukraine"},
		{"Hey, who is leading the talks?", "who is leading the talks?"},
		{"yo what's up with the strike on Odesa", "what's up with the strike on Odesa"},
		{"Quick recap of the talks in Miami?", "the talks in Miami?"},
		{"tldr on the missile strike", "on the missile strike"},
	} {
		framed, plain := ix.parseQuery(c.framed, p), ix.parseQuery(c.plain, p)
		if !slices.Equal(termsOf(framed), termsOf(plain)) {
			t.Errorf("%q searches for %v, want %v", c.framed, termsOf(framed), termsOf(plain))
		}
		if a := ix.Answer(c.framed, AnswerOptions{}); !a.Found {
			t.Errorf("%q is refused", c.framed)
		}
	}
}

func TestHasSubject(t *testing.T) {
	for _, c := range []struct {
		question string
		want     bool
	}{
		{"Who is leading the talks?", true},
		{"hey!", false},
		{"Thanks", false},
		{"What did they say?", false}, // say is a light word
		{"tell me the latest news", false},
		{"hey, what about the budget?", true},
		{"", false},
		{"Ukraine", true},
		{"thx", false},    // shorthand for thanks
		{"thx u!", false}, // and for you
		{"pls, who leads the talks?", true},
	} {
		if got := HasSubject(c.question); got != c.want {
			t.Errorf("HasSubject(%q) = %v, want %v", c.question, got, c.want)
		}
	}
}
