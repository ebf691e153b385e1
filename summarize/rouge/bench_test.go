package rouge

import (
	"strings"
	"testing"
)

// benchReference and benchCandidate are made-up news summaries of about
// 180 words in 8 sentences, the size of a BBC News Summary reference and of
// an extractive summary of the same length.
var (
	benchReference = []string{
		"The chancellor has promised to raise spending on schools and hospitals by £8bn next year, paid for by higher taxes on large companies and a crackdown on avoidance.",
		"He told MPs that the economy had grown faster than expected in the last quarter and that borrowing would fall in each of the next three years.",
		"Business groups warned that the tax rises would hit investment and cost jobs at a time when exporters were already struggling with the strong pound.",
		"The shadow chancellor said the sums did not add up and accused the government of hiding the true cost of its plans.",
		"Economists were divided over whether the forecasts were realistic.",
		"Some said the growth figures were flattered by one-off factors such as a rise in oil output.",
		"Unions welcomed the extra money for public services but said pay for nurses and teachers was still falling behind inflation.",
		"The budget also included a freeze on fuel duty and a small rise in the personal allowance for income tax.",
		"Shares in banks and builders barely moved after the speech.",
	}
	benchCandidate = []string{
		"The chancellor has promised £8bn more for schools and hospitals next year, funded by higher taxes on big companies.",
		"He told MPs the economy had grown faster than expected and that borrowing would fall over the next three years.",
		"The budget also froze fuel duty and raised the personal allowance for income tax by a small amount.",
		"Business leaders said the tax rises would hurt investment and could cost jobs, with exporters already suffering from the strong pound.",
		"The shadow chancellor accused the government of hiding the true cost of its plans and said the sums did not add up.",
		"Unions welcomed the extra money for public services.",
		"But they said pay for nurses and teachers was still falling behind inflation.",
		"Economists questioned whether the growth forecasts were realistic, pointing to one-off factors such as higher oil output in the last quarter.",
		"The Treasury said the plans would be published in full on Thursday, with details of how the new taxes on large companies would be collected and checked.",
		"Ministers are expected to tour the country next week to sell the budget to voters.",
	}
)

func TestBenchInputSize(t *testing.T) {
	for name, s := range map[string][]string{"reference": benchReference, "candidate": benchCandidate} {
		if n := len(Tokenize(strings.Join(s, " "), false)); n < 170 || n > 190 {
			t.Errorf("%s has %d tokens, want about 180", name, n)
		}
	}
}

func BenchmarkN(b *testing.B) {
	sc := NewScorer(benchReference, true)
	for _, n := range []int{1, 2} {
		b.Run(map[int]string{1: "n=1", 2: "n=2"}[n], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sc.N(benchCandidate, n)
			}
		})
	}
}

func BenchmarkL(b *testing.B) {
	sc := NewScorer(benchReference, true)
	b.ReportAllocs()
	for b.Loop() {
		sc.L(benchCandidate)
	}
}

func BenchmarkLSum(b *testing.B) {
	sc := NewScorer(benchReference, true)
	b.ReportAllocs()
	for b.Loop() {
		sc.LSum(benchCandidate)
	}
}

// BenchmarkScore is the cost of one pair when a corpus is evaluated: the
// reference is tokenized once, and the candidate once for all four metrics.
func BenchmarkScore(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NewScorer(benchReference, true).Score(benchCandidate)
	}
}
