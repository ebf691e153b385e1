package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"newsdesk/retrieval"
	"newsdesk/summarize"
	"newsdesk/summarize/rouge"
)

// BBC News Summary (../shared/data/bbc-news-summary/README.md): 2,225 BBC
// articles of 2004–2005, each with an extract of its sentences made by an
// unknown automatic ranker. Every article file is read through
// retrieval.Parse as it stands (title line, blank line, paragraphs; the one
// Latin-1 file decoded first); each system quotes as many sentences as the
// reference has, and ROUGE-1, ROUGE-2 and ROUGE-L (LCS over the whole
// summary, sentences in article order) F1 with stemming are averaged over
// the articles.
//
// The summarizer's weights were tuned on the odd-numbered articles of each
// category (the dev half); the table shows all articles and the
// even-numbered ones, never used in tuning, apart.
func evalBBC(ctx context.Context, env *environment, args []string) error {
	fs := newFlagSet(env, "eval bbc", "[--data DIR]")
	dataDir := fs.String("data", defaultDataDir, "folder that holds bbc-news-summary/")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	set, err := loadBBC(filepath.Join(*dataDir, "bbc-news-summary"))
	if err != nil {
		return err
	}
	refs := 0
	for _, c := range set {
		refs += len(c.ref)
	}
	fmt.Fprintf(env.stdout, "BBC News Summary: %d articles, %d reference sentences; summaries as long as the reference.\n", len(set), refs)
	fmt.Fprintf(env.stdout, "ROUGE F1 (%%) with stemming; held out: the even-numbered articles, not used in tuning.\n\n")
	return printROUGE(ctx, env.stdout, set, bbcSystems, false)
}

// bbcSystems are the rows of `newsdesk eval bbc`.
var bbcSystems = []system{
	{"Lead-N", summarize.Lead},
	{"TextRank (plain)", summarize.TextRank},
	{"Newsdesk", summarize.Summarize},
}

// A system summarizes an article in n sentences.
type system struct {
	name string
	f    func(a *retrieval.Article, n int) summarize.Summary
}

// A rougeCase is one article with its reference summary.
type rougeCase struct {
	a       *retrieval.Article
	ref     []string // reference sentences
	n       int      // sentences to quote
	heldOut bool     // not used in tuning
	scorer  *rouge.Scorer
}

// loadBBC reads every article of dir/articles and its reference in
// dir/summaries.
func loadBBC(dir string) ([]rougeCase, error) {
	files, err := filepath.Glob(filepath.Join(dir, "articles", "*", "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("eval bbc: no articles in %s (see its README for where the data set lives)", filepath.Join(dir, "articles"))
	}
	var set []rougeCase
	for _, f := range files {
		rel, _ := filepath.Rel(filepath.Join(dir, "articles"), f)
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		a, err := retrieval.Parse(filepath.ToSlash(rel), latin1(data))
		if err != nil {
			return nil, fmt.Errorf("eval bbc: %w", err)
		}
		sum, err := os.ReadFile(filepath.Join(dir, "summaries", rel))
		if err != nil {
			return nil, fmt.Errorf("eval bbc: %w", err)
		}
		ref := splitBBCReference(string(latin1(sum)))
		num, _ := strconv.Atoi(strings.TrimSuffix(filepath.Base(f), ".txt"))
		set = append(set, rougeCase{a: a, ref: ref, n: len(ref), heldOut: num%2 == 0, scorer: rouge.NewScorer(ref, true)})
	}
	return set, nil
}

// latin1 returns data as UTF-8, decoding it as Latin-1 when it is not
// valid UTF-8 (one BBC article has a raw 0xA3 for £).
func latin1(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	var b strings.Builder
	for _, c := range data {
		b.WriteRune(rune(c))
	}
	return []byte(b.String())
}

// splitBBCReference splits a BBC reference summary, whose sentences are
// run together ("…$10.9bn.For the full-year…"), after a sentence end
// followed directly by a capital letter or a double quote. A double quote
// right after the end closes the sentence when the sentence so far has an
// odd number of them, and otherwise opens the next one. It finds 17,373
// sentences in the 2,225 summaries, 98% of them verbatim in their article.
func splitBBCReference(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		if j < len(s) && s[j] == '"' && strings.Count(s[start:i], `"`)%2 == 1 {
			j++
		}
		if j >= len(s) {
			break
		}
		if r, _ := utf8.DecodeRuneInString(s[j:]); unicode.IsUpper(r) || r == '"' {
			out = append(out, s[start:j])
			start, i = j, j-1
		}
	}
	if strings.TrimSpace(s[start:]) != "" {
		out = append(out, s[start:])
	}
	return out
}

// rougeMeans are ROUGE F1 means in percent over a set of articles.
type rougeMeans struct {
	n          int
	r1, r2, rl float64
}

func (m *rougeMeans) add(s rouge.Scores, lsum bool) {
	m.n++
	m.r1 += s.N1.F1
	m.r2 += s.N2.F1
	if lsum {
		m.rl += s.LSum.F1
	} else {
		m.rl += s.L.F1
	}
}

func (m rougeMeans) String() string {
	if m.n == 0 {
		return "-\t-\t-"
	}
	f := 100 / float64(m.n)
	return fmt.Sprintf("%.2f\t%.2f\t%.2f", m.r1*f, m.r2*f, m.rl*f)
}

// printROUGE runs every system over set on all CPUs and prints a table of
// ROUGE means over all articles and over those held out of tuning. With
// lsum, the L column is ROUGE-Lsum.
func printROUGE(ctx context.Context, w io.Writer, set []rougeCase, systems []system, lsum bool) error {
	l := "R-L"
	if lsum {
		l = "R-Lsum"
	}
	held := 0
	for _, c := range set {
		if c.heldOut {
			held++
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "system\tR-1\tR-2\t%s\tR-1*\tR-2*\t%s*\tCPU s\t\n", l, l)
	for _, sys := range systems {
		all, out, took, err := scoreSystem(ctx, set, sys, lsum)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t\n", sys.name, all, out, took.Seconds())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nColumns: means over all %d articles; * over the %d held out; CPU seconds spent summarizing.\n", len(set), held)
	return err
}

// scoreSystem summarizes every case with sys and scores it. Each case's
// scores are kept in its own slot and summed in order, so the means do not
// depend on scheduling. took is the time spent summarizing, summed over
// the workers.
func scoreSystem(ctx context.Context, set []rougeCase, sys system, lsum bool) (all, heldOut rougeMeans, took time.Duration, err error) {
	scores := make([]rouge.Scores, len(set))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		next = make(chan int)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var spent time.Duration
			var cand []string
			for i := range next {
				c := set[i]
				start := time.Now()
				s := sys.f(c.a, c.n)
				spent += time.Since(start)
				cand = cand[:0]
				for _, q := range s.Quotes {
					cand = append(cand, s.Article.Text(q.Sentence))
				}
				scores[i] = c.scorer.Score(cand)
			}
			mu.Lock()
			took += spent
			mu.Unlock()
		}()
	}
	for i := range set {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err != nil {
		return all, heldOut, took, err
	}
	for i, c := range set {
		all.add(scores[i], lsum)
		if c.heldOut {
			heldOut.add(scores[i], lsum)
		}
	}
	return all, heldOut, took, nil
}
