package retrieval

import (
	"fmt"
	"strings"
	"testing"
)

// TestCommonWordsFollow builds a corpus large enough, for this test, for
// the first pass to be approximate, in which "year" is common and
// "budget" rare. A sentence holding only "year" is then scored only in
// an article whose title matches the question (reachTitled); elsewhere a
// common word only adds to the sentences a rarer word reached.
func TestCommonWordsFollow(t *testing.T) {
	defer func(n int, m uint32) { minDenseSentences, minApproximate = n, m }(minDenseSentences, minApproximate)
	minDenseSentences, minApproximate = 0, 0
	files := map[string]string{
		"budget.txt": "Budget talks begin\n\nThe year ended with a deficit.\n",
		"plain.txt":  "Harbour works\n\nThe year ended with a surplus.\n",
		"both.txt":   "Market news\n\nShares rose this year after the budget.\n",
	}
	for i := range 60 {
		files[fmt.Sprintf("filler-%02d.txt", i)] = fmt.Sprintf("Filler %d\n\nThe year saw item%d grow.\n", i, i)
	}
	ix := newTestIndex(t, files)
	q := ix.parseQuery("What did the budget do this year?", &DefaultParams)
	propose, probe, common := ix.roles(&q, true)
	if common == 0 || propose == 0 || probe&common != common {
		t.Fatalf("roles: propose %b, probe %b, common %b; want year common and read from its bitmap, budget proposing", propose, probe, common)
	}
	var got []string
	for _, h := range ix.Search("What did the budget do this year?", SearchOptions{K: 10}) {
		got = append(got, h.Article.ID+": "+h.Article.Text(h.Sentence))
	}
	text := strings.Join(got, "\n")
	for _, want := range []string{"both.txt: Shares rose this year after the budget.", "budget.txt: The year ended with a deficit."} {
		if !strings.Contains(text, want) {
			t.Errorf("search misses %q; found:\n%s", want, text)
		}
	}
	if strings.Contains(text, "surplus") || strings.Contains(text, "Filler") {
		t.Errorf("search found a sentence holding only the common word, in an article whose title does not match:\n%s", text)
	}
}
