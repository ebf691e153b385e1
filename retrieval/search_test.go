package retrieval

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"newsdesk/seeds"
)

// newTestIndex indexes articles given as file name → content.
func newTestIndex(tb testing.TB, files map[string]string) *Index {
	tb.Helper()
	articles, err := Load(fstestMap(files))
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := NewIndex(articles)
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

func newSeedsIndex(tb testing.TB) *Index {
	tb.Helper()
	articles, err := Load(seeds.FS)
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := NewIndex(articles)
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

// where names a hit as "file:line".
func where(h Hit) string { return fmt.Sprintf("%s:%d", h.Article.ID, h.Sentence.Line) }

func wheres(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, where(h))
	}
	return out
}

// talks is a corpus in which every ranking rule decides one question.
var talks = map[string]string{
	"talks.txt": `Miami talks resume

The weather in Miami was warm on Friday.

Envoy Steve Witkoff and Jared Kushner are leading the talks with Ukraine.

Officials said the talks were leading nowhere, according to people familiar.

Russia invaded Ukraine in February 2022.

Russia's invasion of Ukraine was condemned by many governments.
`,
	"odesa.txt": `Missile strike on the port of Odesa

A missile strike hit the port on Friday.

Seven people died in the strike, the governor said.

People living near the port said the strike was loud.

Umerov will report back to the president.

He will meet Zelenskyy after the talks in Miami.
`,
	"weather.txt": `Weather report

A missile strike hit the port on Friday night.

Officials will meet on Monday.
`,
}

func TestIndexSearch(t *testing.T) {
	ix := newTestIndex(t, talks)
	for _, tt := range []struct {
		name, question string
		opt            SearchOptions
		want           []string // the first hits, in order; nil: no hit
	}{
		// Question words.
		{"who wants a name", "Who is leading the talks?", SearchOptions{}, []string{"talks.txt:5"}},
		{"when wants a date", "When did Russia invade Ukraine?", SearchOptions{}, []string{"talks.txt:9"}},
		{"how many wants a number", "How many people died in the strike?", SearchOptions{}, []string{"odesa.txt:5"}},
		{"shouted question", "WHO IS LEADING THE TALKS", SearchOptions{}, []string{"talks.txt:5"}},
		// Fields.
		{"neighbour holds the subject", "Who will Umerov meet?", SearchOptions{K: 1}, []string{"odesa.txt:11"}},
		// Scope and depth.
		{"one article", "Who is leading the talks?", SearchOptions{Article: "odesa.txt"}, []string{"odesa.txt:11"}},
		{"unknown article", "Who is leading the talks?", SearchOptions{Article: "nope.txt"}, nil},
		{"k", "strike port", SearchOptions{K: 1}, []string{"odesa.txt:3"}},
		// Nothing to look for.
		{"stop words only", "What is the?", SearchOptions{}, nil},
		{"light words only", "What did they say?", SearchOptions{}, nil},
		{"unknown words", "bitcoin blockchain", SearchOptions{}, nil},
		{"empty", "", SearchOptions{}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := wheres(ix.Search(tt.question, tt.opt))
			if len(got) > len(tt.want) && tt.want != nil {
				got = got[:len(tt.want)]
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q, %+v) = %v, want %v", tt.question, tt.opt, got, tt.want)
			}
		})
	}
}

func TestSearchRules(t *testing.T) {
	for _, tt := range []struct {
		name     string
		files    map[string]string
		question string
		want     string
	}{
		{
			"words in order and close beat words apart",
			map[string]string{
				"a.txt": "A\n\nThe talks on the budget were leading nowhere, with nothing agreed.\n",
				"b.txt": "B\n\nHe is leading the talks on the budget for the party, with nothing agreed.\n",
			},
			"leading the talks", "b.txt:3",
		},
		{
			"an article's first sentence beats a later one",
			map[string]string{
				"a.txt": "A\n\nFarmers cut the price of milk.\n\nThe price of bread rose sharply last week.\n",
				"b.txt": "B\n\nThe price of bread rose sharply last week.\n",
			},
			"price of bread", "b.txt:3",
		},
		{
			"the title breaks a tie of words",
			map[string]string{
				"a.txt": "Weather report\n\nA missile strike hit the port on Friday night.\n",
				"b.txt": "Missile strike on the port of Odesa\n\nA missile strike hit the port on Friday night.\n",
			},
			"What hit the port of Odesa?", "b.txt:3",
		},
		{
			"ties go to the article ID, then the position",
			map[string]string{
				"b.txt": "B\n\nThe ferry sailed at dawn.\n",
				"a.txt": "A\n\nThe ferry sailed at dawn.\n",
			},
			"ferry sailed", "a.txt:3",
		},
		{
			"a rare word outweighs a common one",
			map[string]string{
				"a.txt": "A\n\nThe minister spoke.\n\nThe minister spoke again.\n\nThe minister left.\n",
				"b.txt": "B\n\nAn ombudsman spoke.\n",
			},
			"What did the ombudsman or the minister say?", "b.txt:3",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix := newTestIndex(t, tt.files)
			hits := ix.Search(tt.question, SearchOptions{})
			if len(hits) == 0 || where(hits[0]) != tt.want {
				t.Errorf("Search(%q) = %v, want %s first", tt.question, wheres(hits), tt.want)
			}
		})
	}
}

