package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"newsdesk/retrieval"
	"newsdesk/summarize"
	"newsdesk/summarize/rouge"
)

// CNN/DailyMail (../shared/data/cnndm-sample/README.md): 3,000 articles of
// the standard test split with the journalists' highlights. The text is
// lower-cased and tokenized, one article a line; before Newsdesk reads an
// article it is cut into one sentence a line after every ".", "!" or "?"
// token (see cnndmArticle) and given a front-matter title naming the file,
// since the data has no headlines. Each system quotes three sentences;
// ROUGE-1, ROUGE-2 and ROUGE-Lsum (summary-level LCS, the number papers
// report) F1 with stemming are averaged over the articles.
//
// The summarizer's weights were tuned on the odd-numbered files; the table
// shows all articles and the even-numbered ones, never used in tuning,
// apart.
func evalCNNDM(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "eval cnndm", "[--data DIR]")
	dataDir := fs.String("data", defaultDataDir, "folder that holds cnndm-sample/")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	set, err := loadCNNDM(filepath.Join(*dataDir, "cnndm-sample"))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "CNN/DailyMail test sample: %d articles, 3-sentence summaries against the highlights.\n", len(set))
	fmt.Fprintf(env.stdout, "ROUGE F1 (%%) with stemming; held out: the even-numbered files, not used in tuning.\n\n")
	return printROUGE(ctx, env.stdout, set, cnndmSystems, true)
}

// cnndmSystems are the rows of `newsdesk eval cnndm`.
var cnndmSystems = []system{
	{"Lead-3", summarize.Lead},
	{"TextRank (plain)", summarize.TextRank},
	{"Newsdesk", summarize.Summarize},
}

// loadCNNDM reads every article of dir/articles and its highlights.
func loadCNNDM(dir string) ([]rougeCase, error) {
	files, err := filepath.Glob(filepath.Join(dir, "articles", "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("eval cnndm: no articles in %s (see its README for where the data set lives)", filepath.Join(dir, "articles"))
	}
	var set []rougeCase
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		a, err := retrieval.Parse(name+".txt", cnndmArticle(name, string(data)))
		if err != nil {
			return nil, fmt.Errorf("eval cnndm: %w", err)
		}
		h, err := os.ReadFile(filepath.Join(dir, "highlights", name+".txt"))
		if err != nil {
			return nil, fmt.Errorf("eval cnndm: %w", err)
		}
		ref := strings.Split(strings.TrimSpace(string(h)), "\n")
		num, _ := strconv.Atoi(name)
		set = append(set, rougeCase{a: a, ref: ref, n: 3, heldOut: num%2 == 0, scorer: rouge.NewScorer(ref, true)})
	}
	return set, nil
}

// cnndmArticle returns the article file Newsdesk reads for one CNN/DM
// article: front matter with the file number as title (no words to match), then the text cut
// into one sentence a line.
func cnndmArticle(name, text string) []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: " + name + "\n---\n")
	for _, s := range cnndmSentences(text) {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// cnndmSentences cuts tokenized text after every ".", "!" or "?" token.
// Closing quotes that follow stay with the sentence they close: the
// tokenizer's closing double quote (two apostrophes) always, a single
// apostrophe (Daily Mail quotes open and close with it) when the sentence
// has an odd number of them.
func cnndmSentences(text string) []string {
	toks := strings.Fields(text)
	var out, cur []string
	single := 0
	for i := 0; i < len(toks); i++ {
		cur = append(cur, toks[i])
		if toks[i] == "'" {
			single++
		}
		if t := toks[i]; t != "." && t != "!" && t != "?" {
			continue
		}
		for i+1 < len(toks) && (toks[i+1] == "''" || toks[i+1] == "'" && single%2 == 1) {
			i++
			if toks[i] == "'" {
				single++
			}
			cur = append(cur, toks[i])
		}
		out = append(out, strings.Join(cur, " "))
		cur, single = cur[:0], 0
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}
