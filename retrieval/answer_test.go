package retrieval

import (
	"slices"
	"strings"
	"testing"
)

func TestAnswerNotFound(t *testing.T) {
	ix := newSeedsIndex(t)
	for _, tt := range []struct {
		question string
		found    bool
	}{
		// The seed articles are about Ukraine peace talks.
		{"Who is leading the talks in Miami?", true},
		{"How big is the EU loan to Ukraine?", true},
		{"what did zelenskiy agree on", true}, // fuzzy
		// Other topics: some words match, the telling ones do not.
		{"Who won the World Cup?", false},
		{"What is the price of bitcoin today?", false},
		{"What did Putin say about bitcoin?", false},
		{"What is the weather forecast for London?", false},
		{"Who won the election in Japan?", false},
		// Light and stop words only.
		{"What did they say?", false},
		{"How many likes did the article get?", false},
		{"Subscribe to our newsletter", false}, // page furniture is not indexed
		{"", false},
	} {
		ans := ix.Answer(tt.question, AnswerOptions{})
		if ans.Found != tt.found || ans.Found != (len(ans.Quotes) > 0) {
			got := "not found"
			if len(ans.Quotes) > 0 {
				got = where(ans.Quotes[0].Hit)
			}
			t.Errorf("Answer(%q).Found = %v (%s, %d quotes), want %v", tt.question, ans.Found, got, len(ans.Quotes), tt.found)
		}
	}
}

// A question word that only a sentence's title holds supports it less
// than one the sentence holds (contextSupport): a sentence that holds one
// common word of the question does not answer it on the strength of a
// title word when the question's telling word is in no article.
func TestAnswerTitleSupport(t *testing.T) {
	ix := newTestIndex(t, map[string]string{
		"europe.txt": "Europeans join Miami talks\n\nRussia seized part of the country in 2022.\n\nRubio said the talks would go on.\n\nThe weather in the city was warm.\n",
		"other.txt":  "Port strike\n\nA missile hit the port of Odesa.\n\nThe country mourned the dead.\n",
	})
	for _, tt := range []struct {
		question string
		found    bool
	}{
		{"Which countries joined PURL?", false},             // PURL is in no article; join only in a title
		{"What did Rubio say about the Miami talks?", true}, // Miami only in the title, and Rubio and talks in the sentence
	} {
		if ans := ix.Answer(tt.question, AnswerOptions{}); ans.Found != tt.found {
			t.Errorf("Answer(%q).Found = %v, want %v", tt.question, ans.Found, tt.found)
		}
	}
}

// wire is the same agency copy in two outlets, lightly edited, and a
// third article that goes on about the exchange.
var wire = map[string]string{
	"a-gazette.txt": `Prisoners swapped

Russia and Ukraine exchanged 150 prisoners of war on Sunday, officials said.

The exchange was brokered by the United Arab Emirates.
`,
	"b-herald.txt": `Prisoner exchange on Sunday

Russia and Ukraine exchanged 150 prisoners of war on Sunday, officials in Kyiv said.

Russia and Ukraine exchanged 150 prisoners of war on Sunday, officials said.
`,
	"c-times.txt": `Prisoner exchange

The prisoner exchange freed soldiers held for two years.

Another prisoner exchange is planned for next month.

Families waited for hours for the prisoner exchange.

The prisoner exchange was the largest this year.
`,
}

func TestAnswerMergesDuplicates(t *testing.T) {
	ix := newTestIndex(t, wire)
	ans := ix.Answer("How many prisoners did Russia and Ukraine exchange?", AnswerOptions{})
	if !ans.Found {
		t.Fatal("not found")
	}
	q := ans.Quotes[0]
	var also []string
	for _, h := range q.Also {
		also = append(also, where(h))
	}
	// The copy in the other outlet is cited beside the quote, not quoted
	// again; the same sentence twice in b-herald.txt is cited once.
	got := append([]string{where(q.Hit)}, also...)
	slices.Sort(got)
	if want := []string{"a-gazette.txt:3", "b-herald.txt:3"}; !slices.Equal(got, want) {
		t.Errorf("first quote and its other sources = %v, want %v", got, want)
	}
	for _, quote := range ans.Quotes[1:] {
		if strings.Contains(quote.Article.Text(quote.Sentence), "150 prisoners") {
			t.Errorf("the wire copy is quoted again: %s %q", where(quote.Hit), quote.Article.Text(quote.Sentence))
		}
	}
}

