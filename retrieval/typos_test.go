package retrieval

import (
	"maps"
	"slices"
	"testing"
)

// termsOf returns the terms a question searches for.
func termsOf(q query) []string {
	var out []string
	for _, w := range q.words {
		out = append(out, w.term)
	}
	return out
}

func TestMistypedQuestionWord(t *testing.T) {
	files := map[string]string{"wen.txt": "Wen Jiabao visits Paris\n\nWen Jiabao visited Paris on Friday for talks.\n"}
	maps.Copy(files, talks)
	ix := newTestIndex(t, files)
	p := &DefaultParams
	for _, c := range []struct {
		typed, meant string
		ask          askType
	}{
		{"Wher did the strike hit?", "Where did the strike hit?", askWhere},
		{"Whta did Witkoff say?", "What did Witkoff say?", askOther},
		{"whne did Russia invade Ukraine?", "when did Russia invade Ukraine?", askWhen},
		{"And wich envoy leads the talks?", "And which envoy leads the talks?", askOther},
		{"In wich port did the missile strike?", "In which port did the missile strike?", askOther},
		{"Whn did Russia invade Ukraine?", "Russia invade Ukraine?", askOther}, // when, who or why: not searched, asks nothing
		{"Hw many people died?", "", askOther},                                 // too short: kept, and refused
		{"Hwo many people died?", "How many people died?", askCount},           // how, by the word after it
		{"Hwo leads the talks?", "leads the talks?", askOther},                 // who or how: not searched, asks nothing
		{"Wen visited Paris?", "", askOther},                                   // a word the index knows
		{"Did the strike wher hit the port?", "", askOther},                    // not where a question word goes
		{"Strike wher?", "", askOther},                                         // second word, after a word that is not a stop word
		{"Whereabouts of the envoy?", "", askOther},                            // more than one edit
		{"Whose talks resume?", "Whose talks resume?", askWho},                 // spelled right
		{"Where did the strike hit?", "Where did the strike hit?", askWhere},
	} {
		got := ix.parseQuery(c.typed, p)
		if c.meant == "" {
			// Nothing corrected: every word is searched for as typed.
			want := ix.parseQuery(c.typed, p)
			if !slices.Equal(termsOf(got), termsOf(want)) || got.ask != c.ask {
				t.Errorf("%q: %v, ask %d; want %v, ask %d", c.typed, termsOf(got), got.ask, termsOf(want), c.ask)
			}
			continue
		}
		want := ix.parseQuery(c.meant, p)
		if !slices.Equal(termsOf(got), termsOf(want)) || got.ask != c.ask || want.ask != c.ask {
			t.Errorf("%q: %v, ask %d; want %v as %q, ask %d (%d)", c.typed, termsOf(got), got.ask, termsOf(want), c.meant, c.ask, want.ask)
		}
	}
	for _, typed := range []string{"Hw many people died?", "Wen visited Paris?", "Did the strike wher hit the port?", "Strike wher?", "Whereabouts of the envoy?"} {
		terms := termsOf(ix.parseQuery(typed, p))
		first := map[string]string{
			"Hw many people died?":              "hw",
			"Wen visited Paris?":                "wen",
			"Did the strike wher hit the port?": "wher",
			"Strike wher?":                      "wher",
			"Whereabouts of the envoy?":         "whereabout",
		}[typed]
		if !slices.Contains(terms, first) {
			t.Errorf("%q: searched for %v, not %q", typed, terms, first)
		}
	}
}

// A question whose first word is mistyped gets the answer it would get
// spelled right, not a refusal.
func TestMistypedQuestionAnswered(t *testing.T) {
	ix := newTestIndex(t, talks)
	typed := ix.Answer("Wher did the missile strike hit?", AnswerOptions{})
	meant := ix.Answer("Where did the missile strike hit?", AnswerOptions{})
	if !meant.Found {
		t.Fatal("the question spelled right finds nothing")
	}
	if !typed.Found || len(typed.Quotes) != len(meant.Quotes) {
		t.Fatalf("mistyped: found %v, %d quotes; spelled right: %d", typed.Found, len(typed.Quotes), len(meant.Quotes))
	}
	for i := range meant.Quotes {
		if where(typed.Quotes[i].Hit) != where(meant.Quotes[i].Hit) {
			t.Errorf("quote %d: %s, want %s", i, where(typed.Quotes[i].Hit), where(meant.Quotes[i].Hit))
		}
	}
}

