package summarize

import (
	"slices"
	"testing"

	"newsdesk/retrieval"
)

// TestTermsMatchAnalyze checks that analyzing chunk by chunk, through the
// lexicon, gives the terms retrieval.Analyze gives for the whole text.
func TestTermsMatchAnalyze(t *testing.T) {
	texts := []string{
		"U.S. Secretary of State Marco Rubio told European officials on Friday.",
		"Ukraine’s rates rose 4.5% to $1,200 — won’t they?",
		"The U.S.-led talks, at 9 a.m., drew 90,000 people (EPA Images pic).",
		"O’Brien’s team\u00a0beat\tthe officials' side 2-1.",
		"ＦＵＬＬ width and e\u0301 accents",
		"",
		"   \n ",
	}
	for _, a := range mustSeeds(t) {
		for _, s := range a.Sentences {
			texts = append(texts, a.Text(s))
		}
		texts = append(texts, a.Title)
	}
	lx := currentLexicon()
	for _, text := range texts {
		var want []string
		for _, tok := range retrieval.Analyze(text) {
			want = append(want, tok.Term)
		}
		var c chunk
		lx.analyze(text, &c)
		lx.mu.RLock()
		var got []string
		for _, id := range c.terms {
			got = append(got, wordOf(lx, id))
		}
		lx.mu.RUnlock()
		if !slices.Equal(got, want) {
			t.Errorf("terms of %q = %q, want %q", text, got, want)
		}
		if len(c.plain) != len(c.terms) || len(c.names) != len(c.terms) {
			t.Errorf("%q: %d terms, %d words, %d name flags", text, len(c.terms), len(c.plain), len(c.names))
		}
	}
}

// wordOf returns the word lx numbers id; the caller holds lx.mu.
func wordOf(lx *lexicon, id uint32) string {
	for w, n := range lx.ids {
		if n == id {
			return w
		}
	}
	return "?"
}
