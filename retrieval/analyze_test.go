package retrieval

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // term@start-end, space-separated
	}{
		{"stems and stop words", "The rates are rising", "rate@4-9 rise@14-20"},
		{"curly possessive", "Ukraine’s security", "ukrain@0-11 secur@12-20"},
		{"straight possessive", "Ukraine's army", "ukrain@0-9 armi@10-14"},
		{"plural possessive", "officials' claims", "offici@0-9 claim@11-17"},
		{"case folding", "PUTIN Putin putin", "putin@0-5 putin@6-11 putin@12-17"},
		{"acronym is not a stop word", "US and U.S. but not us", "us@0-2 us@7-10"},
		{"irregular verbs", "said says told", "say@0-4 say@5-9 tell@10-14"},
		{"contraction", "won’t can't", ""},
		{"hyphenated", "long-term 28-point", "long@0-4 term@5-9 28@10-12 point@13-18"},
		{"decimals and thousands", "4.5bn 90,000 2.5%", "4.5bn@0-5 90000@6-12 2.5@13-16"},
		{"NFKC ligature", "ﬁnance", "financ@0-8"},
		{"accents kept", "Zelenskyy Café", "zelenskyy@0-9 café@10-15"},
		{"empty", "", ""},
		{"symbols", "— … ** @@", ""},
		{"markdown and mentions", "**@everyone** `rates`", "everyon@3-11 rate@15-20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts []string
			for _, tok := range Analyze(tt.in) {
				parts = append(parts, fmt.Sprintf("%s@%d-%d", tok.Term, tok.Start, tok.End))
			}
			if got := strings.Join(parts, " "); got != tt.want {
				t.Errorf("Analyze(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAnalyzeSameForQuestionAndArticle(t *testing.T) {
	q := terms(Analyze("What are Ukraine’s rates?"))
	a := terms(Analyze("Ukraine's rate"))
	if !slices.Equal(q, a) {
		t.Errorf("question terms %q, article terms %q: want equal", q, a)
	}
}

func terms(toks []Token) []string {
	var out []string
	for _, t := range toks {
		out = append(out, t.Term)
	}
	return out
}