func TestSearchFuzzy(t *testing.T) {
	ix := newTestIndex(t, map[string]string{
		"a.txt": "Talks\n\nZelenskyy said the peace plan was fair.\n\nPutin rejected the plan.\n\nEnvoy Steve Witkoff flew to Moscow.\n\nA missile hit the port of Odesa.\n\nThe cup final was cut short.\n",
	})
	for _, tt := range []struct {
		question string
		want     string // first hit, "" for none
		terms    []string
	}{
		{"What did zelenskiy say about the plan?", "a.txt:3", []string{"zelenskyy", "say", "plan"}},
		{"Where did Vitkoff fly?", "a.txt:7", []string{"witkoff", "fli"}},
		{"What happened in Odessa?", "a.txt:9", []string{"odesa"}},
		// Five letters at least: "cap" is not read as "cup" or "cut".
		{"cap", "", nil},
		// Up to seven letters, one edit: "witkopp" is two from "witkoff".
		{"witkopp", "", nil},
	} {
		hits := ix.Search(tt.question, SearchOptions{})
		if tt.want == "" {
			if len(hits) > 0 {
				t.Errorf("Search(%q) = %v, want nothing", tt.question, wheres(hits))
			}
			continue
		}
		if len(hits) == 0 || where(hits[0]) != tt.want {
			t.Errorf("Search(%q) = %v, want %s first", tt.question, wheres(hits), tt.want)
			continue
		}
		if !slices.Equal(hits[0].Terms, tt.terms) {
			t.Errorf("Search(%q) terms = %q, want %q", tt.question, hits[0].Terms, tt.terms)
		}
		if hits[0].Coverage >= 1 {
			t.Errorf("Search(%q): coverage %.2f; a fuzzy match should count for less", tt.question, hits[0].Coverage)
		}
	}
}

func TestFuzzyMatches(t *testing.T) {
	ix := newSeedsIndex(t)
	for _, tt := range []struct {
		word string
		want []string
	}{
		{"zelenskiy", []string{"zelenski", "zelenskyy"}}, // zelensky, zelenskyy: one edit each
		{"vitkoff", []string{"witkoff"}},
		{"odessa", []string{"odesa"}},
		{"kushnre", []string{"kushner"}}, // letters swapped
		{"ukraine", nil},                 // known words are not matched fuzzily
		{"nato", nil},                    // too short
		{"bitcoin", nil},
	} {
		var got []string
		if _, known := ix.vocab.lookup(tt.word); !known {
			for _, m := range ix.vocab.fuzzy(tt.word) {
				got = append(got, ix.dict.text(m.term))
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("fuzzy(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestRankGolden records the five best sentences, with scores, for
// questions about the seed articles. Run with -update after a ranking
// change and read the diff.
func TestRankGolden(t *testing.T) {
	ix := newSeedsIndex(t)
	questions := []string{
		"Who is leading the talks in Miami?",
		"What did Putin say at his annual news conference?",
		"How many people died in the strike on Odesa?",
		"When did Russia invade Ukraine?",
		"Where will Russian and US officials meet?",
		"What does the US want before it offers security guarantees?",
		"what did zelenskiy agree on",
		"Who won the World Cup?",
	}
	var b bytes.Buffer
	for _, q := range questions {
		fmt.Fprintf(&b, "%s\n", q)
		for _, h := range ix.Search(q, SearchOptions{K: 5}) {
			fmt.Fprintf(&b, "  %.4f %s %q\n", h.Score, where(h), clip(h.Article.Text(h.Sentence), 60))
		}
	}
	checkGolden(t, "testdata/rank.golden", b.Bytes())
}

func TestSearchConcurrent(t *testing.T) {
	ix := newSeedsIndex(t)
	questions := []string{"Who is leading the talks?", "zelenskiy peace plan", "How big is the EU loan?", "Rubio Miami", "frozen Russian assets"}
	want := map[string]string{}
	summary := func(hits []Hit) string {
		var b strings.Builder
		for _, h := range hits {
			fmt.Fprintf(&b, "%s %.6f;", where(h), h.Score)
		}
		return b.String()
	}
	// Searches of one article (a shorter range of the pooled accumulators)
	// run between searches of all of them.
	article := ix.Articles()[1].ID
	wantIn := map[string]string{}
	for _, q := range questions {
		want[q] = summary(ix.Search(q, SearchOptions{}))
		wantIn[q] = summary(ix.Search(q, SearchOptions{Article: article}))
	}
	t.Run("group", func(t *testing.T) {
		for g := range 8 {
			t.Run(fmt.Sprint(g), func(t *testing.T) {
				t.Parallel()
				for i := range 50 {
					q := questions[(g+i)%len(questions)]
					if got := summary(ix.Search(q, SearchOptions{})); got != want[q] {
						t.Errorf("Search(%q) = %s, want %s", q, got, want[q])
					}
					if got := summary(ix.Search(q, SearchOptions{Article: article})); got != wantIn[q] {
						t.Errorf("Search(%q) in %s = %s, want %s", q, article, got, wantIn[q])
					}
					ix.Answer(q, AnswerOptions{})
				}
			})
		}
	})
}
