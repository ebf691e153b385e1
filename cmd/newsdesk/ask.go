package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"newsdesk/bot"
	"newsdesk/retrieval"
)

func runAsk(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "ask", "[--json] [--articles DIR] [--article ID] [--top K] [QUESTION...]")
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	dir := fs.String("articles", "", "folder of .txt/.md articles (default: $ARTICLES_DIR, else the built-in articles)")
	article := fs.String("article", "", "answer from this article only (an ID from 'newsdesk articles')")
	top := fs.Int("top", 0, "return the K best sentences instead of the composed 1-3 quotes")
	words, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *top < 0 {
		return fmt.Errorf("ask: --top must be at least 1, got %d", *top)
	}
	ix, err := loadIndex(articlesDir(env, *dir), env.stderr)
	if err != nil {
		return err
	}
	if *article != "" && ix.Article(*article) == nil {
		return fmt.Errorf("ask: no article %q (see 'newsdesk articles')", *article)
	}
	opt := retrieval.AnswerOptions{Article: *article, Top: *top}
	answer := func(q string) error {
		ans := ix.Answer(q, opt)
		if *asJSON {
			return json.NewEncoder(env.stdout).Encode(answerJSON(ans))
		}
		_, err := fmt.Fprintln(env.stdout, bot.AnswerMarkdown(ans))
		return err
	}
	if len(words) > 0 {
		q := strings.Join(words, " ")
		if strings.TrimSpace(q) == "" {
			return errors.New("ask: the question is empty")
		}
		return answer(q)
	}
	return eachLine(ctx, env.stdin, func(line string) error {
		if strings.TrimSpace(line) == "" {
			return nil
		}
		return answer(line)
	})
}

// eachLine calls f for every line of r until r ends, f fails or ctx is
// done.
func eachLine(ctx context.Context, r io.Reader, f func(string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := f(sc.Text()); err != nil {
			return err
		}
	}
	return sc.Err()
}

// The JSON shape of `newsdesk ask --json`, one object per question.
type (
	jsonAnswer struct {
		Question string      `json:"question"`
		Found    bool        `json:"found"`
		Quotes   []jsonQuote `json:"quotes"`
		Answer   string      `json:"answer"`
	}
	jsonQuote struct {
		Article string         `json:"article"`
		Title   string         `json:"title"`
		Line    int            `json:"line"`
		Text    string         `json:"text"`
		Score   float64        `json:"score"`
		Also    []jsonCitation `json:"also,omitempty"`
	}
	jsonCitation struct {
		Article string `json:"article"`
		Title   string `json:"title"`
		Line    int    `json:"line"`
		Text    string `json:"text"`
	}
)

func answerJSON(ans retrieval.Answer) jsonAnswer {
	out := jsonAnswer{Question: ans.Question, Found: ans.Found, Quotes: []jsonQuote{}, Answer: bot.AnswerMarkdown(ans)}
	for _, q := range ans.Quotes {
		jq := jsonQuote{
			Article: q.Article.ID, Title: q.Article.Title, Line: int(q.Sentence.Line),
			Text: q.Article.Text(q.Sentence), Score: roundScore(q.Score),
		}
		for _, h := range q.Also {
			jq.Also = append(jq.Also, jsonCitation{h.Article.ID, h.Article.Title, int(h.Sentence.Line), h.Article.Text(h.Sentence)})
		}
		out.Quotes = append(out.Quotes, jq)
	}
	return out
}

func roundScore(s float64) float64 {
	return float64(int64(s*10000+0.5)) / 10000
}