func TestSwappedWord(t *testing.T) {
	for _, c := range []struct {
		typed, meant string // meant "" when nothing is meant
	}{
		{"teh", "the"},
		{"Thier", "their"},
		{"abuot", "about"},
		{"sya", "say"},        // a light word
		{"siad", "said"},      // a light word
		{"hwo", "how"},        // who or how: both stop words, left out alike
		{"onw", ""},           // own (a stop word) or now (a light one)
		{"hwoever", ""},       // however or whoever
		{"the", ""},           // spelled right: no swap gives a stop word
		{"ali", ""},           // a name: its swaps are no stop or light word
		{"tehri", ""},         // two swaps from their
		{"ot", ""},            // too short
		{"sürely", ""},        // not ASCII
		{"don't", ""},         // not letters only
		{"witkoff", ""},       // a name
		{"Whereabouts", ""},   // no swap of it is one
		{"thier's", ""},       // not letters only
		{"howeverthough", ""}, // too long
	} {
		meant, ok := swappedWord(c.typed)
		if ok != (c.meant != "") || meant != c.meant {
			t.Errorf("swappedWord(%q) = %q, %v; want %q", c.typed, meant, ok, c.meant)
		}
	}
}

// A question with a stop or light word mistyped by two swapped letters,
// anywhere in it, gets the answer it would get spelled right, not a
// refusal; a name the articles lack is still searched for, and still
// counts.
func TestSwappedWordAnswered(t *testing.T) {
	ix := newTestIndex(t, talks)
	p := &DefaultParams
	for _, c := range []struct{ typed, meant string }{
		{"Who is leading teh talks with Ukraine?", "Who is leading the talks with Ukraine?"},
		{"Where did teh missile strike hit?", "Where did the missile strike hit?"},
		{"How many people died in teh strike abuot the port?", "How many people died in the strike about the port?"},
		{"What did the governor sya about the strike?", "What did the governor say about the strike?"},
		{"Tlel me who is leading the talks", "Tell me who is leading the talks"}, // tell frames the question
	} {
		checkAskedAs(t, ix, c.typed, c.meant)
	}
	// "ali" swaps into no stop or light word: it is searched for, matches
	// nothing, and the question about Ali is refused.
	q := ix.parseQuery("What did Ali say about the talks?", p)
	if !slices.Contains(termsOf(q), "ali") {
		t.Errorf("Ali: searched for %v", termsOf(q))
	}
	if a := ix.Answer("What did Ali say about the talks?", AnswerOptions{}); a.Found {
		t.Errorf("a question about Ali, whom the articles lack, was answered: %v", a.Quotes[0].Hit.Article.ID)
	}
}

// checkAskedAs checks that question typed is asked as meant: it searches
// for the same terms, asks the same, and gets the same answer, which
// meant finds.
func checkAskedAs(t *testing.T, ix *Index, typed, meant string) {
	t.Helper()
	p := &DefaultParams
	got, want := ix.parseQuery(typed, p), ix.parseQuery(meant, p)
	if !slices.Equal(termsOf(got), termsOf(want)) || got.ask != want.ask || got.specific != want.specific {
		t.Errorf("%q: %v, ask %d; want %v, ask %d, as %q", typed, termsOf(got), got.ask, termsOf(want), want.ask, meant)
	}
	a, b := ix.Answer(typed, AnswerOptions{}), ix.Answer(meant, AnswerOptions{})
	if !b.Found {
		t.Fatalf("%q finds nothing", meant)
	}
	if !a.Found || len(a.Quotes) != len(b.Quotes) || where(a.Quotes[0].Hit) != where(b.Quotes[0].Hit) {
		t.Errorf("%q: found %v, %d quotes; %q: %d, first %s", typed, a.Found, len(a.Quotes), meant, len(b.Quotes), where(b.Quotes[0].Hit))
	}
}
