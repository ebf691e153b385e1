package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"newsdesk/bot"
	"newsdesk/retrieval"
	"newsdesk/summarize"
)

// runSummarize prints the summary of one article, or, with no ARTICLE,
// reads lines "ID" or "ID N" from standard input and prints one JSON
// object per line, so a whole corpus can be summarized in one process. A
// line naming no article (or not of the form ID or ID N) prints an object
// with an "error", and the command fails once every line is done.
func runSummarize(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "summarize", "[--json] [--sentences N] [--articles DIR] [ARTICLE]")
	asJSON := fs.Bool("json", false, "print the summary as one JSON object")
	n := fs.Int("sentences", summarize.DefaultSentences, "how many sentences to quote")
	dir := fs.String("articles", "", "folder of .txt/.md articles (default: $ARTICLES_DIR, else the built-in articles)")
	names, err := parseFlags(fs, args) // "summarize 001 --json" too
	if err != nil {
		return err
	}
	if *n < 1 {
		return fmt.Errorf("summarize: --sentences must be at least 1, got %d", *n)
	}
	if len(names) > 1 {
		return fmt.Errorf("summarize: one ARTICLE at a time, got %d (give several on standard input)", len(names))
	}
	articles, err := loadArticles(articlesDir(env, *dir), env.stderr)
	if err != nil {
		return err
	}
	byID := make(map[string]*retrieval.Article, len(articles))
	for _, a := range articles {
		byID[a.ID] = a
	}
	if len(names) == 1 {
		a, err := findByID(articles, byID, names[0])
		if err != nil {
			return fmt.Errorf("summarize: %w", err)
		}
		s := summarize.Summarize(a, *n)
		if *asJSON {
			return json.NewEncoder(env.stdout).Encode(summaryJSON(s))
		}
		_, err = fmt.Fprint(env.stdout, bot.SummaryMarkdown(s))
		return err
	}
	enc := json.NewEncoder(env.stdout)
	failed := 0
	err = eachLine(ctx, env.stdin, func(line string) error {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			return nil
		}
		k := *n
		var problem error
		if len(fields) > 2 {
			problem = fmt.Errorf("want ID or ID N, got %q", line)
		} else if len(fields) == 2 {
			if v, err := strconv.Atoi(fields[1]); err != nil || v < 1 {
				problem = fmt.Errorf("N must be a number of sentences, at least 1, got %q", fields[1]) //lint:ignore ST1005 N is the argument's name
			} else {
				k = v
			}
		}
		var a *retrieval.Article
		if problem == nil {
			a, problem = findByID(articles, byID, fields[0])
		}
		if problem != nil {
			failed++
			return enc.Encode(jsonSummary{Article: fields[0], Quotes: []jsonSummaryQuote{}, Error: problem.Error()})
		}
		return enc.Encode(summaryJSON(summarize.Summarize(a, k)))
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("summarize: no summary for %d of the input lines", failed)
	}
	return nil
}

// findByID returns the article with the given ID, or the only one whose
// ID starts with it ("001" for "001_e23c1adbc54749fb.txt").
func findByID(articles []*retrieval.Article, byID map[string]*retrieval.Article, id string) (*retrieval.Article, error) {
	if a := byID[id]; a != nil {
		return a, nil
	}
	var found []*retrieval.Article
	for _, a := range articles {
		if strings.HasPrefix(a.ID, id) {
			found = append(found, a)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, fmt.Errorf("no article %q (see 'newsdesk articles')", id)
	}
	return nil, fmt.Errorf("%q names %d articles (%s, …); give more of the ID", id, len(found), found[0].ID)
}

// The JSON shape of `newsdesk summarize --json`, one object per article.
type (
	jsonSummary struct {
		Article string             `json:"article"`
		Title   string             `json:"title,omitempty"`
		Quotes  []jsonSummaryQuote `json:"quotes"`
		Error   string             `json:"error,omitempty"`
	}
	jsonSummaryQuote struct {
		Line    int     `json:"line"`
		Text    string  `json:"text"`
		Score   float64 `json:"score"`
		Context bool    `json:"context,omitempty"` // quoted because the next quote leans on it
	}
)

func summaryJSON(s summarize.Summary) jsonSummary {
	out := jsonSummary{Article: s.Article.ID, Title: s.Article.Title, Quotes: []jsonSummaryQuote{}}
	for _, q := range s.Quotes {
		out.Quotes = append(out.Quotes, jsonSummaryQuote{Line: int(q.Sentence.Line), Text: s.Article.Text(q.Sentence), Score: roundScore(q.Score), Context: q.Context})
	}
	return out
}
