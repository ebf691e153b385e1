package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"newsdesk/retrieval"
)

// The seed question set is a tab-separated file, one question a line:
//
//	question <TAB> articles <TAB> lines
//
// articles is a comma-separated list of article IDs and lines a
// comma-separated list of line numbers; a quote from any of the articles at
// any of the lines answers the question. Both are "-" for a question the
// articles do not answer, which Newsdesk should refuse. Blank lines and
// lines starting with # are skipped.
const defaultQuestions = "retrieval/testdata/questions.tsv"

type seedQuestion struct {
	text     string
	articles []string
	lines    []int // nil: unanswerable
}

func (q seedQuestion) answeredBy(h retrieval.Hit) bool {
	return slices.Contains(q.articles, h.Article.ID) && slices.Contains(q.lines, int(h.Sentence.Line))
}

// quotes reports whether quote q, or one of the sources it also cites,
// answers the question.
func (q seedQuestion) quotes(quote retrieval.Quote) bool {
	return q.answeredBy(quote.Hit) || slices.ContainsFunc(quote.Also, q.answeredBy)
}

// evalSeeds asks the seed question set of the articles and prints
// success@1 and @3 over the answerable questions (a quote at one of the
// expected lines first, or among the quotes) and the share of unanswerable
// questions refused, for plain BM25 and for Newsdesk's ranking, both
// through Index.Answer.
func evalSeeds(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "eval seeds", "[--questions FILE] [--articles DIR] [--misses]")
	file := fs.String("questions", defaultQuestions, "the question set (question, article IDs, line numbers; tab-separated)")
	dir := fs.String("articles", "", "folder of .txt/.md articles (default: $ARTICLES_DIR, else the built-in articles)")
	misses := fs.Bool("misses", false, "also list the questions Newsdesk gets wrong")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	questions, err := readSeedQuestions(*file)
	if err != nil {
		return err
	}
	ix, err := loadIndex(articlesDir(env, *dir), env.stderr)
	if err != nil {
		return err
	}
	answerable := 0
	for _, q := range questions {
		if q.lines != nil {
			answerable++
		}
	}
	fmt.Fprintf(env.stdout, "%d questions over %d articles: %d answerable, %d not\n\n", len(questions), len(ix.Articles()), answerable, len(questions)-answerable)
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "Seed questions\tsuccess@1\tsuccess@3\trefused\t\n")
	for _, r := range []struct {
		name string
		p    *retrieval.Params
	}{
		{"BM25 (plain)", &retrieval.PlainBM25},
		{"Newsdesk", &retrieval.DefaultParams},
	} {
		if err := ctx.Err(); err != nil {
			return err
		}
		var at1, at3, refused, total, none int
		var wrong []string
		for _, q := range questions {
			ans := ix.Answer(q.text, retrieval.AnswerOptions{Params: r.p})
			if q.lines == nil {
				none++
				if !ans.Found {
					refused++
				} else {
					wrong = append(wrong, fmt.Sprintf("%q: not refused, quoted %s:%d", q.text, ans.Quotes[0].Article.ID, ans.Quotes[0].Sentence.Line))
				}
				continue
			}
			total++
			for i, quote := range ans.Quotes {
				if q.quotes(quote) {
					if i == 0 {
						at1++
					}
					at3++
					break
				}
			}
			if !ans.Found {
				wrong = append(wrong, fmt.Sprintf("%q: not found", q.text))
			} else if !q.quotes(ans.Quotes[0]) {
				wrong = append(wrong, fmt.Sprintf("%q: first quote %s:%d", q.text, ans.Quotes[0].Article.ID, ans.Quotes[0].Sentence.Line))
			}
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t\n", r.name, ratio(at1, total), ratio(at3, total), ratio(refused, none))
		if *misses && r.p == &retrieval.DefaultParams {
			defer func() {
				fmt.Fprintln(env.stdout)
				for _, w := range wrong {
					fmt.Fprintln(env.stdout, w)
				}
			}()
		}
	}
	return tw.Flush()
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// readSeedQuestions reads a question set file.
func readSeedQuestions(name string) ([]seedQuestion, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("eval seeds: %w", err)
	}
	defer f.Close()
	var qs []seedQuestion
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			return nil, fmt.Errorf("%s:%d: want 3 tab-separated columns, got %d", name, n, len(cols))
		}
		q := seedQuestion{text: cols[0]}
		if cols[1] != "-" {
			q.articles = strings.Split(cols[1], ",")
			for _, s := range strings.Split(cols[2], ",") {
				l, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil {
					return nil, fmt.Errorf("%s:%d: line number %q: %v", name, n, s, err)
				}
				q.lines = append(q.lines, l)
			}
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval seeds: %w", err)
	}
	return qs, nil
}
