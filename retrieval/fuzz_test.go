package retrieval

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that any input either fails cleanly or yields an article
// whose lines cover the file and whose sentences are exact substrings of
// quotable lines.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"Title\n\nBody. Second sentence.\n",
		"---\ntitle: T\npublished: 2025-01-02\n---\nMIAMI:\nText (EPA pic)\n",
		"- bullet one.\n• two\nSimilar news\nrest",
		"\uFEFFT\r\n\r\n“Quote,” he said. U.S. talks… Next.\r\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("fuzz.txt", data)
		if err != nil {
			return
		}
		if !utf8.ValidString(a.Body) || a.Title == "" {
			t.Fatalf("bad article: title %q", a.Title)
		}
		if n := strings.Count(a.Body, "\n") + 1; len(a.Lines) != n {
			t.Fatalf("%d lines, file has %d", len(a.Lines), n)
		}
		for i, s := range a.Sentences {
			l := a.Lines[s.Line-1]
			if int(s.Index) != i || s.Start < l.Start || s.End > l.End || s.Start >= s.End {
				t.Fatalf("sentence %d span %d:%d outside line %d %d:%d", i, s.Start, s.End, s.Line, l.Start, l.End)
			}
			if text := a.Text(s); text != strings.TrimSpace(text) || !l.Kind.Quotable() {
				t.Fatalf("sentence %d %q not trimmed on a quotable line", i, text)
			}
		}
	})
}

// FuzzAnalyze checks that token offsets are in order and inside the text.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"Ukraine’s rates", "U.S. 4.5bn 90,000", "**@everyone**", "ﬁnance café", "a.b.c.", "'s'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, tok := range Analyze(text) {
			if tok.Start < prev || tok.End > len(text) || tok.Start >= tok.End || tok.Term == "" {
				t.Fatalf("Analyze(%q): bad token %+v after %d", text, tok, prev)
			}
			prev = tok.End
		}
	})
}

// FuzzAnswer asks the seeds any question: Answer must not panic, and every
// quote must be its article's own text at the line it cites. The seeds
// hold typos, shorthand, hostile Markdown and mentions.
func FuzzAnswer(f *testing.F) {
	ix := newSeedsIndex(f)
	for _, s := range []string{
		"Who is leading the talks in Miami?", "Wher did teh talks take place?", "what do u know abt ppl in odesa",
		"**@everyone** <@123> `code` ~~x~~", "hwo many thier ZELENSKIY sya?", "ü", "a b c d e f g h i j k l m n o p q r s t u v w x y z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, question string) {
		ans := ix.Answer(question, AnswerOptions{})
		if ans.Found != (len(ans.Quotes) > 0) {
			t.Fatalf("Answer(%q): found %v with %d quotes", question, ans.Found, len(ans.Quotes))
		}
		for _, q := range ans.Quotes {
			h := q.Hit
			line := h.Article.Lines[h.Sentence.Line-1]
			if h.Sentence.Start < line.Start || h.Sentence.End > line.End || !line.Kind.Quotable() {
				t.Fatalf("Answer(%q): quote %d:%d outside quotable line %d", question, h.Sentence.Start, h.Sentence.End, h.Sentence.Line)
			}
		}
	})
}
