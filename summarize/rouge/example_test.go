package rouge_test

import (
	"fmt"

	"newsdesk/summarize/rouge"
)

// Lin (2004)'s example: both candidates share three words and one bigram
// with the reference, but only the first keeps them in order.
func ExampleNewScorer() {
	sc := rouge.NewScorer([]string{"Police killed the gunman."}, false)
	for _, c := range []string{"Police kill the gunman.", "The gunman kill police."} {
		s := sc.Score([]string{c})
		fmt.Printf("%-24s R1 %.2f  R2 %.2f  L %.2f\n", c, s.N1.F1, s.N2.F1, s.L.F1)
	}
	// Output:
	// Police kill the gunman.  R1 0.75  R2 0.33  L 0.75
	// The gunman kill police.  R1 0.75  R2 0.33  L 0.50
}

// With stemming "killed" and "kill" are one token.
func ExampleL() {
	fmt.Printf("%.2f\n", rouge.L([]string{"Police kill the gunman."}, []string{"Police killed the gunman."}).F1)
	// Output:
	// 1.00
}

// Sentences in another order lose ROUGE-L but keep ROUGE-Lsum, which
// matches each reference sentence against every candidate sentence.
func ExampleLSum() {
	ref := []string{"The bank held rates.", "Shares fell."}
	cand := []string{"Shares fell.", "The bank held rates."}
	fmt.Printf("L %.2f  Lsum %.2f\n", rouge.L(cand, ref).F1, rouge.LSum(cand, ref).F1)
	// Output:
	// L 0.67  Lsum 1.00
}

func ExampleTokenize() {
	fmt.Println(rouge.Tokenize("The Bank's £1.2bn rate-cutting plans", false))
	fmt.Println(rouge.Tokenize("The Bank's £1.2bn rate-cutting plans", true))
	// Output:
	// [the bank s 1 2bn rate cutting plans]
	// [the bank s 1 2bn rate cut plan]
}
