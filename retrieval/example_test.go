package retrieval_test

import (
	"fmt"
	"testing/fstest"

	"newsdesk/retrieval"
)

// ferry is a folder of two short articles.
var ferry = fstest.MapFS{
	"ferry.txt": {Data: []byte("Ferry strike ends\n\nThe ferry strike ended on Tuesday after 12 days.\n\nUnions said pay talks would resume in May.\n")},
	"port.txt":  {Data: []byte("Port reopens\n\nThe port reopened to freight on Wednesday.\n\nFerry crews returned to work a day after the strike ended.\n")},
}

func ExampleIndex_Search() {
	articles, _ := retrieval.Load(ferry)
	ix, _ := retrieval.NewIndex(articles)
	for _, h := range ix.Search("When did the ferry strike end?", retrieval.SearchOptions{K: 2}) {
		fmt.Printf("%s:%d %q matched %q\n", h.Article.ID, h.Sentence.Line, h.Article.Text(h.Sentence), h.Terms)
	}
	// Output:
	// ferry.txt:3 "The ferry strike ended on Tuesday after 12 days." matched ["ferri" "strike" "end"]
	// port.txt:5 "Ferry crews returned to work a day after the strike ended." matched ["ferri" "strike" "end"]
}

func ExampleIndex_Answer() {
	articles, _ := retrieval.Load(ferry)
	ix, _ := retrieval.NewIndex(articles)
	for _, q := range []string{"When did the ferry strike end?", "Who won the cup final?"} {
		ans := ix.Answer(q, retrieval.AnswerOptions{})
		fmt.Println(q)
		if !ans.Found {
			fmt.Println("  not found")
		}
		for _, quote := range ans.Quotes {
			fmt.Printf("  %s (%s, line %d)\n", quote.Article.Text(quote.Sentence), quote.Article.ID, quote.Sentence.Line)
		}
	}
	// Output:
	// When did the ferry strike end?
	//   The ferry strike ended on Tuesday after 12 days. (ferry.txt, line 3)
	// Who won the cup final?
	//   not found
}