func TestAnswerLimits(t *testing.T) {
	ix := newTestIndex(t, wire)
	perArticle := func(ans Answer) map[string]int {
		n := map[string]int{}
		for _, q := range ans.Quotes {
			n[q.Article.ID]++
		}
		return n
	}
	q := "When is the prisoner exchange?"
	ans := ix.Answer(q, AnswerOptions{})
	if len(ans.Quotes) < 1 || len(ans.Quotes) > 3 {
		t.Errorf("Answer(%q): %d quotes, want 1 to 3", q, len(ans.Quotes))
	}
	for id, n := range perArticle(ans) {
		if n > 2 {
			t.Errorf("Answer(%q): %d quotes from %s, want at most 2", q, n, id)
		}
	}
	// Asked about one article, it may give three.
	ans = ix.Answer(q, AnswerOptions{Article: "c-times.txt"})
	if n := perArticle(ans)["c-times.txt"]; n != 3 || len(ans.Quotes) != 3 {
		t.Errorf("Answer(%q, article c-times.txt): %v, want 3 quotes from it", q, perArticle(ans))
	}
	if ans := ix.Answer(q, AnswerOptions{Article: "nope.txt"}); ans.Found {
		t.Errorf("Answer(%q, unknown article) found %d quotes", q, len(ans.Quotes))
	}
	// Top gives that many, best first, without the per-article limit.
	ans = ix.Answer(q, AnswerOptions{Top: 5})
	if len(ans.Quotes) != 5 || !ans.Found {
		t.Fatalf("Answer(%q, top 5): %d quotes, found %v", q, len(ans.Quotes), ans.Found)
	}
	for i := 1; i < len(ans.Quotes); i++ {
		if ans.Quotes[i].Score > ans.Quotes[i-1].Score {
			t.Errorf("Answer(%q, top 5): quote %d scores %.4f, above quote %d's %.4f", q, i, ans.Quotes[i].Score, i-1, ans.Quotes[i-1].Score)
		}
	}
	if n := perArticle(ans)["c-times.txt"]; n < 3 {
		t.Errorf("Answer(%q, top 5): %d quotes from c-times.txt, want its 4 sentences to compete freely", q, n)
	}
}

// TestAnswerQuotesVerbatim asks many questions and checks that every quote,
// and every source cited beside it, is the article's own bytes at the
// line it cites, on a line that may be quoted.
func TestAnswerQuotesVerbatim(t *testing.T) {
	for name, ix := range map[string]*Index{"seeds": newSeedsIndex(t), "wire": newTestIndex(t, wire), "talks": newTestIndex(t, talks)} {
		var questions []string
		for _, a := range ix.Articles() {
			questions = append(questions, a.Title)
			for _, s := range a.Sentences {
				if w := strings.Fields(a.Text(s)); len(w) > 4 {
					questions = append(questions, "What about "+strings.Join(w[len(w)-4:], " "))
				}
			}
		}
		for _, q := range questions {
			for _, opt := range []AnswerOptions{{}, {Top: 4}} {
				for _, quote := range ix.Answer(q, opt).Quotes {
					for _, h := range append([]Hit{quote.Hit}, quote.Also...) {
						a, s := h.Article, h.Sentence
						l := a.Lines[s.Line-1]
						if int(s.Index) >= len(a.Sentences) || a.Sentences[s.Index] != s || s.Start < l.Start || s.End > l.End || !l.Kind.Quotable() {
							t.Fatalf("%s: %q quotes %q, not the bytes of line %d of %s", name, q, a.Text(s), s.Line, a.ID)
						}
					}
				}
			}
		}
	}
}

func TestHighlights(t *testing.T) {
	ix := newSeedsIndex(t)
	ans := ix.Answer("what did zelenskiy agree on", AnswerOptions{})
	if !ans.Found {
		t.Fatal("not found")
	}
	q := ans.Quotes[0]
	var words []string
	for _, sp := range Highlights(q.Article.Text(q.Sentence), q.Terms) {
		words = append(words, q.Article.Text(q.Sentence)[sp[0]:sp[1]])
	}
	if !slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, "Zelensk") }) {
		t.Errorf("Highlights(%q, %q) = %q, want the fuzzy match Zelensk… among them", q.Article.Text(q.Sentence), q.Terms, words)
	}
}
